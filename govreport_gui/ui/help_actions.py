"""The 帮助 menu: what the clerk can look up about the program itself.

A new help entry belongs here, as a QAction in :meth:`HelpActions._build_actions`, listed
by :meth:`HelpActions.add_to_menu`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ..core.errors import GovreportError, os_reason
from ..core.library import data_root
from ..storage.logfile import current_log_folder
from . import dialogs, printing
from .widgets import TextDialog

APP_TITLE = "政府信息公开工作年度报告 填报助手"
GUIDE_FILE = "guide.md"  # ASCII: every zip and installer tool keeps it
APP_SHORT_TITLE = "填报助手"  # after a report's title, which names the report already


class HelpActions(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._guide: TextDialog | None = None
        self._build_actions()

    def _build_actions(self) -> None:
        self.guide_action = self._action("使用说明(&G)", self.show_guide)
        self.logs_action = self._action("打开日志文件夹(&L)", self.open_log_folder)
        self.about_action = self._action("关于(&A)", self.about)

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addAction(self.guide_action)
        menu.addAction(self.logs_action)
        menu.addSeparator()
        menu.addAction(self.about_action)

    def show_guide(self) -> TextDialog | None:
        """使用说明: a page shipped in resources/help/, shown in the app (not modal)."""
        try:
            text = (data_root("resources") / "help" / GUIDE_FILE).read_text("utf-8")
        except (GovreportError, OSError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
            dialogs.tell(self.window, "使用说明", f"找不到使用说明：{reason}", error=True)
            return None
        if self._guide is None:
            self._guide = TextDialog("使用说明", text, self.window, markdown=True)
        self._guide.show()
        self._guide.raise_()
        return self._guide

    def open_log_folder(self) -> None:
        """For whoever supports the clerk: the program's log and native-crash traces."""
        folder = current_log_folder()
        if folder.is_dir() and printing.open_with_system_viewer(folder):
            return
        where = "" if folder.is_dir() else "（这个文件夹还不存在：程序还没有写过日志）"
        dialogs.tell(self.window, "日志文件夹", f"程序的日志保存在：\n{folder}{where}")

    def about(self) -> None:
        dialogs.tell(
            self.window,
            "关于",
            f"{APP_TITLE}\n\n填写、检查、保存和打印政府信息公开工作年度报告。"
            "所有数据只保存在本机，不需要联网。",
        )
