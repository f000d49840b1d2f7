"""The steps of a report: what they are, how they are built from a form, and their state.

A report is walked through as 开始, one step per narrative section and per table in the
form's order, 审核, 签署与打印. The 汇总 page is a step of no report (shown outside the
list). One rule decides every step's icon, :func:`step_state`: red while an error is
neither fixed nor explained, yellow for explained errors, hints and blanks, green when done.

A step's page is built the first time it is shown or asked for (``Step.widget``): opening
a report builds the step list and the page shown, not every page (issue 17).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from PySide6.QtWidgets import QScrollArea, QWidget

from ..core.checks import Summary
from ..core.model import Section, Table
from .session import DraftSession
from .sign_page import SignPage
from .widgets import Page


class StepKind(StrEnum):
    """What a step shows; a StrEnum so ``open_draft(id, "table")`` keeps working."""

    START = "start"
    TEXT = "text"
    TABLE = "table"
    REVIEW = "review"
    SIGN = "sign"
    AGGREGATE = "aggregate"  # the 汇总 page: outside the step list


@dataclass(eq=False)
class Step:
    kind: StepKind
    title: str
    source: Page | Callable[[], Page]  # the page, or what builds it when first needed
    section: Section | None = None
    table: Table | None = None
    frame: QScrollArea | None = None  # what the stack holds: the page, scrollable
    cells: frozenset[str] = frozenset()  # a table step's cell ids
    #: Told once the page is built (the window connects the page's signals then).
    on_built: Callable[[Step], None] | None = None
    _page: Page | None = field(default=None, repr=False)

    @property
    def widget(self) -> Page:
        """The step's page, built now if it was not yet."""
        if self._page is None:
            source = self.source
            self._page = source if isinstance(source, QWidget) else source()
            if self.on_built is not None:
                self.on_built(self)
        return self._page

    @property
    def built(self) -> bool:
        return self._page is not None or isinstance(self.source, QWidget)


def build_steps(session: DraftSession, start_page: Page | Callable[[], Page]) -> list[Step]:
    """The steps of one report, from its form; the window connects the pages' signals."""
    steps = [Step(StepKind.START, "开始", start_page)]
    form = session.form
    for section in form.sections:
        if section.has_text:
            steps.append(
                Step(StepKind.TEXT, section.title, partial(_text_page, session, section), section)
            )
        if section.table:
            steps.append(_table_step(session, form.table(section.table), section))
    listed = {s.table.id for s in steps if s.table is not None}
    for table in form.tables:  # tables no section prints (none today): still editable
        if table.id not in listed:
            steps.append(_table_step(session, table, None))
    steps.append(Step(StepKind.REVIEW, "审核", partial(_review_page, session)))
    steps.append(Step(StepKind.SIGN, "签署与打印", partial(SignPage, session)))
    return steps


def _table_step(session: DraftSession, table: Table, section: Section | None) -> Step:
    title = section.title if section else table.title.replace("{year}", str(session.draft.year))
    cells = frozenset(c.id for c in session.form.cells_of(table.id))
    build = partial(_table_page, session, table, section)
    return Step(StepKind.TABLE, title, build, section, table, cells=cells)


# The page modules (and the Qt classes they use) load with the first page of their kind.


def _text_page(session: DraftSession, section: Section) -> Page:
    from .text_page import TextPage

    return TextPage(session, section)


def _table_page(session: DraftSession, table: Table, section: Section | None) -> Page:
    from .table_page import TablePage

    return TablePage(session, table, section)


def _review_page(session: DraftSession) -> Page:
    from .review_page import ReviewPage

    return ReviewPage(session)


def step_state(step: Step, session: DraftSession) -> tuple[str, str]:
    """(what the step's tooltip says, the icon kind: ok/warning/error or "" for none)."""
    if step.kind is StepKind.TEXT and step.section is not None:
        written = bool(session.draft.texts.get(step.section.id, "").strip())
        return ("已填写", "ok") if written else ("未填写", "")
    if step.kind is StepKind.TABLE:
        listed, blanks = session.page_findings(set(step.cells))
        summary = Summary.of(listed, session.draft.explanations)
        if summary.unexplained:
            return f"{summary.unexplained} 个错误未处理", "error"
        if summary.errors:  # explained: the same yellow as 审核 shows for it
            return f"{summary.errors} 个错误已写说明", "warning"
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
