"""What the clerk does with the open report as a whole: files out, PDF, print, print font.

One home for the report's outputs: the 文件 menu entries (:meth:`ReportActions.add_to_menu`)
and the buttons of 签署与打印 (:meth:`ReportActions.attach`) both call these methods. A new
output (Word, Excel…) belongs here, as a method plus a QAction in :meth:`_build_actions`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QDir, QObject, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.draft import write_draft_file
from ..core.errors import GovreportError, os_reason
from . import dialogs, printing
from .printing import Renderer, describe_fonts, missing_characters
from .saved_file import choose_output, offer_open
from .session import DraftSession
from .settings import AppSettings
from .sign_page import SignPage


class ReportActions(QObject):
    """Output actions of the open report; enabled while a report is open."""

    def __init__(self, window: QMainWindow, settings: AppSettings, renderer: Renderer) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.renderer = renderer
        self.session: DraftSession | None = None
        self.sign: SignPage | None = None
        self._build_actions()

    def _build_actions(self) -> None:
        self.export_action = QAction("导出草稿文件(&E)…", self)
        self.export_action.triggered.connect(self.export_draft_file)
        self.export_action.setEnabled(False)
        self.font_action = QAction("打印字体(&T)…", self)
        self.font_action.triggered.connect(self.choose_print_font)

    def add_to_menu(self, menu: QMenu) -> None:
        """The 文件 menu's report entries, in the order the menu shows them."""
        menu.addAction(self.export_action)
        menu.addAction(self.font_action)

    def attach(self, session: DraftSession | None, sign: SignPage | None) -> None:
        """Follow the report just opened (None: no report open)."""
        self.session = session
        self.sign = sign
        self.export_action.setEnabled(session is not None)
        if sign is not None:
            sign.pdfRequested.connect(self.save_pdf)
            sign.printRequested.connect(self.print_report)
            sign.set_font_note(partial(printing.font_note, self.settings))

    # -- files -------------------------------------------------------------------------

    def documents_folder(self) -> str:
        return (
            self.settings.last_folder
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or QDir.homePath()
        )

    def export_draft_file(self) -> bool:
        session = self.session
        if session is None:
            return False
        name = session.file_name(".json")
        chosen = choose_output(
            self.window,
            "导出草稿文件",
            Path(self.documents_folder()) / name,
            dialogs.DRAFT_FILES,
            data_dir=session.store.data_dir,
        )
        if chosen is None:
            return False
        path = chosen[0]
        try:
            write_draft_file(session.draft, path)
        except GovreportError as exc:
            dialogs.tell(self.window, "导出失败", str(exc), error=True)
            return False
        self.settings.last_folder = str(path.parent)
        self.window.statusBar().showMessage(f"草稿文件已导出：{path}", 10000)
        offer_open(self.window, path, "草稿文件")
        return True

    # -- PDF and printing --------------------------------------------------------------

    def _render(self, path: Path) -> bool:
        session, sign = self.session, self.sign
        assert session is not None and sign is not None
        session.flush()
        try:
            self.renderer(session.form, session.draft, path)
        except GovreportError as exc:
            if not (missing_characters(exc) and self._print_missing_anyway(str(exc))):
                sign.show_result(str(exc), "error")
                return False
            try:
                self.renderer(session.form, session.draft, path, allow_missing=True)  # type: ignore[call-arg]
            except GovreportError as again:
                sign.show_result(str(again), "error")
                return False
        except Exception as exc:  # the renderer is another layer: never show a traceback
            sign.show_result(f"生成 PDF 时出错：{exc}", "error")
            return False
        return True

    def _print_missing_anyway(self, message: str) -> bool:
        return dialogs.confirm(
            self.window,
            "字体缺字",
            f"{message}\n\n仍然生成 PDF 吗？缺的字会印成“〓”，打印后请手写补上；"
            "也可以在“文件 → 打印字体”中换一种字体。",
            yes="仍然生成",
        )

    def choose_print_font(self) -> None:
        """Let the clerk pick the body font file; check it can print before keeping it."""
        current = self.settings.print_font
        path = dialogs.choose_open_file(
            self.window,
            "选择打印用的中文字体（留空取消则使用本机自动找到的字体）",
            str(Path(current).parent) if current else "",
            "TrueType 字体 (*.ttf *.ttc *.TTF *.TTC);;所有文件 (*)",
        )
        if not path:
            if current and dialogs.confirm(
                self.window,
                "打印字体",
                f"现在使用的是：{current}\n改回自动查找本机字体吗？",
                yes="改回自动",
            ):
                self.settings.print_font = ""
            return
        try:
            described = describe_fonts(Path(path))
        except GovreportError as exc:
            dialogs.tell(self.window, "不能使用这个字体", str(exc), error=True)
            return
        self.settings.print_font = path
        dialogs.tell(self.window, "打印字体", f"以后生成的 PDF 使用：\n{described}")

    def save_pdf(self) -> Path | None:
        session, sign = self.session, self.sign
        if session is None or sign is None:
            return None
        chosen = choose_output(
            self.window,
            "保存PDF",
            Path(self.documents_folder()) / sign.default_file_name(),
            dialogs.PDF_FILES,
            (".pdf",),
            data_dir=session.store.data_dir,
        )
        if chosen is None or not self._render(chosen[0]):
            return None
        path = chosen[0]
        self.settings.last_folder = str(path.parent)
        draft_note = "（带“草稿”字样：还有未处理的错误）" if session.unexplained_errors() else ""
        sign.show_result(f"PDF 已保存：{path}{draft_note}", "ok")
        offer_open(self.window, path, "PDF")
        return path

    def print_report(self) -> Path | None:
        sign = self.sign
        if self.session is None or sign is None:
            return None
        try:
            path = printing.new_print_file(sign.default_file_name(), printing.print_folder())
        except OSError as exc:
            sign.show_result(f"无法准备打印文件：{os_reason(exc)}", "error")
            return None
        if not self._render(path):
            return None
        if printing.open_with_system_viewer(path):
            sign.show_result(f"已用 PDF 阅读器打开报告，请在阅读器中选择“打印”。文件：{path}", "ok")
        else:
            sign.show_result(
                f"没有找到可以打开 PDF 的程序。PDF 已保存在：{path}，请用 PDF 阅读器打开后打印。",
                "warning",
            )
        return path
