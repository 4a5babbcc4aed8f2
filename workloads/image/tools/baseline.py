#!/usr/bin/python3
"""Linear baselines that show the task is not trivially separable.

    baseline.py --data DIR --out FILE.json [--threads N]

- multinomial logistic regression on the raw 3072 pixels (standardised per feature), its L2
  strength chosen on the validation split;
- the same on global cues only (per-channel mean, standard deviation, 5th/95th percentile):
  if these separated the classes, a model could cheat on brightness or colour.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

L2_GRID = (1e-3, 1e-2, 1e-1)


def _fit(x, y, n_classes, l2, iters=100):
    w = torch.zeros(x.shape[1], n_classes, requires_grad=True)
    b = torch.zeros(n_classes, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], lr=1.0, max_iter=iters, history_size=20,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(x @ w + b, y) + l2 * (w * w).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return w.detach(), b.detach()


def _accuracy(x, y, wb):
    return float(((x @ wb[0] + wb[1]).argmax(1) == y).float().mean())


def logistic_regression(train, val, test, n_classes):
    """train/val/test: (features float [N, F], labels int [N]). Returns the chosen L2 and the
    train/val/test accuracies; the test split is only scored, never used for choosing."""
    mean = train[0].mean(axis=0)
    std = train[0].std(axis=0) + 1e-6
    xs = [torch.from_numpy(((s[0] - mean) / std).astype(np.float32)) for s in (train, val, test)]
    ys = [torch.from_numpy(s[1].astype(np.int64)) for s in (train, val, test)]
    best = None
    for l2 in L2_GRID:
        wb = _fit(xs[0], ys[0], n_classes, l2)
        acc = _accuracy(xs[1], ys[1], wb)
        if best is None or acc > best[1]:
            best = (l2, acc, wb)
    l2, _, wb = best
    return {"l2": l2, "train_top1": _accuracy(xs[0], ys[0], wb),
            "val_top1": _accuracy(xs[1], ys[1], wb), "test_top1": _accuracy(xs[2], ys[2], wb)}


def raw_pixels(images):
    return images.reshape(len(images), -1).astype(np.float32) / 255.0


def global_cues(images):
    x = images.reshape(len(images), -1, 3).astype(np.float32) / 255.0
    return np.concatenate([x.mean(1), x.std(1), np.percentile(x, 5, axis=1),
                           np.percentile(x, 95, axis=1)], axis=1)


def write(data, out, log=print):
    """Fits both baselines on generate.py's splits in `data` and writes them to `out`."""
    t0 = time.time()
    splits = [(np.load(data / f"{s}_x.npy"), np.load(data / f"{s}_y.npy").astype(np.int64))
              for s in ("train", "val", "test")]
    n_classes = int(splits[0][1].max()) + 1
    result = {}
    for name, features in (("raw_pixels", raw_pixels), ("global_cues", global_cues)):
        result[name] = logistic_regression(*[(features(x), y) for x, y in splits], n_classes)
        log(f"linear on {name}: {result[name]}")
    result["seconds"] = round(time.time() - t0)
    tmp = Path(out).with_suffix(".tmp")
    tmp.write_text(json.dumps(result, indent=2) + "\n")
    tmp.replace(out)  # atomic: train.py may be looking for the file
    return result


def main():
    ap = argparse.ArgumentParser(description="linear baselines of the image workload")
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write(args.data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
