"""int8 post-training quantization of a model written in tinyrack_ml.nn, exported as a .tflite
through the project's own writer (tr-model build), and the host engine for scoring it.

Conventions follow TFLite's int8 scheme (facts/int8-quantization.md): weights symmetric int8
in [-127, 127], per output channel for convolutions and per tensor for fully connected layers;
biases int32 with scale input_scale * weight_scale; activations asymmetric int8 whose range,
taken from a calibration set (min/max, widened to include 0), maps onto [-128, 127]; pooling
and reshapes keep their input's quantization; softmax outputs scale 1/256, zero point -128.
"""
import base64
import json
import os
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.fx

from . import nn as trnn

REPO = Path(__file__).resolve().parents[3]


class ExportError(ValueError):
    """The model uses something the int8 export cannot express; names the layer."""


# ---------------------------------------------------------------- quantization arithmetic

def quantize(x, scale, zero_point):
    """Float array -> int8 with round half away from zero (as the engine's QUANTIZE does)."""
    q = np.asarray(x, dtype=np.float64) / scale
    q = np.sign(q) * np.floor(np.abs(q) + 0.5) + zero_point
    return np.clip(q, -128, 127).astype(np.int8)


def dequantize(q, scale, zero_point):
    return (np.asarray(q, dtype=np.float32) - np.float32(zero_point)) * np.float32(scale)


def activation_quant(lo, hi):
    """(scale, zero_point) mapping [min(lo, 0), max(hi, 0)] onto [-128, 127]."""
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    if hi - lo < 1e-8:
        hi = lo + 1e-8
    scale = (hi - lo) / 255.0
    zero_point = int(np.clip(round(-128 - lo / scale), -128, 127))
    return float(np.float32(scale)), zero_point


def _symmetric_scales(w, axis):
    """Per-slice max |w| / 127 along `axis` (all others reduced); never zero."""
    other = tuple(i for i in range(w.ndim) if i != axis)
    m = np.abs(w).max(axis=other) if other else np.abs(w)
    return np.maximum(m, 1e-12).astype(np.float32) / np.float32(127.0)


# ---------------------------------------------------------------- tracing and calibration

class _Tracer(torch.fx.Tracer):
    def is_leaf_module(self, m, qualname):
        return isinstance(m, trnn.LEAF_TYPES) or super().is_leaf_module(m, qualname)


class _Recorder(torch.fx.Interpreter):
    """Runs the traced graph and keeps each node's output range and one sample's shape.

    percentile None: the range is the min and max seen over the whole calibration set.
    percentile p (e.g. 99.99): each batch's (100 - p)th and pth percentiles, averaged over the
    batches, so a handful of outlier activations does not stretch the int8 step for the rest."""

    def __init__(self, gm, percentile=None):
        super().__init__(gm)
        self.percentile = percentile
        self.ranges = {}
        self.shapes = {}
        self._batches = {}

    def run_node(self, n):
        out = super().run_node(n)
        if isinstance(out, torch.Tensor):
            if self.percentile is None:
                lo, hi = float(out.min()), float(out.max())
                old = self.ranges.get(n.name)
                self.ranges[n.name] = (lo, hi) if old is None else (min(old[0], lo),
                                                                    max(old[1], hi))
            else:
                v = out.detach().reshape(-1).double().numpy()
                seen = self._batches.setdefault(n.name, [])
                seen.append((np.percentile(v, 100.0 - self.percentile),
                             np.percentile(v, self.percentile)))
                self.ranges[n.name] = (float(np.mean([b[0] for b in seen])),
                                       float(np.mean([b[1] for b in seen])))
            self.shapes[n.name] = [1] + list(out.shape[1:])
        return out


def _trace(model):
    graph = _Tracer().trace(model)
    return torch.fx.GraphModule(model, graph)


def _calibrate(gm, calibration, batch=256, percentile=None):
    rec = _Recorder(gm, percentile)
    with torch.no_grad():
        for start in range(0, len(calibration), batch):
            rec.run(calibration[start:start + batch])
    return rec


# ---------------------------------------------------------------- spec building

def _nhwc(shape):
    return [shape[0], shape[2], shape[3], shape[1]] if len(shape) == 4 else list(shape)


def _b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


def _activation_name(act):
    return {"none": "none", "relu": "relu", "relu6": "relu6"}[act]


def _folded_conv(layer):
    """Conv weights and bias with the batch norm folded in (float64)."""
    w = layer.conv.weight.detach().double().numpy()
    b = (layer.conv.bias.detach().double().numpy() if layer.conv.bias is not None
         else np.zeros(w.shape[0]))
    if layer.bn is not None:
        bn = layer.bn
        gamma = bn.weight.detach().double().numpy()
        beta = bn.bias.detach().double().numpy()
        mean = bn.running_mean.detach().double().numpy()
        var = bn.running_var.detach().double().numpy()
        factor = gamma / np.sqrt(var + bn.eps)
        w = w * factor[:, None, None, None]
        b = (b - mean) * factor + beta
    return w, b


def _tflite_same_matches(in_size, kernel, stride, dilation, torch_pad):
    """True when TFLite SAME padding equals torch's symmetric padding for this axis."""
    out = -(-in_size // stride)
    effective = dilation * (kernel - 1) + 1
    total = max((out - 1) * stride + effective - in_size, 0)
    torch_out = (in_size + 2 * torch_pad - effective) // stride + 1
    return total == 2 * torch_pad and out == torch_out


class _SpecBuilder:
    def __init__(self, description):
        self.tensors, self.operators = [], []
        self.description = description

    def tensor(self, name, shape, quant=None, dtype="int8", data=None, axis=0):
        t = {"name": name, "shape": [int(d) for d in shape], "type": dtype}
        if quant is not None:
            scales, zps = quant
            t["scale"] = [float(s) for s in np.atleast_1d(scales)]
            t["zero_point"] = [int(z) for z in np.atleast_1d(zps)]
            if axis:
                t["quantized_dimension"] = axis
        if data is not None:
            t["data"] = _b64(data)
        self.tensors.append(t)
        return len(self.tensors) - 1

    def op(self, name, inputs, outputs, **options):
        self.operators.append({"op": name, "inputs": inputs, "outputs": outputs, **options})

    def spec(self, inputs, outputs):
        return {"format": "tinyrack-model-spec/1", "description": self.description,
                "tensors": self.tensors, "operators": self.operators,
                "inputs": inputs, "outputs": outputs}


class _Exporter:
    def __init__(self, gm, rec, input_quant, description):
        self.gm, self.rec = gm, rec
        self.b = _SpecBuilder(description)
        self.input_quant = input_quant
        self.tensor_of = {}   # node name -> spec tensor index
        self.quant_of = {}    # node name -> (scale, zero_point)
        self.shape_of = {}    # node name -> torch shape (NCHW) of one sample
        self.flatten_src = {}  # flatten node name -> its input's torch shape

    def calibrated(self, node):
        return activation_quant(*self.rec.ranges[node.name])

    def out_tensor(self, node, quant):
        shape = self.rec.shapes[node.name]
        self.shape_of[node.name] = shape
        self.quant_of[node.name] = quant
        idx = self.b.tensor(node.name, _nhwc(shape), quant)
        self.tensor_of[node.name] = idx
        return idx

    def run(self):
        graph_inputs, graph_outputs = [], []
        for node in self.gm.graph.nodes:
            if node.op == "placeholder":
                quant = self.input_quant or self.calibrated(node)
                graph_inputs.append(self.out_tensor(node, tuple(quant)))
            elif node.op == "call_module":
                self.layer(node, self.gm.get_submodule(node.target))
            elif node.op == "output":
                result = node.args[0]
                if not isinstance(result, torch.fx.Node):
                    raise ExportError("the model must return one tensor")
                graph_outputs.append(self.tensor_of[result.name])
            else:
                raise ExportError(f"{node.name}: '{node.op} {node.target}' is not a tinyrack_ml.nn "
                                  "layer; write forward with the layers of tinyrack_ml.nn only")
        return self.b.spec(graph_inputs, graph_outputs)

    def source(self, node, i=0):
        arg = node.args[i]
        if not isinstance(arg, torch.fx.Node) or arg.name not in self.tensor_of:
            raise ExportError(f"{node.name}: input {i} is not a tensor the export produced")
        return arg

    def layer(self, node, m):
        if isinstance(m, trnn.ConvBN):
            self.conv(node, m)
        elif isinstance(m, trnn.Dense):
            self.dense(node, m)
        elif isinstance(m, trnn.Add):
            a, c = self.source(node, 0), self.source(node, 1)
            out = self.out_tensor(node, self.calibrated(node))
            self.b.op("ADD", [self.tensor_of[a.name], self.tensor_of[c.name]], [out],
                      activation=_activation_name(m.act))
        elif isinstance(m, trnn.GlobalAvgPool):
            src = self.source(node)
            shape = self.shape_of[src.name]
            quant = self.quant_of[src.name]
            pooled = self.b.tensor(node.name + "_pool", [1, 1, 1, shape[1]], quant)
            self.b.op("AVERAGE_POOL_2D", [self.tensor_of[src.name]], [pooled],
                      padding="valid", stride=[1, 1], filter=[shape[2], shape[3]])
            out = self.out_tensor(node, quant)
            self.b.op("RESHAPE", [pooled], [out], new_shape=[1, shape[1]])
        elif isinstance(m, trnn.AvgPool):  # MaxPool too
            src = self.source(node)
            out = self.out_tensor(node, self.quant_of[src.name])
            name = "MAX_POOL_2D" if isinstance(m, trnn.MaxPool) else "AVERAGE_POOL_2D"
            self.b.op(name, [self.tensor_of[src.name]], [out], padding="valid",
                      stride=list(m.stride), filter=list(m.kernel))
        elif isinstance(m, trnn.Flatten):
            src = self.source(node)
            self.flatten_src[node.name] = self.shape_of[src.name]
            out = self.out_tensor(node, self.quant_of[src.name])
            self.b.op("RESHAPE", [self.tensor_of[src.name]], [out],
                      new_shape=self.rec.shapes[node.name])
        elif isinstance(m, trnn.Softmax):
            src = self.source(node)
            out = self.out_tensor(node, (1.0 / 256.0, -128))
            self.b.op("SOFTMAX", [self.tensor_of[src.name]], [out], beta=1.0)
        else:
            raise ExportError(f"{node.name}: {type(m).__name__} is not a tinyrack_ml.nn layer")

    def conv(self, node, m):
        src = self.source(node)
        in_scale = self.quant_of[src.name][0]
        in_shape = self.shape_of[src.name]
        conv = m.conv
        depthwise = conv.groups > 1
        if depthwise and not (conv.groups == conv.in_channels == conv.out_channels):
            raise ExportError(f"{node.name}: grouped convolution other than depthwise")
        w, bias = _folded_conv(m)
        if m.padding_mode == "same":
            for axis in (0, 1):
                if not _tflite_same_matches(in_shape[2 + axis], conv.kernel_size[axis],
                                            conv.stride[axis], conv.dilation[axis],
                                            conv.padding[axis]):
                    raise ExportError(
                        f"{node.name}: SAME padding with stride {conv.stride[axis]} on a size-"
                        f"{in_shape[2 + axis]} input pads differently in TFLite than in torch; "
                        "use padding='valid' or an odd input size")
        if depthwise:
            w = np.transpose(w, (1, 2, 3, 0))  # [C,1,kh,kw] -> [1,kh,kw,C]
            axis = 3
        else:
            w = np.transpose(w, (0, 2, 3, 1))  # [O,I,kh,kw] -> [O,kh,kw,I]
            axis = 0
        scales = _symmetric_scales(w, axis)
        shape = [1] * 4
        shape[axis] = -1
        qw = np.clip(np.round(w / scales.reshape(shape)), -127, 127).astype(np.int8)
        bias_scales = (np.float64(in_scale) * scales.astype(np.float64))
        qb = np.round(bias / bias_scales).astype(np.int64)
        qb = np.clip(qb, -2**31, 2**31 - 1).astype(np.int32)
        wi = self.b.tensor(node.name + "_weights", qw.shape, (scales, [0] * len(scales)),
                           data=qw, axis=axis)
        bi = self.b.tensor(node.name + "_bias", [len(qb)],
                           (bias_scales.astype(np.float32), [0] * len(qb)), dtype="int32",
                           data=qb)
        out = self.out_tensor(node, self.calibrated(node))
        options = {"padding": m.padding_mode, "stride": list(conv.stride),
                   "dilation": list(conv.dilation), "activation": _activation_name(m.act)}
        if depthwise:
            options["depth_multiplier"] = 1
        self.b.op("DEPTHWISE_CONV_2D" if depthwise else "CONV_2D",
                  [self.tensor_of[src.name], wi, bi], [out], **options)

    def dense(self, node, m):
        src = self.source(node)
        in_scale = self.quant_of[src.name][0]
        w = m.linear.weight.detach().double().numpy()
        bias = m.linear.bias.detach().double().numpy()
        if src.name in self.flatten_src and len(self.flatten_src[src.name]) == 4:
            _, c, h, wd = self.flatten_src[src.name]
            # torch flattens C,H,W; the TFLite tensor is H,W,C.
            w = w.reshape(-1, c, h, wd).transpose(0, 2, 3, 1).reshape(w.shape[0], -1)
        scale = np.float32(max(np.abs(w).max(), 1e-12) / 127.0)
        qw = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        bias_scale = np.float64(in_scale) * np.float64(scale)
        qb = np.clip(np.round(bias / bias_scale), -2**31, 2**31 - 1).astype(np.int32)
        wi = self.b.tensor(node.name + "_weights", qw.shape, ([scale], [0]), data=qw)
        bi = self.b.tensor(node.name + "_bias", [len(qb)], ([np.float32(bias_scale)], [0]),
                           dtype="int32", data=qb)
        out = self.out_tensor(node, self.calibrated(node))
        self.b.op("FULLY_CONNECTED", [self.tensor_of[src.name], wi, bi], [out],
                  activation=_activation_name(m.act))


# ---------------------------------------------------------------- the C++ side

def tr_model_tool():
    """Path of tr-model ($TINYRACK_TR_MODEL, else the build folder); built when missing."""
    env = os.environ.get("TINYRACK_TR_MODEL")
    if env:
        return Path(env)
    build = Path(os.environ.get("TINYRACK_BUILD_DIR", REPO / "build"))
    tool = build / "workloads" / "modeltool" / "tr-model"
    if not tool.exists():
        subprocess.run([str(REPO / "scripts" / "build")], check=True,
                       env={**os.environ, "TINYRACK_BUILD_TARGETS": "tr-model"})
    return tool


def build_spec(model, calibration, input_quant=None, description="", percentile=None):
    """The tinyrack-model-spec/1 dict of the int8 model (see docs/model-spec.md); `percentile`
    as in _Recorder (None = min/max activation ranges)."""
    model = model.eval()
    gm = _trace(model)
    rec = _calibrate(gm, calibration, percentile=percentile)
    return _Exporter(gm, rec, input_quant, description).run()


def export_tflite(model, calibration, out_path, input_quant=None, description="",
                  percentile=None):
    """Quantizes `model` with `calibration` inputs and writes the .tflite to out_path.
    Returns the input/output quantization and NHWC shapes."""
    spec = build_spec(model, calibration, input_quant, description, percentile)
    with tempfile.TemporaryDirectory() as tmp:
        spec_path = Path(tmp) / "model_spec.json"
        spec_path.write_text(json.dumps(spec))
        subprocess.run([str(tr_model_tool()), "build", str(spec_path), str(out_path)], check=True,
                       stdout=subprocess.DEVNULL)
    t_in = spec["tensors"][spec["inputs"][0]]
    t_out = spec["tensors"][spec["outputs"][0]]
    return {"input": (t_in["scale"][0], t_in["zero_point"][0]),
            "output": (t_out["scale"][0], t_out["zero_point"][0]),
            "input_shape": t_in["shape"], "output_shape": t_out["shape"]}


def run_host_engine(tflite_path, inputs_int8, processes=None):
    """Runs the tinyrack host engine (bit-exact with the boards) on every input; returns the
    raw int8 outputs, one row per input. The inputs are split over `processes` tr-model runs at
    once (default: one per CPU, at most 4): inference is independent per input, and a single
    run leaves a core idle during calibration choice and test scoring."""
    inputs = np.ascontiguousarray(np.asarray(inputs_int8, dtype=np.int8))
    n = inputs.shape[0]
    processes = max(1, min(processes or min(os.cpu_count() or 1, 4), n))
    chunks = np.array_split(np.arange(n), processes)
    with tempfile.TemporaryDirectory() as tmp:
        running = []
        for i, rows in enumerate(chunks):
            ins, outs = Path(tmp) / f"inputs{i}.bin", Path(tmp) / f"outputs{i}.bin"
            inputs[rows].tofile(ins)
            running.append((subprocess.Popen([str(tr_model_tool()), "infer", str(tflite_path),
                                              str(ins), str(outs)]), outs))
        failed = [p.args for p, _ in running if p.wait() != 0]
        if failed:
            raise subprocess.CalledProcessError(1, failed[0])
        out = np.concatenate([np.fromfile(outs, dtype=np.int8) for _, outs in running])
    return out.reshape(n, -1)


# Activation-range methods tried by export_best_calibration, simplest first (ties keep it).
CALIBRATION_CANDIDATES = (None, 99.999, 99.99, 99.9)


def export_best_calibration(model, calibration_sets, out_path, val_int8, float_pred,
                            input_quant=None, description="",
                            candidates=CALIBRATION_CANDIDATES):
    """Exports `model` once per calibration set x activation-range method and keeps the export
    whose int8 model (run on the host engine) agrees most often with the float model's top-1 on
    the validation inputs (`val_int8`: int8 input tensors; `float_pred`: the float argmax on
    them). `calibration_sets` is a list of (label, inputs), smallest first. The test split plays
    no part in the choice. Returns (quant of the kept export, a record of the choice)."""
    best = None
    tried = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, calibration in calibration_sets:
            for percentile in candidates:
                path = Path(tmp) / f"candidate{len(tried)}.tflite"
                quant = export_tflite(model, calibration, path, input_quant, description,
                                      percentile)
                pred = run_host_engine(path, val_int8).argmax(axis=1)
                agreement = float(np.mean(pred == np.asarray(float_pred)))
                name = f"{label}, {_method_name(percentile)}"
                tried.append({"calibration": name,
                              "val_agreement_with_float": round(agreement, 4)})
                if best is None or agreement > best[0]:
                    best = (agreement, name, quant, path.read_bytes())
        Path(out_path).write_bytes(best[3])
    return best[2], {"chosen": best[1], "by": "int8/float top-1 agreement on the validation "
                     "split", "tried": tried}


def _method_name(percentile):
    return "min/max ranges" if percentile is None else f"percentile {percentile} ranges"
