"""Run every benchmark (bench/bench_*.py); print the figures as a table, then as JSON.

    python bench/run.py [--quick] [--json-only] [--timeout S] [NAME ...]

A benchmark module exposes ``measure()`` or ``run()`` (either callable without
arguments) returning a dict of figures; each module takes medians of several runs
itself. ``--quick`` (what CI runs, so that no benchmark rots unnoticed) passes
``quick=True`` to an entry point that takes it: every measurement once, on small inputs;
its figures only show that the benchmark still works. Every module runs in its own Python process, so one that fails to import,
raises, crashes Qt or hangs past ``--timeout`` is reported and the others still run.
The figures issue 7 asks for come from the modules in ``EXPECTED``; one that is absent
is listed as missing. There are no pass/fail thresholds: the targets are in README.
Exit code 0 when every benchmark run (by default: every one present and every expected
one) produced figures, 1 otherwise.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# Module name → the figures it must give (issue 7's list, then later issues').
EXPECTED = {
    "startup": "cold start to interactive window; bare QApplication start; peak memory of the GUI with the demo",
    "checks": "full check of a filled 2021 draft (median per call)",
    "storage": "autosave of one draft in a store of 200",
    "pdf": "PDF render of the demo",
    "aggregate": "汇总 of 200 / 1,000 / 2,000 files",
    "read": "reading a 100 KB portal page (issue 11)",
    "commands": "check and pdf as whole commands, next to a bare Python start",
    "ui_typing": "cell commit and report open in the window",
    "aggregate_memory": "peak memory of 汇总 over 1,000 files with long texts (issue 13)",
    "long_text": "PDF of a 50,000- and a 200,000-character section (issue 13)",
    "export": "Word, Excel and web page export of the demo and a filled 2021 report (issue 10)",
}
RESULT_MARK = "@@bench-result@@ "


def entry_point(module: Any) -> Any:
    """The module's ``measure`` or ``run``, whichever needs no arguments."""
    for name in ("measure", "run"):
        function = getattr(module, name, None)
        if callable(function) and all(
            p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            for p in inspect.signature(function).parameters.values()
        ):
            return function
    raise TypeError("has neither measure() nor run() callable without arguments")


def run_one(name: str, quick: bool = False) -> int:
    """Child process: import bench_<name>, run it, print its figures after a marker line."""
    for folder in (ROOT, HERE):
        sys.path.insert(0, str(folder))
    try:
        module = __import__(f"bench_{name}")
    except Exception as exc:
        print(RESULT_MARK + json.dumps({"missing": f"import failed: {type(exc).__name__}: {exc}"}))
        return 1
    try:
        function = entry_point(module)
        takes_quick = "quick" in inspect.signature(function).parameters
        figures = function(quick=True) if quick and takes_quick else function()
    except Exception as exc:
        print(RESULT_MARK + json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 1
    print(RESULT_MARK + json.dumps({"figures": figures}, ensure_ascii=False, default=str))
    return 0


def run_in_child(name: str, timeout: float, quick: bool = False) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--one", name]
            + (["--quick"] if quick else []),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            cwd=ROOT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"no result within {timeout:.0f} s", "seconds": round(timeout, 1)}
    seconds = round(time.perf_counter() - started, 1)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return {**json.loads(line[len(RESULT_MARK) :]), "seconds": seconds}
    tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
    return {"error": f"exit code {done.returncode}: " + " | ".join(tail), "seconds": seconds}


def flatten(figures: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Nested figures as (dotted name, value) rows; list items are named by their first key."""
    if isinstance(figures, dict):
        rows = []
        for key, value in figures.items():
            rows += flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return rows
    if isinstance(figures, list) and all(isinstance(item, dict) and item for item in figures):
        rows = []
        for item in figures:
            first, label = next(iter(item.items()))
            rest = {k: v for k, v in item.items() if k != first}
            rows += flatten(rest, f"{prefix}[{first}={label}]")
        return rows
    return [(prefix, figures)]


def print_table(results: dict[str, dict[str, Any]]) -> None:
    for name, result in results.items():
        if "figures" in result:
            print(f"== {name} ({result['seconds']} s)")
            for key, value in flatten(result["figures"]):
                shown = f"{value:.4g}" if isinstance(value, float) else str(value)
                print(f"   {key:44} {shown:>12}")
        else:
            state = "MISSING" if "missing" in result else "FAILED"
            print(f"== {name}: {state} — {result.get('missing') or result.get('error')}")
            if name in EXPECTED:
                print(f"   (should measure: {EXPECTED[name]})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. checks pdf)")
    parser.add_argument("--json-only", action="store_true")
    parser.add_argument("--quick", action="store_true", help="each benchmark once, small inputs")
    parser.add_argument("--timeout", type=float, default=240, help="seconds per benchmark")
    parser.add_argument("--one", metavar="NAME", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return run_one(args.one, args.quick)

    present = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    names = args.names or sorted(set(present) | set(EXPECTED))
    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        if name not in present:
            results[name] = {"missing": f"bench/bench_{name}.py does not exist", "seconds": 0}
        else:
            results[name] = run_in_child(name, args.timeout, args.quick)
    total = round(time.perf_counter() - started, 1)
    if not args.json_only:
        print_table(results)
        mode = "quick run: figures only prove each benchmark works" if args.quick else "full run"
        print(f"== total {total} s on {os.cpu_count()} cores ({mode})\n")
    summary = {
        "total_seconds": total,
        "quick": args.quick,
        "cpus": os.cpu_count(),
        "benchmarks": results,
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    complete = all("figures" in result for result in results.values())
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
