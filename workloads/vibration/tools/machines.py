"""Machine and recording parameters for the vibration workload.

A "machine" is a motor-driven rotating machine (a gearbox or a fan/pump rotor on the shaft) with
one monitored bearing and a 3-axis accelerometer on the bearing housing (x, y radial, z axial).
Every machine draws its own nominal parameters; every recording draws its own speed and load
inside the machine's range. All draws come from the numpy Generator passed in, so a seed fixes
everything. Sources of the figures are listed in ../README.md.
"""
import math

import numpy as np

G = 9.80665  # m/s^2 per g

# Real bearing types: (name, rolling elements, element diameter / pitch diameter, contact angle).
BEARINGS = (
    # SKF 6205-2RS JEM (CWRU drive end): 9 balls, 0.3126 in on a 1.537 in pitch circle.
    ("6205", 9, 0.3126 / 1.537, 0.0),
    # SKF 6203-2RS JEM (CWRU fan end): 8 balls, 0.2656 in on a 1.122 in pitch circle.
    ("6203", 8, 0.2656 / 1.122, 0.0),
    # Rexnord ZA-2115 (IMS run-to-failure rig): 16 rollers per row, 0.331 in rollers on a
    # 2.815 in pitch circle, 15.17 degree tapered contact angle.
    ("ZA-2115", 16, 0.331 / 2.815, math.radians(15.17)),
)

FAULTS = ("imbalance", "misalignment", "looseness", "outer-race", "inner-race", "ball",
          "gear-wear", "gear-crack")


def defect_orders(bearing):
    """Bearing defect frequencies as multiples of the shaft rate: FTF, BPFO, BPFI, BSF."""
    _, n, ratio, angle = bearing
    k = ratio * math.cos(angle)
    ftf = 0.5 * (1.0 - k)
    return {"ftf": ftf, "bpfo": n * ftf, "bpfi": 0.5 * n * (1.0 + k),
            "bsf": 0.5 / ratio * (1.0 - k * k)}


def log_uniform(rng, lo, hi):
    return float(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def draw_machine(rng):
    """Nominal parameters of one machine of a fleet: motor-driven units of one product family
    (a gearbox stage, or a fan/pump rotor), built with one of three bearing types, mounted and
    wired slightly differently, each running at its own speed range."""
    line_hz = 50.0 if rng.random() < 0.5 else 60.0
    drive = ("2-pole", "4-pole", "vfd")[int(rng.integers(0, 3))]
    if drive == "2-pole":
        speed = (0.975 * line_hz, 0.995 * line_hz)  # synchronous speed minus 0.5-2.5 % slip
    elif drive == "4-pole":
        speed = (0.4875 * line_hz, 0.4975 * line_hz)
    else:
        lo = rng.uniform(8.0, 25.0)
        speed = (lo, min(60.0, lo * rng.uniform(1.4, 2.6)))
    has_gear = rng.random() < 0.65

    def spread(nominal, db):  # nominal value with a +-db unit-to-unit spread
        return nominal * 10.0 ** (rng.uniform(-db, db) / 20.0)

    m = {
        "line_hz": line_hz,
        "drive": drive,
        "speed_hz": speed,
        "load": (rng.uniform(0.1, 0.5), rng.uniform(0.7, 1.0)),
        "bearing": int(rng.integers(0, len(BEARINGS))),
        "slip": rng.uniform(0.005, 0.02),  # rolling-element slip lowers defect rates 0.5-2 %
        # Gearbox pinion on the monitored shaft (a few catalogue ratios), or a rotor with vanes.
        "teeth": int((17, 19, 23, 29, 31)[int(rng.integers(0, 5))]) if has_gear else 0,
        "vanes": 0 if has_gear else int(rng.integers(5, 8)),
        # Residual imbalance of a healthy unit: 1x velocity (mm/s RMS) at top speed, ISO
        # 10816-3 zones A/B; 2x/3x from residual misalignment and non-linear stiffness.
        "v1_mm_s": spread(0.9, 4.0),
        "h2": spread(0.25, 3.0),
        "h3": spread(0.07, 3.0),
        "axial": spread(0.4, 2.0),  # axial 1x relative to radial
        "elec_g": spread(1e-3, 4.0),  # magnetic pull at twice line frequency
        "mesh_g": spread(2.5e-2, 3.0),  # gear mesh / vane pass acceleration at full load
        "mesh_h2": spread(0.3, 3.0),
        "mesh_sb": spread(0.06, 3.0),  # healthy mesh sidebands at +-1x
        # Two structural modes per axis: (frequency Hz, damping ratio, gain), +-20 % around
        # the family's nominal frame modes.
        "modes": [[(f * rng.uniform(0.8, 1.25), rng.uniform(0.05, 0.1), spread(1.0, 3.0))
                   for f in fs] for fs in ((620.0, 1650.0), (540.0, 1900.0), (900.0, 2300.0))],
        "broadband_g": spread(8e-3, 4.0),  # flow / friction excitation, RMS
        # Bearing housing resonance that rolling-element impacts ring.
        "bearing_mode": (rng.uniform(1800.0, 2700.0), rng.uniform(0.03, 0.06)),
        "axis_gain": [spread(1.0, 1.0) for _ in range(3)],  # mounting / sensitivity tolerance
        "noise_ug": rng.uniform(60.0, 150.0),  # sensor noise density, ug/sqrt(Hz)
    }
    return m


def draw_recording(rng, machine):
    lo, hi = machine["speed_hz"]
    llo, lhi = machine["load"]
    return {"speed_hz": float(rng.uniform(lo, hi)), "load": float(rng.uniform(llo, lhi)),
            "wobble": float(rng.uniform(0.0, 0.006)),  # slow speed fluctuation, fraction
            "wobble_hz": float(rng.uniform(0.2, 1.5))}


# Severity s in [0, 1] maps log-linearly from a subtle to an obvious fault amplitude.
SEVERITY_RANGE = {
    "imbalance": (2.0, 12.0),  # 1x radial multiplier
    "misalignment": (2.2, 14.0),  # 2x radial / axial multiplier
    "looseness": (0.8, 8.0),  # knock peak relative to the machine's 1x acceleration
    "outer-race": (0.05, 0.5),  # impact peak, g per impact at the bearing mode
    "inner-race": (0.07, 0.7),
    "ball": (0.06, 0.6),
    "gear-wear": (2.2, 10.0),  # mesh harmonic and sideband multiplier
    "gear-crack": (0.8, 4.0),  # once-per-revolution mesh modulation depth
}


def draw_fault(rng, machine):
    """A fault type the machine can have and a severity in [0, 1]."""
    faults = [f for f in FAULTS if machine["teeth"] or not f.startswith("gear")]
    kind = faults[int(rng.integers(0, len(faults)))]
    sev = float(rng.uniform(0.0, 1.0))
    lo, hi = SEVERITY_RANGE[kind]
    return {"kind": kind, "severity": sev, "amount": lo * (hi / lo) ** sev}


def severity_name(sev):
    return "subtle" if sev < 1.0 / 3.0 else ("moderate" if sev < 2.0 / 3.0 else "obvious")
