"""The steps of a report: what they are, how they are built from a form, and their state.

A report is walked through as 开始, one step per narrative section and per table in the
form's order, 审核, 签署与打印. The 汇总 page is a step of no report (shown outside the
list). One rule decides every step's icon: :func:`step_state`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from ..core.checks import Summary
from ..core.model import Section, Table
from .review_page import ReviewPage
from .session import DraftSession
from .sign_page import SignPage
from .table_page import TablePage
from .text_page import TextPage
from .widgets import Page


class StepKind(StrEnum):
    """What a step shows; a StrEnum so ``open_draft(id, "table")`` keeps working."""

    START = "start"
    TEXT = "text"
    TABLE = "table"
    REVIEW = "review"
    SIGN = "sign"
    AGGREGATE = "aggregate"  # the 汇总 page: outside the step list


@dataclass
class Step:
    kind: StepKind
    title: str
    widget: Page
    section: Section | None = None
    table: Table | None = None
    frame: QScrollArea | None = None  # what the stack holds: the page, scrollable


def scrollable(page: QWidget) -> QScrollArea:
    """Pages scroll when the window is small (关怀模式 on a 1366×768 screen)."""
    frame = QScrollArea()
    frame.setWidgetResizable(True)
    frame.setFrameShape(QFrame.Shape.NoFrame)
    frame.setWidget(page)
    return frame


def build_steps(session: DraftSession, start_page: Page) -> list[Step]:
    """The steps of one report, from its form; the window connects the pages' signals."""
    steps = [Step(StepKind.START, "开始", start_page)]
    form = session.form
    for section in form.sections:
        if section.has_text:
            page: Page = TextPage(session, section)
            steps.append(Step(StepKind.TEXT, section.title, page, section))
        if section.table:
            table = form.table(section.table)
            page = TablePage(session, table, section)
            steps.append(Step(StepKind.TABLE, section.title, page, section, table))
    listed = {s.table.id for s in steps if s.table is not None}
    for table in form.tables:  # tables no section prints (none today): still editable
        if table.id not in listed:
            table_page = TablePage(session, table, None)
            steps.append(Step(StepKind.TABLE, table_page.title, table_page, None, table))
    steps.append(Step(StepKind.REVIEW, "审核", ReviewPage(session)))
    steps.append(Step(StepKind.SIGN, "签署与打印", SignPage(session)))
    return steps


def step_state(step: Step, session: DraftSession) -> tuple[str, str]:
    """(what the step's tooltip says, the icon kind: ok/warning/error or "" for none)."""
    if step.kind is StepKind.TEXT and step.section is not None:
        written = bool(session.draft.texts.get(step.section.id, "").strip())
        return ("已填写", "ok") if written else ("未填写", "")
    if step.kind is StepKind.TABLE and isinstance(step.widget, TablePage):
        listed, blanks = step.widget.page_findings()
        errors = Summary.of(listed, {}).errors
        if errors:
            return f"{errors} 个错误", "error"
        if listed:
            return f"{len(listed)} 个提示", "warning"
        if blanks:
            return f"{len(blanks)} 项未填写", "warning"
        return "已填写，没有发现问题", "ok"
    if step.kind is StepKind.REVIEW:
        open_errors = len(session.unexplained_errors())
        if open_errors:
            return f"{open_errors} 个错误未处理", "error"
        return ("有提示", "warning") if session.findings else ("没有问题", "ok")
    return "", ""
