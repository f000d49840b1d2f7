"""Every modal question the app asks, in one place (tests replace these functions).

Callers use them as ``dialogs.confirm(...)`` so that a monkeypatched function is the one
called; a modal dialog in an offscreen test would otherwise wait forever.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..storage.base import Conflict

DRAFT_FILES = "草稿文件 (*.json);;所有文件 (*)"
PDF_FILES = "PDF 文件 (*.pdf)"


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


def tell(parent: QWidget | None, title: str, text: str, *, error: bool = False) -> None:
    if error:
        QMessageBox.critical(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def ask_unsaved(parent: QWidget | None, text: str) -> str:
    """The draft could not be saved: "export" (save as a file), "quit" or "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Warning, "报告尚未保存", text, parent=parent)
    export = box.addButton("另存为草稿文件…", QMessageBox.ButtonRole.AcceptRole)
    leave = box.addButton("不保存，退出", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(export)
    box.exec()
    clicked = box.clickedButton()
    if clicked is export:
        return "export"
    if clicked is leave:
        return "quit"
    return "cancel"


def ask_import_conflict(parent: QWidget | None, text: str) -> Conflict | None:
    """The store has a draft of the imported file's unit, year and form: what now?"""
    box = QMessageBox(QMessageBox.Icon.Question, "已有同一单位、年度的草稿", text, parent=parent)
    keep = box.addButton("两份都保留", QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton("替换原有草稿", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return Conflict.KEEP_BOTH
    if clicked is replace:
        return Conflict.REPLACE
    return None
