"""Synthesis of one 3-axis accelerometer recording (m/s^2) from machine, recording and fault
parameters (machines.py). numpy only: sinusoids on the shaft phase, impulse trains convolved
with directly synthesised decaying-sinusoid impulse responses, and broadband excitation shaped
by the structure's modes in the FFT domain."""
import math

import numpy as np

from machines import BEARINGS, G, defect_orders

FS = 6400.0  # Hz, a standard MEMS accelerometer output data rate
N_SAMPLES = 13312  # 2.08 s: 12 frames of 2048 samples with hop 1024
LSB_G = 0.488e-3  # 16-bit output at +-16 g


def _ringdown(freq, zeta, fs=FS):
    """Impulse response of one structural mode: a decaying sinusoid, peak near 1."""
    n = int(min(0.06, math.log(1000.0) / (zeta * 2.0 * math.pi * freq)) * fs) + 1
    t = np.arange(n) / fs
    wd = 2.0 * math.pi * freq * math.sqrt(1.0 - zeta * zeta)
    return np.exp(-zeta * 2.0 * math.pi * freq * t) * np.sin(wd * t)


def _impacts(cycles, amps, rng, jitter):
    """Impulse train with one impact each time `cycles` crosses an integer; `jitter` is the
    random timing spread (fraction of one period) from rolling-element slip."""
    n = cycles.shape[0]
    crossings = np.nonzero(np.diff(np.floor(cycles)) > 0)[0] + 1
    period = n / max(1.0, cycles[-1] - cycles[0])
    shift = np.round(rng.normal(0.0, jitter * period, crossings.shape[0])).astype(np.int64)
    idx = np.clip(crossings + shift, 0, n - 1)
    train = np.zeros(n)
    np.add.at(train, idx, amps[crossings])
    return train


def _modal_noise(rng, modes, level, n=N_SAMPLES, fs=FS):
    """White force noise filtered by a sum of modes (acceleration response), scaled to RMS
    `level`."""
    spec = np.fft.rfft(rng.normal(0.0, 1.0, n))
    f = np.fft.rfftfreq(n, 1.0 / fs)
    h = np.full(f.shape, 0.15, dtype=complex)
    for fm, zeta, gain in modes:
        h += gain * f * f / (fm * fm - f * f + 2j * zeta * fm * f)
    x = np.fft.irfft(spec * h, n)
    return x * (level / (np.sqrt(np.mean(x * x)) + 1e-30))


def synthesize(machine, rec, fault, rng):
    """Returns a [3, N_SAMPLES] float64 array of acceleration (m/s^2): x, y radial, z axial."""
    n = N_SAMPLES
    t = np.arange(n) / FS
    fr0 = rec["speed_hz"]
    fr = fr0 * (1.0 + rec["wobble"] * np.sin(2.0 * math.pi * rec["wobble_hz"] * t
                                              + rng.uniform(0, 2 * math.pi)))
    theta = 2.0 * math.pi * np.cumsum(fr) / FS + rng.uniform(0.0, 2.0 * math.pi)
    top = machine["speed_hz"][1]
    load = rec["load"]
    kind = fault["kind"] if fault else None
    amount = fault["amount"] if fault else 1.0
    sig = np.zeros((3, n))

    # Imbalance 1x: constant displacement below the first critical speed, so acceleration
    # grows with speed squared; radial axes 90 degrees apart.
    a1 = math.sqrt(2.0) * machine["v1_mm_s"] * 1e-3 * 2.0 * math.pi * top * (fr0 / top) ** 2
    r1 = a1 * (amount if kind == "imbalance" else 1.0)
    ph = rng.uniform(0.0, 2.0 * math.pi, 6)
    sig[0] += r1 * np.cos(theta + ph[0])
    sig[1] += r1 * 0.8 * np.sin(theta + ph[0])
    mis = amount if kind == "misalignment" else 1.0
    sig[2] += a1 * machine["axial"] * math.sqrt(mis) * np.cos(theta + ph[1])
    # 2x and 3x from residual misalignment and non-linear stiffness; axial 2x for angular.
    for axis, gain in ((0, 1.0), (1, 0.9), (2, 0.5)):
        sig[axis] += a1 * machine["h2"] * gain * mis * np.cos(2 * theta + ph[2] + axis)
        sig[axis] += a1 * machine["h3"] * gain * math.sqrt(mis) * np.cos(3 * theta + ph[3])
    # Magnetic pull at twice line frequency, independent of shaft speed.
    elec = machine["elec_g"] * G * np.cos(2.0 * math.pi * 2.0 * machine["line_hz"] * t + ph[4])
    sig[0] += elec
    sig[1] += 0.7 * elec

    _add_mesh(sig, machine, fr0, top, load, theta, kind, amount, rng)
    _add_broadband(sig, machine, fr0, top, load, rng)
    if kind == "looseness":
        _add_looseness(sig, a1, amount, theta, rng)
    if kind in ("outer-race", "inner-race", "ball"):
        _add_bearing_fault(sig, machine, kind, amount, load, theta, rng)

    noise = machine["noise_ug"] * 1e-6 * G * math.sqrt(FS / 2.0)
    sig += rng.normal(0.0, noise, sig.shape)
    sig *= np.asarray(machine["axis_gain"])[:, None]
    lsb = LSB_G * G
    return np.round(sig / lsb) * lsb


def _add_mesh(sig, machine, fr0, top, load, theta, kind, amount, rng):
    if machine["teeth"]:
        z = machine["teeth"]
        amp = machine["mesh_g"] * G * (0.3 + load) / 1.3 * (fr0 / top)
        h2, sb = machine["mesh_h2"], machine["mesh_sb"]
        if kind == "gear-wear":  # worn profiles: harmonics and sidebands grow
            amp, h2, sb = amp * math.sqrt(amount), h2 * amount, sb * amount
        mesh = np.zeros_like(theta)
        for h, a in ((1, 1.0), (2, h2), (3, h2 * 0.3)):
            if h * z * fr0 > 0.95 * FS / 2:
                continue
            phase = rng.uniform(0.0, 2.0 * math.pi)
            mesh += a * np.cos(h * z * theta + phase)
            for k, ak in ((1, sb), (2, sb * 0.4)):
                if (h * z + k) * fr0 < 0.95 * FS / 2:
                    mesh += a * ak * np.cos((h * z + k) * theta + phase + 0.3 * k)
                    mesh += a * ak * np.cos((h * z - k) * theta + phase - 0.3 * k)
        mesh *= amp
        if kind == "gear-crack":
            # A cracked tooth loses stiffness once per revolution: a short dip in the mesh
            # amplitude and a small impact that rings the structure.
            pos = np.cos(theta - rng.uniform(0.0, 2.0 * math.pi))
            pulse = np.exp((pos - 1.0) * z * 0.5)
            mesh *= 1.0 + amount * pulse
            cycles = theta / (2.0 * math.pi)
            train = _impacts(cycles, np.full(theta.shape, amount * amp * 2.0), rng, 0.0)
            fm, zeta, _ = machine["modes"][0][int(rng.integers(0, 2))]
            ring = np.convolve(train, _ringdown(fm, zeta))[: theta.shape[0]]
            mesh += ring
        sig[0] += mesh
        sig[1] += 0.8 * mesh
        sig[2] += 0.35 * mesh
    else:
        v = machine["vanes"]
        amp = machine["mesh_g"] * 0.5 * G * (fr0 / top) ** 2
        for h, a in ((1, 1.0), (2, machine["mesh_h2"])):
            if h * v * fr0 < 0.95 * FS / 2:
                sig[:2] += amp * a * np.cos(h * v * theta + rng.uniform(0, 2 * math.pi))


def _add_broadband(sig, machine, fr0, top, load, rng):
    level = machine["broadband_g"] * G * (0.5 + load) / 1.5 * (fr0 / top) ** 1.5
    fb, zb = machine["bearing_mode"]
    for axis in range(3):
        modes = list(machine["modes"][axis]) + ([(fb, zb, 1.0)] if axis < 2 else [])
        sig[axis] += _modal_noise(rng, modes, level * (1.0 if axis < 2 else 0.6))


def _add_looseness(sig, a1, amount, theta, rng):
    # Rocking on a loose foot: one knock per revolution, every other knock weaker (0.5x
    # sub-harmonics), and the radial 1x motion truncated on one side (harmonic series).
    cycles = theta / (2.0 * math.pi)
    rev = np.floor(cycles)
    amps = a1 * amount * (np.where(rev % 2 == 0, 1.0, 0.45)
                          * rng.uniform(0.7, 1.3, theta.shape[0]))
    train = _impacts(cycles, amps, rng, 0.01)
    # A knock is a short half-sine force pulse (2-4 ms): broadband up to a few hundred Hz,
    # so the spectrum shows a long series of 1x and 0.5x harmonics.
    width = int(rng.integers(13, 26))
    pulse = np.sin(np.pi * (np.arange(width) + 0.5) / width)
    knock = np.convolve(train, pulse)[: theta.shape[0]]
    sig[0] += knock
    sig[1] += 0.6 * knock
    sig[2] += 0.3 * knock
    for axis in (0, 1):
        peak = np.max(sig[axis])
        cut = peak * (1.0 - min(0.6, 0.05 * amount))
        sig[axis] = np.minimum(sig[axis], cut)


def _add_bearing_fault(sig, machine, kind, amount, load, theta, rng):
    orders = defect_orders(BEARINGS[machine["bearing"]])
    slip = 1.0 - machine["slip"]
    shaft = theta / (2.0 * math.pi)
    amp = amount * G * (0.4 + 0.6 * load)
    if kind == "outer-race":  # fixed defect in the load zone: even impacts at BPFO
        cycles = orders["bpfo"] * slip * shaft
        amps = np.full(shaft.shape, amp)
    elif kind == "inner-race":  # defect rotates through the load zone: AM at 1x
        cycles = orders["bpfi"] * slip * shaft
        zone = np.maximum(0.0, np.cos(theta + rng.uniform(0, 2 * math.pi)))
        amps = amp * (0.15 + zone ** 1.5)
    else:  # ball spall strikes both races: 2x BSF, modulated by cage rotation
        cycles = 2.0 * orders["bsf"] * slip * shaft
        cage = orders["ftf"] * slip * theta
        amps = amp * (0.2 + np.maximum(0.0, np.cos(cage + rng.uniform(0, 2 * math.pi))))
    amps = amps * rng.uniform(0.8, 1.2, shaft.shape[0])
    train = _impacts(cycles, amps, rng, 0.01)
    fb, zb = machine["bearing_mode"]
    ring = np.convolve(train, _ringdown(fb, zb))[: shaft.shape[0]]
    sig[0] += ring
    sig[1] += 0.7 * ring
    sig[2] += 0.3 * ring
