"""Export time of each format (Word, Excel, web page) for the demo and a filled 2021
report (goal: ≤ 0.5 s each), after start-up; the first export of each format, which
also imports its library (python-docx, openpyxl), is reported apart.

    python bench/bench_export.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOAL_SECONDS = 0.5
FORMATS = {"docx": "docx_bytes", "xlsx": "xlsx_bytes", "html": "html_bytes"}


def measure(runs: int = 5, quick: bool = False) -> dict[str, float | int]:
    """Seconds per export: ``<format>_<report>_first_s`` and ``..._median_s``."""
    runs = 1 if quick else runs
    from govreport_gui.core.library import default_library
    from govreport_gui.core.samples import demo_draft
    from tests.support.helpers import filled_2021_draft

    library = default_library()
    drafts = {"demo": demo_draft(library), "filled2021": filled_2021_draft(library)}
    figures: dict[str, float | int] = {}
    for fmt, builder in FORMATS.items():
        start = time.perf_counter()
        build = getattr(importlib.import_module(f"govreport_gui.output.{fmt}"), builder)
        figures[f"{fmt}_import_s"] = time.perf_counter() - start
        for name, draft in drafts.items():
            form = library.get(draft.form_id)
            times = []
            for _ in range(runs + 1):  # the first run warms caches; it is reported apart
                start = time.perf_counter()
                payload = build(form, draft)
                times.append(time.perf_counter() - start)
            figures[f"{fmt}_{name}_first_s"] = times[0]
            figures[f"{fmt}_{name}_median_s"] = statistics.median(times[1:])
            figures[f"{fmt}_{name}_bytes"] = len(payload)
    figures["goal_s"] = GOAL_SECONDS
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    figures = measure(args.runs, args.quick)
    for key, value in figures.items():
        print(f"{key:32} {value:.3f}" if isinstance(value, float) else f"{key:32} {value}")
    slow = [k for k, v in figures.items() if k.endswith("_median_s") and v > GOAL_SECONDS]
    print("every export meets the goal" if not slow else f"MISSING the goal: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
