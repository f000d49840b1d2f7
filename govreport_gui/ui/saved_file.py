"""After any output is saved (PDF, Word, Excel, web page): 打开文件 or 打开所在文件夹.

The offer is a window-modal message that does not block (``QMessageBox.open``): the
clerk may also just carry on. Opening goes through the system (QDesktopServices).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from . import dialogs
from .printing import open_with_system_viewer


def offer_open(parent: QWidget, path: Path, what: str) -> QMessageBox:
    """Say where ``path`` was saved and offer to open it or its folder."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowTitle("已保存")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"{what}已保存：\n{path}")
    open_file = box.addButton("打开文件(&O)", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("打开所在文件夹(&D)", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)

    def chosen(button: object) -> None:
        target = path if button is open_file else path.parent if button is open_folder else None
        if target is not None and not open_with_system_viewer(target):
            dialogs.tell(parent, "无法打开", f"没有找到可以打开它的程序。文件保存在：\n{path}")

    box.buttonClicked.connect(chosen)
    box.open()
    return box
