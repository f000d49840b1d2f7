"""Helpers for the Qt tests: a window on a throw-away store and settings, typing in cells.

Chinese text is always put in with setText/insert: QTest key clicks with non-ASCII
characters abort the interpreter (Qt's qasciikey.cpp asserts on them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from govreport_gui.core.draft import Draft, new_draft
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.model import Form
from govreport_gui.storage.base import DraftStore, MemoryDraftStore
from govreport_gui.ui.app import create_application
from govreport_gui.ui.grid_view import GridView
from govreport_gui.ui.main_window import MainWindow
from govreport_gui.ui.settings import AppSettings
from govreport_gui.ui.table_page import TablePage


class FakeRenderer:
    """Writes a small file where the PDF would go, and remembers what it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Path]] = []

    def __call__(self, form: Form, draft: Draft, out_path: Path) -> object:
        out_path.write_bytes(f"%PDF-fake {form.id} {draft.unit}".encode())
        self.calls.append((form.id, out_path))
        return out_path


def temp_settings(folder: Path) -> AppSettings:
    return AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def make_window(
    qtbot,
    library: FormLibrary,
    folder: Path,
    *,
    store: DraftStore | None = None,
    renderer=None,
    settings: AppSettings | None = None,
    resize: bool = True,
) -> MainWindow:
    create_application()
    window = MainWindow(
        store if store is not None else MemoryDraftStore(),
        library,
        settings if settings is not None else temp_settings(folder),
        renderer=renderer if renderer is not None else FakeRenderer(),
    )
    qtbot.addWidget(window)
    if resize:
        window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def table_page(window: MainWindow, table_id: str) -> TablePage:
    for step in window.steps:
        if step.table is not None and step.table.id == table_id:
            assert isinstance(step.widget, TablePage)
            return step.widget
    raise AssertionError(f"no page for table {table_id}")


def grid_of(page: TablePage, cell_id: str) -> GridView:
    return next(g for g in page.grids if g.grid_model.index_of(cell_id).isValid())


def open_editor(qtbot, grid: GridView, cell_id: str, first_key: str) -> QLineEdit:
    """Select a cell and start typing in it, as a clerk does (the key opens the editor)."""
    assert grid.select_cell(cell_id)
    qtbot.keyClick(grid, first_key)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    return editor


def type_into_cell(qtbot, grid: GridView, cell_id: str, text: str) -> None:
    """Type ASCII text into a cell and press Enter."""
    editor = open_editor(qtbot, grid, cell_id, text[0])
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.state() != GridView.State.EditingState, timeout=2000)


def window_on(qtbot, library: FormLibrary, folder: Path, draft: Draft) -> MainWindow:
    """A window with ``draft`` open (in a memory store of its own)."""
    store = MemoryDraftStore()
    draft_id = store.create(draft)
    window = make_window(qtbot, library, folder, store=store)
    assert window.open_draft(draft_id)
    return window


def blank_2021_window(
    qtbot, library: FormLibrary, folder: Path, at_cell: str | None = None
) -> MainWindow:
    """A window on a blank 2021-format report of 测试县测试局 for 2023, at ``at_cell`` if given."""
    window = window_on(qtbot, library, folder, new_draft(library.get("2021"), 2023, "测试县测试局"))
    if at_cell is not None:
        window.go_to_cell(at_cell)
    return window


def window_with_last_year(qtbot, library: FormLibrary, folder: Path, problems: str) -> MainWindow:
    """A 2023 report made on the start page with last year's (2022, 问题 text
    ``problems``) attached as 上年数."""
    store = MemoryDraftStore()
    last = new_draft(library.get("2021"), 2022, "测试县测试局")
    last.texts["problems"] = problems
    store.create(last)
    window = make_window(qtbot, library, folder, store=store)
    start = window.start_page
    start.year.setValue(2023)
    start.unit.setText("测试县测试局")
    start._fill_previous_choices()
    assert start.previous.count() == 2
    start.previous.setCurrentIndex(1)
    assert start.create_draft() is not None
    return window
