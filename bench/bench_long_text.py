"""PDF time of one long narrative section: 50,000 and 200,000 characters in one paragraph.

Issue 13 (13.5): rendering grew faster than linearly with a paragraph's length (25,000
characters 5 s, 100,000 25 s, 200,000 76 s). Goal: 200,000 characters take no more than
5× the time of 50,000. The text is one paragraph of realistic sentences (no line break),
the worst case for ReportLab's page splitting. Single runs (each takes seconds): noisy.

    python bench/bench_long_text.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govreport_gui.core.draft import new_draft
from govreport_gui.core.library import default_library
from govreport_gui.output.pdf import render_pdf

SIZES = (50_000, 200_000)
QUICK_SIZES = (2_500, 10_000)
SENTENCE = "本机关坚持以公开为常态、不公开为例外，2023年主动公开政府信息1234条，回应社会关切。"


def seconds_for(chars: int, folder: Path) -> float:
    library = default_library()
    form = library.get("2021")
    draft = new_draft(form, 2023, "某某县人民政府办公室")
    section = next(iter(form.text_sections())).id
    draft.texts[section] = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    started = time.perf_counter()
    render_pdf(form, draft, folder / f"long-{chars}.pdf", allow_missing=True)
    return time.perf_counter() - started


def measure(quick: bool = False) -> dict[str, Any]:
    sizes = QUICK_SIZES if quick else SIZES
    with tempfile.TemporaryDirectory() as tmp:
        seconds_for(1_000, Path(tmp))  # fonts loaded and cached: not part of the figure
        times = {n: seconds_for(n, Path(tmp)) for n in sizes}
    small, large = sizes
    return {
        f"s_{small}_chars": round(times[small], 2),
        f"s_{large}_chars": round(times[large], 2),
        "ratio": round(times[large] / times[small], 2),
        "ratio_goal": 5.0,
    }


if __name__ == "__main__":
    for key, value in measure(quick="--quick" in sys.argv).items():
        print(f"{key:20} {value}")
