"""Synthetic speakers for the training split: random espeak-ng voice variants.

The 97 built-in variants are all the timbres espeak-ng has, and the test split holds a fifth of
them out, some far from every training voice (shelby raises the second formant by 40 %,
kaukovalta lowers the first to 40 %). A model that has heard only ~68 timbres learns those
timbres. Training on many more random ones - formant frequencies, heights and widths, pitch,
voicing and roughness drawn from the ranges the built-in variants span - teaches it what does
not change between speakers. Only the training split uses them: validation and test speakers
stay the held-out built-in variants, so the test set is unchanged.

espeak-ng reads variants from <data>/voices/!v; `--path DIR` points it at DIR/espeak-ng-data.
build_data_dir() makes such a folder of symbolic links to the installed data plus the
synthetic variant files.
"""
import os

import numpy as np

SYSTEM_DATA = ("/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/share/espeak-ng-data",
               "/usr/lib/espeak-ng-data")


def installed_data_dir():
    for d in SYSTEM_DATA:
        if os.path.isdir(os.path.join(d, "voices", "!v")):
            return d
    raise OSError("espeak-ng data not found (looked in " + ", ".join(SYSTEM_DATA) + ")")


def variant_text(rng, name):
    """One random variant file. Formant lines are `formant N freq% height% width%`."""
    vtl = rng.uniform(0.82, 1.22)  # vocal-tract length: scales every formant together
    lines = ["language variant", f"name {name}"]
    for k in range(9):
        spread = 0.30 if 1 <= k <= 3 else 0.12
        freq = 100 * vtl * np.exp(rng.uniform(-spread, spread))
        height = rng.uniform(60, 140) if k <= 5 else rng.uniform(20, 110)
        width = rng.uniform(70, 140)
        lines.append(f"formant {k} {int(freq)} {int(height)} {int(width)}")
    base = int(rng.uniform(55, 210))
    lines.append(f"pitch {base} {base + int(rng.uniform(25, 130))}")
    lines.append(f"voicing {int(rng.uniform(40, 160))}")
    lines.append(f"consonants {int(rng.uniform(60, 110))} {int(rng.uniform(60, 110))}")
    lines.append(f"roughness {int(rng.integers(0, 5))}")
    lines.append(f"flutter {int(rng.integers(0, 20))}")
    if rng.random() < 0.15:
        lines.append("breath " + " ".join(str(int(rng.uniform(0, 30))) for _ in range(8)))
    return "\n".join(lines) + "\n"


def make_variants(seed, count):
    """count synthetic variants: {name: file text}, from their own generator (the built-in
    plan's random stream is not touched, so val and test are byte-identical with or without)."""
    rng = np.random.Generator(np.random.PCG64([seed, 0x5E7]))
    return {f"tr-syn{i:03d}": variant_text(rng, f"tr-syn{i:03d}") for i in range(count)}


def build_data_dir(root, variants):
    """root/espeak-ng-data: links to the installed data, plus the variants in voices/!v.
    espeak-ng lists at most 349 voices, so only the English languages (lang/gmw/en*) are linked
    and the mbrola voices left out. Returns root (the value for espeak-ng --path)."""
    system = installed_data_dir()
    data = os.path.join(root, "espeak-ng-data")
    v_dir = os.path.join(data, "voices", "!v")
    en_dir = os.path.join(data, "lang", "gmw")
    os.makedirs(v_dir, exist_ok=True)
    os.makedirs(en_dir, exist_ok=True)

    def link(src, dst):
        if not os.path.lexists(dst):
            os.symlink(src, dst)

    for entry in os.listdir(system):
        if entry not in ("voices", "lang"):
            link(os.path.join(system, entry), os.path.join(data, entry))
    for entry in os.listdir(os.path.join(system, "lang", "gmw")):
        if entry.startswith("en"):
            link(os.path.join(system, "lang", "gmw", entry), os.path.join(en_dir, entry))
    for entry in os.listdir(os.path.join(system, "voices", "!v")):
        link(os.path.join(system, "voices", "!v", entry), os.path.join(v_dir, entry))
    for name, text in variants.items():
        with open(os.path.join(v_dir, name), "w") as f:
            f.write(text)
    return root


def assign(plan, seed, names, share, data_root):
    """Gives a `share` of the plan's recording sessions a synthetic speaker (the voice accent,
    pitch, rate and amplitude drawn by the plan are kept; only the variant changes)."""
    rng = np.random.Generator(np.random.PCG64([seed, 0x5E8]))
    for session in plan["sessions"]:
        if rng.random() < share:
            session["speaker"] = dict(session["speaker"],
                                      variant=names[int(rng.integers(len(names)))],
                                      espeak_path=data_root)
