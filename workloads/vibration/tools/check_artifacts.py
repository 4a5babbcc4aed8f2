#!/usr/bin/python3
"""Checks the committed vibration artifacts agree with each other: workload.json parses and
names an existing model whose sha256 matches, y_labels.csv parses with both classes present,
every .bin holds a whole number of windows of the declared size, and the features are finite.
Exit code 0 when all hold; every problem is printed with the file it concerns."""
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

WORKLOAD = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(WORKLOAD.parent / "pylib"))

from tinyrack_ml.mlperf_layout import read_labels  # noqa: E402


def check(workload):
    problems = []
    wl_path = workload / "workload.json"
    try:
        wl = json.loads(wl_path.read_text())
    except (OSError, ValueError) as e:
        return [f"{wl_path}: {e}"]
    model = workload / wl["model"]["file"]
    if not model.is_file():
        problems.append(f"{model}: missing (named by workload.json model.file)")
    elif hashlib.sha256(model.read_bytes()).hexdigest() != wl["model"]["sha256"]:
        problems.append(f"{model}: sha256 differs from workload.json model.sha256")
    floats = 1
    for d in wl["input"]["shape"]:
        floats *= d
    data = workload / wl["dataset"]["path"]
    try:
        rows = read_labels(data)
    except (OSError, ValueError) as e:
        return problems + [f"{data / wl['dataset']['labels']}: {e}"]
    if {r[2] for r in rows} != {0, 1}:
        problems.append(f"{data}/y_labels.csv: needs both normal (0) and anomaly (1) files")
    for name, classes, _, send, stride in rows:
        path = data / name
        if classes != len(wl["classes"]):
            problems.append(f"{data}/y_labels.csv: {name}: {classes} classes, workload.json "
                            f"lists {len(wl['classes'])}")
        if send != floats * 4 or stride is None or stride <= 0:
            problems.append(f"{data}/y_labels.csv: {name}: bytes_to_send {send} / stride "
                            f"{stride}, expected {floats * 4} and > 0")
            continue
        if not path.is_file():
            problems.append(f"{path}: missing (listed in y_labels.csv)")
            continue
        size = path.stat().st_size
        if size < send or (size - send) % stride:
            problems.append(f"{path}: {size} bytes is not a whole number of windows")
        elif not np.all(np.isfinite(np.fromfile(path, dtype="<f4"))):
            problems.append(f"{path}: holds non-finite values")
    return problems


def main():
    workload = Path(sys.argv[1]) if len(sys.argv) > 1 else WORKLOAD
    problems = check(workload)
    for p in problems:
        print(f"check_artifacts: {p}", file=sys.stderr)
    print(f"check_artifacts: {'FAILED' if problems else 'ok'} ({workload})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
