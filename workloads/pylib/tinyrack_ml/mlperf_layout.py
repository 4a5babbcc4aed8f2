"""Datasets in MLPerf Tiny's layout (facts/dut-protocol.md §11): one .bin per input and a
y_labels.csv without header, `file,classes,class[,bytes_to_send,stride]`."""
from pathlib import Path


def write_dataset(folder, entries, windows=None):
    """entries: (file_name, bytes, label, n_classes) in the order y_labels.csv lists them.
    windows: (bytes_to_send, stride) for anomaly-detection style windowed files, or None."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, data, label, n_classes in entries:
        if "," in name or "/" in name:
            raise ValueError(f"{name!r}: file names may not contain ',' or '/'")
        if not 0 <= label < n_classes:
            raise ValueError(f"{name}: label {label} outside 0..{n_classes - 1}")
        (folder / name).write_bytes(bytes(data))
        row = [name, str(n_classes), str(label)]
        if windows is not None:
            row += [str(windows[0]), str(windows[1])]
        lines.append(",".join(row))
    (folder / "y_labels.csv").write_text("\n".join(lines) + "\n")


def read_labels(folder):
    """[(file_name, n_classes, label, bytes_to_send or None, stride or None)]."""
    rows = []
    for i, line in enumerate(Path(folder, "y_labels.csv").read_text().splitlines(), 1):
        if not line.strip():
            continue
        cols = [c.strip() for c in line.split(",")]
        if len(cols) not in (3, 5):
            raise ValueError(f"y_labels.csv:{i}: expected 3 or 5 columns, got {len(cols)}")
        extra = (int(cols[3]), int(cols[4])) if len(cols) == 5 else (None, None)
        rows.append((cols[0], int(cols[1]), int(cols[2])) + extra)
    return rows
