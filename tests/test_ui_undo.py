"""Undo and redo (Ctrl+Z / Ctrl+Y) over typed cells, many-cell changes and texts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from govreport_gui.storage.base import Status
from govreport_gui.ui.text_page import TextPage

from .support.ui_support import blank_2021_window, grid_of, table_page, type_into_cell


@pytest.fixture
def window(qtbot, library, tmp_path):
    return blank_2021_window(qtbot, library, tmp_path, at_cell="t3.new.natural")


def test_ctrl_z_takes_back_a_typed_cell_and_ctrl_y_puts_it_back(qtbot, window):
    grid = grid_of(table_page(window, "t3"), "t3.new.natural")
    type_into_cell(qtbot, grid, "t3.new.natural", "12")
    type_into_cell(qtbot, grid, "t3.new.natural", "15")
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.draft.value("t3.new.natural") == 12
    assert grid.grid_model.data(grid.grid_model.index_of("t3.new.natural")) == "12"
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.draft.value("t3.new.natural") is None
    qtbot.keyClick(grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.session.draft.value("t3.new.natural") == 12
    assert window.edit_actions.redo_action.isEnabled()  # 15 can still come back


def test_many_cells_set_at_once_are_one_undo_step(window):
    session = window.session
    session.enter("t3.new.natural", "3")
    pasted = {c: session.parse(c, t) for c, t in [("t3.new.natural", "4"), ("t3.r1.legal", "5")]}
    assert session.set_values(pasted, "粘贴") == 2
    assert window.edit_actions.undo_action.text().startswith("撤销 粘贴")
    window.edit_actions.undo_action.trigger()
    assert session.draft.value("t3.new.natural") == 3
    assert session.draft.value("t3.r1.legal") is None
    window.edit_actions.redo_action.trigger()
    assert (session.draft.value("t3.new.natural"), session.draft.value("t3.r1.legal")) == (4, 5)


def test_unchanged_cells_make_no_undo_step(window):
    session = window.session
    session.enter("t3.new.natural", "3")
    count = session.undo_stack.count()
    assert session.set_values({"t3.new.natural": 3}, "粘贴") == 0
    assert session.undo_stack.count() == count


def test_undo_shows_the_cell_it_changed(qtbot, window):
    window.session.enter("t3.new.natural", "3")
    window.go_to_step(window.step_index("review"))
    window.edit_actions.undo_action.trigger()
    assert window.current_step().table is not None
    assert window.current_step().table.id == "t3"
    grid = grid_of(table_page(window, "t3"), "t3.new.natural")
    assert grid.currentIndex() == grid.grid_model.index_of("t3.new.natural")


def test_text_typing_is_undone_in_the_editor_with_ctrl_z(qtbot, window):
    index = next(i for i, s in enumerate(window.steps) if s.kind == "text")
    window.go_to_step(index, focus=True)
    page = window.steps[index].widget
    section_id = window.steps[index].section.id
    page.editor.insertPlainText("本年度")
    assert window.session.draft.texts[section_id] == "本年度"
    qtbot.keyClick(page.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.toPlainText() == ""
    assert section_id not in window.session.draft.texts
    qtbot.keyClick(page.editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.toPlainText() == "本年度"
    assert window.session.draft.texts[section_id] == "本年度"


def test_text_typed_after_a_pause_is_a_step_of_its_own(window, monkeypatch):
    from govreport_gui.ui import edits

    clock = iter([100.0, 100.5, 110.0])
    monkeypatch.setattr(edits.time, "monotonic", lambda: next(clock))
    section = next(s for s in window.session.form.sections if s.has_text)
    window.session.set_text(section.id, "一")
    window.session.set_text(section.id, "一二")  # merged: within the pause
    window.session.set_text(section.id, "一二三")  # after a pause
    window.session.undo()
    assert window.session.draft.texts[section.id] == "一二"
    window.session.undo()
    assert section.id not in window.session.draft.texts


def test_a_locked_report_is_not_changed_by_undo(qtbot, window):
    window.session.enter("t3.new.natural", "3")
    window.session.set_status(Status.SUBMITTED)
    window.edit_actions.undo_action.trigger()
    assert window.session.draft.value("t3.new.natural") == 3
    assert "锁定" in window.statusBar().currentMessage()


def test_full_width_punctuation_for_one_section_is_one_undo_step(qtbot, window):
    page = next(s.widget for s in window.steps if isinstance(s.widget, TextPage))
    section = page.section.id
    page.editor.setPlainText("坚持以公开为常态,不公开为例外(试行)")
    assert page.punctuation_button.isEnabled()
    assert "有 3 处半角的逗号、括号、冒号或分号" in page.hints.text.text()
    assert not page.hints.isHidden()
    typed = window.session.draft.texts[section]
    qtbot.mouseClick(page.punctuation_button, Qt.MouseButton.LeftButton)
    assert window.session.draft.texts[section] == "坚持以公开为常态，不公开为例外（试行）"
    assert page.editor.toPlainText() == window.session.draft.texts[section]
    assert not page.punctuation_button.isEnabled()
    assert page.hints.isHidden()
    assert window.edit_actions.undo_action.text().startswith("撤销 改为全角标点")
    window.edit_actions.undo_action.trigger()
    assert window.session.draft.texts[section] == typed  # the typing itself stays
    assert page.editor.toPlainText() == typed


def test_a_text_page_names_a_number_that_contradicts_the_table(window):
    page = next(
        s.widget
        for s in window.steps
        if isinstance(s.widget, TextPage) and s.widget.section.id == "overall"
    )
    window.session.enter("t3.new.total", "5")
    page.editor.setPlainText("全年共收到政府信息公开申请5件。")
    assert page.hints.isHidden()
    page.editor.setPlainText("全年共收到政府信息公开申请3件。")
    assert page.hints.text.text() == (
        "一、总体情况：“全年共收到政府信息公开申请3件” 与 表三 一、本年新收政府信息公开申请数量 总计 5 不一致"
    )
