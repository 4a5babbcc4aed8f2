"""Speech synthesis with espeak-ng: one process per recording session (a speaker saying a list of
words), cut into single utterances, resampled to 16 kHz in numpy.

A session is one SSML document: per-word pitch and rate changes inside <prosody>, separated by
1 s breaks. The cut is at stretches of at least 0.3 s below -70 dBFS (voices with an echo
never reach digital zero); if it does not yield one segment per word, each word is synthesized
alone instead. Starting espeak-ng costs 50-300 ms, far more than synthesizing a word.
"""
import subprocess

import numpy as np

ESPEAK_RATE = 22050  # espeak-ng's native sample rate for its formant voices
TARGET_RATE = 16000
BREAK_MS = 1000
# Quiet runs longer than MIN_GAP_S separate words; closures inside a word (the /t/ of "stop")
# last ~100 ms. Quiet = every sample of a 10 ms frame below SILENCE_LEVEL (-70 dBFS).
MIN_GAP_S = 0.30
SILENCE_LEVEL = 3e-4
FRAME = 220


class SynthesisError(RuntimeError):
    """espeak-ng failed or produced no audio for a word."""


def _run_espeak(args, text):
    cmd = ["espeak-ng", "--stdout"] + args
    try:
        r = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        raise SynthesisError(f"espeak-ng {' '.join(args)} failed: {e}") from e
    data = r.stdout
    if len(data) < 44 or data[:4] != b"RIFF":
        raise SynthesisError(f"espeak-ng {' '.join(args)}: output is not a wav stream")
    rate = int.from_bytes(data[24:28], "little")
    if rate != ESPEAK_RATE:
        raise SynthesisError(f"espeak-ng {' '.join(args)}: sample rate {rate}, need {ESPEAK_RATE}")
    # The streamed header has no valid data size: the samples are everything after byte 44.
    body = data[44:len(data) - (len(data) - 44) % 2]
    return np.frombuffer(body, dtype="<i2").astype(np.float32) / 32768.0


def _segments(x):
    """(start, end) sample ranges of the stretches of x that are not quiet."""
    n = len(x) // FRAME
    loud = np.flatnonzero(np.abs(x[:n * FRAME]).reshape(n, FRAME).max(axis=1) >= SILENCE_LEVEL)
    if loud.size == 0:
        return []
    gaps = np.flatnonzero(np.diff(loud) > int(MIN_GAP_S * ESPEAK_RATE / FRAME))
    starts = np.concatenate(([loud[0]], loud[gaps + 1])) * FRAME
    ends = np.concatenate((loud[gaps] + 1, [loud[-1] + 1])) * FRAME
    return list(zip(starts.tolist(), ends.tolist()))


def _voice_args(speaker):
    path = ["--path=" + speaker["espeak_path"]] if speaker.get("espeak_path") else []
    return path + ["-v", f"{speaker['voice']}+{speaker['variant']}", "-p", str(speaker["pitch"]),
            "-s", str(speaker["rate"]), "-a", str(speaker["amplitude"])]


def _prosody(word, pitch_pct, rate_pct):
    # Signed percentages: espeak-ng reads an unsigned value as absolute.
    return f'<prosody pitch="{pitch_pct:+d}%" rate="{100 + rate_pct}%">{word}</prosody>'


def synthesize_session(speaker, utterances):
    """speaker: dict voice, variant, pitch (0-99), rate (wpm), amplitude (0-200).
    utterances: list of (word, pitch_pct, rate_pct). Returns one float32 array (22.05 kHz,
    [-1, 1]) per utterance, trimmed to its non-silent part."""
    doc = "<speak>" + "".join(
        _prosody(w, p, r) + f'<break time="{BREAK_MS}ms"/>' for w, p, r in utterances) + "</speak>"
    x = _run_espeak(["-m"] + _voice_args(speaker), doc)
    segs = _segments(x)
    if len(segs) == len(utterances):
        return [x[s:e].copy() for s, e in segs]
    out = []
    for w, p, r in utterances:  # fallback: one process per word, then keep the whole of it
        y = _run_espeak(["-m"] + _voice_args(speaker), "<speak>" + _prosody(w, p, r) + "</speak>")
        segs = _segments(y)
        if not segs:
            raise SynthesisError(f"espeak-ng said nothing for {w!r} with {_voice_args(speaker)}")
        out.append(y[segs[0][0]:segs[-1][1]].copy())
    return out


def synthesize_text(speaker, text):
    """A whole sentence (for babble), 22.05 kHz float32."""
    return _run_espeak(_voice_args(speaker), text)


def resample(x, speed=1.0, in_rate=ESPEAK_RATE, out_rate=TARGET_RATE):
    """Band-limited resampling by zero-padding or truncating the spectrum (numpy FFT). speed > 1
    plays the clip faster (shorter and higher, like a tape: Kaldi-style speed perturbation).
    Zero padding on both sides keeps the FFT's circular wrap away from the signal."""
    pad = 256
    xp = np.pad(np.asarray(x, dtype=np.float64), (pad, pad))
    n_out = int(round(len(xp) * out_rate / (in_rate * speed)))
    spec = np.fft.rfft(xp)
    keep = min(len(spec), n_out // 2 + 1)
    out_spec = np.zeros(n_out // 2 + 1, dtype=np.complex128)
    out_spec[:keep] = spec[:keep]
    y = np.fft.irfft(out_spec, n_out) * (n_out / len(xp))
    cut = int(round(pad * out_rate / (in_rate * speed)))
    return y[cut:n_out - cut].astype(np.float32)
