"""The 帮助 menu: what the clerk can look up about the program itself.

A new help entry belongs here, as a QAction in :meth:`HelpActions._build_actions`, listed
by :meth:`HelpActions.add_to_menu`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ..storage.logfile import current_log_folder
from . import dialogs, printing

APP_TITLE = "政府信息公开工作年度报告 填报助手"


class HelpActions(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._build_actions()

    def _build_actions(self) -> None:
        self.logs_action = self._action("打开日志文件夹(&L)", self.open_log_folder)
        self.about_action = self._action("关于(&A)", self.about)

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addAction(self.logs_action)
        menu.addSeparator()
        menu.addAction(self.about_action)

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
