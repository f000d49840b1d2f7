"""Ctrl+V of a block copied from Excel, WPS or a browser onto a table page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt

from govreport_gui.core.document import Grid
from govreport_gui.core.draft import new_draft
from govreport_gui.core.paste import plan_paste

from .support.ui_support import grid_of, table_page, window_on

T3_ROW = ("natural", "business", "research", "public_welfare", "legal", "other", "total")


def _t3_places(library) -> dict[tuple[int, int], str]:
    block = library.get("2021").table("t3").blocks[0]
    return {
        (r, 1 + c): f"t3.{row.id}.{column.id}"
        for r, row in enumerate(block.rows)
        if not row.group
        for c, column in enumerate(block.columns)
    }


def test_a_block_of_numbers_goes_cell_by_cell_from_the_current_cell(library) -> None:
    block = Grid.plain([["1", "2"], ["3", "x"], ["5", "6", "7"]], "粘贴内容")
    plan = plan_paste(library.get("2021"), "t3", _t3_places(library), (30, 8), (0, 6), block)
    assert plan.values == {"t3.new.other": 1, "t3.new.total": 2, "t3.carry_in.other": 3}
    assert len(plan.problems) == 4
    assert "第2行第2列「x」" in plan.problems[0]  # does not parse
    assert "「5」落在不能填写的格子" in plan.problems[1]  # 三、本年度办理结果 is a heading
    assert "「6」落在不能填写的格子" in plan.problems[2]
    assert "「7」超出了表格" in plan.problems[3]


def test_a_copied_label_column_is_left_out_and_said(library) -> None:
    block = Grid.plain(
        [["一、本年新收政府信息公开申请数量", "1", "2"], ["二、上年结转", "3", "/"]], "粘贴内容"
    )
    plan = plan_paste(library.get("2021"), "t3", _t3_places(library), (30, 8), (0, 1), block)
    assert plan.values == {"t3.new.natural": 1, "t3.new.business": 2, "t3.carry_in.natural": 3}
    assert plan.problems[0] == "前 1 列是标签，没有粘贴；数字从当前格起粘贴"
    assert "「/」" in plan.problems[1]  # 不适用 is not allowed in table 三


def test_a_block_with_the_forms_labels_goes_where_its_labels_say(library) -> None:
    block = Grid.plain(
        [
            ["", "自然人", "总计"],
            ["二、上年结转政府信息公开申请数量", "4", "9"],
            ["规章", "1", "1"],
        ],
        "粘贴内容",
    )
    plan = plan_paste(library.get("2021"), "t3", _t3_places(library), (30, 8), (5, 5), block)
    assert plan.by_label
    assert plan.values == {"t3.carry_in.natural": 4, "t3.carry_in.total": 9}


@pytest.fixture
def window(qtbot, library, tmp_path):
    window = window_on(qtbot, library, tmp_path, new_draft(library.get("2021"), 2023, "某局"))
    window.go_to_cell("t3.new.natural")
    return window


def test_ctrl_v_pastes_a_copied_excel_row_as_one_undo_step(qtbot, window, clipboard) -> None:
    page = table_page(window, "t3")
    grid = grid_of(page, "t3.new.natural")
    mime = QMimeData()
    mime.setText("1\t2\t3\t4\t5\t6\t21\r\n7\t1,000\t约\t\t\t\t\r\n")
    clipboard.setMimeData(mime)
    assert grid.select_cell("t3.new.natural")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    draft = window.session.draft
    assert [draft.value(f"t3.new.{c}") for c in T3_ROW] == [1, 2, 3, 4, 5, 6, 21]
    assert draft.value("t3.carry_in.business") == 1000
    assert "约" in page.message.text.text() and page.message.isVisible()
    window.edit_actions.undo_action.trigger()
    assert all(draft.value(f"t3.new.{c}") is None for c in T3_ROW)
    assert draft.value("t3.carry_in.business") is None


def test_ctrl_v_of_a_browser_table_uses_its_labels(qtbot, window, clipboard) -> None:
    grid = grid_of(table_page(window, "t3"), "t3.new.natural")
    mime = QMimeData()
    mime.setHtml(
        "<table><tr><td rowspan=2>项目</td><td colspan=2>申请人情况</td></tr>"
        "<tr><td>自然人</td><td>总计</td></tr>"
        "<tr><td>四、结转下年度继续办理</td><td>3</td><td>8</td></tr></table>"
    )
    mime.setText("项目\t申请人情况\n\t自然人\t总计\n四、结转下年度继续办理\t3\t8")
    clipboard.setMimeData(mime)
    assert grid.select_cell("t3.new.natural")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    draft = window.session.draft
    assert (draft.value("t3.carry_out.natural"), draft.value("t3.carry_out.total")) == (3, 8)
    assert draft.value("t3.new.natural") is None
