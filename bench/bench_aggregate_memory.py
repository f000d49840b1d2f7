"""汇总 memory: peak memory of ``govreport aggregate`` over 1,000 unit files with long texts.

Issue 13 (13.5): 汇总 kept every unit's texts, 3.6 GB for 1,000 files with long texts.
Goal: under 300 MB peak, flat in the number of files. Each unit file carries 100,000
characters of narrative (about 300 KB), so the 1,000 files are about 300 MB on disk; the
command runs in a child process and its peak resident set size is read from the system.

    python bench/bench_aggregate_memory.py [--quick]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govreport_gui.core.draft import draft_to_json, new_draft
from govreport_gui.core.library import default_library

ROOT = Path(__file__).resolve().parent.parent
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
    code = (
        "import resource, sys\n"
        "from govreport_gui.cli import main\n"
        "main(['aggregate', sys.argv[1], '--json'])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    kilobytes = int(done.stderr.strip().splitlines()[-1])
    return round(kilobytes / 1024, 1)


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
