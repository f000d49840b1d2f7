"""Shared fixtures: the installed form library, the demo draft, headless Qt."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from govreport_gui.core.library import FormLibrary, default_library


@pytest.fixture(scope="session", autouse=True)
def _clipboard_emptied_at_the_end():
    """Qt deletes what a test put on the clipboard (a QMimeData made in Python) only at
    process exit, after Python has shut down, and the exit then crashes (signal 11)."""
    yield
    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is not None:
            QGuiApplication.clipboard().clear()


@pytest.fixture(scope="session")
def library() -> FormLibrary:
    lib = default_library()
    assert not lib.problems, lib.problems
    return lib


@pytest.fixture
def store(tmp_path, library):
    """A draft store on disk in a fresh data folder (storage tests)."""
    from govreport_gui.storage import open_store

    opened = open_store(tmp_path / "data", library=library)
    yield opened
    opened.close()


@pytest.fixture
def clipboard(qapp):
    """The system clipboard, emptied afterwards (a QMimeData left on it at exit crashes
    the interpreter's shutdown)."""
    from PySide6.QtWidgets import QApplication

    board = QApplication.clipboard()
    yield board
    board.clear()
