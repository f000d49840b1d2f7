"""The window keeps drafts in the data folder, and a second window on it is refused.

Regression: ``open_default_store`` imported a module that does not exist and so always
fell back to the in-memory store: every draft typed in the window was lost on closing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from govreport_gui import smoke
from govreport_gui.storage import FolderInUseError, TinyDraftStore
from govreport_gui.ui import app as app_module

from .support.cli import run, started_app_env
from .support.ui_support import make_window

ROOT = Path(__file__).resolve().parent.parent


def test_the_window_store_is_the_data_folder(tmp_path: Path) -> None:
    store, notices = app_module.open_default_store(str(tmp_path / "数据 文件夹"))
    try:
        assert isinstance(store, TinyDraftStore)
        assert notices == ()
        with pytest.raises(FolderInUseError, match="正在被另一个 govreport 程序使用"):
            app_module.open_default_store(str(tmp_path / "数据 文件夹"))
    finally:
        store.close()


def test_what_the_clerk_types_is_there_after_reopening(qtbot, library, tmp_path: Path) -> None:
    folder = str(tmp_path / "data")
    store, _ = app_module.open_default_store(folder)
    window = make_window(qtbot, library, tmp_path, store=store)
    start = window.start_page
    start.year.setValue(2023)
    start.unit.setText("测试县测试局")
    qtbot.keyClick(start.unit, Qt.Key.Key_Return)
    window.session.enter("t2.license", "１,２３４")
    window.session.set_text("overall", "总体情况。")
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=5000)  # autosave, no click
    draft_id = window.session.draft_id
    window.close()
    store.close()

    again, _ = app_module.open_default_store(folder)
    try:
        draft = again.load(draft_id)
        assert draft.unit == "测试县测试局" and draft.year == 2023
        assert draft.value("t2.license") == 1234
        assert draft.texts["overall"] == "总体情况。"
    finally:
        again.close()


def test_the_started_app_opens_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "数据"
    done = run(env=started_app_env(tmp_path, GOVREPORT_DATA_DIR=str(data)))
    assert done.returncode == 0, done.stderr
    assert (data / "drafts").is_dir()  # the TinyDB store, not the memory one, was opened


def test_smoke_checks_the_window_keeps_drafts_in_the_data_folder(tmp_path: Path) -> None:
    """There is no memory fallback any more (tinydb is required): the store is on disk."""
    assert "数据文件夹" in smoke.step_ui(smoke.Context(tmp_path / "ok"))
    assert (tmp_path / "ok" / "window-data" / "drafts").is_dir()
