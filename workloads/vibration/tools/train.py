#!/usr/bin/python3
"""Trains the vibration workload's dense autoencoder on healthy windows, picks the bottleneck on
the validation split, exports the int8 model, scores the float model, the int8 model (through
the tinyrack host engine), a PCA baseline of the same bottleneck and an RMS-energy baseline on
the test split, and writes model.tflite, workload.json and figures.json into --out.

  train.py --data build/workloads/vibration/data --out build/workloads/vibration/out
"""
import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "pylib"))

import features  # noqa: E402
import scoring  # noqa: E402
from tinyrack_ml import export  # noqa: E402
from tinyrack_ml import nn as trnn  # noqa: E402
from tinyrack_ml.mlperf_layout import read_labels  # noqa: E402

HIDDEN = 128
BOTTLENECKS = (16, 24)  # candidates, chosen on the validation split
# Fixed input quantization: features span about [-2, 2.5] for healthy machines; the range
# leaves headroom for faults (up to +40 dB over healthy) before the int8 input clips.
INPUT_RANGE = (-2.5, 5.0)


class Autoencoder(torch.nn.Module):
    """Dense autoencoder in the style of MLPerf Tiny AD01: ReLU layers down to a bottleneck
    and back, linear output."""

    def __init__(self, n_in, bottleneck):
        super().__init__()
        self.enc1 = trnn.Dense(n_in, HIDDEN, act="relu")
        self.enc2 = trnn.Dense(HIDDEN, HIDDEN, act="relu")
        self.neck = trnn.Dense(HIDDEN, bottleneck, act="relu")
        self.dec1 = trnn.Dense(bottleneck, HIDDEN, act="relu")
        self.dec2 = trnn.Dense(HIDDEN, HIDDEN, act="relu")
        self.out = trnn.Dense(HIDDEN, n_in, act="none")

    def forward(self, x):
        return self.out(self.dec2(self.dec1(self.neck(self.enc2(self.enc1(x))))))


def fit(train_windows, bottleneck, epochs, seed, log):
    torch.manual_seed(seed)
    model = Autoencoder(train_windows.shape[1], bottleneck)
    x = torch.from_numpy(train_windows)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    gen = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(x), generator=gen)
        total = 0.0
        for i in range(0, len(x), 64):
            batch = x[perm[i:i + 64]]
            loss = torch.mean((model(batch) - batch) ** 2)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(batch)
        sched.step()
        if (epoch + 1) % 10 == 0:
            log(f"  bottleneck {bottleneck} epoch {epoch + 1}: train mse {total / len(x):.4f}")
    return model.eval()


def reconstruct(model, windows):
    shape = windows.shape
    with torch.no_grad():
        out = model(torch.from_numpy(windows.reshape(-1, shape[-1]))).numpy()
    return out.reshape(shape)


def load_test(data):
    rows = read_labels(data / "test")
    meta = {m["file"]: m for m in json.loads((data / "test_meta.json").read_text())}
    xs, metas = [], []
    for name, _, label, send, _ in rows:
        x = np.fromfile(data / "test" / name, dtype="<f4")
        xs.append(x.reshape(-1, send // 4))
        metas.append(meta[name])
        if meta[name]["label"] != label:
            raise ValueError(f"test/{name}: y_labels.csv and test_meta.json disagree")
    return np.stack(xs).astype(np.float32), metas


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, type=Path, help="generate.py output folder")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=1, help="torch seed")
    ap.add_argument("--data-seed", type=int, default=1, help="recorded in figures.json")
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bottlenecks", default=",".join(map(str, BOTTLENECKS)),
                    help="candidate bottleneck widths, chosen on validation AUC")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    log = lambda msg: print(msg, flush=True)  # noqa: E731

    train = np.load(args.data / "train_x.npy")
    train_w = train.reshape(-1, train.shape[-1])
    val = np.load(args.data / "val_x.npy")
    val_meta = json.loads((args.data / "val_meta.json").read_text())
    val_y = np.array([m["label"] for m in val_meta])
    test, test_meta = load_test(args.data)

    selection, best = {}, None
    for k in [int(v) for v in args.bottlenecks.split(",")]:
        model = fit(train_w, k, args.epochs, args.seed, log)
        torch.save(model.state_dict(), args.out / f"float_k{k}.pt")  # scratch, for inspection
        auc = scoring.roc_auc(scoring.file_scores(val, reconstruct(model, val)), val_y)
        selection[str(k)] = round(auc, 4)
        log(f"bottleneck {k}: validation AUC {auc:.4f}")
        if best is None or auc > best[0]:
            best = (auc, k, model)
    _, k, model = best
    train_seconds = time.time() - t0

    float_scores = scoring.file_scores(test, reconstruct(model, test))
    pca = scoring.PcaBaseline(train_w, k)
    pca_scores = scoring.file_scores(test, pca.reconstruct(test))
    rms_scores = np.array([np.sqrt(np.mean(np.square(m["rms_g"]))) for m in test_meta])

    in_scale, in_zp = export.activation_quant(*INPUT_RANGE)
    calib = torch.from_numpy(train_w[np.random.default_rng(0).choice(len(train_w), 1000, False)])
    tflite = args.out / "model.tflite"
    q = export.export_tflite(model, calib, tflite, input_quant=(in_scale, in_zp),
                             description="tinyrack vibration anomaly autoencoder")
    (in_scale, in_zp), (out_scale, out_zp) = q["input"], q["output"]
    q_in = export.quantize(test.reshape(-1, test.shape[-1]), in_scale, in_zp)
    q_out = export.run_host_engine(tflite, q_in)
    deq_out = export.dequantize(q_out, out_scale, out_zp).reshape(test.shape)
    deq_in = export.dequantize(q_in, in_scale, in_zp).reshape(test.shape)
    int8_scores = scoring.file_scores(test, deq_out)  # MLPerf AD rule: vs the float input
    int8_deq_scores = scoring.file_scores(deq_in, deq_out)

    labels = np.array([m["label"] for m in test_meta])
    figures = {
        "metric": "roc_auc over test files (per-file score = mean window reconstruction MSE)",
        "float": scoring.breakdown(float_scores, test_meta),
        "int8": scoring.breakdown(int8_scores, test_meta),
        "int8_vs_dequantized_input": round(scoring.roc_auc(int8_deq_scores, labels), 4),
        "pca_baseline": scoring.breakdown(pca_scores, test_meta),
        "rms_baseline": round(scoring.roc_auc(rms_scores, labels), 4),
        "bottleneck": k,
        "validation_auc_by_bottleneck": selection,
        "model": {"layers": [features.WINDOW_FLOATS, HIDDEN, HIDDEN, k, HIDDEN, HIDDEN,
                             features.WINDOW_FLOATS],
                  "parameters": int(sum(p.numel() for p in model.parameters())),
                  "tflite_bytes": tflite.stat().st_size, "epochs": args.epochs},
        "seeds": {"data": args.data_seed, "torch": args.seed},
        "sizes": {"train_recordings": int(train.shape[0]), "train_windows": int(len(train_w)),
                  "val_recordings": int(len(val)), "val_anomalies": int(val_y.sum()),
                  "test_files": int(len(test)), "test_anomalies": int(labels.sum()),
                  "windows_per_file": int(test.shape[1])},
        "wall_seconds": {"train_and_select": round(train_seconds, 1),
                         "total": round(time.time() - t0, 1)},
        "threads": args.threads,
        "torch": torch.__version__,
        "numpy": np.__version__,
    }
    (args.out / "figures.json").write_text(json.dumps(figures, indent=2) + "\n")
    write_workload_json(args.out, tflite, q, test.shape[1])
    log(json.dumps({key: figures[key] for key in ("float", "int8", "pca_baseline",
                                                   "rms_baseline", "bottleneck")}, indent=1))
    return 0


def write_workload_json(out, tflite, q, windows):
    wl = {
        "name": "vibration",
        "description": "predictive maintenance: 3-axis accelerometer spectra of rotating "
                       "machines, dense autoencoder anomaly score, ROC AUC over healthy and "
                       "faulty machines",
        "model": {"file": "model.tflite",
                  "sha256": hashlib.sha256(tflite.read_bytes()).hexdigest()},
        "input": {"shape": q["input_shape"], "dtype": "int8", "scale": q["input"][0],
                  "zero_point": q["input"][1], "from_file": "float32-quantize"},
        "output": {"shape": q["output_shape"], "dtype": "int8", "scale": q["output"][0],
                   "zero_point": q["output"][1]},
        "dataset": {"path": "data/test", "labels": "y_labels.csv"},
        "metric": "roc_auc",
        "score": "reconstruction-mse",
        "classes": ["normal", "anomaly"],
        "infer": {"iterations": 1, "warmup": 0},
    }
    (out / "workload.json").write_text(json.dumps(wl, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
