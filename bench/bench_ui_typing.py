"""How long the window takes to answer a committed cell and to open a report.

A committed cell runs the core's checks and repaints every marker, page list and step
state; this must stay well under the time between two keystrokes (~100 ms) on an old
office PC. Measured in-process, headless (Qt offscreen), on a fully filled 2021 report.

    python bench/bench_ui_typing.py
"""

from __future__ import annotations

import os
import random
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import median_seconds, ms  # puts the repository on sys.path
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from govreport_gui.core.library import default_library
from govreport_gui.storage.base import MemoryDraftStore
from govreport_gui.ui.app import create_application
from govreport_gui.ui.main_window import MainWindow
from govreport_gui.ui.settings import AppSettings
from govreport_gui.ui.table_page import TablePage
from tests.support.helpers import filled_2021_draft


def measure(quick: bool = False) -> dict[str, float]:
    app = create_application()
    library = default_library()
    store = MemoryDraftStore()
    draft_id = store.create(filled_2021_draft(library))
    settings_file = os.path.join(tempfile.mkdtemp(prefix="govreport-bench-"), "s.ini")
    window = MainWindow(
        store, library, AppSettings(QSettings(settings_file, QSettings.Format.IniFormat))
    )
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()

    def open_report() -> None:
        window.open_draft(draft_id)
        QApplication.processEvents()

    open_s = median_seconds(open_report, repeat=1 if quick else 5)
    open_cpu = median_seconds(open_report, repeat=1 if quick else 5, clock=time.process_time)
    window.go_to_cell("t3.new.natural")
    QApplication.processEvents()
    page = next(s.widget for s in window.steps if s.table is not None and s.table.id == "t3")
    assert isinstance(page, TablePage)
    model = page.grids[0].grid_model
    cells = [c for c in model.cell_ids()]
    rng = random.Random(5)

    def commit() -> None:
        cell = rng.choice(cells)
        model.setData(model.index_of(cell), str(rng.randint(0, 99)))
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    commit_s = median_seconds(commit, repeat=1 if quick else 7, number=1 if quick else 20)
    commit_cpu = median_seconds(
        commit, repeat=1 if quick else 7, number=1 if quick else 20, clock=time.process_time
    )
    window.session.dirty = False  # nothing to save when the window goes
    window.close()
    app.processEvents()
    return {
        "open_2021_report_ms": ms(open_s),
        "open_2021_report_cpu_ms": ms(open_cpu),
        "commit_cell_2021_ms": ms(commit_s),
        "commit_cell_2021_cpu_ms": ms(commit_cpu),
        "cpus": os.cpu_count(),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name:28} {value:10.3f}")
