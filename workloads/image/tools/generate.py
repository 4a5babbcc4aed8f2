#!/usr/bin/python3
"""Generates the image workload's data: procedurally rendered parts with defect classes.

    generate.py --seed S --out DIR [--train N] [--val N] [--test N] [--workers W] [--smoke]

Writes DIR/{train,val,test}_x.npy (uint8 [N, 32, 32, 3], HWC RGB), DIR/{split}_y.npy (class
index, uint8), DIR/{split}_kind.npy (part kind index) and DIR/test/ in MLPerf Tiny's layout
(one 3072-byte .bin per image plus y_labels.csv). Every image has its own generator seeded by
(seed, split, index), so the output is byte-identical for a seed whatever the worker count.
--smoke renders a tiny set twice (with different worker counts), compares the bytes and checks
shapes, labels and class balance; exit status 1 on any failure.
"""
import argparse
import hashlib
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # workers, not BLAS threads, use the cores
import numpy as np  # noqa: E402

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS.parents[1] / "pylib"))

import defects  # noqa: E402
import parts  # noqa: E402
import scene  # noqa: E402
from tinyrack_ml.mlperf_layout import write_dataset  # noqa: E402

SPLITS = {"train": 0, "val": 1, "test": 2}
KIND_NAMES = tuple(k.kind for k in parts.KINDS)


def split_labels(seed, split, n):
    """Balanced classes (as balanced as n allows) in a seeded random order."""
    rng = np.random.Generator(np.random.PCG64([seed, SPLITS[split], 7919]))
    return rng.permutation(np.arange(n) % len(defects.CLASSES)).astype(np.uint8)


def _render_one(job):
    seed, split, index, label = job
    rng = np.random.Generator(np.random.PCG64([seed, SPLITS[split], index]))
    image, kind = scene.render(rng, int(label))
    return image, KIND_NAMES.index(kind)


def render_split(seed, split, n, workers):
    labels = split_labels(seed, split, n)
    jobs = [(seed, split, i, labels[i]) for i in range(n)]
    if workers > 1 and n > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            out = pool.map(_render_one, jobs, chunksize=64)
    else:
        out = [_render_one(j) for j in jobs]
    images = np.stack([o[0] for o in out]) if out else np.zeros((0, 32, 32, 3), np.uint8)
    kinds = np.array([o[1] for o in out], dtype=np.uint8)
    return images, labels, kinds


def write_all(seed, out, sizes, workers, log=print):
    out.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for split, n in sizes.items():
        t0 = time.time()
        x, y, kinds = render_split(seed, split, n, workers)
        np.save(out / f"{split}_x.npy", x)
        np.save(out / f"{split}_y.npy", y)
        np.save(out / f"{split}_kind.npy", kinds)
        if split == "test":
            entries = [(f"img_{i:04d}_{defects.CLASSES[y[i]]}.bin", x[i].tobytes(), int(y[i]),
                        len(defects.CLASSES)) for i in range(n)]
            write_dataset(out / "test", entries)
        seconds[split] = round(time.time() - t0, 1)
        log(f"{split}: {n} images in {seconds[split]} s")
    # Wall times vary; they live beside the data, never in it (the data stays byte-identical).
    meta = {"seed": seed, "sizes": sizes, "workers": workers, "seconds": seconds,
            "numpy": np.__version__}
    (out / "generate.json").write_text(json.dumps(meta, indent=2) + "\n")


def digest(folder):
    h = hashlib.sha256()
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file() and p.name != "generate.json":
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def smoke(out, seed):
    sizes = {"train": 24, "val": 12, "test": 12}
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)

    a, b = out / "a", out / "b"
    write_all(seed, a, sizes, workers=2, log=lambda _: None)
    write_all(seed, b, sizes, workers=1, log=lambda _: None)
    check(digest(a) == digest(b), "two runs with the same seed differ")
    for split, n in sizes.items():
        x = np.load(a / f"{split}_x.npy")
        y = np.load(a / f"{split}_y.npy")
        check(x.shape == (n, 32, 32, 3) and x.dtype == np.uint8, f"{split}: shape {x.shape}")
        check(y.shape == (n,) and int(y.max()) < len(defects.CLASSES), f"{split}: labels")
        counts = np.bincount(y, minlength=len(defects.CLASSES))
        check(counts.max() - counts.min() <= 1, f"{split}: unbalanced classes {counts}")
        stds = x.reshape(n, -1).std(axis=1)
        check(bool((stds > 5).all()), f"{split}: an image is nearly flat (std {stds.min():.1f})")
        check(bool(((x == 255).mean(axis=(1, 2, 3)) < 0.2).all()), f"{split}: over-exposed")
    bins = sorted((a / "test").glob("*.bin"))
    check(len(bins) == sizes["test"], f"test: {len(bins)} .bin files")
    check(all(p.stat().st_size == 3072 for p in bins), "test: a .bin is not 3072 bytes")
    rows = (a / "test" / "y_labels.csv").read_text().split()
    check(len(rows) == sizes["test"], "test: y_labels.csv row count")
    other = out / "c"
    write_all(seed + 1, other, {"test": 12}, workers=1, log=lambda _: None)
    check(np.load(other / "test_x.npy").tobytes() != np.load(a / "test_x.npy").tobytes(),
          "a different seed gives the same images")
    for f in failures:
        print(f"smoke: FAIL: {f}", file=sys.stderr)
    print("smoke: " + ("FAILED" if failures else "ok"))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--train", type=int, default=40000)
    ap.add_argument("--val", type=int, default=3000)
    ap.add_argument("--test", type=int, default=360)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    if args.seed < 0:
        ap.error(f"--seed must be >= 0, got {args.seed}")
    if args.smoke:
        args.out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=args.out) as tmp:
            return smoke(Path(tmp), args.seed)
    sizes = {"train": args.train, "val": args.val, "test": args.test}
    for split, n in sizes.items():
        if n < 0:
            ap.error(f"--{split} must be >= 0, got {n}")
    write_all(args.seed, args.out, sizes, max(1, args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
