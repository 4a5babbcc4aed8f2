#!/usr/bin/python3
"""Generates the vibration workload's data: train (healthy recordings only), val and test
(healthy and faulty recordings from held-out machines). Byte-identical for a seed: every
machine and recording draws from its own numpy PCG64 generator keyed by (seed, split, machine,
recording), never from hash(), set order or time.

  generate.py --seed 1 --out build/workloads/vibration/data [--smoke]

Writes under --out: train_x.npy, val_x.npy ([recordings, WINDOWS, WINDOW_FLOATS] float32),
train_meta.json, val_meta.json, test/ (MLPerf Tiny AD layout: one float32 LE .bin per recording
plus y_labels.csv with bytes_to_send and stride) and test_meta.json.
"""
import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "pylib"))

import features  # noqa: E402
import machines  # noqa: E402
import signals  # noqa: E402
from tinyrack_ml.mlperf_layout import write_dataset  # noqa: E402

SPLITS = {"train": 0, "val": 1, "test": 2}
# (machines, healthy recordings per machine, faulty recordings per machine)
FULL = {"train": (320, 6, 0), "val": (32, 4, 4), "test": (25, 4, 4)}
SMOKE = {"train": (3, 2, 0), "val": (2, 1, 1), "test": (2, 1, 1)}


def rng_for(seed, *key):
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, *key])))


def machine_params(seed, split, m):
    return machines.draw_machine(rng_for(seed, SPLITS[split], m, 0))


def recording(seed, split, m, machine, r, faulty):
    rng = rng_for(seed, SPLITS[split], m, 1 + r)
    rec = machines.draw_recording(rng, machine)
    fault = machines.draw_fault(rng, machine) if faulty else None
    sig = signals.synthesize(machine, rec, fault, rng)
    meta = {"machine": m, "recording": r, "speed_hz": round(rec["speed_hz"], 3),
            "load": round(rec["load"], 3), "label": int(faulty),
            "fault": fault["kind"] if fault else "none",
            "severity": round(fault["severity"], 4) if fault else 0.0,
            "severity_class": machines.severity_name(fault["severity"]) if fault else "none",
            "rms_g": [round(float(v), 6) for v in np.sqrt(np.mean(sig ** 2, axis=1)) / machines.G]}
    return features.features(sig), meta


def generate_split(seed, split, sizes):
    n_mach, n_norm, n_fault = sizes[split]
    xs, metas = [], []
    for m in range(n_mach):
        machine = machine_params(seed, split, m)
        for r in range(n_norm + n_fault):
            x, meta = recording(seed, split, m, machine, r, r >= n_norm)
            meta["bearing"] = machines.BEARINGS[machine["bearing"]][0]
            meta["drive"] = machine["drive"]
            xs.append(x)
            metas.append(meta)
    return np.stack(xs), metas


def file_name(meta):
    if meta["label"] == 0:
        return f"normal_m{meta['machine']:03d}_r{meta['recording']:02d}.bin"
    return (f"anomaly_{meta['fault']}_{meta['severity_class']}_m{meta['machine']:03d}"
            f"_r{meta['recording']:02d}.bin")


def write_all(seed, out, sizes):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for split in ("train", "val"):
        x, meta = generate_split(seed, split, sizes)
        np.save(out / f"{split}_x.npy", x)
        (out / f"{split}_meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True))
    x, meta = generate_split(seed, "test", sizes)
    window_bytes = features.WINDOW_FLOATS * 4
    entries = []
    for xi, mi in zip(x, meta):
        mi["file"] = file_name(mi)
        entries.append((mi["file"], xi.astype("<f4").tobytes(), mi["label"], 2))
    write_dataset(out / "test", entries, windows=(window_bytes, window_bytes))
    (out / "test_meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True))


def digest(folder):
    h = hashlib.sha256()
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def smoke(out):
    """Tiny set, generated twice: checks shapes, label ranges, finiteness and determinism."""
    out = Path(out)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        write_all(7, out, SMOKE)
        write_all(7, Path(tmp) / "again", SMOKE)
        if digest(out) != digest(Path(tmp) / "again"):
            problems.append("two runs with seed 7 wrote different bytes")
    for split in ("train", "val"):
        x = np.load(out / f"{split}_x.npy")
        n = SMOKE[split][0] * (SMOKE[split][1] + SMOKE[split][2])
        want = (n, features.WINDOWS, features.WINDOW_FLOATS)
        if x.shape != want or x.dtype != np.float32:
            problems.append(f"{split}_x.npy: shape {x.shape} {x.dtype}, expected {want} float32")
        if not np.all(np.isfinite(x)) or np.abs(x).max() > 8.0:
            problems.append(f"{split}_x.npy: values not finite or outside +-8")
    meta = json.loads((out / "train_meta.json").read_text())
    if any(m["label"] != 0 for m in meta):
        problems.append("train_meta.json: the training split must hold healthy recordings only")
    rows = (out / "test" / "y_labels.csv").read_text().splitlines()
    size = features.WINDOWS * features.WINDOW_FLOATS * 4
    for row in rows:
        name, classes, label, send, stride = row.split(",")
        if classes != "2" or label not in ("0", "1"):
            problems.append(f"test/y_labels.csv: bad classes/label in {row!r}")
        if (out / "test" / name).stat().st_size != size:
            problems.append(f"test/{name}: not {size} bytes")
        if int(send) != features.WINDOW_FLOATS * 4 or int(stride) != int(send):
            problems.append(f"test/y_labels.csv: bad window columns in {row!r}")
    for p in problems:
        print(f"generate.py --smoke: {p}", file=sys.stderr)
    print(f"generate.py --smoke: {'FAILED' if problems else 'ok'} ({len(rows)} test files, "
          f"digest {digest(out)[:16]})")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output folder (scratch, never committed)")
    ap.add_argument("--smoke", action="store_true", help="tiny set + self-checks, < 20 s")
    args = ap.parse_args()
    if args.smoke:
        return smoke(args.out)
    write_all(args.seed, args.out, FULL)
    print(f"generate.py: seed {args.seed} -> {args.out} (digest {digest(args.out)[:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
