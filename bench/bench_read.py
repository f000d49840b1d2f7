"""How long reading a saved portal page takes (issue 11: a 100 KB page in ≤ 0.2 s).

The page is the filled 2021 report as a portal prints it (split labels, inline styles,
navigation around the article), its narrative lengthened until the page is 100 KB.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import median_seconds, ms

from govreport_gui.core.library import default_library
from govreport_gui.output.reading import read_report_file
from tests.support.helpers import filled_2021_draft
from tests.support.report_pages import portal_page

PAGE_BYTES = 100 * 1024


def hundred_kb_page() -> str:
    library = default_library()
    draft = filled_2021_draft(library, 2023)
    form = library.get("2021")
    sentence = "本机关严格落实政府信息公开条例，主动公开政府信息，依法办理依申请公开。"
    while len(page := portal_page(form, draft).encode("utf-8")) < PAGE_BYTES:
        draft.texts["overall"] += "\n" + sentence * 20
    return page.decode("utf-8")


def measure() -> dict[str, float]:
    library = default_library()
    page = hundred_kb_page()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page, encoding="utf-8")
        result = read_report_file(path, library)
        assert result.complete, result.problem_messages
        seconds = median_seconds(lambda: read_report_file(path, library), repeat=9)
    return {"page_kb": round(len(page.encode("utf-8")) / 1024, 1), "read_page_ms": ms(seconds)}


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name:28} {value:10.3f}")
