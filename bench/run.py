"""Run every benchmark (bench/bench_*.py) and print its figures as a table and as JSON.

    python bench/run.py [--json-only] [NAME ...]

Each module exposes ``measure() -> dict[str, float]``; figures are medians of several
runs. There are no pass/fail thresholds here: the targets are in the issues and README.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. checks pdf)")
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    names = args.names or sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    results: dict[str, dict[str, float]] = {}
    for name in names:
        started = time.perf_counter()
        module = importlib.import_module(f"bench_{name}")
        results[name] = module.measure()
        if not args.json_only:
            print(f"== {name} ({time.perf_counter() - started:.1f} s)")
            for key, value in results[name].items():
                print(f"   {key:36} {value:>12}")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
