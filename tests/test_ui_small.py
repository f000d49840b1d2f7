"""Smaller points of issue 16: last year's text as a starting point, Enter on the first
screen, the window title, the demo's save state."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govreport_gui.core.draft import new_draft
from govreport_gui.storage.base import MemoryDraftStore
from govreport_gui.ui import dialogs
from govreport_gui.ui.main_window import MainWindow
from govreport_gui.ui.text_page import TextPage

from .support.ui_support import make_window, table_page, temp_settings, window_with_last_year


def test_last_years_text_becomes_the_draft_in_one_undoable_step(
    qtbot, library, tmp_path, monkeypatch
):
    window = window_with_last_year(qtbot, library, tmp_path, "2022年的问题：公开不及时。")
    page = next(s.widget for s in window.steps if s.section and s.section.id == "problems")
    assert isinstance(page, TextPage)
    page.editor.setPlainText("新写的一句。")
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)  # replace what is there
    assert page.use_previous()
    assert page.editor.toPlainText() == "2022年的问题：公开不及时。"
    assert window.session.draft.texts["problems"] == "2022年的问题：公开不及时。"
    assert "更新其中的年份、数字" in page.message.message()
    window.session.undo()
    assert page.editor.toPlainText() == "新写的一句。"
    other = next(s.widget for s in window.steps if s.section and s.section.id == "overall")
    assert not other.use_previous_button.isEnabled()  # last year wrote nothing there


def test_enter_in_the_new_report_form_starts_it(qtbot, library, tmp_path):
    window = make_window(qtbot, library, tmp_path)
    start = window.start_page
    assert start.create_button.isDefault()  # no saved report: 新建报告 is the first action
    assert start.new_box.y() < start.saved_box.y()
    start.unit.setText("测试县测试局")
    qtbot.keyClick(start.year, Qt.Key.Key_Return)
    assert window.session is not None and window.session.draft.unit == "测试县测试局"


def test_the_window_title_names_the_report_once(qtbot, library, tmp_path):
    store = MemoryDraftStore()
    draft_id = store.create(new_draft(library.get("2021"), 2023, "测试县测试局"))
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(draft_id)
    assert window.windowTitle() == "测试县测试局2023年政府信息公开工作年度报告 — 填报助手"
    assert window.windowTitle().count("政府信息公开工作年度报告") == 1


def test_the_demo_never_says_it_saves(qtbot, library, tmp_path):
    window = MainWindow(MemoryDraftStore(), library, temp_settings(tmp_path), keeps_drafts=False)
    qtbot.addWidget(window)
    window.show()
    window.open_demo()
    assert window.save_status.text() == "示例报告：修改不会保存"
    window.session.enter("stats.staff", "93")
    window.session.save_now()
    assert "已保存" not in window.save_status.text()
    window.go_to_step(0)
    assert not window.save_status.isVisible()  # the start page has no report to save


def test_f1_shows_the_tables_official_notes_with_their_document(qtbot, library, tmp_path):
    store = MemoryDraftStore()
    draft_id = store.create(new_draft(library.get("2021"), 2023, "测试县测试局"))
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(draft_id)
    window.go_to_cell("t3.new.natural")
    page = table_page(window, "t3")
    qtbot.keyClick(page.grids[0], Qt.Key.Key_F1)
    dialog = page._notes_dialog
    assert dialog is not None and dialog.isVisible()
    assert "区分处理的，只计这一情形，不计其他情形" in dialog.text()
    assert "出处：国办公开办函〔2021〕30号" in dialog.text()


def test_a_table_without_official_notes_says_so(qtbot, library, tmp_path):
    window = make_window(qtbot, library, tmp_path)
    window.open_demo()
    text = table_page(window, "stats").official_notes_text()
    assert "没有收录官方的填报说明" in text


def test_help_shows_the_guide_from_resources(qtbot, library, tmp_path):
    window = make_window(qtbot, library, tmp_path)
    assert window.help_actions.guide_action in window.help_menu.actions()
    guide = window.help_actions.show_guide()
    assert guide is not None and guide.isVisible()
    assert "空白格填 0" in guide.text() and "Ctrl+Z" in guide.text()


def test_an_official_note_without_its_document_is_refused(tmp_path, library):
    import pytest

    from govreport_gui.core.errors import GovreportError
    from govreport_gui.core.formfile import load_form

    source = library.get("2021").source
    assert source is not None
    form_text = source.read_text("utf-8").replace(
        'source = "国办公开办函〔2021〕30号，表三左上角注"', 'source = ""'
    )
    bad = tmp_path / "2021.toml"
    bad.write_text(form_text, "utf-8")
    with pytest.raises(GovreportError, match="source"):
        load_form(bad)
