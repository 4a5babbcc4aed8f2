"""Procedural background noise, 1 s at 16 kHz, numpy only. Each generator takes a
numpy Generator and returns float32 with unit RMS; the caller sets the level (SNR).

Kinds (what a microphone in a home or office picks up; Speech Commands' _background_noise_
folder has white and pink noise, running tap, exercise bike and dishes recordings):
  white   flat spectrum (electronic/thermal noise)
  pink    1/f power spectrum (-3 dB/octave): rain, distant traffic, many natural sources
  brown   1/f^2 (-6 dB/octave): rumble, wind on the microphone
  babble  several unrelated talkers at once (cafeteria/office), from synthesized sentences
  hum     mains hum: 50/60 Hz and harmonics (electrical) or 100/120 Hz (transformers)
  fan     broadband airflow (pink-ish) plus the blade-passing tone (blades x rpm / 60) and
          its harmonics, slowly amplitude-modulated
  machine periodic mechanical impacts (motor, dishwasher, footsteps) ringing through damped
          resonances, over a low broadband floor
"""
import numpy as np

RATE = 16000
N = 16000
KINDS = ("white", "pink", "brown", "babble", "hum", "fan", "machine")


def _unit(x):
    rms = float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))
    return (x / rms).astype(np.float32) if rms > 0 else x.astype(np.float32)


def colored(rng, exponent, n=N):
    """Gaussian noise with power spectrum 1/f^exponent (0 white, 1 pink, 2 brown)."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1.0 / RATE)
    f[0] = f[1]  # no infinite DC gain
    spec *= f ** (-exponent / 2.0)
    spec[0] = 0.0
    return _unit(np.fft.irfft(spec, n))


def babble(rng, bank, n=N):
    """3-7 talkers, random 1 s excerpts of the babble bank (list of 16 kHz sentences)."""
    out = np.zeros(n, dtype=np.float64)
    for _ in range(int(rng.integers(3, 8))):
        s = bank[int(rng.integers(len(bank)))]
        if len(s) <= n:
            seg = np.pad(s, (0, n - len(s) + 1))[:n]
        else:
            start = int(rng.integers(len(s) - n))
            seg = s[start:start + n]
        seg = seg / (np.sqrt(np.mean(np.square(seg))) + 1e-9)
        out += seg * 10 ** (rng.uniform(-6.0, 0.0) / 20.0)
    return _unit(out + 0.01 * rng.standard_normal(n))


def hum(rng, n=N):
    """Mains hum. Induced into wiring and amplifiers it sits at the mains frequency (50 Hz in
    Europe/Asia, 60 Hz in the Americas) with odd harmonics from rectifiers; from transformers
    and ballasts (magnetostriction) its fundamental is twice that, 100/120 Hz."""
    mains = (50.0 if rng.random() < 0.5 else 60.0) * (1.0 + rng.uniform(-0.005, 0.005))
    f0 = mains if rng.random() < 0.5 else 2.0 * mains
    t = np.arange(n) / RATE
    out = np.zeros(n)
    decay = rng.uniform(0.3, 0.9)  # amplitude ratio per harmonic: buzzier when close to 1
    for k in range(1, 13):
        if k * f0 >= RATE / 2:
            break
        amp = decay ** (k - 1) * (1.5 if k % 2 == 1 else 1.0)
        out += amp * np.sin(2 * np.pi * k * f0 * t + rng.uniform(0, 2 * np.pi))
    return _unit(out + 0.05 * colored(rng, 1.0, n))


def fan(rng, n=N):
    t = np.arange(n) / RATE
    blades = int(rng.integers(3, 8))
    rpm = rng.uniform(900.0, 3000.0)
    bpf = blades * rpm / 60.0
    tones = np.zeros(n)
    for k in range(1, 5):
        tones += (0.6 ** k) * np.sin(2 * np.pi * k * bpf * t + rng.uniform(0, 2 * np.pi))
    mod = 1.0 + 0.3 * np.sin(2 * np.pi * rng.uniform(0.2, 2.0) * t + rng.uniform(0, 2 * np.pi))
    air = colored(rng, rng.uniform(0.5, 1.5), n)
    return _unit(air + rng.uniform(0.3, 1.5) * tones * mod)


def machine(rng, n=N):
    rate_hz = rng.uniform(3.0, 40.0)
    impulses = np.zeros(n)
    t = rng.uniform(0, 1.0 / rate_hz)
    while t < n / RATE:
        impulses[int(t * RATE)] = rng.uniform(0.5, 1.0)
        t += (1.0 / rate_hz) * rng.uniform(0.9, 1.1)
    ring = np.zeros(2048)
    tk = np.arange(2048) / RATE
    for _ in range(int(rng.integers(2, 5))):  # damped resonances of the machine body
        f = rng.uniform(150.0, 4000.0)
        ring += np.exp(-tk * rng.uniform(30.0, 300.0)) * np.sin(2 * np.pi * f * tk)
    knocks = np.convolve(impulses, ring)[:n]
    return _unit(_unit(knocks) + rng.uniform(0.2, 0.8) * colored(rng, 1.5, n))


def make(kind, rng, babble_bank):
    """One second of the named noise kind, unit RMS."""
    if kind == "white":
        return _unit(rng.standard_normal(N))
    if kind == "pink":
        return colored(rng, 1.0)
    if kind == "brown":
        return colored(rng, 2.0)
    if kind == "babble":
        return babble(rng, babble_bank)
    if kind == "hum":
        return hum(rng)
    if kind == "fan":
        return fan(rng)
    if kind == "machine":
        return machine(rng)
    raise ValueError(f"unknown noise kind {kind!r}; expected one of {KINDS}")
