"""The committed int8 figure of a standard workload (figures.json, written by its training tool)
is what the harness measures: `tinyrack evaluate` on the committed model and test set.
usage: check_figures.py TINYRACK WORKLOAD_DIR JSON_POINTER"""
import json
import subprocess
import sys
from pathlib import Path


def at(doc, pointer):
    for part in pointer.strip("/").split("/"):
        doc = doc[part]
    return float(doc)


def main():
    tinyrack, folder, pointer = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    recorded = at(json.loads((folder / "figures.json").read_text()), pointer)
    run = subprocess.run([tinyrack, "evaluate", "--workload", str(folder / "workload.json"),
                          "--json"], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"tinyrack evaluate failed ({run.returncode}): {run.stderr.strip()}")
    result = json.loads(run.stdout)["workloads"][0]
    measured = result["value"] / 100.0 if result["unit"] == "%" else result["value"]
    print(f"{folder.name}: figures.json {pointer} = {recorded}, tinyrack evaluate = {measured}")
    # figures.json keeps 3 decimals.
    if abs(measured - recorded) > 0.0006:
        sys.exit(f"{folder.name}: the committed figure {recorded} is not what the host engine "
                 f"measures ({measured}); regenerate figures.json or the model")


if __name__ == "__main__":
    main()
