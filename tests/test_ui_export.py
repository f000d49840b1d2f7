"""The window's Word / Excel / 网页 exports, 复制网页格式, and the offer to open what was saved."""

from __future__ import annotations

import io

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from govreport_gui.core.draft import write_draft_file
from govreport_gui.output.aggregate_xlsx import TOTAL_LABEL, UNITS_SHEET
from govreport_gui.ui import dialogs, saved_file
from govreport_gui.ui.sign_page import SignPage

from .support.ui_support import make_window
from .test_ui_aggregate import open_aggregate, unit_folder


def offers(window) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def open_sign_page(qtbot, library, tmp_path) -> tuple[object, SignPage]:
    window = make_window(qtbot, library, tmp_path)
    window.open_demo()
    window.go_to_step(window.step_index("sign"))
    sign = window.current_step().widget
    assert isinstance(sign, SignPage)
    return window, sign


def test_file_menu_has_the_export_submenu(qtbot, library, tmp_path):
    window = make_window(qtbot, library, tmp_path)
    texts = [a.text() for a in window.export_menu.actions() if a.text()]
    assert texts == ["Word 文档(&W)…", "Excel 工作簿(&E)…", "网页(&H)…", "复制网页格式(&C)"]
    assert not any(a.isEnabled() for a in window.export_menu.actions() if a.text())
    window.open_demo()
    assert all(a.isEnabled() for a in window.export_menu.actions() if a.text())


def test_word_button_on_the_sign_page_saves_and_offers_to_open(
    qtbot, library, tmp_path, monkeypatch
):
    window, sign = open_sign_page(qtbot, library, tmp_path)
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(tmp_path / "报告"))
    opened = []
    monkeypatch.setattr(saved_file, "open_with_system_viewer", lambda p: opened.append(p) or True)
    word = next(b for b in sign.findChildren(QPushButton) if b.text() == "Word…")
    qtbot.mouseClick(word, Qt.MouseButton.LeftButton)
    out = tmp_path / "报告.docx"
    assert out.read_bytes().startswith(b"PK")
    assert "Word 文档已保存" in sign.result.message()
    (box,) = offers(window)
    folder = next(b for b in box.buttons() if "打开所在文件夹" in b.text())
    qtbot.mouseClick(folder, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path]


def test_excel_and_web_page_from_the_menu(qtbot, library, tmp_path, monkeypatch):
    window, _ = open_sign_page(qtbot, library, tmp_path)
    for name, action in zip(("xlsx", "html"), window.export_menu.actions()[1:3], strict=True):
        target = tmp_path / f"out.{name}"
        monkeypatch.setattr(dialogs, "choose_save_file", lambda *a, t=target: str(t))
        action.trigger()
        assert target.stat().st_size > 1000
    book = openpyxl.load_workbook(io.BytesIO((tmp_path / "out.xlsx").read_bytes()))
    assert "govreport" in book.sheetnames
    assert "<table" in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_replacing_a_draft_file_is_asked_first(qtbot, library, tmp_path, monkeypatch):
    window, _ = open_sign_page(qtbot, library, tmp_path)
    draft_file = tmp_path / "keep.docx"  # a draft under a Word name
    write_draft_file(window.session.draft, draft_file)
    before = draft_file.read_bytes()
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(draft_file))
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda p, t, text, yes="": asked.append(text))
    assert window.export_actions.export("docx") is None
    assert asked and "草稿文件" in asked[0]
    assert draft_file.read_bytes() == before
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    assert window.export_actions.export("docx") == draft_file
    assert draft_file.read_bytes().startswith(b"PK")


def test_copy_as_web_page_puts_html_and_text_on_the_clipboard(qtbot, library, tmp_path, clipboard):
    window, sign = open_sign_page(qtbot, library, tmp_path)
    qtbot.mouseClick(sign.copy_html_button, Qt.MouseButton.LeftButton)
    mime = clipboard.mimeData()
    assert "<table" in mime.html() and "41105" in mime.html()
    assert mime.text().startswith(window.session.draft.title(window.session.form))
    assert "41105" in mime.text()


def test_saving_the_pdf_offers_to_open_it(qtbot, library, tmp_path, monkeypatch):
    window, _ = open_sign_page(qtbot, library, tmp_path)
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(tmp_path / "r.pdf"))
    assert window.report_actions.save_pdf() == tmp_path / "r.pdf"
    (box,) = offers(window)
    assert {"打开文件(&O)", "打开所在文件夹(&D)"} <= {b.text() for b in box.buttons()}


def test_aggregate_page_exports_the_units_workbook(qtbot, library, tmp_path, monkeypatch):
    folder = tmp_path / "units"
    folder.mkdir()
    summed, _ = unit_folder(folder, library)
    window = make_window(qtbot, library, tmp_path)
    page = open_aggregate(qtbot, window, folder, monkeypatch)
    assert page.excel_button.isEnabled()
    out = tmp_path / "各单位.xlsx"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(out))
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    sheet = openpyxl.load_workbook(out)[UNITS_SHEET]
    names = [r[1] for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert names[-1] == TOTAL_LABEL and sorted(names[:-1]) == sorted(summed)
    assert offers(window)
