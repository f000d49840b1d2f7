"""Figures the clerk already has, into the open report: last year's report (上年数) from a
draft, a saved page, a Word or an Excel file, and this year's figures from a unit's workbook.

Each shows what was read before anything changes, and asks: for 上年数 what was found and
what was not; for this year's figures every cell that changes, old → new. This year's
figures go in as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.draft import Draft
from ..core.errors import GovreportError
from ..core.reading import ReadResult
from ..core.values import Value, display
from ..output.reading import read_any_report, read_report_file
from . import dialogs
from .session import DraftSession
from .settings import AppSettings

SHOWN_LINES = 400


def describe_read(result: ReadResult | None, draft: Draft) -> tuple[str, str]:
    """(summary, details) of a report read from a file, for asking before using it."""
    head = f"{draft.unit} {draft.year} 年度的报告"
    if result is None:
        return f"{head}（草稿文件）。", ""
    total = len(result.form.cells)
    found = len(result.matched.found)
    summary = f"{head}：{total} 个数字格中读到 {found} 格"
    sections = [s.title for s in result.form.sections if s.id in draft.texts]
    if sections:
        summary += f"，文字部分读到 {len(sections)} 个"
    problems = result.problem_messages
    if problems:
        summary += f"；有 {len(problems)} 处没有读出（见详细信息），这些格按未填写处理"
    return summary + "。", "\n".join(problems[:SHOWN_LINES])


def describe_changes(session: DraftSession, values: dict[str, Value]) -> str:
    """One line per cell that changes: label: old → new (blank shown as 未填写)."""

    def shown(value: Value) -> str:
        return display(value) or "未填写"

    return "\n".join(
        f"{session.form.cells[cid].label}：{shown(session.draft.value(cid))} → {shown(v)}"
        for cid, v in list(values.items())[:SHOWN_LINES]
    )


class ImportActions(QObject):
    """文件 → 导入上年数… and 从Excel导入本年数…; enabled while a report is open."""

    def __init__(
        self, window: QMainWindow, settings: AppSettings, reopen: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.reopen = reopen  # rebuild the pages once 上年数 are attached
        self.session: DraftSession | None = None
        self.previous_action = QAction("导入上年数(&L)…", self)
        self.previous_action.triggered.connect(self.import_previous)
        self.excel_action = QAction("从Excel导入本年数(&X)…", self)
        self.excel_action.triggered.connect(self.import_this_year)
        self.attach(None)

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addAction(self.previous_action)
        menu.addAction(self.excel_action)

    def attach(self, session: DraftSession | None) -> None:
        self.session = session
        for action in (self.previous_action, self.excel_action):
            action.setEnabled(session is not None)

    def _choose(self, title: str, filters: str) -> tuple[DraftSession, Path] | None:
        """The open report and the file the clerk picked for it; None if either is missing."""
        if self.session is None:
            return None
        path = dialogs.choose_open_file(self.window, title, self.settings.last_folder, filters)
        if not path:
            return None
        self.settings.last_folder = str(Path(path).parent)
        return self.session, Path(path)

    def import_previous(self) -> bool:
        """Read last year's report from a file, show what was found, attach it if agreed."""
        chosen = self._choose("选择上年度的报告", dialogs.REPORT_FILES)
        if chosen is None:
            return False
        session, path = chosen
        try:
            last, result = read_any_report(path, session.library, session.draft.year - 1)
            summary, details = describe_read(result, last)
            if not dialogs.confirm_details(
                self.window, "导入上年数", summary + "\n\n用它作为本报告的上年数吗？", details
            ):
                return False
            session.set_previous(last)
        except GovreportError as exc:
            dialogs.tell(self.window, "无法导入上年数", str(exc), error=True)
            return False
        self.reopen()
        return True

    def import_this_year(self) -> bool:
        """Read this year's figures from a workbook; show old → new; apply as one step."""
        chosen = self._choose("选择本单位的 Excel 工作簿", dialogs.EXCEL_FILES)
        if chosen is None:
            return False
        session, path = chosen
        draft = session.draft
        try:
            result = read_report_file(
                path, session.library, form_id=draft.form_id, fallback_year=draft.year
            )
            if result.draft.year != draft.year:
                raise GovreportError(
                    f"{path.name} 是 {result.draft.year} 年度的报告，本报告是 {draft.year} 年度"
                )
            read = {cid: result.draft.value(cid) for cid in result.matched.found}
            changes = {cid: v for cid, v in read.items() if draft.value(cid) != v}
            if not changes:
                dialogs.tell(
                    self.window, "从Excel导入本年数", "工作簿中的数字与本报告相同，没有要改的格。"
                )
                return False
            summary, problems = describe_read(result, result.draft)
            details = describe_changes(session, changes) + ("\n\n" + problems if problems else "")
            question = (
                f"{summary}\n\n将改动 {len(changes)} 格（见详细信息：原来的 → 新的）。现在改吗？"
            )
            if not dialogs.confirm_details(
                self.window, "从Excel导入本年数", question, details, yes="导入"
            ):
                return False
            session.set_values(changes, f"从Excel导入本年数（{len(changes)} 格）")
        except GovreportError as exc:
            dialogs.tell(self.window, "无法导入", str(exc), error=True)
            return False
        return True
