#!/usr/bin/python3
"""Expected outputs for the engine's CONV_2D, DEPTHWISE_CONV_2D, PAD/PADV2 and geometry tests.

Written from the rules in int8-quantization.md (QuantizeMultiplier §2, MBQM double rounding
§3, activation clamp §4, output size and padding §5, CONV_2D §6, DEPTHWISE_CONV_2D §7,
PAD/PADV2 §20), independently of the C++ code. Conv multipliers use a double product and a
double division; out-of-range taps are skipped; integer steps use exact Python integers.

Families written to conv_vectors.json:
  geometry     compute_padding inputs -> (output, pad_before, pad_after) or invalid
  multipliers  (s_in, s_w, s_out) -> (M, shift), optionally MBQM of sample accumulators
  conv         whole CONV_2D operators (tensors, options, expected output)
  depthwise    whole DEPTHWISE_CONV_2D operators
  pad          whole PAD / PADV2 operators

Usage: /usr/bin/python3 make_conv_vectors.py [out.json]  (default: conv_vectors.json beside it)
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

SEED = 20240611


# ---- conv rules (§5, §6) ------------------------------------------------------------------

def conv_multiplier(s_in, s_w, s_out):
    """§6: double product, then double division (Python floats are doubles)."""
    return quantize_multiplier(s_in * s_w / s_out)


def geometry(padding, size, k, stride, dilation):
    """§5 for one axis; None when the output would be empty or an argument is < 1."""
    if min(size, k, stride, dilation) < 1:
        return None
    ke = (k - 1) * dilation + 1
    if padding == "SAME":
        out = (size + stride - 1) // stride
    else:
        if ke > size:
            return None
        out = (size + stride - ke) // stride
    total = max(0, (out - 1) * stride + ke - size)
    return out, total // 2, total - total // 2


# ---- operators ----------------------------------------------------------------------------

def requantize_all(acc, case, mults, single_rounding=False):
    lo, hi = activation_range(case["activation"], case["output_scale"], case["output_zero_point"])
    out = np.empty(acc.shape, dtype=np.int64)
    for idx in np.ndindex(acc.shape):
        m, s = mults[idx[-1]]
        a = int(acc[idx])
        y = mbqm_single_rounding(a, m, s) if single_rounding and m else mbqm(a, m, s)
        out[idx] = clamp(y + case["output_zero_point"], lo, hi)
    return [int(v) for v in out.reshape(-1)]


def channel_multipliers(case, channels):
    scales = case["filter_scales"]
    return [conv_multiplier(case["input_scale"], scales[c if len(scales) > 1 else 0],
                            case["output_scale"]) for c in range(channels)]


def conv_accumulators(case, depthwise):
    n, h, w, c_in = case["input_shape"]
    x = np.array(case["input"], dtype=np.int64).reshape(n, h, w, c_in) - case["input_zero_point"]
    f = np.array(case["filter"], dtype=np.int64).reshape(case["filter_shape"])
    if depthwise:
        _, kh, kw, c_out = case["filter_shape"]
        dm = c_out // c_in
    else:
        c_out, kh, kw, c_f = case["filter_shape"]
        groups = c_in // c_f
        per_group = c_out // groups
    sh, sw = case["stride_h"], case["stride_w"]
    dh, dw = case["dilation_h"], case["dilation_w"]
    oh, top, _ = geometry(case["padding"], h, kh, sh, dh)
    ow, left, _ = geometry(case["padding"], w, kw, sw, dw)
    acc = np.zeros((n, oh, ow, c_out), dtype=np.int64)
    for oy in range(oh):
        for ox in range(ow):
            for ky in range(kh):
                iy = oy * sh - top + ky * dh
                if not 0 <= iy < h:
                    continue  # out-of-range taps are skipped (§5)
                for kx in range(kw):
                    ix = ox * sw - left + kx * dw
                    if not 0 <= ix < w:
                        continue
                    pixel = x[:, iy, ix, :]  # [n, c_in]
                    if depthwise:
                        # oc = ic * dm + m reads input channel ic (§7)
                        acc[:, oy, ox, :] += np.repeat(pixel, dm, axis=1) * f[0, ky, kx, :]
                    else:
                        for oc in range(c_out):
                            g = oc // per_group
                            acc[:, oy, ox, oc] += pixel[:, g * c_f:(g + 1) * c_f] @ f[oc, ky, kx, :]
    if case["bias"] is not None:
        acc += np.array(case["bias"], dtype=np.int64)
    assert np.all(np.abs(acc) < 2**31), "accumulator left int32"
    case["output_shape"] = [n, oh, ow, c_out]
    return acc


def conv_reference(case, depthwise, mults=None, single_rounding=False):
    acc = conv_accumulators(case, depthwise)
    c_out = acc.shape[-1]
    return requantize_all(acc, case, mults or channel_multipliers(case, c_out), single_rounding)


def finish_conv(case, depthwise):
    c_out = case["filter_shape"][3 if depthwise else 0]
    mults = channel_multipliers(case, c_out)
    case["expected_multipliers"] = [m for m, _ in mults]
    case["expected_shifts"] = [s for _, s in mults]
    case["expected"] = conv_reference(case, depthwise)
    return case


def random_scales(rng, s_in, s_out, depth, channels, per_channel, boost=1.0):
    # Filter scale so that a typical accumulator maps to ~40 output steps.
    base = s_out * 40.0 / (s_in * math.sqrt(depth) * 73.0 * 74.0) * boost
    count = channels if per_channel else 1
    return [f32(base * math.exp(rng.uniform(-1, 1))) for _ in range(count)]


def make_conv(rng, name, depthwise, **kw):
    """A random operator; keyword arguments pin any field."""
    while True:
        p = {
            "n": int(rng.integers(1, 3)), "h": int(rng.integers(1, 8)),
            "w": int(rng.integers(1, 8)), "c_in": int(rng.integers(1, 6)),
            "kh": int(rng.integers(1, 4)), "kw": int(rng.integers(1, 4)),
            "stride_h": int(rng.integers(1, 4)), "stride_w": int(rng.integers(1, 4)),
            "dilation_h": int(rng.choice([1, 1, 2, 3])), "dilation_w": int(rng.choice([1, 1, 2])),
            "padding": str(rng.choice(["SAME", "VALID"])),
            "activation": str(rng.choice(list(ACTIVATIONS))),
            "per_channel": bool(rng.random() < 0.8), "bias": bool(rng.random() < 0.8),
            "groups": 1, "c_out": int(rng.integers(1, 7)), "dm": int(rng.integers(1, 4)),
            "dm_option": None, "boost": 1.0,
        }
        p.update(kw)
        ok_h = geometry(p["padding"], p["h"], p["kh"], p["stride_h"], p["dilation_h"])
        ok_w = geometry(p["padding"], p["w"], p["kw"], p["stride_w"], p["dilation_w"])
        if ok_h and ok_w:
            break
    s_out = output_scale_for(rng, p["activation"])
    s_in = f32(rng.uniform(0.01, 0.6))
    z_out = -128 if p["activation"] == "RELU" and rng.random() < 0.5 else int(rng.integers(-128, 128))
    if depthwise:
        c_in = p["c_in"]
        c_out = c_in * p["dm"]
        filter_shape = [1, p["kh"], p["kw"], c_out]
        depth = p["kh"] * p["kw"]
        dm_option = c_out // c_in if p["dm_option"] is None else p["dm_option"]
    else:
        c_f = p["c_in"]
        c_in = c_f * p["groups"]
        c_out = p["c_out"] * p["groups"]
        filter_shape = [c_out, p["kh"], p["kw"], c_f]
        depth = p["kh"] * p["kw"] * c_f
        dm_option = None
    bound = int(math.sqrt(depth) * 5000)
    case = {
        "name": name, "op": "DEPTHWISE_CONV_2D" if depthwise else "CONV_2D",
        "input_shape": [p["n"], p["h"], p["w"], c_in],
        "input_scale": s_in, "input_zero_point": int(rng.integers(-128, 128)),
        "input": ints(rng, p["n"] * p["h"] * p["w"] * c_in),
        "filter_shape": filter_shape,
        "filter": ints(rng, int(np.prod(filter_shape)), -127, 127),
        "filter_scales": random_scales(rng, s_in, s_out, depth, c_out, p["per_channel"], p["boost"]),
        "bias": ints(rng, c_out, -bound, bound) if p["bias"] else None,
        "output_scale": s_out, "output_zero_point": z_out,
        "padding": p["padding"], "stride_h": p["stride_h"], "stride_w": p["stride_w"],
        "dilation_h": p["dilation_h"], "dilation_w": p["dilation_w"],
        "activation": p["activation"], "depth_multiplier": dm_option,
    }
    return case


def special_scales_conv(rng, depthwise):
    """Per-channel scales with a flushed (0, 0) channel, shifts down to -31 and a left shift.

    Large biases (about 2^29) make the tiny multipliers produce non-zero, tie-prone outputs."""
    kw = dict(per_channel=True, bias=True, activation="NONE", n=1, h=4, w=4, kh=2, kw=2)
    if depthwise:
        case = make_conv(rng, "special_scales", True, c_in=3, dm=2, **kw)
    else:
        case = make_conv(rng, "special_scales", False, c_in=2, c_out=6, **kw)
    s_in, s_out = 0.25, 0.5
    ratio = s_out / s_in  # filter scale giving an effective scale of exactly 1
    effective = [2.0**-34, 2.0**-31.5, 2.0**-30.2, 2.0**-26.7, 3.0, 2.0**-12]
    case.update(input_scale=s_in, output_scale=s_out, output_zero_point=3,
                filter_scales=[f32(e * ratio) for e in effective])
    case["bias"] = [int(v) for v in rng.integers(-2**29, 2**29, 6)]
    case["bias"][4] = int(rng.integers(-30, 30))  # the left-shift channel must not overflow
    per_channel = 1 if depthwise else 2 * 2 * 2  # filter elements per channel step
    channel = (lambda i: i % 6) if depthwise else (lambda i: i // per_channel)
    case["filter"] = [v // 40 if channel(i) == 4 else v for i, v in enumerate(case["filter"])]
    mults = channel_multipliers(case, 6)
    assert mults[0] == (0, 0) and mults[1][1] == -31 and mults[4][1] > 0, mults
    return case


def float32_product_multipliers(case, channels):
    """The per-tensor FULLY_CONNECTED rule (§8), which conv must NOT use."""
    scales = case["filter_scales"]
    return [quantize_multiplier(float(np.float32(case["input_scale"]) *
                                      np.float32(scales[c if len(scales) > 1 else 0]))
                                / case["output_scale"]) for c in range(channels)]


def discriminating_conv(rng, depthwise, name, rule):
    """A case whose first output pixel changes in some channel under a wrong rule.

    Such outputs are rare by chance, so the bias of each channel is chosen to move that
    pixel's accumulator onto a value where the correct and the wrong rule disagree."""
    for _ in range(1000):
        case = make_conv(rng, name, depthwise, per_channel=True, bias=False, activation="NONE",
                         h=5, w=5, kh=3, kw=3)
        acc = conv_accumulators(case, depthwise)
        c_out = acc.shape[-1]
        good = channel_multipliers(case, c_out)
        bad = float32_product_multipliers(case, c_out)
        bias, found = [0] * c_out, 0
        for c in range(c_out):
            m, s = good[c]
            if m == 0:
                continue
            for b in range(0, 1 << 20):
                x = int(acc[0, 0, 0, c]) + b
                y = mbqm(x, m, s)
                if abs(y + case["output_zero_point"]) > 120:
                    break  # further biases only saturate
                wrong = (mbqm_single_rounding(x, m, s) if rule == "single_rounding"
                         else mbqm(x, *bad[c]))
                if wrong != y:
                    bias[c], found = b, found + 1
                    break
        if found:
            case["bias"] = bias
            return case
    raise RuntimeError("no discriminating case for " + name)


def conv_cases(rng):
    cases = []
    for i in range(14):
        kw = {}
        if i % 5 == 3:
            kw["groups"] = int(rng.integers(2, 4))
        if i == 0:
            kw.update(padding="SAME", stride_h=2, stride_w=2, kh=3, kw=3, h=7, w=6)  # odd padding
        if i == 1:
            kw.update(padding="VALID", dilation_h=2, dilation_w=2, kh=2, kw=3, h=7, w=7)
        cases.append(make_conv(rng, f"random_{i:02d}", False, **kw))
    cases.append(make_conv(rng, "kws_like_10x4_stride2", False, n=1, h=11, w=6, c_in=1, c_out=4,
                           kh=5, kw=4, stride_h=2, stride_w=2, padding="SAME", activation="RELU",
                           dilation_h=1, dilation_w=1))
    cases.append(make_conv(rng, "pointwise_1x1_stride2", False, n=1, h=6, w=5, c_in=5, c_out=4,
                           kh=1, kw=1, stride_h=2, stride_w=2, padding="SAME",
                           dilation_h=1, dilation_w=1))
    cases.append(make_conv(rng, "depthwise_shaped_groups", False, n=1, h=5, w=5, c_in=1,
                           groups=4, c_out=2, kh=3, kw=3, padding="SAME"))
    cases.append(make_conv(rng, "no_bias_per_tensor", False, per_channel=False, bias=False))
    cases.append(make_conv(rng, "saturating", False, boost=6.0, activation="NONE"))
    cases.append(special_scales_conv(rng, False))
    cases.append(discriminating_conv(rng, False, "double_product_rule", "float32_product"))
    cases.append(discriminating_conv(rng, False, "double_rounding", "single_rounding"))
    return [finish_conv(c, False) for c in cases]


def depthwise_cases(rng):
    cases = []
    for i in range(12):
        kw = {"dm_option": 0} if i % 4 == 2 else {}  # option 0: derived from the shapes
        if i == 0:
            kw.update(padding="SAME", stride_h=2, stride_w=2, kh=3, kw=3, h=6, w=7)
        if i == 1:
            kw.update(padding="VALID", dilation_h=3, dilation_w=2, kh=2, kw=2, h=7, w=6)
        cases.append(make_conv(rng, f"random_{i:02d}", True, **kw))
    cases.append(make_conv(rng, "vww_like_3x3_stride2", True, n=1, h=8, w=8, c_in=4, dm=1, kh=3,
                           kw=3, stride_h=2, stride_w=2, padding="SAME", activation="RELU",
                           dilation_h=1, dilation_w=1))
    cases.append(make_conv(rng, "multiplier_3_dilated", True, n=1, h=7, w=7, c_in=2, dm=3, kh=3,
                           kw=3, dilation_h=2, dilation_w=2, padding="SAME"))
    cases.append(make_conv(rng, "no_bias_per_tensor", True, per_channel=False, bias=False))
    cases.append(make_conv(rng, "saturating", True, boost=6.0, activation="NONE"))
    cases.append(special_scales_conv(rng, True))
    cases.append(discriminating_conv(rng, True, "double_product_rule", "float32_product"))
    cases.append(discriminating_conv(rng, True, "double_rounding", "single_rounding"))
    return [finish_conv(c, True) for c in cases]


# ---- PAD / PADV2 (§20) --------------------------------------------------------------------

def pad_reference(case):
    x = np.array(case["input"], dtype=np.int64).reshape(case["input_shape"])
    pads = [tuple(p) for p in case["paddings"]]
    fill = case["constant"] if case["constant"] is not None else case["output_zero_point"]
    y = np.pad(x, pads, mode="constant", constant_values=fill)
    case["output_shape"] = list(y.shape)
    return [int(v) for v in y.reshape(-1)]


def make_pad(rng, name, rank, padv2, paddings_type, zero_dims=False):
    shape = [int(v) for v in rng.integers(1, 5, rank)]
    if zero_dims:
        shape[int(rng.integers(0, rank))] = 0
    paddings = [[int(rng.integers(0, 3)), int(rng.integers(0, 3))] for _ in range(rank)]
    scale, zp = f32(rng.uniform(0.01, 0.5)), int(rng.integers(-128, 128))
    case = {
        "name": name, "op": "PADV2" if padv2 else "PAD", "input_shape": shape,
        "input": ints(rng, int(np.prod(shape))),
        "paddings": paddings, "paddings_type": paddings_type,
        "output_scale": scale, "output_zero_point": zp,
        "constant": int(rng.integers(-128, 128)) if padv2 else None,
    }
    case["expected"] = pad_reference(case)
    return case


def pad_cases(rng):
    cases = []
    for i in range(10):
        rank = [1, 2, 3, 4, 4, 4, 5, 6, 2, 3][i]
        cases.append(make_pad(rng, f"random_{i:02d}", rank, padv2=(i % 3 == 1),
                              paddings_type="INT64" if i % 4 == 3 else "INT32"))
    nhwc = make_pad(rng, "nhwc_spatial_only", 4, False, "INT32")
    nhwc["paddings"] = [[0, 0], [1, 2], [2, 1], [0, 0]]
    nhwc["expected"] = pad_reference(nhwc)
    cases.append(nhwc)
    none = make_pad(rng, "no_padding", 3, True, "INT64")
    none["paddings"] = [[0, 0]] * 3
    none["expected"] = pad_reference(none)
    cases.append(none)
    cases.append(make_pad(rng, "empty_input_dim", 3, True, "INT32", zero_dims=True))
    return cases


# ---- geometry and multiplier tables -------------------------------------------------------

def geometry_cases(rng):
    worked = [  # §5 worked examples: KWS op 0 (H and W), VWW op 0, IC 1x1 stride-2 shortcut
        ("SAME", 49, 10, 2, 1), ("SAME", 10, 4, 2, 1), ("SAME", 96, 3, 2, 1), ("SAME", 32, 1, 2, 1),
    ]
    rows = list(worked)
    for _ in range(60):
        rows.append((str(rng.choice(["SAME", "VALID"])), int(rng.integers(1, 40)),
                     int(rng.integers(1, 8)), int(rng.integers(1, 5)), int(rng.integers(1, 4))))
    rows += [("VALID", 5, 3, 1, 3), ("VALID", 4, 5, 1, 1), ("SAME", 0, 3, 1, 1),
             ("SAME", 5, 3, 0, 1), ("SAME", 5, 3, 1, 0), ("SAME", 5, 0, 1, 1)]
    out = []
    for padding, size, k, s, d in rows:
        g = geometry(padding, size, k, s, d)
        out.append({"padding": padding, "input": size, "filter": k, "stride": s, "dilation": d,
                    "valid": g is not None, "output": g[0] if g else 0,
                    "pad_before": g[1] if g else 0, "pad_after": g[2] if g else 0})
    return out


def multiplier_cases(rng):
    rows = [
        # §6 worked example: KWS op 0, channel 0; acc 14875 -> 147 (then + z_out -128 = 19).
        {"input_scale": 0.5847029089927673, "filter_scale": 0.0013318449491634965,
         "output_scale": 0.07872539758682251, "accumulators": [14875]},
        {"input_scale": 0.25, "filter_scale": 2.0**-34, "output_scale": 0.5},  # flushed
        {"input_scale": 0.25, "filter_scale": 2.0**-30.5, "output_scale": 0.5},  # shift -31
        {"input_scale": 0.5, "filter_scale": 0.75, "output_scale": 0.125},  # left shift
    ]
    for _ in range(20):
        rows.append({"input_scale": f32(rng.uniform(0.001, 1.0)),
                     "filter_scale": f32(10 ** rng.uniform(-11, -1)),
                     "output_scale": f32(rng.uniform(0.001, 0.5))})
    for r in rows:
        for key in ("input_scale", "filter_scale", "output_scale"):
            r[key] = f32(r[key])
        m, s = conv_multiplier(r["input_scale"], r["filter_scale"], r["output_scale"])
        r["multiplier"], r["shift"] = m, s
        accs = r.setdefault("accumulators", [int(v) for v in rng.integers(-200000, 200000, 4)])
        r["mbqm"] = [mbqm(a, m, s) for a in accs]
    assert rows[0]["multiplier"] == 1359514674 and rows[0]["shift"] == -6 and rows[0]["mbqm"] == [147]
    assert rows[1]["multiplier"] == 0 and rows[2]["shift"] == -31 and rows[3]["shift"] > 0
    return rows


def main():
    rng = np.random.default_rng(SEED)
    doc = {
        "generator": "make_conv_vectors.py", "seed": SEED,
        "geometry": geometry_cases(rng), "multipliers": multiplier_cases(rng),
        "conv": conv_cases(rng), "depthwise": depthwise_cases(rng), "pad": pad_cases(rng),
    }
    out = output_path(__file__, "conv_vectors.json")
    write_json(doc, out)
    for family in ("conv", "depthwise", "pad"):
        values = [v for c in doc[family] for v in c["expected"]]
        clamped = sum(v in (-128, 127) for v in values)
        print(f"{family}: {len(doc[family])} cases, {len(values)} outputs ({clamped} at -128/127)")
    print(f"{os.path.getsize(out)} bytes -> {out}")


if __name__ == "__main__":
    main()
