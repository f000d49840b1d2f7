"""The 汇总 page with many files: reading and summing them, filling the units' table, and
opening the total, as the clerk waits for it (headless, in-process).

The core alone is timed by bench_aggregate; this adds what the window does on top
(the table of every file, sorted, rows sized to their wrapped reasons).

    python bench/bench_ui_aggregate.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import common  # noqa: F401  (puts the repository on sys.path)
from PySide6.QtCore import QSettings

from bench.bench_aggregate import write_units
from govreport_gui.core.aggregate import aggregate_files
from govreport_gui.core.library import default_library
from govreport_gui.storage.base import MemoryDraftStore
from govreport_gui.ui.app import create_application
from govreport_gui.ui.main_window import MainWindow
from govreport_gui.ui.settings import AppSettings

SIZES = (200, 2000)


def measure(quick: bool = False) -> dict[str, float]:
    app = create_application()
    sizes = (20,) if quick else SIZES
    library = default_library()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        settings = AppSettings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(MemoryDraftStore(), library, settings)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        for count in sizes:
            folder = Path(tmp) / str(count)
            folder.mkdir()
            write_units(folder, count, library.get("2021"))
            start = time.perf_counter()
            aggregate_files([folder], library, unit="某某县（汇总）")
            core = time.perf_counter() - start
            window.show_aggregate()
            page = window.aggregate_page
            page.unit.setText("某某县（汇总）")
            start = time.perf_counter()
            page.set_paths([folder])
            app.processEvents()
            shown = time.perf_counter() - start
            start = time.perf_counter()
            page.create_total()
            app.processEvents()
            opened = time.perf_counter() - start
            figures[f"core_{count}_files_s"] = round(core, 3)
            figures[f"page_{count}_files_s"] = round(shown, 3)
            figures[f"open_total_{count}_files_s"] = round(opened, 3)
        window.close()
    return figures


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name:28} {value}")
