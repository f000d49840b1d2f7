"""A whole report through the window: new draft, cells, findings, review, sign, PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt

from govreport_gui.core.rules import Severity
from govreport_gui.storage.base import MemoryDraftStore
from govreport_gui.ui import dialogs, looks, printing
from govreport_gui.ui.printing import PdfRenderer
from govreport_gui.ui.review_page import ReviewPage
from govreport_gui.ui.sign_page import DATE_FORMAT, SignPage
from govreport_gui.ui.text_page import TextPage

from .support.ui_support import (
    FakeRenderer,
    grid_of,
    make_window,
    table_page,
    temp_settings,
    type_into_cell,
    window_with_last_year,
)

APPLICANTS = ("natural", "business", "research", "public_welfare", "legal", "other")


def _roles(model, cell_id):
    index = model.index_of(cell_id)
    return (
        model.data(index, Qt.ItemDataRole.DecorationRole),
        model.data(index, Qt.ItemDataRole.BackgroundRole),
        model.data(index, Qt.ItemDataRole.ToolTipRole),
    )


def test_a_whole_report_from_new_draft_to_pdf(qtbot, library, tmp_path, monkeypatch):
    store = MemoryDraftStore()
    renderer = FakeRenderer()
    window = make_window(qtbot, library, tmp_path, store=store, renderer=renderer)

    # 1. 开始: a new 2023 report; the format follows the year
    start = window.start_page
    start.unit.setText("测试县测试局")
    start.year.setValue(2023)
    assert start.form_choice.currentData() == "2021"
    start.year.setValue(2018)
    assert start.form_choice.currentData() == "pre2019"
    start.year.setValue(2023)
    qtbot.mouseClick(start.create_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session is not None and session.form.id == "2021"
    assert [info.unit for info in store.list()] == ["测试县测试局"]
    assert window.current_step().kind == "text"

    # 2. a narrative section, with its character count
    overall = next(s.widget for s in window.steps if s.section and s.section.id == "overall")
    assert isinstance(overall, TextPage)
    overall.editor.setPlainText("本年度主动公开政府信息 120 条。")
    assert session.draft.texts["overall"] == "本年度主动公开政府信息 120 条。"
    assert overall.count_label.text() == "共 16 字"  # spaces are not counted

    # 3. table 三: one row typed with a wrong total
    window.go_to_cell("t3.new.natural")
    page = table_page(window, "t3")
    grid = grid_of(page, "t3.new.natural")
    for column, text in zip(APPLICANTS, ("3", "1", "0", "0", "0", "0"), strict=True):
        type_into_cell(qtbot, grid, f"t3.new.{column}", text)
    type_into_cell(qtbot, grid, "t3.new.total", "5")
    model = grid.grid_model
    icon, background, tooltip = _roles(model, "t3.new.total")
    assert icon is not None and not icon.isNull()
    assert background == looks.CULPRIT_BACKGROUND  # the total: the likely slip, marked most
    assert _roles(model, "t3.new.natural")[1] == looks.ERROR_BACKGROUND
    assert "总计 为 5" in tooltip and "合计为 4" in tooltip
    assert _roles(model, "t3.new.natural")[0] is not None  # every cell of the sum is marked
    assert _roles(model, "t3.carry_in.natural") == (
        None,
        None,
        _roles(model, "t3.carry_in.natural")[2],
    )
    listed = page.findings_panel.messages()
    assert any(
        "一、本年新收政府信息公开申请数量·总计 为 5" in m and m.startswith("错误：") for m in listed
    )
    assert "1 个错误" in page.findings_panel.summary()

    # the clerk empties the total: the core computes it; one click fills it in
    grid.select_cell("t3.new.total")
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    row = next(r for r in page.findings_panel.rows if r.accept is not None)
    assert row.accept.text() == "填入 4"
    qtbot.mouseClick(row.accept, Qt.MouseButton.LeftButton)
    assert session.draft.value("t3.new.total") == 4
    assert _roles(model, "t3.new.total")[:2] == (None, None)
    assert not any(f.rule == "T3-COL[new]" for f in session.findings)
    assert not any(m.startswith("错误：") for m in page.findings_panel.messages())

    # table 四: parts typed, total left blank: an error the clerk leaves, with a 说明
    window.go_to_cell("t4.review_upheld")
    t4 = table_page(window, "t4").grids[0]
    for name, text in zip(("upheld", "corrected", "other", "pending"), "1000", strict=True):
        type_into_cell(qtbot, t4, f"t4.review_{name}", text)
    assert session.suggestion_for("t4.review_total") is not None

    # 4. 审核: remaining findings by section, jump to a cell, write a 说明
    window.go_to_step(window.step_index("review"))
    review = window.current_step().widget
    assert isinstance(review, ReviewPage)
    messages = review.listed_messages()
    assert any("行政复议·总计 为空" in m for m in messages)
    assert len(messages) == len(session.findings)
    assert "既未改正也未说明" in review.summary.message()
    assert review.select_rule("T4-REVIEW")
    qtbot.mouseClick(review.go_button, Qt.MouseButton.LeftButton)
    assert window.current_step().table is not None and window.current_step().table.id == "t4"
    assert t4.current_cell().id == "t4.review_total"  # the blank total itself
    window.go_to_step(window.step_index("review"))
    assert review.select_rule("T4-REVIEW")
    review.explanation.setPlainText("复议机关尚未出具结果，总计待核实。")
    assert session.draft.explanations["T4-REVIEW"] == "复议机关尚未出具结果，总计待核实。"
    assert session.unexplained_errors() == []
    assert "均已写明说明" in review.summary.message()

    # 5. 签署与打印
    window.go_to_step(window.step_index("sign"))
    sign = window.current_step().widget
    assert isinstance(sign, SignPage)
    assert session.draft.signatories["date"] == QDate.currentDate().toString(DATE_FORMAT)
    sign.fields["unit_head"].setText("张三")
    sign.fields["reviewer"].setText("李四")
    sign.fields["preparer"].setText("王五")
    sign.fields["phone"].setText("0797-1234567")
    sign.date.setDate(QDate(2024, 1, 20))
    assert session.draft.signatories == {
        "unit_head": "张三",
        "reviewer": "李四",
        "preparer": "王五",
        "phone": "0797-1234567",
        "date": "2024年1月20日",
    }
    assert "没有未处理的错误" in sign.check_message.message()

    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(tmp_path / "年报"))
    qtbot.mouseClick(sign.pdf_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "年报.pdf"
    assert pdf.read_bytes() == "%PDF-fake 2021 测试县测试局".encode()
    assert renderer.calls == [("2021", pdf)]
    assert str(pdf) in sign.result.message()

    opened: list[Path] = []
    monkeypatch.setattr(printing, "print_folder", lambda: tmp_path)
    monkeypatch.setattr(printing, "open_with_system_viewer", lambda p: opened.append(p) or True)
    qtbot.mouseClick(sign.print_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].parent == tmp_path
    assert opened[0].name.startswith("测试县测试局2023年政府信息公开工作年度报告 ")
    assert opened[0].exists()

    # everything typed reached the store
    qtbot.waitUntil(lambda: not session.dirty, timeout=3000)
    stored = store.load(session.draft_id)
    assert stored.values == session.draft.values
    assert stored.signatories["unit_head"] == "张三"
    assert stored.explanations == {"T4-REVIEW": "复议机关尚未出具结果，总计待核实。"}
    assert window.save_status.text().startswith("已保存 ")


def test_unexplained_errors_are_said_plainly_before_printing(qtbot, library, tmp_path):
    window = make_window(qtbot, library, tmp_path)
    window.open_demo()
    window.go_to_step(window.step_index("sign"))
    sign = window.current_step().widget
    assert isinstance(sign, SignPage)
    assert "还有 2 个错误既未改正也未写说明" in sign.check_message.message()
    assert "草稿" in sign.check_message.message()


def test_a_renderer_failure_is_a_message_not_a_traceback(qtbot, library, tmp_path, monkeypatch):
    def broken(form, draft, path):
        raise OSError(28, "No space left on device")

    window = make_window(qtbot, library, tmp_path, renderer=broken)
    window.open_demo()
    window.go_to_step(window.step_index("sign"))
    sign = window.current_step().widget
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(tmp_path / "x.pdf"))
    assert window.report_actions.save_pdf() is None
    assert "生成 PDF 时出错" in sign.result.message()


def test_the_demo_opens_on_its_table_with_its_two_errors_visible(qtbot, library, tmp_path):
    window = make_window(qtbot, library, tmp_path)
    window.open_demo()
    step = window.current_step()
    assert step.kind == "table" and step.table is not None and step.table.id == "stats"
    page = table_page(window, "stats")
    errors = [m for m in page.findings_panel.messages() if m.startswith("错误：")]
    assert len(errors) == 2
    assert any("收到申请数 为 3" in m for m in errors)
    assert any("从事政府信息公开工作人员数 为空" in m for m in errors)
    model = page.grids[0].grid_model
    for cell_id, colour in (
        ("stats.apply_received", looks.CULPRIT_BACKGROUND),  # a total against its parts
        ("stats.staff", looks.ERROR_BACKGROUND),
    ):
        icon, background, tooltip = _roles(model, cell_id)
        assert icon is not None and background == colour
        assert "错误：" in tooltip
    assert _roles(model, "stats.active_total")[:2] == (None, None)
    assert page.grids[0].current_cell().id == "stats.apply_received"  # the first error
    item = window.step_list.item(window.step_index("table"))
    assert "2 个错误" in item.toolTip()
    # the blank 从事政府信息公开工作人员数 is determined by 专职 + 兼职: one click
    offer = next(r for r in page.findings_panel.rows if r.finding.cells[0] == "stats.staff")
    assert offer.accept is not None and offer.accept.text() == "填入 93"
    qtbot.mouseClick(offer.accept, Qt.MouseButton.LeftButton)
    assert window.session.draft.value("stats.staff") == 93
    assert sum(1 for f in window.session.findings if f.severity is Severity.ERROR) == 1


def test_last_years_text_is_one_click_away(qtbot, library, tmp_path):
    window = window_with_last_year(qtbot, library, tmp_path, "去年的问题：公开不及时。")
    assert window.session.draft.previous is not None
    page = next(s.widget for s in window.steps if s.section and s.section.id == "problems")
    assert isinstance(page, TextPage)
    assert page.previous_button.isEnabled()
    dialog = page.show_previous()
    assert dialog is not None and dialog.view.toPlainText() == "去年的问题：公开不及时。"
    other = next(s.widget for s in window.steps if s.section and s.section.id == "overall")
    assert not other.previous_button.isEnabled()  # last year wrote nothing there


def test_a_new_draft_without_a_unit_is_refused_on_the_page(qtbot, library, tmp_path):
    window = make_window(qtbot, library, tmp_path)
    window.start_page.unit.setText("   ")
    assert window.start_page.create_draft() is None
    assert "填报单位名称不能为空" in window.start_page.message.message()
    assert window.session is None


def test_with_the_real_pdf_renderer(qtbot, library, tmp_path, monkeypatch):
    settings = temp_settings(tmp_path)
    window = make_window(
        qtbot, library, tmp_path, settings=settings, renderer=PdfRenderer(settings)
    )
    window.open_demo()
    window.go_to_step(window.step_index("sign"))
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(tmp_path / "demo.pdf"))
    path = window.report_actions.save_pdf()
    assert path is not None
    assert path.read_bytes().startswith(b"%PDF")


WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def test_missing_characters_can_be_printed_as_placeholders_on_request(
    qtbot, library, tmp_path, monkeypatch
):
    settings = temp_settings(tmp_path)
    settings.print_font = str(WQY)
    window = make_window(
        qtbot, library, tmp_path, settings=settings, renderer=PdfRenderer(settings)
    )
    window.open_demo()
    window.session.draft.signatories["preparer"] = "\U00020bb7某"  # 𠮷: in no installed font
    window.go_to_step(window.step_index("sign"))
    sign = window.current_step().widget
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(tmp_path / "rare.pdf"))
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text, yes="": asked.append(text))
    assert window.report_actions.save_pdf() is None  # declined: nothing written, the message stays
    assert "U+20BB7" in asked[0] and "〓" in asked[0]
    assert "填报人" in sign.result.message()
    assert not (tmp_path / "rare.pdf").exists()
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    assert window.report_actions.save_pdf() == tmp_path / "rare.pdf"
    assert (tmp_path / "rare.pdf").read_bytes().startswith(b"%PDF")


def test_a_chosen_print_font_is_checked_and_remembered(qtbot, library, tmp_path, monkeypatch):
    settings = temp_settings(tmp_path)
    window = make_window(
        qtbot, library, tmp_path, settings=settings, renderer=PdfRenderer(settings)
    )
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "tell", lambda parent, title, text, error=False: told.append((title, text))
    )
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("这不是字体", encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: str(not_a_font))
    window.report_actions.choose_print_font()
    assert settings.print_font == "" and told[-1][0] == "不能使用这个字体"
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: str(WQY))
    window.report_actions.choose_print_font()
    assert settings.print_font == str(WQY)
    assert "正文：文泉驿正黑" in told[-1][1]
