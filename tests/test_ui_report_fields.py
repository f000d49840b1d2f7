"""报告标题, 主送机关, 落款单位, 成文日期 on the sign page, and the window title."""

from __future__ import annotations

from govreport_gui.core.draft import REPORT_FIELDS, new_draft, read_draft_file, write_draft_file
from govreport_gui.storage.base import MemoryDraftStore, Status
from govreport_gui.ui.sign_page import SignPage

from .support.ui_support import make_window


def _sign_page(qtbot, library, tmp_path):
    store = MemoryDraftStore()
    window = make_window(qtbot, library, tmp_path, store=store)
    draft = new_draft(library.get("2021"), 2023, "测试县测试局")
    draft.report["addressee"] = "县人民政府"
    window.open_draft(store.create(draft))
    window.go_to_step(window.step_index("sign"))
    page = window.current_step().widget
    assert isinstance(page, SignPage)
    return window, store, page


def test_report_fields_round_trip_into_the_draft_and_the_store(qtbot, library, tmp_path):
    window, store, page = _sign_page(qtbot, library, tmp_path)
    session = window.session
    fields = page.report_fields
    assert set(fields) == set(REPORT_FIELDS)
    assert fields["addressee"].text() == "县人民政府"  # what the draft already held
    assert fields["title"].text() == ""
    assert fields["title"].placeholderText() == "测试县测试局2023年政府信息公开工作年度报告"
    assert fields["issuer"].placeholderText() == "测试县测试局"

    fields["title"].setText("测试县测试局关于2023年政府信息公开工作的年度报告")
    fields["issuer"].setText("  测试县测试局（盖章）  ")
    fields["issue_date"].setText("2024年1月20日")
    fields["addressee"].clear()
    assert session.draft.report == {
        "title": "测试县测试局关于2023年政府信息公开工作的年度报告",
        "issuer": "测试县测试局（盖章）",
        "issue_date": "2024年1月20日",
    }
    assert window.windowTitle().startswith("测试县测试局关于2023年")
    assert session.flush()
    assert store.load(session.draft_id).report == session.draft.report

    path = tmp_path / "out.json"
    write_draft_file(session.draft, path)
    assert read_draft_file(path, library).report == session.draft.report

    fields["title"].clear()  # back to the default title
    assert "title" not in session.draft.report
    assert window.windowTitle().startswith("测试县测试局2023年")


def test_the_defaults_and_the_window_title_follow_a_renamed_unit(qtbot, library, tmp_path):
    window, _store, page = _sign_page(qtbot, library, tmp_path)
    page.unit.setText("新名称局")
    assert window.session.draft.unit == "新名称局"
    assert window.windowTitle().startswith("新名称局2023年政府信息公开工作年度报告")
    assert page.report_fields["title"].placeholderText() == "新名称局2023年政府信息公开工作年度报告"
    assert page.report_fields["issuer"].placeholderText() == "新名称局"
    date = window.session.draft.signatories["date"]
    assert date in page.report_fields["issue_date"].placeholderText()


def test_an_issue_date_that_is_not_a_date_is_kept_and_said(qtbot, library, tmp_path):
    window, _store, page = _sign_page(qtbot, library, tmp_path)
    page.report_fields["issue_date"].setText("2024年元月")
    assert window.session.draft.report["issue_date"] == "2024年元月"
    assert "不是日期" in page.issue_date_note.text() and not page.issue_date_note.isHidden()
    page.report_fields["issue_date"].setText("2024.1.20")
    assert page.issue_date_note.isHidden()
    page.report_fields["issue_date"].setText("2023-02-30")
    assert window.session.draft.report["issue_date"] == "2023-02-30"  # kept as typed
    assert "“2023-02-30”不是有效的日期：2023年2月没有30日" in page.issue_date_note.text()


def test_report_fields_are_read_only_when_submitted(qtbot, library, tmp_path):
    window, _store, page = _sign_page(qtbot, library, tmp_path)
    window.session.set_status(Status.SUBMITTED)
    assert all(edit.isReadOnly() for edit in page.report_fields.values())


def test_sign_page_says_which_fonts_stand_in_for_the_standard_ones(
    qtbot, library, tmp_path, monkeypatch
):
    # this PC has AR PL UMing and WenQuanYi: no 仿宋, 小标宋 or 黑体
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "data"))
    _window, _store, page = _sign_page(qtbot, library, tmp_path)
    shown = page.font_message.text.text()
    assert page.font_message.isVisibleTo(page)
    assert "正文：AR PL UMing CN（标准字体为仿宋，本机没有）" in shown
    assert "标题：AR PL UMing CN（标准字体为方正小标宋，本机没有）" in shown
    assert "中文(简体)补充字体" in shown
