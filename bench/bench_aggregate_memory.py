"""汇总 memory: peak memory of ``govreport aggregate`` over 1,000 unit files with long texts.

Issue 13 (13.5): 汇总 kept every unit's texts, 3.6 GB for 1,000 files with long texts.
Goal: under 300 MB peak, flat in the number of files. Each unit file carries 100,000
characters of narrative (about 300 KB), so the 1,000 files are about 300 MB on disk; the
command runs in a child process and its peak resident set size is read from the system.

    python bench/bench_aggregate_memory.py [--quick]
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import child_env, run_process  # puts the repository on sys.path

from govreport_gui.core.draft import draft_to_json, new_draft
from govreport_gui.core.library import default_library

TEXT_CHARS = 100_000
SIZES = (200, 1000)
QUICK_SIZES = (20, 50)
GOAL_MB = 300
SENTENCE = "本单位坚持以公开为常态、不公开为例外，全年主动公开政府信息，及时回应社会关切。"


def write_units(folder: Path, count: int) -> None:
    library = default_library()
    form = library.get("2021")
    sections = [s.id for s in form.text_sections()]
    text = (SENTENCE * (TEXT_CHARS // len(SENTENCE) // len(sections) + 1))[
        : TEXT_CHARS // len(sections)
    ]
    for n in range(count):
        draft = new_draft(form, 2023, f"某某县第{n}单位")
        draft.texts = dict.fromkeys(sections, text)
        draft.values = {"t2.license": n % 7, "t4.review_upheld": 1}
        payload = json.dumps(draft_to_json(draft), ensure_ascii=False)
        (folder / f"unit{n:04}.json").write_text(payload, encoding="utf-8")


def peak_mb(folder: Path) -> float:
    """Peak RSS of one ``govreport aggregate`` run over ``folder``, in MB."""
    command = [sys.executable, "-m", "govreport_gui", "aggregate", str(folder), "--json"]
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as home:
        done = run_process(command, child_env(home))
    if done.peak_rss_mb is None:
        raise RuntimeError("peak memory of a child process is read on Linux and macOS only")
    return done.peak_rss_mb


def measure(quick: bool = False) -> dict[str, Any]:
    figures: dict[str, Any] = {"text_chars_per_file": TEXT_CHARS, "goal_mb": GOAL_MB}
    for count in QUICK_SIZES if quick else SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            write_units(Path(tmp), count)
            figures[f"peak_mb_{count}_files"] = peak_mb(Path(tmp))
    figures["self_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


if __name__ == "__main__":
    for key, value in measure(quick="--quick" in sys.argv).items():
        print(f"{key:24} {value}")
