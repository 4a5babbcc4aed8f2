#!/usr/bin/python3
"""Expected int8 FULLY_CONNECTED outputs for the engine's kernel test.

Written from the rules in int8-quantization.md (QuantizeMultiplier §2, MBQM double rounding
§3, activation clamp §4, FULLY_CONNECTED §8), independently of the C++ code: per-tensor
weights use the float32 product s_in*s_w then a double division; per-channel weights use a
double product. Integer steps use exact Python integers.

Usage: /usr/bin/python3 make_fc_vectors.py [out.json]   (default: fc_vectors.json beside this file)
"""
import math
import os
import sys

import numpy as np

# The shared primitives live beside this script; make that importable from any working
# directory (and under python3 -P, which drops the script's folder from sys.path).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tflm_int8_ref import (ACTIVATIONS, activation_range, clamp, f32, ints, mbqm,  # noqa: E402
                           mbqm_single_rounding, output_path, output_scale_for,
                           quantize_multiplier, write_json)

SEED = 20240607


def multipliers(case):
    s_in, s_out = case["input_scale"], case["output_scale"]
    if case["per_channel"]:
        return [quantize_multiplier(s_in * s_w / s_out) for s_w in case["weight_scales"]]
    product = np.float32(s_in) * np.float32(case["weight_scales"][0])  # float32 product
    return [quantize_multiplier(float(product) / s_out)] * case["output_depth"]


def reference(case, mults=None, single_rounding=False):
    d, c_out = case["accum_depth"], case["output_depth"]
    x = np.array(case["input"], dtype=np.int64).reshape(-1, d)
    w = np.array(case["weights"], dtype=np.int64).reshape(c_out, d)
    acc = (x - case["input_zero_point"]) @ w.T
    if case["bias"] is not None:
        acc = acc + np.array(case["bias"], dtype=np.int64)
    lo, hi = activation_range(case["activation"], case["output_scale"], case["output_zero_point"])
    mults = mults or multipliers(case)
    out = []
    for row in acc:
        for c, a in enumerate(row):
            m, s = mults[c]
            y = mbqm_single_rounding(int(a), m, s) if single_rounding else mbqm(int(a), m, s)
            out.append(clamp(y + case["output_zero_point"], lo, hi))
    return out


def make_case(rng, name, per_channel, has_bias, activation, shape_kind, depth, c_out, batches,
              boost=1.0):
    s_in = f32(rng.uniform(0.01, 0.5))
    s_out = output_scale_for(rng, activation)
    z_in = int(rng.integers(-128, 128))
    z_out = -128 if activation == "RELU" and rng.random() < 0.5 else int(rng.integers(-128, 128))
    # Weight scale so that a typical accumulator maps to ~40 output steps.
    base = s_out * 40.0 / (s_in * math.sqrt(depth) * 73.0 * 74.0) * boost
    if per_channel:
        weight_scales = [f32(base * math.exp(rng.uniform(-1, 1))) for _ in range(c_out)]
    else:
        weight_scales = [f32(base * math.exp(rng.uniform(-0.5, 0.5)))]
    if shape_kind == "flat":
        input_shape, output_shape, keep = [batches, depth], [batches, c_out], False
    elif shape_kind == "keep_num_dims":
        input_shape, output_shape, keep = [batches, 1, depth], [batches, 1, c_out], True
    else:  # rank-4 input read as a flat [batches, depth] matrix
        input_shape, output_shape, keep = [1, batches, 1, depth], [batches, c_out], False
    bound = int(math.sqrt(depth) * 5000)
    bias = ints(rng, c_out, -bound, bound) if has_bias else None
    bias_scales = None
    if has_bias:
        bias_scales = [f32(np.float32(s_in) * np.float32(s)) for s in weight_scales]
    return {
        "name": name, "batches": batches, "accum_depth": depth, "output_depth": c_out,
        "input_shape": input_shape, "output_shape": output_shape, "keep_num_dims": keep,
        "input_scale": s_in, "input_zero_point": z_in,
        "weights": ints(rng, c_out * depth, -127, 127),
        "per_channel": per_channel, "weight_scales": weight_scales,
        "bias": bias, "bias_scales": bias_scales,
        "output_scale": s_out, "output_zero_point": z_out, "activation": activation,
        "input": ints(rng, batches * depth),
    }


def positive_shift_case(rng):
    """Effective scale > 1 (left shift): tiny weights and inputs near the zero point."""
    case = make_case(rng, "positive_shift", False, True, "NONE", "flat", 3, 5, 2)
    case.update(input_scale=0.5, output_scale=0.004, weight_scales=[0.02],
                bias_scales=[f32(np.float32(0.5) * np.float32(0.02))], input_zero_point=7)
    case["weights"] = ints(rng, 15, -3, 3)
    case["input"] = ints(rng, 6, -3, 17)
    case["bias"] = ints(rng, 5, -20, 20)
    assert multipliers(case)[0][1] > 0
    return case


def product_rule_case(rng):
    """Per-tensor case where the float32-product rule changes at least one output."""
    for attempt in range(10000):
        case = make_case(rng, "float32_product_rule", False, True, "NONE", "flat", 64, 16, 3)
        double_mult = quantize_multiplier(
            case["input_scale"] * case["weight_scales"][0] / case["output_scale"])
        if reference(case) != reference(case, [double_mult] * 16):
            return case
    raise RuntimeError("no discriminating case found")


def double_rounding_case(rng):
    """A case where a single 64-bit round-shift (which TFLM does not use) changes an output."""
    for attempt in range(10000):
        case = make_case(rng, "double_rounding", True, True, "NONE", "flat", 24, 16, 3, boost=0.5)
        if reference(case) != reference(case, single_rounding=True):
            return case
    raise RuntimeError("no discriminating case found")


def main():
    rng = np.random.default_rng(SEED)
    cases = []
    shapes = ["flat", "keep_num_dims", "rank4"]
    acts = list(ACTIVATIONS)
    for i in range(26):
        cases.append(make_case(
            rng, f"random_{i:02d}", per_channel=(i % 2 == 1), has_bias=(i % 3 != 2),
            activation=acts[i % 4], shape_kind=shapes[(i // 4) % 3],
            depth=int(rng.integers(1, 41)), c_out=int(rng.integers(1, 17)),
            batches=int(rng.integers(1, 4)), boost=(4.0 if i % 7 == 6 else 1.0)))
    cases.append(make_case(rng, "ad_like_640x8", False, True, "RELU", "flat", 640, 8, 1))
    cases.append(make_case(rng, "per_channel_256x6", True, True, "NONE", "flat", 256, 6, 1))
    cases.append(positive_shift_case(rng))
    cases.append(product_rule_case(rng))
    cases.append(double_rounding_case(rng))
    for case in cases:
        case["expected"] = reference(case)
    out = output_path(__file__, "fc_vectors.json")
    write_json({"generator": "make_fc_vectors.py", "seed": SEED, "cases": cases}, out)
    saturated = sum(v in (-128, 127) for c in cases for v in c["expected"])
    total = sum(len(c["expected"]) for c in cases)
    print(f"{len(cases)} cases, {total} outputs ({saturated} at -128/127) -> {out}")


if __name__ == "__main__":
    main()
