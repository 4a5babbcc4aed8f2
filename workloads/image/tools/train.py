#!/usr/bin/python3
"""Trains the inspection CNN, measures float and int8 top-1, the linear baselines, and writes
model.tflite, workload.json and figures.json.

    train.py --data DIR --out DIR [--epochs E] [--threads N] [--seed S]

DIR is generate.py's output. The epoch kept is the one with the best validation top-1; the
test split is only scored. int8 figures come from the tinyrack host engine (bit-exact with the
boards) running the exported model on the test .bin files' bytes minus 128.
"""
import argparse
import hashlib
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np
import torch

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS.parents[1] / "pylib"))

import baseline  # noqa: E402
from defects import CLASSES  # noqa: E402
from model import InspectionNet  # noqa: E402
from tinyrack_ml import export  # noqa: E402
from tinyrack_ml.mlperf_layout import read_labels  # noqa: E402

INPUT_QUANT = (1.0 / 255.0, -128)  # float input = pixel / 255; int8 = pixel - 128


def to_tensor(images):
    return torch.from_numpy(images).permute(0, 3, 1, 2).float().div_(255.0)


def augment(x, gen):
    """The dihedral group: the scene has no preferred orientation or handedness."""
    k = int(torch.randint(4, (1,), generator=gen))
    x = torch.rot90(x, k, dims=(2, 3))
    if int(torch.randint(2, (1,), generator=gen)):
        x = torch.flip(x, dims=(3,))
    return x


@torch.no_grad()
def predict(model, x, batch=512):
    model.eval()
    return torch.cat([model.logits(x[i:i + batch]) for i in range(0, len(x), batch)]).argmax(1)


def recall(pred, y):
    pred, y = np.asarray(pred), np.asarray(y)
    return {c: float((pred[y == i] == i).mean()) for i, c in enumerate(CLASSES)}


def train(model, x, y, xv, yv, epochs, seed, batch=64, log=print):
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
    steps = epochs * ((len(x) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps,
                                                pct_start=0.2)
    best = (-1.0, None, -1)
    for epoch in range(epochs):
        model.train()
        t0 = time.time()
        order = torch.randperm(len(x), generator=gen)
        total = 0.0
        for i in range(0, len(x), batch):
            idx = order[i:i + batch]
            xb = augment(x[idx], gen)
            loss = torch.nn.functional.cross_entropy(model.logits(xb), y[idx],
                                                     label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss) * len(idx)
        val = float((predict(model, xv) == yv).float().mean())
        if val > best[0]:
            best = (val, {k: v.clone() for k, v in model.state_dict().items()}, epoch)
        log(f"epoch {epoch + 1}/{epochs}: loss {total / len(x):.4f} val top-1 {val:.4f} "
            f"({time.time() - t0:.0f} s)")
    model.load_state_dict(best[1])
    return best[0], best[2] + 1


def load_test_bins(folder):
    """The committed form of the test set: .bin bytes (HWC uint8) and y_labels.csv."""
    rows = read_labels(folder)
    images = np.stack([np.frombuffer(Path(folder, r[0]).read_bytes(), np.uint8).reshape(32, 32, 3)
                       for r in rows])
    return images, np.array([r[2] for r in rows])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--width", type=int, default=32, help="channels of the first stage")
    ap.add_argument("--reuse-float", action="store_true",
                    help="skip training; export OUT/float_model.pt from an earlier run")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    t_start = time.time()

    def log(msg):
        print(f"[{time.time() - t_start:6.0f} s] {msg}", flush=True)

    def split(name):
        path = args.data / f"{name}_x.npy"
        if not path.exists():
            sys.exit(f"train.py: {path} is missing; run generate.py --out {args.data} first")
        return np.load(path), np.load(args.data / f"{name}_y.npy").astype(np.int64)

    (xtr, ytr), (xva, yva) = split("train"), split("val")
    xte, yte = load_test_bins(args.data / "test")
    log(f"data: train {len(xtr)}, val {len(xva)}, test {len(xte)}")

    t0 = time.time()
    model = InspectionNet(len(CLASSES), args.width)
    checkpoint = args.out / "float_model.pt"
    if args.reuse_float:
        state = torch.load(checkpoint)
        model.load_state_dict(state["model"])
        val_top1, best_epoch, train_seconds = state["val_top1"], state["epoch"], state["seconds"]
        log(f"reusing {checkpoint}")
    else:
        val_top1, best_epoch = train(model, to_tensor(xtr), torch.from_numpy(ytr),
                                     to_tensor(xva), torch.from_numpy(yva), args.epochs,
                                     args.seed, log=log)
        train_seconds = time.time() - t0
        torch.save({"model": model.state_dict(), "val_top1": val_top1, "epoch": best_epoch,
                    "seconds": train_seconds}, checkpoint)
    float_pred = predict(model, to_tensor(xte)).numpy()
    float_top1 = float((float_pred == yte).mean())
    log(f"float: val {val_top1:.4f} (epoch {best_epoch}), test {float_top1:.4f}")

    model.eval()
    order = np.random.Generator(np.random.PCG64(args.seed)).permutation(len(xtr))
    calib_sets = [(f"{n} training images", to_tensor(xtr[order[:n]])) for n in (400, 1200)]
    tflite = args.out / "model.tflite"
    q, calibration = export.export_best_calibration(
        model, calib_sets, tflite, (xva.astype(np.int16) - 128).astype(np.int8),
        predict(model, to_tensor(xva)).numpy(), input_quant=INPUT_QUANT,
        description="tinyrack image workload: visual quality inspection")
    log(f"activation ranges: {calibration['chosen']}")
    raw = export.run_host_engine(tflite, (xte.astype(np.int16) - 128).astype(np.int8))
    int8_pred = raw.argmax(1)
    int8_top1 = float((int8_pred == yte).mean())
    log(f"int8 (host engine): test {int8_top1:.4f}; agreement with float "
        f"{float((int8_pred == float_pred).mean()):.4f}")

    base_path = args.out / "baselines.json"
    if not base_path.exists():  # regenerate computes it beside training, on the other core
        baseline.write(args.data, base_path, log)
    bases = json.loads(base_path.read_text())

    sha = hashlib.sha256(tflite.read_bytes()).hexdigest()
    workload = {
        "name": "image",
        "description": "visual quality inspection of rendered machined parts and boards, "
                       "6 classes (ok and five defect kinds)",
        "model": {"file": "model.tflite", "sha256": sha},
        "input": {"shape": [1, 32, 32, 3], "dtype": "int8", "scale": q["input"][0],
                  "zero_point": int(q["input"][1]), "from_file": "uint8-minus-128"},
        "output": {"shape": [1, len(CLASSES)], "dtype": "int8", "scale": q["output"][0],
                   "zero_point": int(q["output"][1])},
        "dataset": {"path": "data/test", "labels": "y_labels.csv"},
        "metric": "top1",
        "score": "class-scores",
        "classes": list(CLASSES),
        "infer": {"iterations": 1, "warmup": 0},
    }
    (args.out / "workload.json").write_text(json.dumps(workload, indent=2) + "\n")

    gen_meta = args.data / "generate.json"
    confusion = np.zeros((len(CLASSES), len(CLASSES)), dtype=int)
    np.add.at(confusion, (yte, int8_pred), 1)
    figures = {
        "classes": list(CLASSES),
        "data": json.loads(gen_meta.read_text()) if gen_meta.exists() else None,
        "train": {"seed": args.seed, "epochs": args.epochs, "width": args.width,
                  "best_epoch": best_epoch,
                  "threads": args.threads, "seconds": round(train_seconds),
                  "torch": torch.__version__, "numpy": np.__version__,
                  "python": platform.python_version(),
                  "parameters": sum(p.numel() for p in model.parameters())},
        "float": {"val_top1": val_top1, "test_top1": float_top1,
                  "test_recall": recall(float_pred, yte)},
        "int8": {"test_top1": int8_top1, "test_recall": recall(int8_pred, yte),
                 "test_confusion": confusion.tolist(),
                 "agreement_with_float": float((int8_pred == float_pred).mean()),
                 "calibration": calibration,
                 "model_bytes": tflite.stat().st_size, "model_sha256": sha},
        "linear_raw_pixels": bases["raw_pixels"],
        "linear_global_cues": bases["global_cues"],
        "seconds_total": None if args.reuse_float else round(time.time() - t_start),
    }
    (args.out / "figures.json").write_text(json.dumps(figures, indent=2) + "\n")
    log(f"wrote {tflite}, workload.json, figures.json to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
