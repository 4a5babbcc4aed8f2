#!/usr/bin/python3
"""Expected outputs for the engine's AVERAGE_POOL_2D, MAX_POOL_2D, ADD, MUL, SOFTMAX, LOGISTIC,
MEAN, CONCATENATION, QUANTIZE and DEQUANTIZE kernel tests.

Written from the rules in int8-quantization.md (QuantizeMultiplier §2, MBQM §3, clamps §4,
geometry §5, pooling §9-§10, ADD §11, MUL §12, SOFTMAX §13, LOGISTIC §14, QUANTIZE §18,
DEQUANTIZE §19, CONCATENATION §20, MEAN §21), independently of the C++ code. Integer steps use
exact Python integers (with range asserts where the C++ works in int32); float32 steps use numpy
float32. The fact sheet's worked examples are checked here and emitted as cases too.

Usage: /usr/bin/python3 make_misc_vectors.py [out.json]  (default: misc_vectors.json beside it)
"""
import math
import os
import sys

import numpy as np

# The shared primitives live beside this script; make that importable from any working
# directory (and under python3 -P, which drops the script's folder from sys.path).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tflm_int8_ref import (ACTIVATIONS, INT32_MAX, INT32_MIN, activation_range,  # noqa: E402
                           check32, clamp, f32, ints, mbqm, output_path, quantize_multiplier,
                           rdbpot, round_away, srdhm, wrap32, write_json)

SEED = 20240611


# ---- gemmlowp fixed point (§13 EXP / RECIP, §14 EXP4 / LOGISTIC) ---------------------------

def sat_shl(v, k):
    limit = 2 ** (31 - k) - 1
    if v > limit:
        return INT32_MAX
    if v < -limit:
        return INT32_MIN
    return v * 2**k


def exp_polynomial(y):
    """exp(y) on [-1/4, 0) in Q0.31."""
    t = check32(y + 2**28)
    t2 = srdhm(t, t)
    t3 = srdhm(t2, t)
    t4 = srdhm(t2, t2)
    u = rdbpot(t4, 2)
    v = rdbpot(check32(srdhm(check32(u + t3), 715827883) + t2), 1)
    return check32(1895147668 + srdhm(1895147668, check32(t + v)))


# (bit, constant) pairs of the barrel shifter: Q5.26 input (EXP) and Q4.27 input (EXP4).
EXP_STEPS = [(24, 1672461947), (25, 1302514674), (26, 790015084), (27, 290630308),
             (28, 39332535), (29, 720401), (30, 242)]
EXP4_STEPS = [(25, 1672461947), (26, 1302514674), (27, 790015084), (28, 290630308),
              (29, 39332535), (30, 720401)]


def exp_q5(a):
    assert a <= 0
    if a == 0:
        return INT32_MAX
    a_mod = (a & (2**24 - 1)) - 2**24
    result = exp_polynomial(sat_shl(a_mod, 5))
    remainder = a_mod - a
    for bit, constant in EXP_STEPS:
        if remainder & (1 << bit):
            result = srdhm(result, constant)
    return result


def exp_q4(a):
    assert a <= 0
    if a == 0:
        return INT32_MAX
    a_mod = (a & (2**25 - 1)) - 2**25
    result = exp_polynomial(sat_shl(a_mod, 4))
    remainder = a_mod - a
    for bit, constant in EXP4_STEPS:
        if remainder & (1 << bit):
            result = srdhm(result, constant)
    return result


def recip(x0):
    assert 0 <= x0 < 2**31
    hd = (x0 + (2**31 - 1) + 1) // 2
    z = 1515870810 + srdhm(hd, -1010580540)
    for _ in range(3):
        p = srdhm(hd, z)
        z = check32(z + sat_shl(srdhm(z, 2**29 - p), 2))
    return sat_shl(z, 1)


# ---- op models ------------------------------------------------------------------------------

def pool_geometry(size, k, s, padding):
    out = (size + s - 1) // s if padding == "SAME" else (size - k) // s + 1
    total = max(0, (out - 1) * s + k - size)
    return out, total // 2


def average_rounded(total, n):
    half = n // 2
    num = total + half if total > 0 else total - half
    q = abs(num) // n
    return q if num >= 0 else -q  # C division truncates toward zero


def pool(case):
    n_, h, w, c = case["input_shape"]
    (fh, fw), (sh, sw) = case["filter"], case["stride"]
    oh, pt = pool_geometry(h, fh, sh, case["padding"])
    ow, pl = pool_geometry(w, fw, sw, case["padding"])
    x = np.array(case["input"]).reshape(n_, h, w, c)
    lo, hi = activation_range(case["activation"], case["scale"], case["zero_point"])
    out = []
    for b in range(n_):
        for oy in range(oh):
            for ox in range(ow):
                ys = [oy * sh - pt + k for k in range(fh) if 0 <= oy * sh - pt + k < h]
                xs = [ox * sw - pl + k for k in range(fw) if 0 <= ox * sw - pl + k < w]
                for ch in range(c):
                    vals = [int(x[b, iy, ix, ch]) for iy in ys for ix in xs]
                    if case["kind"] == "average":
                        v = average_rounded(sum(vals), len(vals))
                    else:
                        v = max([-128] + vals)
                    out.append(clamp(v, lo, hi))
    return [n_, oh, ow, c], out


def add_params(c):
    s1, s2, so = c["scale1"], c["scale2"], c["output_scale"]
    twice_max = 2.0 * max(s1, s2)
    r1, r2 = s1 / twice_max, s2 / twice_max
    r_out = twice_max / (2**20 * so)
    return [quantize_multiplier(r1), quantize_multiplier(r2), quantize_multiplier(r_out)]


def broadcast(c, fn):
    a = np.array(c["input1"]).reshape(c["shape1"])
    b = np.array(c["input2"]).reshape(c["shape2"])
    a, b = np.broadcast_arrays(a, b)
    return list(a.shape), [fn(int(u), int(v)) for u, v in zip(a.ravel(), b.ravel())]


def add(c):
    (m1, sh1), (m2, sh2), (mo, sho) = add_params(c)
    lo, hi = activation_range(c["activation"], c["output_scale"], c["output_zero_point"])

    def one(x1, x2):
        a = check32((x1 - c["zero_point1"]) * 2**20)
        b = check32((x2 - c["zero_point2"]) * 2**20)
        s = check32(mbqm(a, m1, sh1) + mbqm(b, m2, sh2))
        return clamp(mbqm(s, mo, sho) + c["output_zero_point"], lo, hi)

    return broadcast(c, one)


def mul_params(c):
    return quantize_multiplier(c["scale1"] * c["scale2"] / c["output_scale"])


def mul(c):
    m, sh = mul_params(c)
    lo, hi = activation_range(c["activation"], c["output_scale"], c["output_zero_point"])

    def one(x1, x2):
        p = (x1 - c["zero_point1"]) * (x2 - c["zero_point2"])
        return clamp(c["output_zero_point"] + mbqm(p, m, sh), lo, hi)

    return broadcast(c, one)


def softmax_params(s_in, beta):
    real = min(beta * s_in * 2.0**26, 2.0**31 - 1)
    m, l = quantize_multiplier(real)
    assert real > 1.0 and l >= 1
    diff_min = -math.floor(31 * 2.0**26 / 2.0**l)
    return m, l, diff_min


def softmax_row(row, m, l, diff_min):
    mx = max(row)

    def e_of(d):
        return exp_q5(srdhm(wrap32(d << l), m))

    kept = [x - mx >= diff_min for x in row]
    total = sum(rdbpot(e_of(x - mx), 12) for x, k in zip(row, kept) if k)
    assert total < 2**28
    h = 32 - total.bit_length()
    nbou = 12 - h
    x0 = wrap32((total << h) - 2**31)
    rs = recip(x0)
    exponent = nbou + 23
    return [clamp(rdbpot(srdhm(rs, e_of(x - mx)), exponent) - 128) if k else -128
            for x, k in zip(row, kept)]


def softmax(c):
    m, l, diff_min = softmax_params(c["input_scale"], c["beta"])
    depth = c["shape"][-1]
    out = []
    for r in range(0, len(c["input"]), depth):
        out += softmax_row(c["input"][r:r + depth], m, l, diff_min)
    return [m, l, diff_min], out


def logistic_params(s_in):
    q, l = math.frexp(s_in * 2.0**27)
    m = round_away(q * 2.0**31)
    radius = math.floor(15 * 2.0**27 / 2.0**l)
    return int(m), l, radius


def logistic_q(a):
    if a == 0:
        return 2**30
    if a > 0:
        return recip(exp_q4(-a))
    return (2**31 - 1) - recip(exp_q4(a))


def logistic(c):
    m, l, radius = logistic_params(c["input_scale"])
    out = []
    for q in range(-128, 128):
        x = q - c["input_zero_point"]
        if x <= -radius:
            out.append(-128)
        elif x >= radius:
            out.append(127)
        else:
            out.append(clamp(rdbpot(logistic_q(mbqm(x, m, l)), 23) - 128))
    return [m, l, radius], out


def mean(c):
    shape = c["input_shape"]
    rank = len(shape)
    axes = sorted({a + rank if a < 0 else a for a in c["axes"]})
    m, s = quantize_multiplier(c["input_scale"] / c["output_scale"])
    x = np.array(c["input"], dtype=np.int64).reshape(shape)
    sums = x.sum(axis=tuple(axes), keepdims=c["keep_dims"]) if axes else x
    n = int(np.prod([shape[a] for a in axes])) if axes else 1
    k = min(n.bit_length() - 1, 32, 31 + s)
    m2, s2 = (m << k) // n, s - k
    out = [clamp(mbqm(check32(int(v) - c["input_zero_point"] * n), m2, s2) + c["output_zero_point"])
           for v in np.ravel(sums)]
    return [m, s], list(np.shape(sums)), out


def quantize_float(c):
    s = np.float32(c["scale"])
    return [clamp(round_away(float(np.float32(v) / s)) + c["zero_point"]) for v in c["input"]]


def requantize(c):
    m, s = quantize_multiplier(c["input_scale"] / c["output_scale"])
    out = [clamp(mbqm(q - c["input_zero_point"], m, s) + c["output_zero_point"])
           for q in range(-128, 128)]
    return [m, s], out


def dequantize(c):
    s = float(np.float32(c["scale"]))
    return [float(np.float32(s * (q - c["zero_point"]))) for q in range(-128, 128)]


# ---- the fact sheet's worked examples --------------------------------------------------------

def check_worked_examples():
    assert average_rounded(7, 2) == 4 and average_rounded(-7, 2) == -4
    assert average_rounded(5, 3) == 2 and average_rounded(-5, 3) == -2
    assert average_rounded(4, 3) == 1 and average_rounded(-4, 3) == -1
    assert average_rounded(2, 4) == 1 and average_rounded(-2, 4) == -1
    assert average_rounded(0, 5) == 0
    assert activation_range("RELU6", f32(0.03), -20) == (-20, 127)
    assert activation_range("RELU_N1_TO_1", f32(0.01), 3) == (-97, 103)
    assert srdhm(3, 2**30) == 2 and srdhm(-3, 2**30) == -1 and rdbpot(-12, 3) == -2


def worked_examples():
    """Cases copied from the fact sheet, with their stated results asserted."""
    ex = {}
    kws = {"name": "sheet_kws_op12", "shape": [1, 12], "beta": 1.0,
           "input_scale": 0.14469251036643982,
           "input": [-55, -41, -3, 3, -62, -71, -36, -90, -68, 105, -128, 63]}
    ic = {"name": "sheet_ic_op15", "shape": [1, 10], "beta": 1.0, "input_scale": f32(0.171853513),
          "input": [33, 3, 7, 25, 33, 9, 31, 14, 22, 8]}
    vww = {"name": "sheet_vww_op30", "shape": [1, 2], "beta": 1.0,
           "input_scale": f32(0.0146362185), "input": [125, -128]}
    p, out = softmax(kws)
    assert p == [1242899200, 24, -124] and out == [-128] * 9 + [127, -128, -127], (p, out)
    p, out = softmax(ic)
    assert p[:2] == [1476210432, 24] and p[2] == -124
    assert out == [-48, -128, -127, -108, -48, -127, -71, -125, -116, -127], out
    p, out = softmax(vww)
    assert p == [2011586560, 20, -1984] and out == [122, -122], (p, out)
    ex["softmax"] = [kws, ic, vww]

    lg = {"name": "sheet_logistic_0.1", "input_scale": f32(0.1), "input_zero_point": 0}
    p, out = logistic(lg)
    assert p == [1717986944, 24, 120], p
    for q, want in [(-128, -128), (-50, -126), (-10, -59), (-1, -6), (0, 0), (1, 6), (10, 59),
                    (50, 126), (127, 127)]:
        assert out[q + 128] == want, (q, out[q + 128])
    ex["logistic"] = [lg]

    ic3 = {"name": "sheet_ic_op3", "shape1": [3], "shape2": [3],
           "scale1": 0.039393551647663116, "zero_point1": -128,
           "scale2": 0.10419496148824692, "zero_point2": 4,
           "output_scale": 0.050945673137903214, "output_zero_point": -128, "activation": "RELU",
           "input1": [-58, -99, -128], "input2": [-8, 26, -6]}
    assert add_params(ic3) == [(1623821475, -2), (1073741824, 0), (1098017566, -17)]
    assert add(ic3)[1] == [-98, -61, -128]
    ex["add"] = [ic3]

    m1 = {"name": "sheet_mean_double_rounding", "input_shape": [4], "axes": [0],
          "keep_dims": False, "input_scale": 0.5, "input_zero_point": 0, "output_scale": 0.5,
          "output_zero_point": 0, "input": [10, 20, 30, 41]}
    assert mean(m1)[2] == [26]
    m2 = {"name": "sheet_mean_64", "input_shape": [1, 8, 8, 1], "axes": [1, 2],
          "keep_dims": True, "input_scale": f32(0.127069145), "input_zero_point": -128,
          "output_scale": f32(0.127069145), "output_zero_point": -128,
          "input": list(range(-128, -64))}
    assert mean(m2)[2] == [-96]
    ex["mean"] = [m1, m2]

    qf = [{"name": "sheet_quantize_half", "scale": 0.5, "zero_point": 0,
           "input": [1.25, -1.25, 0.75]},
          {"name": "sheet_quantize_1_255", "scale": f32(1 / 255), "zero_point": -128,
           "input": [0.5]},
          {"name": "sheet_quantize_clamp", "scale": 0.5, "zero_point": 10, "input": [200.0]}]
    assert [quantize_float(c) for c in qf] == [[3, -3, 2], [-1], [127]]
    ex["quantize_float"] = qf

    dq = {"name": "sheet_dequantize", "scale": f32(0.0784313753), "zero_point": -128}
    assert dequantize(dq)[-100 + 128] == 2.1960785388946533
    ex["dequantize"] = [dq]
    ex["average_rounding"] = [[7, 2, 4], [-7, 2, -4], [5, 3, 2], [-5, 3, -2], [4, 3, 1],
                              [-4, 3, -1], [2, 4, 1], [-2, 4, -1], [0, 5, 0]]
    return ex


# ---- random cases ----------------------------------------------------------------------------

def output_quant_for(rng, act):
    """An output (scale, zero point) that makes the activation's clamp bite."""
    if act == "RELU":
        return f32(rng.uniform(0.02, 0.2)), int(rng.integers(-40, 20))
    if act == "RELU6":
        return f32(rng.uniform(0.03, 0.08)), int(rng.integers(-60, -20))
    if act == "RELU_N1_TO_1":
        return f32(rng.uniform(0.004, 0.012)), int(rng.integers(-20, 20))
    return f32(rng.uniform(0.02, 0.2)), int(rng.integers(-128, 128))


def random_pools(rng):
    cases = []
    specs = [("kws_like", "average", [1, 25, 5, 3], [25, 5], [25, 5], "VALID", "NONE"),
             ("vww_like", "average", [1, 3, 3, 8], [3, 3], [3, 3], "VALID", "NONE"),
             ("ic_like", "average", [1, 8, 8, 2], [8, 8], [8, 8], "VALID", "NONE")]
    for i in range(22):
        kind = "average" if i % 2 == 0 else "max"
        shape = [int(rng.integers(1, 3)), int(rng.integers(1, 9)), int(rng.integers(1, 9)),
                 int(rng.integers(1, 5))]
        f = [int(rng.integers(1, 5)), int(rng.integers(1, 5))]
        padding = "SAME" if i % 3 != 2 else "VALID"
        if padding == "VALID":
            shape[1], shape[2] = max(shape[1], f[0]), max(shape[2], f[1])
        specs.append((f"random_{i}", kind, shape, f, [int(rng.integers(1, 4)),
                      int(rng.integers(1, 4))], padding, ACTIVATIONS[i % 4]))
    for name, kind, shape, f, s, padding, act in specs:
        scale, zp = output_quant_for(rng, act)
        c = {"name": f"{kind}_{name}", "kind": kind, "input_shape": shape, "filter": f,
             "stride": s, "padding": padding, "activation": act, "scale": scale,
             "zero_point": zp, "input": ints(rng, int(np.prod(shape)))}
        c["output_shape"], c["expected"] = pool(c)
        cases.append(c)
    return cases


BROADCAST_SHAPES = [([2, 3, 4], [2, 3, 4]), ([2, 3, 4], [4]), ([4], [2, 3, 4]),
                    ([2, 1, 4], [1, 3, 1]), ([1, 5, 5, 3], [1, 1, 1, 3]), ([3, 1], [1, 4]),
                    ([1], [2, 2]), ([2, 1, 3, 1, 2], [4, 3, 1, 1]), ([], [3]),
                    ([1, 2, 1, 2, 1, 2], [2, 1, 2, 1, 2, 1]), ([6], [6])]


def random_binary(rng, op):
    cases = []
    for i in range(26):
        shape1, shape2 = BROADCAST_SHAPES[i % len(BROADCAST_SHAPES)]
        act = ACTIVATIONS[i % 4]
        so, zo = output_quant_for(rng, act)
        s1 = f32(math.exp(rng.uniform(math.log(0.005), math.log(0.5))))
        s2 = f32(math.exp(rng.uniform(math.log(0.005), math.log(0.5))))
        if op == "mul":
            so = f32(s1 * s2 * math.exp(rng.uniform(math.log(5), math.log(300))))
        if i == 20:  # large right shifts at the output
            so = f32(max(s1, s2) * (3000.0 if op == "add" else 1e4))
        if i == 21:  # flushed (0, 0) output multiplier
            so = f32(max(s1, s2) * (1e5 if op == "add" else 1e9))
        if i == 22 and op == "mul":  # a positive shift: s1 * s2 / s_out > 1
            so = f32(s1 * s2 / 37.5)
        if i == 23:  # equal scales
            s2 = s1
        c = {"name": f"{op}_random_{i}", "shape1": shape1, "shape2": shape2,
             "scale1": s1, "zero_point1": int(rng.integers(-128, 128)),
             "scale2": s2, "zero_point2": int(rng.integers(-128, 128)),
             "output_scale": so, "output_zero_point": zo, "activation": act,
             "input1": ints(rng, int(np.prod(shape1))), "input2": ints(rng, int(np.prod(shape2)))}
        cases.append(c)
    return cases


def finish_binary(cases, op):
    for c in cases:
        if op == "add":
            c["params"] = [list(p) for p in add_params(c)]
            c["output_shape"], c["expected"] = add(c)
        else:
            c["params"] = list(mul_params(c))
            c["output_shape"], c["expected"] = mul(c)
    return cases


def random_softmax(rng):
    cases = []
    shapes = [[1, 10], [3, 7], [2, 2, 5], [1, 1, 1, 12], [4, 1], [1, 40], [2, 3, 2, 3], [5]]
    for i in range(20):
        shape = shapes[i % len(shapes)]
        scale = f32(math.exp(rng.uniform(math.log(0.02), math.log(0.4))))
        beta = [1.0, 0.5, 2.0, f32(rng.uniform(0.1, 3.0))][i % 4]
        if i == 16:
            scale = f32(2.0)  # diff_min -7: most entries ignored
        if i == 17:
            scale, beta = f32(1e-7), 1.0  # barely "greater than one"
        if i == 18:
            scale = f32(0.9)
        lo, hi = (-128, 127) if i % 3 else (-20, 20)
        c = {"name": f"softmax_random_{i}", "shape": shape, "beta": beta, "input_scale": scale,
             "input": ints(rng, int(np.prod(shape)), lo, hi)}
        cases.append(c)
    cases.append({"name": "softmax_uniform_511", "shape": [511], "beta": 1.0,
                  "input_scale": f32(0.1), "input": [7] * 511})
    cases.append({"name": "softmax_clamped_beta", "shape": [2, 4], "beta": f32(1e6),
                  "input_scale": f32(100.0), "input": [5, 5, 4, -128, 0, 1, 2, 3]})
    return cases


def random_logistic(rng):
    cases = []
    for i, scale in enumerate([0.02, 0.0625, 0.05, 0.2, 0.5, 1.0, 3.0, 20.0, 1e-5]):
        cases.append({"name": f"logistic_{i}", "input_scale": f32(scale * rng.uniform(0.9, 1.1)),
                      "input_zero_point": int(rng.integers(-128, 128))})
    return cases


def random_mean(rng):
    specs = [([1, 4, 4, 3], [1, 2], True), ([1, 4, 4, 3], [1, 2], False),
             ([2, 3, 5], [-1], False), ([2, 3, 5], [0, -1, 2], True), ([6], [0], True),
             ([3, 4], [], False), ([2, 2, 2, 2, 2], [0, 2, 4], False), ([5, 7], [1, 1], False),
             ([1, 16, 16, 4], [1, 2], True), ([2, 3, 4, 5], [3, 0], False)]
    cases = []
    for i, (shape, axes, keep) in enumerate(specs * 2):
        s_in = f32(math.exp(rng.uniform(math.log(0.01), math.log(0.5))))
        s_out = f32(s_in * math.exp(rng.uniform(-1.5, 1.5)))
        if i == 10:
            s_out = f32(s_in * 2.0**28 * 1.3)  # k clamped to 31 + S
        if i == 11:
            s_out = s_in
        cases.append({"name": f"mean_{i}", "input_shape": shape, "axes": axes, "keep_dims": keep,
                      "input_scale": s_in, "input_zero_point": int(rng.integers(-128, 128)),
                      "output_scale": s_out, "output_zero_point": int(rng.integers(-128, 128)),
                      "input": ints(rng, int(np.prod(shape)))})
    return cases


def random_concatenation(rng):
    cases = []
    for i in range(12):
        rank = int(rng.integers(1, 5))
        base = [int(rng.integers(1, 4)) for _ in range(rank)]
        axis = int(rng.integers(-rank, rank))
        count = int(rng.integers(1, 5)) if i else 6
        shapes = []
        for _ in range(count):
            s = list(base)
            s[axis] = int(rng.integers(1, 4))
            shapes.append(s)
        inputs = [ints(rng, int(np.prod(s))) for s in shapes]
        arrays = [np.array(v).reshape(s) for v, s in zip(inputs, shapes)]
        out = np.concatenate(arrays, axis=axis)
        cases.append({"name": f"concatenation_{i}", "shapes": shapes, "axis": axis,
                      "inputs": inputs, "output_shape": list(out.shape),
                      "expected": [int(v) for v in out.ravel()]})
    return cases


def random_quantize_float(rng):
    cases = []
    for i, (scale, zp) in enumerate([(0.5, 0), (0.25, -7), (f32(1 / 255), -128), (0.1, 3),
                                     (f32(0.0234), 17), (3.0, -100)]):
        scale = f32(scale)
        ties = [f32((k + 0.5) * scale) for k in rng.integers(-140, 140, 12)]
        rand = [f32(v) for v in rng.uniform(-150 * scale, 150 * scale, 24)]
        extremes = [f32(1e30), f32(-1e30), 0.0, -0.0]
        cases.append({"name": f"quantize_float_{i}", "scale": scale, "zero_point": zp,
                      "input": ties + rand + extremes})
    return cases


def random_requantize(rng):
    cases = []
    for i, ratio in enumerate([1.0, 0.37, 2.6, 37.0, 1e-3, 1e-9, 1e-12, 0.9999999]):
        s_in = f32(rng.uniform(0.01, 0.2))
        cases.append({"name": f"requantize_{i}", "input_scale": s_in,
                      "input_zero_point": int(rng.integers(-128, 128)),
                      "output_scale": f32(s_in / ratio),
                      "output_zero_point": int(rng.integers(-128, 128))})
    return cases


def random_dequantize(rng):
    return [{"name": f"dequantize_{i}", "scale": f32(s), "zero_point": int(rng.integers(-128, 128))}
            for i, s in enumerate([0.1, 1 / 3, 0.0037, 12.5])]


def main():
    out_path = output_path(__file__, "misc_vectors.json")
    rng = np.random.default_rng(SEED)
    check_worked_examples()
    ex = worked_examples()
    doc = {"generator": "make_misc_vectors.py", "seed": SEED,
           "average_rounding": ex["average_rounding"]}
    doc["pool"] = random_pools(rng)
    doc["add"] = finish_binary(ex["add"] + random_binary(rng, "add"), "add")
    doc["mul"] = finish_binary(random_binary(rng, "mul"), "mul")
    doc["softmax"] = ex["softmax"] + random_softmax(rng)
    for c in doc["softmax"]:
        c["params"], c["expected"] = softmax(c)
    doc["logistic"] = ex["logistic"] + random_logistic(rng)
    for c in doc["logistic"]:
        c["params"], c["expected"] = logistic(c)
    doc["mean"] = ex["mean"] + random_mean(rng)
    for c in doc["mean"]:
        c["params"], c["output_shape"], c["expected"] = mean(c)
    doc["concatenation"] = random_concatenation(rng)
    doc["quantize_float"] = ex["quantize_float"] + random_quantize_float(rng)
    for c in doc["quantize_float"]:
        c["expected"] = quantize_float(c)
    doc["requantize"] = random_requantize(rng)
    for c in doc["requantize"]:
        c["params"], c["expected"] = requantize(c)
    doc["dequantize"] = ex["dequantize"] + random_dequantize(rng)
    for c in doc["dequantize"]:
        c["expected"] = dequantize(c)
    write_json(doc, out_path)
    print(f"wrote {out_path}: " + ", ".join(
        f"{k} {len(v)}" for k, v in doc.items() if isinstance(v, list)))


if __name__ == "__main__":
    main()
