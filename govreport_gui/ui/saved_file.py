"""Before the window writes a file for the clerk, the rule of writing; after, the offer
to open it.

:func:`choose_output` is the dialog-then-permission step every "save as" of the window
shares (PDF, Word, Excel, web page, CSV, draft file).

:func:`write_permission` applies core/safe_output.py the window's way: a special file or
an input is refused with a message, a draft (or a file in the data folder) is replaced
only when the clerk agrees. :func:`offer_open` follows every saved output (PDF, Word,
Excel, web page): 打开文件 or 打开所在文件夹, in a window-modal message that does not
block (``QMessageBox.open``). Opening goes through the system (QDesktopServices).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QDir, QProcess, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.safe_output import NeedsForceError, OutputPathError, check_output_path
from . import dialogs
from .printing import open_with_system_viewer


def choose_output(
    parent: QWidget,
    title: str,
    suggested: Path,
    filters: str,
    suffixes: tuple[str, ...] = (),
    inputs: Iterable[Path] = (),
    data_dir: Path | None = None,
) -> tuple[Path, bool] | None:
    """Ask where to save, add ``suffixes[0]`` when the name has none of ``suffixes``, then
    apply :func:`write_permission`: (path, force), or None when the clerk stops."""
    chosen = dialogs.choose_save_file(parent, title, str(suggested), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if suffixes and path.suffix.lower() not in suffixes:
        path = path.with_name(path.name + suffixes[0])
    force = write_permission(parent, path, inputs, data_dir)
    return None if force is None else (path, force)


def write_permission(
    parent: QWidget,
    path: Path,
    inputs: Iterable[Path] = (),
    data_dir: Path | None = None,
) -> bool | None:
    """None: do not write; False: write; True: write over what the clerk agreed to replace
    (pass it on as ``force``)."""
    try:
        check_output_path(path, inputs, data_dir)
    except NeedsForceError as exc:
        return True if dialogs.confirm(parent, "替换文件", exc.question, yes="替换") else None
    except OutputPathError as exc:
        dialogs.tell(parent, "不能写入这个文件", str(exc), error=True)
        return None
    return False


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
        if button is open_file:
            opened = open_with_system_viewer(path)
        elif button is open_folder:
            opened = show_in_folder(path)
        else:
            return
        if not opened:
            dialogs.tell(parent, "无法打开", f"没有找到可以打开它的程序。文件保存在：\n{path}")

    box.buttonClicked.connect(chosen)
    box.open()
    return box


def show_in_folder(path: Path) -> bool:
    """The folder, with the file selected where the system can (Windows Explorer)."""
    if sys.platform == "win32":
        native = QDir.toNativeSeparators(str(path))
        started = QProcess.startDetached("explorer.exe", [f"/select,{native}"])
        return bool(started[0] if isinstance(started, tuple) else started)  # PySide: (ok, pid)
    return open_with_system_viewer(path.parent)
