"""Fast entry (issue 16): 空白格填 0, 总计改为, the selection's sum, blank cells before
printing, and results that follow every change (texts, fixes, explanations)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from govreport_gui.ui import dialogs, looks
from govreport_gui.ui.sign_page import SignPage

from .support.ui_support import blank_2021_window, grid_of, table_page, type_into_cell

APPLICANTS = ("natural", "business", "research", "public_welfare", "legal", "other")


@pytest.fixture
def window(qtbot, library, tmp_path):
    return blank_2021_window(qtbot, library, tmp_path, at_cell="t3.new.natural")


@pytest.fixture
def asked(monkeypatch):
    """Answers every question with yes, and keeps what was asked."""
    questions: list[str] = []
    monkeypatch.setattr(
        dialogs, "confirm", lambda _p, _t, text, **_k: questions.append(text) or True
    )
    return questions


def test_fill_zero_on_a_table_asks_once_and_is_one_undo_step(qtbot, window, asked):
    page = table_page(window, "t3")
    session = window.session
    session.enter("t3.new.natural", "14")
    cells = page.cells_in("table")
    filled = page.fill_zero("table")
    assert len(asked) == 1 and f"{filled} 个空白格" in asked[0]
    assert filled == len(cells) - 2  # the typed 14 and its row's total stay as they are
    assert session.draft.value("t3.new.business") == 0
    assert session.draft.value("t3.new.total") is None  # 0 would contradict 14: offered 填入 14
    assert session.suggestion_for("t3.new.total").suggestion == ("t3.new.total", 14)
    assert "可按 Ctrl+Z 撤销" in page.message.message()
    window.edit_actions.undo_action.trigger()
    assert [c for c in cells if session.draft.value(c) is not None] == ["t3.new.natural"]


def test_fill_zero_of_a_row_and_of_a_selection(qtbot, window, asked):
    page = table_page(window, "t3")
    grid = grid_of(page, "t3.r1.natural")
    grid.select_cell("t3.r1.business")
    assert page.fill_zero("row") == 7
    assert window.session.draft.value("t3.r1.total") == 0
    assert window.session.draft.value("t3.r2.natural") is None
    model = grid.grid_model
    selection = QItemSelection(model.index_of("t3.r2.natural"), model.index_of("t3.r2.research"))
    grid.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert page.selected_cells() == ["t3.r2.natural", "t3.r2.business", "t3.r2.research"]
    assert page.fill_zero("selection") == 3
    assert window.session.draft.value("t3.r2.legal") is None


def test_fill_zero_cancelled_changes_nothing(qtbot, window, monkeypatch):
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: False)
    assert table_page(window, "t3").fill_zero("table") == 0
    assert window.session.draft.values == {}
    assert not window.session.undo_stack.canUndo()


def test_fill_zero_from_the_edit_menu_works_on_the_page_shown(qtbot, window, asked):
    action = window.edit_actions.fill_actions[0]
    assert action.text().startswith("空白格填 0：本表")
    action.trigger()
    assert window.session.draft.value("t3.carry_in.other") == 0
    assert window.session.draft.value("t2.fees") is None  # another table: not asked for


def test_a_wrong_total_is_fixed_in_one_step_and_marked_strongest(qtbot, window):
    page = table_page(window, "t3")
    grid = grid_of(page, "t3.new.natural")
    for column in ("research", "public_welfare", "legal", "other"):
        window.session.enter(f"t3.new.{column}", "0")
    for column, text in (("natural", "14"), ("business", "3"), ("total", "18")):
        type_into_cell(qtbot, grid, f"t3.new.{column}", text)
    model = grid.grid_model
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index_of("t3.new.total"), background) == looks.CULPRIT_BACKGROUND
    assert model.data(model.index_of("t3.new.natural"), background) == looks.ERROR_BACKGROUND
    assert model.data(model.index_of("t3.new.total"), Qt.ItemDataRole.FontRole).bold()
    grid.select_cell("t3.new.natural")  # any cell of the row offers the fix beside it
    assert page.current_offer.isVisibleTo(page)
    assert page.current_offer.text() == "总计改为 17"
    page.findings_panel.set_open(True)
    row = next(r for r in page.findings_panel.rows if r.accept is not None)
    assert row.accept.text() == "总计改为 17"
    qtbot.mouseClick(page.current_offer, Qt.MouseButton.LeftButton)
    assert window.session.draft.value("t3.new.total") == 17
    assert not any(
        f.cells[:1] == ("t3.new.total",)
        for f in window.session.findings
        if f.rule.startswith("T3-ROW")
    )
    assert not page.current_notes.text()  # 当前单元格 no longer speaks of the fixed error
    assert not page.current_offer.isVisibleTo(page)
    window.edit_actions.undo_action.trigger()
    assert window.session.draft.value("t3.new.total") == 18


def test_the_findings_fold_to_one_line_and_open_on_demand(qtbot, window):
    page = table_page(window, "t3")
    panel = page.findings_panel
    assert not panel.is_open() and panel.rows
    assert panel.toggle.text() == f"显示 {len(panel.rows)} 条 ▾"
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.is_open() and panel.list.maximumHeight() <= page.height() // 3 + 1
    assert table_page(window, "t4").findings_panel.toggle.isChecked()  # every page follows
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert not panel.is_open()
    assert not table_page(window, "t4").findings_panel.toggle.isChecked()


def test_selected_cells_are_summed_in_the_bottom_bar(qtbot, window):
    page = table_page(window, "t3")
    grid = grid_of(page, "t3.new.natural")
    for column, text in (("natural", "14"), ("business", "3")):
        type_into_cell(qtbot, grid, f"t3.new.{column}", text)
    model = grid.grid_model
    selection = QItemSelection(
        model.index_of("t3.new.natural"), model.index_of("t3.new.public_welfare")
    )
    grid.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert window.selection_sum.isVisible()
    assert window.selection_sum.text() == "所选 4 格　求和：17（空白 2）"
    grid.select_cell("t3.new.natural")
    assert not window.selection_sum.isVisible()


def test_sign_page_counts_blank_cells_with_a_jump_and_the_fill(qtbot, window, asked):
    window.go_to_step(window.step_index("sign"), focus=True)
    sign = window.current_step().widget
    assert isinstance(sign, SignPage)
    blanks = len(window.session.form.cells)
    assert f"还有 {blanks} 个单元格空着" in sign.blank_message.message()
    assert sign.unit.hasFocus() and not sign.unit.hasSelectedText()  # typing adds, not replaces
    qtbot.mouseClick(sign.blank_jump, Qt.MouseButton.LeftButton)
    first = next(iter(window.session.form.cells))
    assert window.current_step().table is not None
    assert first in window.current_step().widget.cell_ids()
    window.go_to_step(window.step_index("sign"))
    qtbot.mouseClick(sign.blank_fill, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "个空白格填 0" in sign.blank_message.message()
    assert len(window.session.blank_cells()) < blanks


def test_review_follows_a_text_edit_without_a_number_change(qtbot, window):
    window.go_to_step(window.step_index("review"))
    review = window.current_step().widget
    unwritten = [m for m in review.listed_messages() if "还没有填写内容" in m]
    assert unwritten
    text_step = next(s for s in window.steps if s.kind == "text" and s.section.id == "overall")
    text_step.widget.editor.setPlainText("本年度主动公开政府信息 120 条。")
    qtbot.waitUntil(
        lambda: (
            len([m for m in review.listed_messages() if "还没有填写内容" in m])
            == len(unwritten) - 1
        ),
        timeout=3000,
    )


def test_an_explained_error_turns_its_table_step_yellow_as_on_review(qtbot, window):
    session = window.session
    session.set_values(dict.fromkeys((f"t3.new.{c}" for c in APPLICANTS), 0), "填")
    for cell_id, text in (("t3.new.natural", "14"), ("t3.new.total", "18")):
        session.enter(cell_id, text)
    row = window.step_list.item(window.step_index("table") + 1)  # 三 is the second table
    step = window.steps[window.step_index("table") + 1]
    assert step.table.id == "t3"
    assert "错误未处理" in row.toolTip()
    error = next(f for f in session.unexplained_errors() if "t3.new.total" in f.cells)
    session.set_explanation(error.rule, "经核实，总计含补报 1 件。")
    assert "错误已写说明" in row.toolTip()


def test_one_current_cell_per_page_and_striped_rows(qtbot, window):
    page = table_page(window, "t2")
    window.go_to_cell("t2.rules.issued")
    first = grid_of(page, "t2.rules.issued")
    second = grid_of(page, "t2.license")
    assert first.selectedIndexes()
    window.go_to_cell("t2.license")
    assert second.selectedIndexes() and not first.selectedIndexes()  # no second blue cell
    assert all(grid.alternatingRowColors() for grid in page.grids)
