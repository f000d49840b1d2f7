"""文件 → 导出 → Word / Excel / 网页, the same buttons on 签署与打印, and 复制网页格式.

The files are made by :mod:`govreport_gui.output.exports` (python-docx and openpyxl load
on the first export, not at start-up) and written by the one rule of writing
(:mod:`govreport_gui.core.safe_output`): where the command line needs ``--force``, the
window asks. After saving, the clerk is offered 打开文件 and 打开所在文件夹.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from ..core.errors import GovreportError
from ..core.report_outline import build_outline, outline_text
from ..core.safe_output import write_output
from . import dialogs
from .saved_file import choose_output, offer_open
from .session import DraftSession
from .settings import AppSettings
from .sign_page import SignPage

#: format → (menu text, file filter, what it is); the format names are output.exports'
FORMATS = {
    "docx": ("Word 文档(&W)…", "Word 文档 (*.docx)", "Word 文档"),
    "xlsx": ("Excel 工作簿(&E)…", "Excel 工作簿 (*.xlsx)", "Excel 工作簿"),
    "html": ("网页(&H)…", "网页 (*.html *.htm)", "网页"),
}


SUFFIXES = {"docx": (".docx",), "xlsx": (".xlsx",), "html": (".html", ".htm")}


class ExportActions(QObject):
    """Word, Excel and web page of the open report; enabled while a report is open."""

    def __init__(self, window: QMainWindow, settings: AppSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.session: DraftSession | None = None
        self.sign: SignPage | None = None
        self.actions: dict[str, QAction] = {}
        for name, (text, _, _) in FORMATS.items():
            action = QAction(text, self)
            action.triggered.connect(lambda _=False, n=name: self.export(n))
            self.actions[name] = action
        self.copy_action = QAction("复制网页格式(&C)", self)
        self.copy_action.setToolTip("把整份报告以网页格式（含表格）放到剪贴板，可粘贴到网站编辑器")
        self.copy_action.triggered.connect(self.copy_html)
        self._enable(False)

    def add_to_menu(self, menu: QMenu) -> QMenu:
        """文件 → 导出 → Word / Excel / 网页, then 复制网页格式."""
        sub = menu.addMenu("导出(&X)")
        for action in self.actions.values():
            sub.addAction(action)
        sub.addSeparator()
        sub.addAction(self.copy_action)
        return sub

    def attach(self, session: DraftSession | None, sign: SignPage | None) -> None:
        """Follow the report just opened (None: no report open)."""
        self.session = session
        self.sign = sign
        self._enable(session is not None)
        if sign is not None:
            sign.exportRequested.connect(self.export)
            sign.copyHtmlRequested.connect(self.copy_html)

    def _enable(self, on: bool) -> None:
        for action in (*self.actions.values(), self.copy_action):
            action.setEnabled(on)

    def export(self, name: str) -> Path | None:
        """Ask where, then write the report as ``name`` (docx, xlsx, html)."""
        session = self.session
        if session is None:
            return None
        _, filters, what = FORMATS[name]
        folder = self.settings.last_folder or str(Path.home())
        suggested = Path(folder) / session.file_name(SUFFIXES[name][0])
        chosen = choose_output(
            self.window,
            f"导出{what}",
            suggested,
            filters,
            SUFFIXES[name],
            (),
            session.store.data_dir,
        )
        if chosen is None:
            return None
        path, force = chosen
        session.flush()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the first export of a
        try:  # format also loads its library (python-docx, openpyxl): up to a second
            from ..output.exports import export_bytes

            write_output(
                path,
                export_bytes(name, session.form, session.draft),
                data_dir=session.store.data_dir,
                force=force,
            )
        except GovreportError as exc:
            self._result(f"导出{what}失败：{exc}", "error")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.settings.last_folder = str(path.parent)
        self._result(f"{what}已保存：{path}", "ok")
        offer_open(self.window, path, what)
        return path

    def copy_html(self) -> bool:
        """The report as a web page and as plain text on the clipboard, for a portal editor."""
        session = self.session
        if session is None:
            return False
        session.flush()
        from ..output.html import report_html

        mime = QMimeData()
        mime.setHtml(report_html(session.form, session.draft))
        mime.setText(outline_text(build_outline(session.form, session.draft)))
        QGuiApplication.clipboard().setMimeData(mime)
        self._result("已复制网页格式：可以粘贴到网站编辑器或 Word 中", "ok")
        return True

    def _result(self, message: str, kind: str) -> None:
        if self.sign is not None and self.sign.isVisible():
            self.sign.show_result(message, kind)
        self.window.statusBar().showMessage(message, 10000)
        if kind == "error" and (self.sign is None or not self.sign.isVisible()):
            dialogs.tell(self.window, "导出失败", message, error=True)
