"""Typing through a Chinese input method (Microsoft Pinyin) into a cell not yet being edited.

An IME hands over a finished character as an input-method event with a commit string and
no composition; Qt's item view opens the editor on it but drops the character. The grid
must open the editor and give it the whole string.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from govreport_gui.core.values import NA

from .support.ui_support import blank_2021_window, grid_of, table_page


@pytest.fixture
def window_2021(qtbot, library, tmp_path):
    window = blank_2021_window(qtbot, library, tmp_path)
    return window


def commit(widget, text: str, preedit: str = "") -> None:
    """What the IME sends when the clerk picks a candidate (or types a full-width key)."""
    event = QInputMethodEvent(preedit, [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def ime_into_cell(qtbot, window, table_id: str, cell_id: str, committed: str, typed: str = ""):
    grid = grid_of(table_page(window, table_id), cell_id)
    assert grid.select_cell(cell_id)
    assert grid.state() != grid.State.EditingState
    commit(grid, committed)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    if typed:
        qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState, timeout=2000)
    return grid


def test_a_committed_full_width_digit_starts_the_value(qtbot, window_2021):
    ime_into_cell(qtbot, window_2021, "t3", "t3.new.natural", "４", typed="1105")
    assert window_2021.session.draft.value("t3.new.natural") == 41105


def test_a_whole_committed_number_is_kept(qtbot, window_2021):
    ime_into_cell(qtbot, window_2021, "t3", "t3.new.natural", "４１１０５")
    assert window_2021.session.draft.value("t3.new.natural") == 41105


def test_a_committed_digit_replaces_the_old_value_as_a_key_does(qtbot, window_2021):
    window_2021.session.enter("t3.new.natural", "7")
    ime_into_cell(qtbot, window_2021, "t3", "t3.new.natural", "５")
    assert window_2021.session.draft.value("t3.new.natural") == 5


@pytest.mark.parametrize("dash", ["——", "无"])
def test_committed_not_applicable_spellings_mean_not_applicable(qtbot, window_2021, dash):
    ime_into_cell(qtbot, window_2021, "t2", "t2.rules.issued", dash)
    assert window_2021.session.draft.value("t2.rules.issued") is NA


def test_a_committed_dash_where_not_applicable_is_not_allowed_is_refused_aloud(qtbot, window_2021):
    page = table_page(window_2021, "t3")
    window_2021.session.enter("t3.new.natural", "3")
    ime_into_cell(qtbot, window_2021, "t3", "t3.new.natural", "——")
    assert window_2021.session.draft.value("t3.new.natural") == 3
    assert "只能填写数字" in page.message.message()


def test_a_composed_word_reaches_the_cell(qtbot, window_2021):
    """Pinyin 「wu」 composed, then 「无」 picked: the pick goes to whatever has focus now."""
    grid = grid_of(table_page(window_2021, "t2"), "t2.rules.issued")
    assert grid.select_cell("t2.rules.issued")
    commit(grid, "", preedit="wu")
    commit(QApplication.focusWidget(), "无")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window_2021.session.draft.value("t2.rules.issued") is NA)
