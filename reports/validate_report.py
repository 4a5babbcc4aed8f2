#!/usr/bin/python3
"""Validate a tinyrack report.json against reports/report.schema.json.

Usage: validate_report.py REPORT [--schema SCHEMA]

Prints one line per problem, "<report>: <JSON path>: <message>", and exits 1 when the report
is invalid, 2 when it cannot be checked (unreadable file, bad JSON, jsonschema missing), 0 when
it is valid.
"""

import argparse
import json
import os
import sys

DEFAULT_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.schema.json")


def json_path(error):
    """The failing value's place as a JSONPath ("$.results[0].latency_us")."""
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def load(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        print(f"{path}: cannot read {what}: {e.strerror}", file=sys.stderr)
    except json.JSONDecodeError as e:
        print(f"{path}: line {e.lineno}, column {e.colno}: invalid JSON: {e.msg}", file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--schema", default=DEFAULT_SCHEMA)
    args = parser.parse_args()

    try:
        import jsonschema
    except ImportError:
        print("validate_report.py: the jsonschema module is missing "
              "(install the python3-jsonschema package)", file=sys.stderr)
        return 2

    schema = load(args.schema, "schema")
    report = load(args.report, "report")
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(report),
                    key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        print(f"{args.report}: {json_path(error)}: {error.message}")
    if errors:
        print(f"{args.report}: invalid ({len(errors)} problem(s))", file=sys.stderr)
        return 1
    print(f"{args.report}: valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
