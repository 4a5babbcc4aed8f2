#!/usr/bin/python3
"""Checks the committed keyword artifacts agree with each other: workload.json's shape and
fields, the model's sha256, every test .bin listed in y_labels.csv with 490 bytes and a label
in 0..11, every class present, no unlisted .bin files, and workload-audio.json being what
install.py derives from workload.json. Exit code 1 names each problem."""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOAD = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from install import audio_workload  # noqa: E402
CLASSES = ["down", "go", "left", "no", "off", "on", "right", "stop", "up", "yes", "silence",
           "unknown"]


def check(folder):
    problems = []
    with open(os.path.join(folder, "workload.json")) as f:
        wl = json.load(f)
    if wl.get("classes") != CLASSES:
        problems.append(f"workload.json: classes {wl.get('classes')} are not kws01's order")
    if wl.get("input", {}).get("shape") != [1, 49, 10, 1] or wl["input"].get("dtype") != "int8":
        problems.append(f"workload.json: input {wl.get('input')} is not int8 [1, 49, 10, 1]")
    if wl.get("output", {}).get("shape") != [1, 12]:
        problems.append(f"workload.json: output shape {wl.get('output', {}).get('shape')}, "
                        "expected [1, 12]")
    for key, want in (("metric", "top1"), ("score", "class-scores")):
        if wl.get(key) != want:
            problems.append(f"workload.json: {key} is {wl.get(key)!r}, expected {want!r}")
    model = os.path.join(folder, wl["model"]["file"])
    with open(model, "rb") as f:
        blob = f.read()
    if blob[4:8] != b"TFL3":
        problems.append(f"{model}: no TFL3 identifier at offset 4")
    if hashlib.sha256(blob).hexdigest() != wl["model"]["sha256"]:
        problems.append(f"{model}: sha256 does not match workload.json")
    test = os.path.join(folder, wl["dataset"]["path"])
    seen_labels, listed = set(), set()
    with open(os.path.join(test, wl["dataset"]["labels"])) as f:
        for n, line in enumerate(f, 1):
            cols = line.strip().split(",")
            if len(cols) != 3:
                problems.append(f"y_labels.csv:{n}: {len(cols)} columns, expected 3")
                continue
            name, n_classes, label = cols
            path = os.path.join(test, name)
            if not os.path.exists(path):
                problems.append(f"y_labels.csv:{n}: {name} does not exist")
            elif os.path.getsize(path) != 490:
                problems.append(f"{name}: {os.path.getsize(path)} bytes, expected 490")
            if n_classes != "12" or not label.isdigit() or int(label) > 11:
                problems.append(f"y_labels.csv:{n}: classes {n_classes}, label {label}")
            else:
                seen_labels.add(int(label))
            listed.add(name)
    if seen_labels != set(range(12)):
        problems.append(f"y_labels.csv: classes {sorted(set(range(12)) - seen_labels)} missing")
    unlisted = sorted(n for n in os.listdir(test) if n.endswith(".bin") and n not in listed)
    if unlisted:
        problems.append(f"{test}: {len(unlisted)} .bin files not in y_labels.csv, "
                        f"e.g. {unlisted[0]}")
    audio_path = os.path.join(folder, "workload-audio.json")
    with open(audio_path) as f:
        if json.load(f) != audio_workload(wl):
            problems.append(f"{audio_path}: not what install.py derives from workload.json "
                            "(run install.py, or copy its audio_workload() fields)")
    return problems, len(listed)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else WORKLOAD
    try:
        problems, n = check(folder)
    except (OSError, ValueError, KeyError) as e:
        problems, n = [f"cannot read the artifacts in {folder}: {e}"], 0
    for p in problems:
        print(f"check_artifacts.py: {p}", file=sys.stderr)
    print(f"check_artifacts.py: {n} test files, {'FAILED' if problems else 'ok'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
