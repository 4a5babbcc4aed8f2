#!/usr/bin/python3
"""Writes the test vectors of the C++ MFCC front end from mfcc.py.

Output (tests/firmware-runner/engine/frontend/vectors/): mfcc_vectors.json and one spoken word
as raw int16 (espeak_left.s16). Every other clip is described by a recipe of integer-only signal
components (tone, chirp, noise, dc) that the C++ test regenerates bit for bit; the JSON holds
the recipe, the CRC-32 of the int16 clip (so a drifting generator fails loudly), and mfcc.py's
float and int8 features.

Integer signal recipes (all arithmetic on integers, so Python and C++ agree exactly):
  phase accumulator: inc = hz * 2^32 // 16000; a chirp's increment at sample n is
    inc0 + (inc1 - inc0) * n // 16000; the phase before sample n is the sum of the previous
    increments mod 2^32 (phase(0) = 0).
  sine: p = phase >> 16, x = p & 0x7fff, P = x (32768 - x);
    value = amp * 16 P // (5 * 2^30 - 4 P) (Bhaskara's approximation), negated when p & 0x8000.
  noise: xorshift32 (x ^= x << 13; x ^= x >> 17; x ^= x << 5, mod 2^32) from seed;
    value = x % (2 amp + 1) - amp.
  Components are active on samples [start, end), summed in 64-bit and clamped to int16.

The spoken word is made with espeak-ng (22050 Hz), linearly resampled to 16 kHz and rounded; it
is only regenerated with --refresh-speech (espeak-ng output differs between versions).
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zlib

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import mfcc  # noqa: E402

N = mfcc.NUM_SAMPLES
REPO = pathlib.Path(__file__).resolve().parents[3]
OUT_DIR = REPO / "tests/firmware-runner/engine/frontend/vectors"
SPEECH_FILE = "espeak_left.s16"


def phase_of(inc):
    """Phase before each sample, from per-sample increments (int64 array)."""
    phase = np.zeros(N, dtype=np.int64)
    phase[1:] = np.cumsum(inc[:-1])
    return phase & 0xFFFFFFFF


def int_sine(phase, amp):
    p = phase >> 16
    x = p & 0x7FFF
    big_p = x * (32768 - x)
    v = (amp * 16 * big_p) // (5 * (1 << 30) - 4 * big_p)
    return np.where((p & 0x8000) != 0, -v, v)


def xorshift_noise(seed, amp):
    out = np.zeros(N, dtype=np.int64)
    x = seed & 0xFFFFFFFF
    for i in range(N):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        out[i] = x % (2 * amp + 1) - amp
    return out


def component(c):
    kind = c["type"]
    n = np.arange(N, dtype=np.int64)
    if kind == "tone":
        v = int_sine(phase_of(np.full(N, c["hz"] * (1 << 32) // 16000, dtype=np.int64)), c["amp"])
    elif kind == "chirp":
        inc0 = c["hz0"] * (1 << 32) // 16000
        inc1 = c["hz1"] * (1 << 32) // 16000
        v = int_sine(phase_of(inc0 + (inc1 - inc0) * n // 16000), c["amp"])
    elif kind == "noise":
        v = xorshift_noise(c["seed"], c["amp"])
    elif kind == "dc":
        v = np.full(N, c["value"], dtype=np.int64)
    else:
        raise ValueError(f"unknown component type {kind!r}")
    start, end = c.get("start", 0), c.get("end", N)
    return np.where((n >= start) & (n < end), v, 0)


def synthesize(recipe):
    total = np.zeros(N, dtype=np.int64)
    for c in recipe:
        total += component(c)
    return np.clip(total, -32768, 32767).astype(np.int16)


CLIPS = [
    ("tone_1k", [{"type": "tone", "hz": 1000, "amp": 20000}]),
    ("two_tones", [{"type": "tone", "hz": 440, "amp": 9000},
                   {"type": "tone", "hz": 3000, "amp": 6000}]),
    ("chirp", [{"type": "chirp", "hz0": 100, "hz1": 7000, "amp": 16000}]),
    ("noise", [{"type": "noise", "seed": 12345, "amp": 8000}]),
    ("burst", [{"type": "noise", "seed": 777, "amp": 200},
               {"type": "tone", "hz": 400, "amp": 12000, "start": 5000, "end": 9800},
               {"type": "chirp", "hz0": 2000, "hz1": 500, "amp": 5000, "start": 6000,
                "end": 9000}]),
    ("clipped_full_scale", [{"type": "tone", "hz": 250, "amp": 60000}]),
    ("negative_peak", [{"type": "tone", "hz": 300, "amp": 10000}, {"type": "dc", "value": -15000}]),
    ("faint_noise", [{"type": "noise", "seed": 4242, "amp": 3}]),
    ("silence", []),
]


def speech_clip(path, refresh):
    if path.exists() and not refresh:
        return np.fromfile(path, dtype="<i2").astype(np.int16)
    if shutil.which("espeak-ng") is None:
        raise SystemExit(f"{path} is missing and espeak-ng is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        wav = pathlib.Path(tmp) / "word.wav"
        subprocess.run(["espeak-ng", "-w", str(wav), "left"], check=True)
        import wave
        with wave.open(str(wav), "rb") as w:
            rate = w.getframerate()
            raw = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    t = np.arange(N) * rate / 16000.0
    audio = np.interp(t, np.arange(raw.size), raw, right=0.0)
    clip = np.clip(np.round(audio), -32768, 32767).astype(np.int16)
    clip.astype("<i2").tofile(path)
    return clip


def entry(name, audio, recipe=None, file=None):
    m = mfcc.mfcc(audio)
    e = {"name": name}
    if recipe is not None:
        e["recipe"] = recipe
    if file is not None:
        e["file"] = file
    e["audio_crc32"] = zlib.crc32(audio.astype("<i2").tobytes())
    e["float"] = [round(float(v), 3) for v in m.flatten()]
    e["int8"] = [int(v) for v in mfcc.quantize_features(m).flatten()]
    return e


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--refresh-speech", action="store_true", help="re-record the espeak-ng word")
    args = p.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    clips = [entry(name, synthesize(recipe), recipe=recipe) for name, recipe in CLIPS]
    speech = speech_clip(OUT_DIR / SPEECH_FILE, args.refresh_speech)
    clips.append(entry("espeak_left", speech, file=SPEECH_FILE))
    doc = {
        "generator": "workloads/keyword/tools/mfcc_vectors.py",
        "frames": mfcc.NUM_FRAMES,
        "coefficients": mfcc.NUM_COEFFICIENTS,
        "input_scale": float(mfcc.INPUT_SCALE),
        "input_zero_point": mfcc.INPUT_ZERO_POINT,
        "clips": clips,
    }
    out = OUT_DIR / "mfcc_vectors.json"
    out.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(clips)} clips)")


if __name__ == "__main__":
    main()
