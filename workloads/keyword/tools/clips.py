"""Turns one synthesized utterance (or nothing, for "silence") into a 1 s, 16 kHz, int16 clip the
way a microphone would have recorded it: speed perturbation, a room's reverberation, a random
position in the second, background noise at a chosen SNR, a recording level, int16 rounding."""
import numpy as np

import noise
import speech

N = 16000
RATE = 16000
FADE = 160  # 10 ms fade where an over-long utterance is cut


def _db(x):
    return 10.0 ** (x / 20.0)


def _rms(x):
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def reverb(x, rng, rt60):
    """Convolve with a synthetic room response: direct sound plus exponentially decaying noise
    whose energy falls 60 dB in rt60 seconds (Sabine's reverberation time)."""
    n_ir = int(min(rt60, 0.8) * RATE)
    t = np.arange(n_ir) / RATE
    tail = rng.standard_normal(n_ir) * np.exp(-6.9078 * t / rt60)  # ln(1000) = 6.9078: -60 dB
    tail[:int(0.003 * RATE)] = 0.0  # first reflections arrive a few ms after the direct sound
    ir = tail * (rng.uniform(0.2, 0.6) / (np.sqrt(np.sum(tail ** 2)) + 1e-9))
    ir[0] = 1.0
    n_fft = 1 << int(np.ceil(np.log2(len(x) + n_ir)))
    y = np.fft.irfft(np.fft.rfft(x, n_fft) * np.fft.rfft(ir, n_fft), n_fft)
    return y[:len(x) + n_ir]


def place(utt, offset_frac):
    """Put the utterance at offset_frac of the free room inside one second; cut with a fade if
    it is longer than a second."""
    out = np.zeros(N, dtype=np.float64)
    if len(utt) > N:
        utt = utt[:N].copy()
        utt[-FADE:] *= np.linspace(1.0, 0.0, FADE)
    start = int(offset_frac * (N - len(utt)))
    out[start:start + len(utt)] = utt
    return out, start, len(utt)


def to_int16(x, peak_dbfs):
    """Scale so the clip's peak sits at peak_dbfs and round to int16 like an ADC."""
    peak = float(np.max(np.abs(x)))
    if peak > 0:
        x = x * (_db(peak_dbfs) / peak)
    return np.clip(np.round(x * 32767.0), -32768, 32767).astype(np.int16)


def speech_clip(utt22k, p, babble_bank):
    """p: dict speed, rt60 (0 = dry), offset, noise (kind or None), snr_db, peak_dbfs, seed."""
    rng = np.random.Generator(np.random.PCG64(p["seed"]))
    utt = speech.resample(utt22k, speed=p["speed"]).astype(np.float64)
    if p["rt60"] > 0:
        utt = reverb(utt, rng, p["rt60"])
    x, start, length = place(utt, p["offset"])
    speech_power = _rms(x[start:start + length]) ** 2
    # A microphone's own noise, ~70 dB under the speech: no clip is digitally clean.
    x += rng.standard_normal(N) * np.sqrt(speech_power) * _db(-70.0)
    if p["noise"] is not None:
        nz = noise.make(p["noise"], rng, babble_bank)
        x += nz * np.sqrt(speech_power) * _db(-p["snr_db"])
    return to_int16(x, p["peak_dbfs"])


def silence_clip(p, babble_bank):
    """p: dict noise (kind), second (kind or None, mixed 6-20 dB lower), peak_dbfs, seed.
    Very low peak_dbfs gives near-silent clips dominated by int16 rounding."""
    rng = np.random.Generator(np.random.PCG64(p["seed"]))
    x = noise.make(p["noise"], rng, babble_bank).astype(np.float64)
    if p["second"] is not None:
        x += noise.make(p["second"], rng, babble_bank) * _db(-rng.uniform(6.0, 20.0))
    return to_int16(x, p["peak_dbfs"])
