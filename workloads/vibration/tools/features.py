"""Spectral features of one recording: Welch-averaged power spectra per axis in log-spaced
bands, in dB, offset and scaled to a moderate range so int8 input quantization keeps them.

Layout of one window (the autoencoder input): [axis x bands] = 3 x 48 = 144 float32, axis-major.
A recording gives WINDOWS windows of FRAMES_PER_WINDOW averaged frames each.
"""
import math

import numpy as np

from signals import FS, N_SAMPLES

NFFT = 2048
HOP = 1024
FRAMES_PER_WINDOW = 3
WINDOWS = 4
BANDS = 48
AXES = 3
WINDOW_FLOATS = AXES * BANDS
# dB re 1 (m/s^2)^2 per band -> feature: (dB - DB_OFFSET) / DB_SCALE. Fixed constants (chosen
# once from healthy training recordings) so every split and every board uses the same mapping.
DB_OFFSET = -40.0
DB_SCALE = 15.0
F_MIN = 3.0


def band_edges():
    """FFT-bin edges of BANDS bands, uniform on log(1 + f / 100 Hz) from F_MIN to Nyquist
    (narrow at low frequency where shaft harmonics sit, wider near the resonances), every
    band at least one bin wide."""
    df = FS / NFFT
    lo, hi = math.log1p(F_MIN / 100.0), math.log1p((FS / 2.0) / 100.0)
    edges_hz = 100.0 * np.expm1(np.linspace(lo, hi, BANDS + 1))
    bins = [int(round(f / df)) for f in edges_hz]
    for i in range(1, len(bins)):
        bins[i] = max(bins[i], bins[i - 1] + 1)
    if bins[-1] > NFFT // 2:
        raise ValueError("band edges run past Nyquist")
    return np.asarray(bins)


_EDGES = band_edges()
_HANN = np.hanning(NFFT + 1)[:NFFT]
_HANN_POWER = float(np.sum(_HANN ** 2))


def features(sig):
    """[3, N_SAMPLES] acceleration -> [WINDOWS, WINDOW_FLOATS] float32 features."""
    if sig.shape != (AXES, N_SAMPLES):
        raise ValueError(f"recording has shape {sig.shape}, expected {(AXES, N_SAMPLES)}")
    n_frames = WINDOWS * FRAMES_PER_WINDOW
    starts = np.arange(n_frames) * HOP
    idx = starts[:, None] + np.arange(NFFT)[None, :]
    frames = sig[:, idx]  # [axes, frames, NFFT]
    frames = (frames - frames.mean(axis=-1, keepdims=True)) * _HANN  # drop gravity / offset
    power = np.abs(np.fft.rfft(frames, axis=-1)) ** 2 * (2.0 / (FS * _HANN_POWER))  # PSD
    power = power.reshape(AXES, WINDOWS, FRAMES_PER_WINDOW, -1).mean(axis=2)
    cum = np.concatenate([np.zeros(power.shape[:-1] + (1,)), np.cumsum(power, axis=-1)], -1)
    # Band power = PSD integrated over the band, (m/s^2)^2.
    band = (cum[..., _EDGES[1:]] - cum[..., _EDGES[:-1]]) * (FS / NFFT)
    db = 10.0 * np.log10(band + 1e-12)
    feat = (db - DB_OFFSET) / DB_SCALE  # [axes, windows, bands]
    return np.ascontiguousarray(feat.transpose(1, 0, 2).reshape(WINDOWS, WINDOW_FLOATS),
                                dtype=np.float32)


def band_centres_hz():
    df = FS / NFFT
    return 0.5 * (_EDGES[:-1] + _EDGES[1:]) * df
