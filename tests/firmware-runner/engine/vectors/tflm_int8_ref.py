"""Shared int8 primitives for the make_*_vectors.py generators.

Written from the rules in /work/shared/facts/int8-quantization.md (the section each function
implements is named in its docstring), independently of the engine's C++ code. Integer steps
use exact Python integers; float32 steps use numpy float32; Python floats are doubles.
"""
import json
import math
import os
import sys

import numpy as np

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
# Fused activations in TFLite enum order (NONE 0, RELU 1, RELU_N1_TO_1 2, RELU6 3); the
# generators draw from this list, so its order is part of their random streams.
ACTIVATIONS = ["NONE", "RELU", "RELU_N1_TO_1", "RELU6"]


# ---- number helpers (notation of the fact sheet) ------------------------------------------

def f32(v):
    """v rounded to float32 and returned as a Python float (scales are float32 in the file)."""
    return float(np.float32(v))


def round_away(v):
    """Notation: round to nearest, ties away from zero (C round(), TfLiteRound)."""
    r = math.floor(abs(v) + 0.5)
    return -r if v < 0 else r


def wrap32(v):
    """Notation: int32 arithmetic wraps modulo 2^32."""
    v &= 0xFFFFFFFF
    return v - 2**32 if v >= 2**31 else v


def check32(v):
    """Asserts that v fits int32 (where the C++ computes in int32 without wrapping)."""
    assert INT32_MIN <= v <= INT32_MAX, v
    return v


def clamp(v, lo=-128, hi=127):
    """Notation: clamp(v, lo, hi); defaults to the int8 range."""
    return min(hi, max(lo, v))


# ---- §2 QuantizeMultiplier, §3 MultiplyByQuantizedMultiplier -------------------------------

def quantize_multiplier(d):
    """§2: double scale d -> (M, shift); includes the M = 2^31 fix and the flush below 2^-32."""
    if d == 0.0:
        return 0, 0
    q, e = math.frexp(d)
    m = round_away(q * 2.0**31)
    if m == 2**31:
        m, e = 2**30, e + 1
    if e < -31:
        return 0, 0
    return int(m), e


def srdhm(a, b):
    """§3 step 3: SaturatingRoundingDoublingHighMul, floor form (ties toward +infinity)."""
    if a == b == INT32_MIN:
        return INT32_MAX
    return (a * b + 2**30) // 2**31


def rdbpot(x, exponent):
    """§3 step 4: RoundingDivideByPOT (mask/threshold form), ties away from zero."""
    if exponent == 0:
        return x
    mask = (1 << exponent) - 1
    remainder = x & mask
    threshold = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> exponent) + (1 if remainder > threshold else 0)


def mbqm(x, m, shift):
    """§3: MBQM with double rounding; the left shift is 32-bit and wraps silently."""
    left, right = max(shift, 0), max(-shift, 0)
    return rdbpot(srdhm(wrap32(x << left), m), right)


def mbqm_single_rounding(x, m, shift):
    """§3 "Consequences": the single-rounding variant TFLM does NOT use (for negative tests)."""
    return (x * m + (1 << (30 - shift))) >> (31 - shift)


# ---- §4 fused activation -> int8 clamp bounds ----------------------------------------------

def activation_range(act, s_out, z_out):
    """§4: (lo, hi) from the output quantization; Qf divides and rounds in float32."""
    def qf(f):
        return z_out + round_away(float(np.float32(f) / np.float32(s_out)))

    if act == "RELU":
        return max(-128, z_out), 127
    if act == "RELU6":
        return max(-128, z_out), min(127, qf(6.0))
    if act == "RELU_N1_TO_1":
        return max(-128, qf(-1.0)), min(127, qf(1.0))
    return -128, 127


# ---- vector-file helpers (not from the fact sheet) -----------------------------------------

def ints(rng, n, lo=-128, hi=127):
    """n random ints in [lo, hi] as a JSON-ready list (one rng.integers draw)."""
    return [int(v) for v in rng.integers(lo, hi + 1, n)]


def output_scale_for(rng, act):
    """A float32 output scale (one rng.uniform draw) small enough for RELU6 / RELU_N1_TO_1
    clamps to bite."""
    if act == "RELU6":
        return f32(rng.uniform(0.03, 0.08))
    if act == "RELU_N1_TO_1":
        return f32(rng.uniform(0.004, 0.012))
    return f32(rng.uniform(0.02, 0.2))


def output_path(script_file, default_name):
    """argv[1] if given, else default_name beside the generator script."""
    if len(sys.argv) > 1:
        return sys.argv[1]
    return os.path.join(os.path.dirname(os.path.abspath(script_file)), default_name)


def write_json(doc, path):
    """Compact JSON plus a trailing newline (the committed files' exact format)."""
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
