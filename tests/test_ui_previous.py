"""显示上年数: last year's value under each cell, on request, with the keyboard still in charge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from govreport_gui.core.draft import new_draft
from govreport_gui.core.previous import attach_previous
from govreport_gui.storage.base import MemoryDraftStore
from govreport_gui.ui.grid_model import NO_PREVIOUS, PREVIOUS_ROLE
from govreport_gui.ui.grid_view import GridView

from .support.helpers import filled_2021_draft
from .support.ui_support import grid_of, make_window, open_editor, table_page, type_into_cell


def _open_with_previous(qtbot, library, tmp_path):
    last = filled_2021_draft(library, 2022)
    last.values["t3.new.natural"] = 41
    del last.values["t3.new.business"]
    this = filled_2021_draft(library, 2023)
    attach_previous(this, last)
    store = MemoryDraftStore()
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(store.create(this))
    window.go_to_cell("t3.new.natural")
    return window, last


def test_last_years_values_show_on_request_and_keys_still_work(qtbot, library, tmp_path):
    window, last = _open_with_previous(qtbot, library, tmp_path)
    session = window.session
    page = table_page(window, "t3")
    grid = grid_of(page, "t3.new.natural")
    model = grid.grid_model
    index = model.index_of("t3.new.natural")
    assert not page.previous_button.isHidden()
    assert index.data(PREVIOUS_ROLE) is None
    assert "2022年度" not in index.data(Qt.ItemDataRole.ToolTipRole)
    row_height = grid.rowHeight(index.row())

    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert session.show_previous
    assert index.data(PREVIOUS_ROLE) == "41"
    assert "上年数（2022年度：41）" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith("；2022年度：41")
    blank = model.index_of("t3.new.business")
    assert blank.data(PREVIOUS_ROLE) == NO_PREVIOUS
    assert "2022年度：未填写" in blank.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index_of("t3.carry_out.total").data(PREVIOUS_ROLE) == str(
        last.values["t3.carry_out.total"]
    )
    assert grid.rowHeight(index.row()) > row_height  # room for the second line
    assert "上年数（2022年度：41）" in page.current_line.text()
    # every table page follows the one setting
    assert table_page(window, "t2").previous_button.isChecked()
    t2 = table_page(window, "t2").grids[0].grid_model
    assert t2.index_of("t2.rules.issued").data(PREVIOUS_ROLE) == "不适用"

    # typing, Enter and the arrow keys behave as before; the editor leaves last year visible
    type_into_cell(qtbot, grid, "t3.new.natural", "17")
    assert session.draft.value("t3.new.natural") == 17
    assert grid.current_cell().id == "t3.carry_in.natural"  # Enter went down
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.current_cell().id == "t3.carry_in.business"
    qtbot.keyClick(grid, "5")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    cell_rect = grid.visualRect(grid.currentIndex())
    assert editor.geometry().height() < cell_rect.height()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert index.data(PREVIOUS_ROLE) == "41"  # last year's figure is not this year's

    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert not session.show_previous
    assert index.data(PREVIOUS_ROLE) is None
    assert grid.rowHeight(index.row()) == row_height


def test_a_cell_last_years_format_did_not_have_says_so(qtbot, library, tmp_path):
    last = new_draft(library.get("2019"), 2020, "某单位")
    this = new_draft(library.get("2021"), 2021, "某单位")
    attach_previous(this, last)
    store = MemoryDraftStore()
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(store.create(this))
    window.session.set_show_previous(True)
    page = table_page(window, "t2")
    index = grid_of(page, "t2.normative.valid").grid_model.index_of("t2.normative.valid")
    assert index.data(PREVIOUS_ROLE) == NO_PREVIOUS
    assert "2020年度的报告格式没有此项" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_without_last_years_report_there_is_nothing_to_show(qtbot, library, tmp_path):
    store = MemoryDraftStore()
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(store.create(filled_2021_draft(library)))
    page = table_page(window, "t3")
    assert page.previous_button.isHidden()
    window.session.set_show_previous(True)
    assert not window.session.show_previous
    index = page.grids[0].grid_model.index_of("t3.new.natural")
    assert index.data(PREVIOUS_ROLE) is None


def test_switching_while_typing_keeps_what_was_typed(qtbot, library, tmp_path):
    window, _last = _open_with_previous(qtbot, library, tmp_path)
    grid = grid_of(table_page(window, "t3"), "t3.new.natural")
    editor = open_editor(qtbot, grid, "t3.new.natural", "6")
    qtbot.keyClicks(editor, "4")
    window.session.set_show_previous(True)
    assert grid.state() != GridView.State.EditingState
    assert window.session.draft.value("t3.new.natural") == 64
    type_into_cell(qtbot, grid, "t3.new.business", "9")  # the two-line cells edit as before
    assert window.session.draft.value("t3.new.business") == 9
    window.session.set_show_previous(False)
    type_into_cell(qtbot, grid, "t3.new.research", "8")
    assert window.session.draft.value("t3.new.research") == 8
