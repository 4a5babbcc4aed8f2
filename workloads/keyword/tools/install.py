#!/usr/bin/python3
"""Copies a regeneration's artifacts into the workload folder: model.tflite, workload.json,
figures.json, data/test (replaced as a whole), and the figures table of README.md (between the
'figures:begin' and 'figures:end' markers); writes workload-audio.json from workload.json.

    install.py --data build/workloads/keyword --artifacts build/workloads/keyword/artifacts
"""
import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOAD = os.path.dirname(HERE)
BEGIN, END = "<!-- figures:begin -->", "<!-- figures:end -->"


def pct(x):
    return f"{100.0 * x:.1f} %"


def figures_table(fig):
    t, v = fig["test"], fig["val"]
    d = fig["dataset"]
    sizes = ", ".join(f"{s} {d[s]['clips']}" for s in ("train", "val", "test") if d.get(s))
    lines = [
        "| | test (held-out speakers) | validation |",
        "|---|---|---|",
        f"| int8 model, tinyrack host engine | **{pct(t['int8_top1'])}** | {pct(v['int8_top1'])} |",
        f"| float model (torch) | {pct(t['float_top1'])} | {pct(v['float_top1'])} |",
        f"| linear baseline (logistic regression on the 490 raw inputs) | {pct(t['linear_top1'])} "
        f"| {pct(v['linear_top1'])} |",
        "",
        f"Clips: {sizes}. Model: {fig['model']['parameters']} parameters, "
        f"{fig['model']['tflite_bytes']} bytes as .tflite, best validation epoch "
        f"{fig['model']['best_epoch']} of {fig['model']['epochs']}. Seeds: data "
        f"{fig['seeds']['data']}, torch {fig['seeds']['torch']}. Wall time with {fig['threads']} "
        f"training thread(s): generation {fig['wall_seconds']['generate']:.0f} s, training "
        f"{fig['wall_seconds']['train']:.0f} s. torch {fig['versions']['torch']}, numpy "
        f"{fig['versions']['numpy']}, {fig['versions']['espeak_ng']}.",
        "",
        "int8 top-1 per class (test): " + ", ".join(
            f"{k} {pct(v_)}" for k, v_ in fig["int8_per_class_test"].items()) + ".",
        "Most frequent confusions (true -> predicted: files): "
        + "; ".join(fig["int8_top_confusions_test"]) + ".",
    ]
    return "\n".join(lines)


def audio_workload(wl):
    """workload-audio.json: workload.json's model, tensors and metric on the test clips' raw
    audio (generate.py --test-audio), which the board's MFCC front end turns into the input
    tensor (tr-input ... mfcc). The audio is never committed: its folder is given with
    `tinyrack run --dataset DIR`."""
    audio = dict(wl)
    audio["name"] = "keyword-audio"
    audio["description"] = ("keyword on raw audio: 1 s int16 clips (generate.py --test-audio), "
                            "MFCC computed on the board; dataset given with --dataset DIR")
    audio["input"] = dict(wl["input"], from_file="int16le-audio", frontend="mfcc")
    audio["dataset"] = {"labels": wl["dataset"]["labels"]}
    return audio


def write_audio_workload(folder):
    with open(os.path.join(folder, "workload.json")) as f:
        wl = json.load(f)
    with open(os.path.join(folder, "workload-audio.json"), "w") as f:
        json.dump(audio_workload(wl), f, indent=2)
        f.write("\n")


def update_readme(path, fig):
    with open(path) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        raise ValueError(f"{path}: no '{BEGIN}' ... '{END}' block to fill")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(path, "w") as f:
        f.write(head + BEGIN + "\n" + figures_table(fig) + "\n" + END + tail)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="folder written by generate.py")
    p.add_argument("--artifacts", required=True, help="folder written by train.py")
    args = p.parse_args(argv)
    try:
        for name in ("model.tflite", "workload.json", "figures.json"):
            shutil.copyfile(os.path.join(args.artifacts, name), os.path.join(WORKLOAD, name))
        test = os.path.join(WORKLOAD, "data", "test")
        shutil.rmtree(test, ignore_errors=True)
        shutil.copytree(os.path.join(args.data, "test"), test)
        write_audio_workload(WORKLOAD)
        with open(os.path.join(WORKLOAD, "figures.json")) as f:
            update_readme(os.path.join(WORKLOAD, "README.md"), json.load(f))
    except (OSError, ValueError, KeyError) as e:
        print(f"install.py: {e}", file=sys.stderr)
        return 2
    print(f"install: artifacts copied into {WORKLOAD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
