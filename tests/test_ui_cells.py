"""Typing into the statistics grids: folding, refusing, keyboard movement, blanks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from govreport_gui.core.values import NA
from govreport_gui.ui.grid_view import GridView

from .support.ui_support import (
    blank_2021_window,
    grid_of,
    open_editor,
    table_page,
    type_into_cell,
)


@pytest.fixture
def window_2021(qtbot, library, tmp_path):
    return blank_2021_window(qtbot, library, tmp_path, at_cell="t3.new.natural")


def test_typed_value_is_stored_through_the_core(qtbot, window_2021):
    page = table_page(window_2021, "t3")
    grid = grid_of(page, "t3.new.natural")
    type_into_cell(qtbot, grid, "t3.new.natural", "12")
    assert window_2021.session.draft.value("t3.new.natural") == 12
    assert grid.grid_model.data(grid.grid_model.index_of("t3.new.natural")) == "12"


def test_full_width_digits_are_folded_as_typed(qtbot, window_2021):
    grid = grid_of(table_page(window_2021, "t3"), "t3.new.natural")
    editor = open_editor(qtbot, grid, "t3.new.natural", "1")
    editor.clear()
    editor.insert("４１１０５")  # what an IME in full-width mode types
    assert editor.text() == "41105"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window_2021.session.draft.value("t3.new.natural") == 41105)


def test_full_width_text_reaching_the_model_is_normalised_by_the_core(window_2021):
    grid = grid_of(table_page(window_2021, "t3"), "t3.r1.legal")
    model = grid.grid_model
    assert model.setData(model.index_of("t3.r1.legal"), "４１，１０５")
    assert window_2021.session.draft.value("t3.r1.legal") == 41105


def test_letters_are_refused_with_a_message_naming_the_cell(qtbot, window_2021):
    page = table_page(window_2021, "t3")
    grid = grid_of(page, "t3.carry_in.business")
    editor = open_editor(qtbot, grid, "t3.carry_in.business", "7")
    qtbot.keyClicks(editor, "x")
    assert editor.text() == "7"
    message = page.message.message()
    assert "二、上年结转政府信息公开申请数量·商业企业" in message
    assert "只能填写数字" in message and "x" in message
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window_2021.session.draft.value("t3.carry_in.business") == 7)


def test_a_refused_value_stays_in_the_cell_being_edited(qtbot, window_2021):
    page = table_page(window_2021, "t3")
    grid = grid_of(page, "t3.r2.natural")
    type_into_cell(qtbot, grid, "t3.r2.natural", "4")
    editor = open_editor(qtbot, grid, "t3.r2.natural", "2")
    qtbot.keyClicks(editor, ".5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "应填写整数" in page.message.message())  # the commit is queued
    assert window_2021.session.draft.value("t3.r2.natural") == 4  # the old value is kept
    assert "（二）部分公开" in page.message.message()
    # still editing the same cell, with what was typed, to correct it
    assert grid.state() == GridView.State.EditingState
    assert _here(grid) == "t3.r2.natural"
    assert QApplication.focusWidget() is editor and editor.text() == "2.5"
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window_2021.session.draft.value("t3.r2.natural") == 2)
    assert _here(grid) == "t3.r3_1.natural"  # accepted: Enter moves down as usual


def test_escape_gives_up_a_refused_value(qtbot, window_2021):
    grid = grid_of(table_page(window_2021, "t3"), "t3.r2.natural")
    editor = open_editor(qtbot, grid, "t3.r2.natural", "2")
    qtbot.keyClicks(editor, ".5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    page = table_page(window_2021, "t3")
    qtbot.waitUntil(lambda: "应填写整数" in page.message.message())
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: grid.state() != GridView.State.EditingState)
    assert window_2021.session.draft.value("t3.r2.natural") is None


def test_money_beyond_the_fen_is_refused_naming_the_limit(qtbot, window_2021):
    page = table_page(window_2021, "t2")
    grid = grid_of(page, "t2.fees")
    type_into_cell(qtbot, grid, "t2.fees", "13579.246813")
    editor = open_editor(qtbot, grid, "t2.fees", "1")
    qtbot.keyClicks(editor, "3579.2468131")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # refused: stays in the cell with the text
    qtbot.waitUntil(lambda: "最多保留6位小数" in page.message.message())
    assert str(window_2021.session.draft.value("t2.fees")) == "13579.246813"
    assert "「行政事业性收费」最多保留6位小数（精确到分）" in page.message.message()
    assert editor.text() == "13579.2468131"


def test_slash_means_not_applicable_where_the_form_allows_it(qtbot, window_2021):
    page = table_page(window_2021, "t2")
    grid = grid_of(page, "t2.rules.issued")
    type_into_cell(qtbot, grid, "t2.rules.issued", "/")
    assert window_2021.session.draft.value("t2.rules.issued") is NA
    assert grid.grid_model.data(grid.grid_model.index_of("t2.rules.issued")) == "不适用"
    other = grid_of(page, "t2.normative.issued")
    editor = open_editor(qtbot, other, "t2.normative.issued", "5")
    qtbot.keyClicks(editor, "/")  # 行政规范性文件 has no 不适用
    assert editor.text() == "5"
    assert "只能填写数字" in page.message.message()


def test_delete_makes_a_cell_blank_not_zero(qtbot, window_2021):
    grid = grid_of(table_page(window_2021, "t3"), "t3.new.other")
    type_into_cell(qtbot, grid, "t3.new.other", "0")
    assert window_2021.session.draft.value("t3.new.other") == 0
    grid.select_cell("t3.new.other")  # Enter moved on
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert window_2021.session.draft.value("t3.new.other") is None
    assert "t3.new.other" not in window_2021.session.draft.values


def _here(grid):
    cell = grid.current_cell()
    return cell.id if cell else None


def test_tab_moves_right_in_reading_order_skipping_headings(qtbot, window_2021):
    grid = grid_of(table_page(window_2021, "t3"), "t3.new.natural")
    grid.select_cell("t3.new.total")
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert _here(grid) == "t3.carry_in.natural"
    grid.select_cell("t3.carry_in.total")
    qtbot.keyClick(grid, Qt.Key.Key_Tab)  # 三、本年度办理结果 is a heading: skipped
    assert _here(grid) == "t3.r1.natural"
    qtbot.keyClick(grid, Qt.Key.Key_Backtab)
    assert _here(grid) == "t3.carry_in.total"


def test_enter_and_arrows_move_down_past_headings(qtbot, window_2021):
    grid = grid_of(table_page(window_2021, "t3"), "t3.new.natural")
    grid.select_cell("t3.carry_in.business")
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert _here(grid) == "t3.r1.business"
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert _here(grid) == "t3.carry_in.business"
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert _here(grid) == "t3.carry_in.natural"
    qtbot.keyClick(grid, Qt.Key.Key_Left)  # the label column cannot be selected
    assert _here(grid) == "t3.carry_in.natural"


def test_enter_while_typing_commits_and_moves_down(qtbot, window_2021):
    grid = grid_of(table_page(window_2021, "t3"), "t3.r3_1.legal")
    type_into_cell(qtbot, grid, "t3.r3_1.legal", "2")
    assert window_2021.session.draft.value("t3.r3_1.legal") == 2
    assert _here(grid) == "t3.r3_2.legal"


def test_enter_on_a_single_row_moves_right(qtbot, window_2021):
    page = table_page(window_2021, "t4")
    window_2021.go_to_cell("t4.review_upheld")
    grid = page.grids[0]
    type_into_cell(qtbot, grid, "t4.review_upheld", "1")
    assert _here(grid) == "t4.review_corrected"


def test_tab_past_the_last_cell_leaves_the_grid(qtbot, window_2021):
    page = table_page(window_2021, "t2")
    window_2021.go_to_cell("t2.rules.valid")
    first, second = page.grids[0], page.grids[1]
    first.select_cell("t2.normative.valid")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not first
    assert not first.hasFocus()
    second.setFocus()
    assert _here(second) == "t2.license"


def test_cells_have_accessible_names(qtbot, window_2021):
    grid = grid_of(table_page(window_2021, "t3"), "t3.r4_2.research")
    model = grid.grid_model
    index = model.index_of("t3.r4_2.research")
    assert model.data(index, Qt.ItemDataRole.AccessibleTextRole).startswith(
        "三、本年度办理结果（四）无法提供2.没有现成信息需要另行制作·科研机构"
    )
    editor = open_editor(qtbot, grid, "t3.r4_2.research", "1")
    assert editor.accessibleName() == model.cell_at(index).label
