#!/usr/bin/python3
"""Trains the keyword DS-CNN on the generated data, picks the epoch by validation accuracy,
measures the float model, a linear baseline and the int8 export (through the tinyrack host
engine) on the test split, and writes model.tflite, workload.json and figures.json.

    train.py --data build/workloads/keyword --out build/workloads/keyword/artifacts
"""
import argparse
import hashlib
import json
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "pylib"))

import linear  # noqa: E402
import vocabulary as vocab  # noqa: E402
from model import DSCNN, INPUT_SCALE, INPUT_ZERO_POINT, dequantize_inputs  # noqa: E402
from tinyrack_ml import export, mlperf_layout  # noqa: E402


def load_split(data, split):
    x = np.load(os.path.join(data, f"{split}_x.npy"))
    y = np.load(os.path.join(data, f"{split}_y.npy")).astype(np.int64)
    return x, y


def load_test(folder):
    rows = mlperf_layout.read_labels(folder)
    x = np.stack([np.fromfile(os.path.join(folder, r[0]), dtype=np.int8).reshape(49, 10)
                  for r in rows])
    return x, np.array([r[2] for r in rows], dtype=np.int64), [r[0] for r in rows]


def _warp_matrices(alphas):
    """[A, 10, 10] maps of MFCC frames under a vocal-tract-length warp of the frequency axis by
    alpha: the 40-band log-mel envelope is recovered from the 10 coefficients (least squares),
    resampled at alpha times each band's centre frequency, and transformed back."""
    import mfcc
    basis = mfcc.dct_matrix()[:, :10].astype(np.float64)            # [40, 10]
    inverse = np.linalg.pinv(basis)                                  # [10, 40]
    edges = np.linspace(mfcc.hertz_to_mel(mfcc.LOWER_EDGE_HZ),
                        mfcc.hertz_to_mel(mfcc.UPPER_EDGE_HZ), mfcc.NUM_MEL_BINS + 2)
    centres_mel = edges[1:-1]
    centres_hz = 700.0 * (np.exp(centres_mel / 1127.0) - 1.0)
    out = []
    for a in alphas:
        pos = np.interp(mfcc.hertz_to_mel(centres_hz * a), centres_mel,
                        np.arange(len(centres_mel)))
        lo = np.floor(pos).astype(int).clip(0, len(pos) - 2)
        f = pos - lo
        w = np.zeros((len(pos), len(pos)))
        w[np.arange(len(pos)), lo] = 1 - f
        w[np.arange(len(pos)), lo + 1] = f
        out.append(inverse @ w.T @ basis)
    return torch.tensor(np.array(out), dtype=torch.float32)


WARPS = None


def warp(xf, gen):
    """Random vocal-tract-length warp (alpha in 0.85..1.15) of float MFCC batches [B, 49, 10]."""
    global WARPS
    if WARPS is None:
        WARPS = _warp_matrices(np.linspace(0.85, 1.15, 31))
    pick = torch.randint(len(WARPS), (xf.shape[0],), generator=gen)
    return torch.bmm(xf, WARPS[pick])


def augment(xb, gen):
    """Feature-space augmentation on int8 MFCC batches [B, 49, 10]: a time shift of up to
    +-5 frames (edge frames repeated) and one masked stretch of up to 6 frames (filled with
    the clip's quietest frame), like a small SpecAugment."""
    b = xb.shape[0]
    out = xb.clone()
    shifts = torch.randint(-5, 6, (b,), generator=gen)
    idx = torch.arange(49).unsqueeze(0) - shifts.unsqueeze(1)
    idx = idx.clamp(0, 48)
    out = torch.gather(out, 1, idx.unsqueeze(2).expand(-1, -1, 10))
    quiet = out[torch.arange(b), out[:, :, 0].argmin(dim=1)]  # frame with the lowest c0
    width = torch.randint(0, 7, (b,), generator=gen)
    start = torch.randint(0, 49, (b,), generator=gen)
    t = torch.arange(49).unsqueeze(0)
    mask = (t >= start.unsqueeze(1)) & (t < (start + width).unsqueeze(1))
    return torch.where(mask.unsqueeze(2), quiet.unsqueeze(1).expand(-1, 49, -1), out)


def predict(net, x, batch=500):
    net.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(x), batch):
            xb = dequantize_inputs(x[s:s + batch]).unsqueeze(1)
            out.append(net.logits(xb))
    return torch.cat(out).argmax(dim=1).numpy()


def train(x_train, y_train, x_val, y_val, epochs, seed, log):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    net = DSCNN()
    opt = torch.optim.Adam(net.parameters(), lr=3e-3, weight_decay=1e-5)
    steps_per_epoch = (len(x_train) + 99) // 100
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, epochs=epochs,
                                                steps_per_epoch=steps_per_epoch)
    xt = torch.as_tensor(x_train)
    yt = torch.as_tensor(y_train)
    best = (-1.0, 0, None)
    t0 = time.time()
    for epoch in range(epochs):
        net.train()
        perm = torch.randperm(len(xt), generator=gen)
        total = 0.0
        for s in range(0, len(xt), 100):
            i = perm[s:s + 100]
            xb = warp(dequantize_inputs(augment(xt[i], gen)), gen).unsqueeze(1)
            loss = torch.nn.functional.cross_entropy(net.logits(xb), yt[i], label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss) * len(i)
        val_acc = float(np.mean(predict(net, x_val) == y_val))
        log(f"train: epoch {epoch + 1}/{epochs} loss {total / len(xt):.4f} val top-1 {val_acc:.4f} "
            f"({time.time() - t0:.0f} s)")
        if val_acc > best[0]:
            best = (val_acc, epoch + 1, {k: v.clone() for k, v in net.state_dict().items()})
    net.load_state_dict(best[2])
    net.eval()
    return net, best[0], best[1]


def confusion(y_true, y_pred, n=12):
    m = np.zeros((n, n), dtype=np.int64)
    np.add.at(m, (y_true, y_pred), 1)
    return m


def calibration_set(x_train, y_train, per_class, seed):
    """A class-balanced slice of the training inputs for the activation ranges."""
    rng = np.random.Generator(np.random.PCG64(seed))
    picks = np.concatenate([rng.permutation(np.flatnonzero(y_train == c))[:per_class]
                            for c in range(12)])
    return dequantize_inputs(x_train[np.sort(picks)]).unsqueeze(1)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def workload_json(quant, model_sha):
    (in_scale, in_zp), (out_scale, out_zp) = quant["input"], quant["output"]
    return {
        "name": "keyword",
        "description": "12-class keyword spotting (MLPerf Tiny kws01 classes) on synthesized "
                       "speech with background noise; DS-CNN on 49x10 int8 MFCC",
        "model": {"file": "model.tflite", "sha256": model_sha},
        "input": {"shape": quant["input_shape"], "dtype": "int8", "scale": in_scale,
                  "zero_point": in_zp, "from_file": "int8"},
        "output": {"shape": quant["output_shape"], "dtype": "int8", "scale": out_scale,
                   "zero_point": out_zp},
        "dataset": {"path": "data/test", "labels": "y_labels.csv"},
        "metric": "top1",
        "score": "class-scores",
        "classes": list(vocab.CLASS_NAMES),
        "infer": {"iterations": 1, "warmup": 0},
    }


def per_class(m):
    return {vocab.CLASS_NAMES[c]: round(float(m[c, c] / max(m[c].sum(), 1)), 4) for c in range(12)}


def top_confusions(m, k=6):
    off = [(int(m[i, j]), vocab.CLASS_NAMES[i], vocab.CLASS_NAMES[j])
           for i in range(12) for j in range(12) if i != j and m[i, j] > 0]
    return [f"{t} -> {p}: {n}" for n, t, p in sorted(off, key=lambda e: (-e[0], e[1], e[2]))[:k]]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="folder written by generate.py")
    p.add_argument("--out", required=True, help="where model.tflite, workload.json, "
                   "figures.json go")
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--seed", type=int, default=1, help="torch seed (init, batches, augmentation)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--reuse-float", action="store_true",
                   help="skip training: export OUT/model.pt again, taking the training facts "
                   "(best epoch, validation top-1, seconds) from OUT/train_state.json")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()
    log = lambda s: print(s, flush=True)  # noqa: E731
    try:
        x_train, y_train = load_split(args.data, "train")
        x_val, y_val = load_split(args.data, "val")
        x_test, y_test, _ = load_test(os.path.join(args.data, "test"))
    except (OSError, ValueError) as e:
        print(f"train.py: cannot read the generated data in {args.data}: {e}", file=sys.stderr)
        return 2

    lin = linear.baseline(x_train, y_train, x_val, y_val, x_test, y_test)
    log(f"train: linear baseline test top-1 {lin['test_top1']:.4f} (val {lin['val_top1']:.4f})")
    state_path = os.path.join(args.out, "train_state.json")
    if args.reuse_float:
        net = DSCNN()
        net.load_state_dict(torch.load(os.path.join(args.out, "model.pt")))
        with open(state_path) as f:
            state = json.load(f)
        val_top1, best_epoch, t_train = state["val_top1"], state["best_epoch"], state["seconds"]
        args.epochs = state["epochs"]
        log(f"train: reusing {args.out}/model.pt (epoch {best_epoch} of {args.epochs})")
    else:
        t_train = time.time()
        net, val_top1, best_epoch = train(x_train, y_train, x_val, y_val, args.epochs, args.seed,
                                          log)
        t_train = time.time() - t_train
        torch.save(net.state_dict(), os.path.join(args.out, "model.pt"))  # scratch only
        with open(state_path, "w") as f:
            json.dump({"val_top1": val_top1, "best_epoch": best_epoch, "seconds": t_train,
                       "epochs": args.epochs}, f)
    float_pred = predict(net, x_test)
    float_top1 = float(np.mean(float_pred == y_test))
    log(f"train: float test top-1 {float_top1:.4f} (best val {val_top1:.4f} at epoch {best_epoch})")

    model_path = os.path.join(args.out, "model.tflite")
    calib_sets = [(f"{n} training clips per class", calibration_set(x_train, y_train, n, args.seed))
                  for n in (40, 150)]
    quant, calibration = export.export_best_calibration(
        net, calib_sets, model_path, x_val.reshape(len(x_val), 49, 10, 1), predict(net, x_val),
        input_quant=(INPUT_SCALE, INPUT_ZERO_POINT),
        description="tinyrack keyword DS-CNN (synthesized speech)")
    log(f"train: activation ranges {calibration['chosen']} "
        f"(validation agreement: {calibration['tried']})")
    raw = export.run_host_engine(model_path, x_test.reshape(len(x_test), 49, 10, 1))
    int8_pred = raw.argmax(axis=1)  # normalising to sum 1 (MLPerf's rule) keeps the argmax
    int8_top1 = float(np.mean(int8_pred == y_test))
    raw_val = export.run_host_engine(model_path, x_val.reshape(len(x_val), 49, 10, 1))
    int8_val = float(np.mean(raw_val.argmax(axis=1) == y_val))
    log(f"train: int8 test top-1 {int8_top1:.4f} (val {int8_val:.4f}), agreement with float "
        f"{np.mean(int8_pred == float_pred):.4f}")

    model_sha = sha256(model_path)
    with open(os.path.join(args.out, "workload.json"), "w") as f:
        json.dump(workload_json(quant, model_sha), f, indent=2)
        f.write("\n")
    gen_summary = {}
    summary_path = os.path.join(args.data, "generate_summary.json")
    if os.path.exists(summary_path):
        with open(summary_path) as f:
            gen_summary = json.load(f)
    m_int8 = confusion(y_test, int8_pred)
    figures = {
        "metric": "top1",
        "test": {"float_top1": round(float_top1, 4), "int8_top1": round(int8_top1, 4),
                 "linear_top1": round(lin["test_top1"], 4), "files": int(len(y_test))},
        "val": {"float_top1": round(val_top1, 4), "int8_top1": round(int8_val, 4),
                "linear_top1": round(lin["val_top1"], 4), "files": int(len(y_val))},
        "linear_baseline": {"model": "multinomial logistic regression on the 490 raw int8 "
                            "inputs, standardised", "l2": lin["l2"],
                            "train_top1": round(lin["train_top1"], 4)},
        "int8_per_class_test": per_class(m_int8),
        "int8_confusion_test": m_int8.tolist(),
        "int8_top_confusions_test": top_confusions(m_int8),
        "float_int8_agreement_test": round(float(np.mean(int8_pred == float_pred)), 4),
        "calibration": calibration,
        "model": {"architecture": "DS-CNN: conv 10x4/2 valid 64ch, 4x (dw 3x3 + pw 1x1, 64ch), "
                  "global avg pool, dense 12, softmax",
                  "parameters": int(sum(t.numel() for t in net.parameters())),
                  "tflite_bytes": os.path.getsize(model_path), "sha256": model_sha,
                  "best_epoch": best_epoch, "epochs": args.epochs},
        "seeds": {"data": gen_summary.get("seed"), "torch": args.seed},
        "dataset": {s: gen_summary.get("splits", {}).get(s) for s in vocab.SPLITS},
        "speakers": gen_summary.get("variants"),
        "wall_seconds": {"generate": round(sum(v["seconds"] for v in
                                               gen_summary.get("splits", {}).values()), 1),
                         "train": round(t_train, 1), "train_py_total": None if args.reuse_float
                         else round(time.time() - t0, 1)},
        "threads": args.threads,
        "versions": {"torch": torch.__version__, "numpy": np.__version__,
                     "espeak_ng": gen_summary.get("espeak_ng")},
    }
    with open(os.path.join(args.out, "figures.json"), "w") as f:
        json.dump(figures, f, indent=1)
        f.write("\n")
    log(f"train: wrote {args.out} in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
