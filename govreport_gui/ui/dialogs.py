"""Every modal question the app asks, in one place (tests replace these functions).

Callers use them as ``dialogs.confirm(...)`` so that a monkeypatched function is the one
called; a modal dialog in an offscreen test would otherwise wait forever.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..storage.base import Conflict

DRAFT_FILES = "草稿文件 (*.json);;所有文件 (*)"
PDF_FILES = "PDF 文件 (*.pdf)"
CSV_FILES = "表格文件 (*.csv);;所有文件 (*)"
REPORT_FILES = (
    "报告文件 (*.json *.html *.htm *.mht *.mhtml *.docx *.xlsx);;草稿文件 (*.json);;"
    "网页 (*.html *.htm *.mht *.mhtml);;"
    "Word 文档 (*.docx);;Excel 工作簿 (*.xlsx);;所有文件 (*)"
)
EXCEL_FILES = "Excel 工作簿 (*.xlsx);;所有文件 (*)"
UNIT_FILES = "单位报告 (*.json *.xlsx);;草稿文件 (*.json);;Excel 工作簿 (*.xlsx);;所有文件 (*)"


def choose_open_file(parent: QWidget | None, title: str, folder: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path


def choose_open_files(parent: QWidget | None, title: str, folder: str, filters: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
    return paths


def choose_folder(parent: QWidget | None, title: str, folder: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title, folder)


def choose_save_file(parent: QWidget | None, title: str, path: str, filters: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, path, filters)
    return chosen


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "确定") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is accept


def confirm_details(
    parent: QWidget | None, title: str, text: str, details: str, yes: str = "确定"
) -> bool:
    """Ask, with a long list (what was read, what changes) under 详细信息."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    if details:
        box.setDetailedText(details)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is accept


def tell(parent: QWidget | None, title: str, text: str, *, error: bool = False) -> None:
    if error:
        QMessageBox.critical(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def _choose(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    accept: tuple[str, object],
    destructive: tuple[str, object],
) -> object | None:
    """Two named answers and 取消 (the first answer is the default); None for 取消."""
    box = QMessageBox(icon, title, text, parent=parent)
    first = box.addButton(accept[0], QMessageBox.ButtonRole.AcceptRole)
    second = box.addButton(destructive[0], QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(first)
    box.exec()
    answers = {id(first): accept[1], id(second): destructive[1]}
    return answers.get(id(box.clickedButton()))


def ask_unsaved(parent: QWidget | None, text: str) -> str:
    """The draft could not be saved: "export" (save as a file), "quit" or "cancel"."""
    answer = _choose(
        parent,
        QMessageBox.Icon.Warning,
        "报告尚未保存",
        text,
        ("另存为草稿文件…", "export"),
        ("不保存，退出", "quit"),
    )
    return answer if isinstance(answer, str) else "cancel"


def ask_import_conflict(parent: QWidget | None, text: str) -> Conflict | None:
    """The store has a draft of the imported file's unit, year and form: what now?"""
    answer = _choose(
        parent,
        QMessageBox.Icon.Question,
        "已有同一单位、年度的草稿",
        text,
        ("两份都保留", Conflict.KEEP_BOTH),
        ("替换原有草稿", Conflict.REPLACE),
    )
    return answer if isinstance(answer, Conflict) else None
