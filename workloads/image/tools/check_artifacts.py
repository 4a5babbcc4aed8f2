#!/usr/bin/python3
"""Checks the committed image workload: workload.json's shape, the model's sha256, and the test
set (y_labels.csv parses, every .bin exists with 3072 bytes, labels in range, classes
balanced). Usage: check_artifacts.py [WORKLOAD_DIR]; exit status 1 with one line per problem.
"""
import hashlib
import json
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS.parents[1] / "pylib"))

from tinyrack_ml.mlperf_layout import read_labels  # noqa: E402

IMAGE_BYTES = 32 * 32 * 3


def check(folder):
    problems = []
    spec_path = folder / "workload.json"
    try:
        spec = json.loads(spec_path.read_text())
    except (OSError, ValueError) as e:
        return [f"{spec_path}: {e}"]
    classes = spec.get("classes", [])
    expect = {("input", "shape"): [1, 32, 32, 3], ("input", "dtype"): "int8",
              ("input", "from_file"): "uint8-minus-128", ("input", "zero_point"): -128,
              ("output", "shape"): [1, len(classes)], ("metric",): "top1",
              ("score",): "class-scores"}
    for keys, want in expect.items():
        node = spec
        for k in keys:
            node = node.get(k) if isinstance(node, dict) else None
        if node != want:
            problems.append(f"{spec_path}: {'.'.join(keys)} is {node!r}, expected {want!r}")
    if abs(spec.get("input", {}).get("scale", 0) * 255 - 1) > 1e-6:
        problems.append(f"{spec_path}: input.scale is not 1/255")
    model = folder / spec.get("model", {}).get("file", "model.tflite")
    if not model.exists():
        problems.append(f"{model}: missing")
    elif hashlib.sha256(model.read_bytes()).hexdigest() != spec["model"].get("sha256"):
        problems.append(f"{model}: sha256 differs from {spec_path} model.sha256")
    data = folder / spec.get("dataset", {}).get("path", "data/test")
    try:
        rows = read_labels(data)
    except (OSError, ValueError) as e:
        return problems + [f"{data}/y_labels.csv: {e}"]
    counts = [0] * len(classes)
    for name, n_classes, label, _, _ in rows:
        path = data / name
        if n_classes != len(classes) or not 0 <= label < len(classes):
            problems.append(f"{path}: label {label} of {n_classes} classes")
            continue
        counts[label] += 1
        if not path.exists() or path.stat().st_size != IMAGE_BYTES:
            problems.append(f"{path}: missing or not {IMAGE_BYTES} bytes")
    if not rows or max(counts) - min(counts) > 1:
        problems.append(f"{data}: classes unbalanced or empty: {counts}")
    extra = {p.name for p in data.glob("*.bin")} - {r[0] for r in rows}
    if extra:
        problems.append(f"{data}: .bin files not in y_labels.csv: {sorted(extra)[:3]}")
    return problems


def main():
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else TOOLS.parent
    problems = check(folder)
    for p in problems:
        print(f"check_artifacts: {p}", file=sys.stderr)
    print("check_artifacts: " + ("FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
