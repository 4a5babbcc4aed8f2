#!/usr/bin/python3
"""Generates the keyword workload's data from a seed: train/val splits as .npy arrays and the
test split in MLPerf Tiny's kws01 layout (490-byte int8 MFCC .bin files + y_labels.csv).

    generate.py --seed 1 --out build/workloads/keyword [--threads 2]
    generate.py --test-audio --out DIR  only the test split: DIR/test (its MFCC .bin files, the
                                        same bytes as a full run's) and DIR/test-audio (the clips)
    generate.py --smoke --out DIR      tiny sets, generated twice and compared byte for byte

Every random choice is drawn up front from numpy.random.Generator(PCG64(seed)) (per-clip work
gets its own PCG64 seed drawn from it), so the output does not depend on worker scheduling. The
bytes depend on the seed, numpy and the installed espeak-ng (1.51 when this was written).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from multiprocessing import Pool

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "pylib"))

import clips  # noqa: E402
import mfcc  # noqa: E402
import noise  # noqa: E402
import speech  # noqa: E402
import synthetic_voices  # noqa: E402
import vocabulary as vocab  # noqa: E402

SESSION_WORDS = 12  # words per espeak-ng process (longer SSML documents lose breaks)
# Clips per class (each keyword, silence, unknown) and babble sentences per split.
FULL_COUNTS = {
    "train": (1500, 1500, 3000, 16),
    "val": (150, 150, 300, 8),
    "test": (83, 85, 85, 8),  # 1000 files like kws01's accuracy set, roughly balanced
}
# Synthetic speakers (synthetic_voices.py) in the training split: how many, and the share of
# training sessions that get one instead of a built-in variant.
SYNTHETIC_VOICES = 200
SYNTHETIC_SHARE = 0.5
SMOKE_COUNTS = {"train": (2, 2, 3, 2), "val": (1, 1, 2, 2), "test": (1, 2, 2, 2)}
_bank = None  # babble sentences of the split being generated (set in each worker)
_keep_audio = False  # workers also return each int16 clip (set in each worker)


def _speaker(rng, variants):
    return {"voice": vocab.VOICES[int(rng.integers(len(vocab.VOICES)))],
            "variant": variants[int(rng.integers(len(variants)))],
            "pitch": int(rng.integers(15, 86)), "rate": int(rng.integers(130, 211)),
            "amplitude": int(rng.integers(60, 161))}


def _speech_params(rng):
    kinds = noise.KINDS
    return {"speed": float(rng.uniform(0.9, 1.1)),
            "rt60": 0.0 if rng.random() < 0.6 else float(rng.uniform(0.15, 0.7)),
            "offset": float(rng.random()),
            "noise": None if rng.random() < 0.2 else kinds[int(rng.integers(len(kinds)))],
            "snr_db": float(rng.uniform(0.0, 20.0)), "peak_dbfs": float(rng.uniform(-30.0, -1.0)),
            "seed": int(rng.integers(0, 2**63))}


def _silence_params(rng):
    kinds = noise.KINDS
    return {"noise": kinds[int(rng.integers(len(kinds)))],
            "second": kinds[int(rng.integers(len(kinds)))] if rng.random() < 0.5 else None,
            "peak_dbfs": float(rng.uniform(-80.0, -10.0)), "seed": int(rng.integers(0, 2**63))}


def plan_split(rng, variants, counts):
    """All random choices of one split: sessions of words, silence clips, babble speakers, and
    the final order of the clips."""
    n_kw, n_sil, n_unk, n_babble = counts
    words = [w for w in vocab.KEYWORDS for _ in range(n_kw)]
    unknown = vocab.UNKNOWN_WORDS
    words += [unknown[int(i)] for i in rng.integers(len(unknown), size=n_unk)]
    words = [words[int(i)] for i in rng.permutation(len(words))]
    sessions = []
    for s in range(0, len(words), SESSION_WORDS):
        chunk = words[s:s + SESSION_WORDS]
        utts = [(w, int(rng.integers(-15, 16)), int(rng.integers(-15, 16))) for w in chunk]
        sessions.append({"speaker": _speaker(rng, variants), "utterances": utts,
                         "params": [_speech_params(rng) for _ in chunk]})
    silences = [_silence_params(rng) for _ in range(n_sil)]
    babble = [(_speaker(rng, variants), vocab.BABBLE_SENTENCES[i % len(vocab.BABBLE_SENTENCES)])
              for i in range(n_babble)]
    order = rng.permutation(len(words) + n_sil)
    return {"sessions": sessions, "silences": silences, "babble": babble, "order": order}


def _label(word):
    return vocab.KEYWORDS.index(word) if word in vocab.KEYWORDS else vocab.UNKNOWN


def _init_worker(bank, keep_audio):
    global _bank, _keep_audio
    _bank = bank
    _keep_audio = keep_audio


def _clip_output(clip):
    # The features always; the clip itself only when asked (a full train split is ~620 MB).
    features = mfcc.mfcc_int8(clip)
    return (features, clip) if _keep_audio else (features, None)


def _run_session(session):
    utts = speech.synthesize_session(session["speaker"], session["utterances"])
    return [_clip_output(clips.speech_clip(u, p, _bank))
            for u, p in zip(utts, session["params"])]


def _run_silence(params):
    return _clip_output(clips.silence_clip(params, _bank))


def _babble_bank(plan):
    return [speech.resample(speech.synthesize_text(spk, text)) for spk, text in plan["babble"]]


def run_split(plan, threads, log=None, keep_audio=False):
    """Executes a plan: returns (x int8 [N, 49, 10], y uint8 [N], meta list, audio) in plan
    order; audio is int16 [N, 16000] with keep_audio, else None."""
    bank = _babble_bank(plan)
    with Pool(threads, initializer=_init_worker, initargs=(bank, keep_audio)) as pool:
        speech_out = []
        for i, f in enumerate(pool.imap(_run_session, plan["sessions"], chunksize=4)):
            speech_out.append(f)
            if log and (i + 1) % 100 == 0:
                log(f"generate: {i + 1}/{len(plan['sessions'])} sessions")
        silence_out = pool.map(_run_silence, plan["silences"], chunksize=16)
    outputs, labels, meta = [], [], []
    for session, outs in zip(plan["sessions"], speech_out):
        for (word, _, _), p, o in zip(session["utterances"], session["params"], outs):
            outputs.append(o)
            labels.append(_label(word))
            meta.append({"word": word, "voice": session["speaker"]["voice"],
                         "variant": session["speaker"]["variant"], "noise": p["noise"],
                         "snr_db": round(p["snr_db"], 2) if p["noise"] else None})
    for p, o in zip(plan["silences"], silence_out):
        outputs.append(o)
        labels.append(vocab.SILENCE)
        meta.append({"word": None, "noise": p["noise"], "second": p["second"],
                     "peak_dbfs": round(p["peak_dbfs"], 2)})
    order = plan["order"]
    x = np.stack([f for f, _ in outputs])[order]
    y = np.asarray(labels, dtype=np.uint8)[order]
    audio = np.stack([a for _, a in outputs])[order] if keep_audio else None
    return x, y, [meta[int(i)] for i in order], audio


def test_file_name(index, label):
    # Like kws01's "tst_000000_Stop_7.bin": index, class name, class number.
    return f"tst_{index:06d}_{vocab.CLASS_NAMES[label].capitalize()}_{label}.bin"


def _write_test_files(folder, arrays, y):
    from tinyrack_ml import mlperf_layout
    entries = [(test_file_name(i, int(lab)), arrays[i].tobytes(), int(lab), len(vocab.CLASS_NAMES))
               for i, lab in enumerate(y)]
    mlperf_layout.write_dataset(folder, entries)


def write_split(out, split, x, y, meta):
    if split == "test":
        _write_test_files(os.path.join(out, "test"), x, y)
    else:
        np.save(os.path.join(out, f"{split}_x.npy"), x)
        np.save(os.path.join(out, f"{split}_y.npy"), y)
    with open(os.path.join(out, f"{split}_meta.jsonl"), "w") as f:
        for m in meta:
            f.write(json.dumps(m, sort_keys=True) + "\n")


def generate(seed, out, counts, threads, log=print):
    """Writes all three splits into out; returns a summary dict (sizes, speakers, timings)."""
    os.makedirs(out, exist_ok=True)
    rng = np.random.Generator(np.random.PCG64(seed))
    variants = vocab.split_variants(rng)
    plans = {split: plan_split(rng, variants[split], counts[split]) for split in vocab.SPLITS}
    synthetic = synthetic_voices.make_variants(seed, SYNTHETIC_VOICES)
    root = synthetic_voices.build_data_dir(os.path.join(out, "espeak-voices"), synthetic)
    synthetic_voices.assign(plans["train"], seed, sorted(synthetic), SYNTHETIC_SHARE, root)
    summary = {"seed": seed, "variants": variants, "voices": list(vocab.VOICES), "splits": {},
               "synthetic_voices": {"count": SYNTHETIC_VOICES, "share_of_train_sessions":
                                    SYNTHETIC_SHARE}}
    for split in vocab.SPLITS:
        t0 = time.time()
        x, y, meta, _ = run_split(plans[split], threads, log)
        write_split(out, split, x, y, meta)
        summary["splits"][split] = {"clips": int(len(y)),
                                    "per_class": np.bincount(y, minlength=12).tolist(),
                                    "seconds": round(time.time() - t0, 1)}
        log(f"generate: {split}: {len(y)} clips in {time.time() - t0:.1f} s")
    espeak = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout
    summary["espeak_ng"] = espeak.split("  ")[0].strip()
    summary["numpy"] = np.__version__
    with open(os.path.join(out, "generate_summary.json"), "w") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
    return summary


def generate_test_audio(seed, out, counts, threads, log=print):
    """Renders only the test split: out/test as generate() writes it (490-byte int8 MFCC .bin
    files, y_labels.csv, test_meta.jsonl) and out/test-audio, the same file names and labels
    holding each clip's 16000 int16 little-endian samples -- the audio behind out/test. Never
    commit it (32 MB). Returns the number of clips."""
    os.makedirs(out, exist_ok=True)
    rng = np.random.Generator(np.random.PCG64(seed))
    variants = vocab.split_variants(rng)
    # Every split is planned, in generate()'s order, so the test plan gets the same draws.
    plans = {split: plan_split(rng, variants[split], counts[split]) for split in vocab.SPLITS}
    t0 = time.time()
    x, y, meta, audio = run_split(plans["test"], threads, log, keep_audio=True)
    write_split(out, "test", x, y, meta)
    _write_test_files(os.path.join(out, "test-audio"), audio.astype("<i2"), y)
    log(f"generate: test audio: {len(y)} clips in {time.time() - t0:.1f} s")
    return len(y)


def _files(folder):
    return sorted(os.path.relpath(os.path.join(d, n), folder)
                  for d, _, names in os.walk(folder) for n in names)


def _check_outputs(out, counts):
    """Invariants of one generated folder; returns a list of problems."""
    problems = []
    for split in ("train", "val"):
        x = np.load(os.path.join(out, f"{split}_x.npy"))
        y = np.load(os.path.join(out, f"{split}_y.npy"))
        n_kw, n_sil, n_unk, _ = counts[split]
        if x.dtype != np.int8 or x.shape[1:] != (49, 10):
            problems.append(f"{split}_x.npy: dtype {x.dtype} shape {x.shape}, need int8 [N,49,10]")
        if len(y) != 10 * n_kw + n_sil + n_unk or len(y) != len(x):
            problems.append(f"{split}: {len(x)} inputs / {len(y)} labels, "
                            f"planned {10 * n_kw + n_sil + n_unk}")
        if y.max() >= 12:
            problems.append(f"{split}_y.npy: label {y.max()} out of range 0..11")
    test = os.path.join(out, "test")
    with open(os.path.join(test, "y_labels.csv")) as f:
        rows = [line.strip().split(",") for line in f if line.strip()]
    for name, n_classes, label in rows:
        size = os.path.getsize(os.path.join(test, name))
        if size != 490 or n_classes != "12" or not 0 <= int(label) < 12:
            problems.append(f"test/{name}: {size} bytes, classes {n_classes}, label {label}")
    return problems


def _check_test_audio(full, audio_run):
    """--test-audio against a full run of the same seed: the same test/ bytes, and audio whose
    features are those bytes."""
    problems = []
    for name in _files(os.path.join(full, "test")):
        with open(os.path.join(full, "test", name), "rb") as a:
            with open(os.path.join(audio_run, "test", name), "rb") as b:
                if a.read() != b.read():
                    problems.append(f"--test-audio: test/{name} differs from the full run's")
    audio_dir = os.path.join(audio_run, "test-audio")
    with open(os.path.join(full, "test", "y_labels.csv"), "rb") as a:
        with open(os.path.join(audio_dir, "y_labels.csv"), "rb") as b:
            if a.read() != b.read():
                problems.append("--test-audio: test-audio/y_labels.csv differs from test/'s")
    for name in _files(os.path.join(full, "test")):
        if name == "y_labels.csv":
            continue
        clip = np.fromfile(os.path.join(audio_dir, name), dtype="<i2")
        feats = np.fromfile(os.path.join(full, "test", name), dtype=np.int8)
        if clip.size != mfcc.NUM_SAMPLES:
            problems.append(f"--test-audio: test-audio/{name} has {clip.size} samples")
        elif not np.array_equal(mfcc.mfcc_int8(clip.astype(np.int16)).ravel(), feats):
            problems.append(f"--test-audio: test-audio/{name} is not the audio of test/{name}")
    return problems


def smoke(out, threads):
    """Generates a tiny set twice (and its test split once more with --test-audio), checks
    invariants and byte identity; 0 when all good."""
    shutil.rmtree(out, ignore_errors=True)
    runs = [os.path.join(out, "run1"), os.path.join(out, "run2")]
    for r in runs:
        generate(7, r, SMOKE_COUNTS, threads, log=lambda *_: None)
    audio_run = os.path.join(out, "test-audio")
    generate_test_audio(7, audio_run, SMOKE_COUNTS, threads, log=lambda *_: None)
    problems = _check_outputs(runs[0], SMOKE_COUNTS) + _check_test_audio(runs[0], audio_run)
    files = _files(runs[0])
    if files != _files(runs[1]):
        problems.append("the two runs wrote different file lists")
    for name in files:
        if name == "generate_summary.json":
            continue  # holds wall times
        with open(os.path.join(runs[0], name), "rb") as a:
            with open(os.path.join(runs[1], name), "rb") as b:
                same = a.read() == b.read()
        if not same:
            problems.append(f"{name}: differs between two runs with the same seed")
    for p in problems:
        print(f"generate.py --smoke: {p}", file=sys.stderr)
    print(f"generate.py --smoke: {len(files)} files, {'FAILED' if problems else 'ok'}")
    return 1 if problems else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="output folder (scratch; never committed)")
    p.add_argument("--threads", type=int, default=2, help="worker processes")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--smoke", action="store_true", help="tiny sets, determinism self-check")
    mode.add_argument("--test-audio", action="store_true",
                      help="only the test split: OUT/test (MFCC) and OUT/test-audio (int16 clips)")
    args = p.parse_args(argv)
    if args.threads < 1:
        p.error("--threads must be >= 1")
    try:
        if args.smoke:
            return smoke(args.out, args.threads)
        if args.test_audio:
            t0 = time.time()
            n = generate_test_audio(args.seed, args.out, FULL_COUNTS, args.threads)
            print(f"generate: {n} test clips in {time.time() - t0:.1f} s -> {args.out}")
            return 0
        t0 = time.time()
        generate(args.seed, args.out, FULL_COUNTS, args.threads)
        print(f"generate: done in {time.time() - t0:.1f} s -> {args.out}")
        return 0
    except (speech.SynthesisError, OSError, ValueError) as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
