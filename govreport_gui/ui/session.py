"""One open report: the draft, its form, its findings, and autosave through the store.

Every page edits the draft only through a :class:`DraftSession`, which runs the core's
checks after each change and saves (debounced) so that typing never waits for the disk.
A failed save keeps the draft in memory, says so, and is retried.

Undo: cells and narrative texts change through the session's QUndoStack (``undo_stack``),
one command per step the clerk would undo (see ``edits.py``). To change cells from a new
feature (paste, fill, a correction), parse each entry with :meth:`DraftSession.parse` and
hand them all to :meth:`DraftSession.set_values` with a short Chinese label: one undo step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..core.checks import Summary, section_of, unexplained_errors
from ..core.draft import (
    MAX_SHORT_CHARS,
    REPORT_FIELDS,
    Draft,
    checked_signatory,
    clean_unit,
    parse_entry,
)
from ..core.errors import GovreportError
from ..core.filenames import safe_file_name
from ..core.filling import SelectionSum, selection_sum, zero_fill
from ..core.library import FormLibrary, default_library
from ..core.model import Form, Section
from ..core.previous import attach_previous, previous_note, previous_value
from ..core.punctuation import half_width_marks, to_full_width
from ..core.recheck import Rechecker
from ..core.rules import Check, Finding, Severity
from ..core.values import Value, display
from ..storage.base import DraftLockedError, DraftStore, Status, StorageError
from .edits import SetCells, SetText

AUTOSAVE_MS = 700  # after the last change; well under the promised second
RETRY_MS = 5000  # after a failed save, even if nothing else changes

LOCKED_MESSAGE = "该报告已报送，已锁定；如需修改请先点击“解锁”"


def offer_text(session: DraftSession, finding: Finding) -> str:
    """The button text of a finding's computed value: 填入 17 for a blank cell,
    总计改为 17 for a filled one (named by its column, e.g. 总计)."""
    assert finding.suggestion is not None
    cell_id, value = finding.suggestion
    if session.draft.value(cell_id) is None:
        return f"填入 {display(value)}"
    return f"{session.form.cells[cell_id].column_short or '本格'}改为 {display(value)}"


class DraftSession(QObject):
    """The open draft; emits signals the pages listen to."""

    valuesChanged = Signal()  # a cell value changed (findings are already up to date)
    #: Before valuesChanged: the ids of the cells whose value, marks or tooltip may have
    #: changed (a frozenset), or None for "any cell" (issue 17: repaint only those).
    cellsChanged = Signal(object)
    findingsChanged = Signal()
    draftChanged = Signal()  # anything at all changed (texts, signatories, 说明...)
    saved = Signal(object)  # datetime of the save
    saveFailed = Signal(str)  # the store's message; the draft is still in memory
    storeNotice = Signal(str)  # something the store found while saving (e.g. no backup made)
    statusChanged = Signal(object)  # Status
    previousShownChanged = Signal(bool)  # last year's values shown beside the cells
    findingsOpenChanged = Signal(bool)  # the table pages' findings listed, or one line
    textChanged = Signal(str)  # section id whose text changed (typed, undone or redone)
    #: An undo or redo changed this cell or section (id): the window shows it.
    undoneAt = Signal(str)

    def __init__(
        self,
        store: DraftStore,
        draft_id: str,
        draft: Draft,
        form: Form,
        status: Status = Status.DRAFT,
        parent: QObject | None = None,
        *,
        library: FormLibrary | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.library = library if library is not None else default_library()
        self.draft_id = draft_id
        self.draft = draft
        self.form = form
        self.status = status
        self.dirty = False
        self.last_saved: datetime | None = None
        self.last_error = ""
        self.show_previous = False
        self.findings_open = False  # every table page follows the clerk's last choice
        self._checks = {rule.key: rule.check for rule in form.rules}
        self.findings: list[Finding] = []
        self._by_cell: dict[str, list[Finding]] = {}
        self._culprits: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.save_now)
        self.undo_stack = QUndoStack(self)
        self._rechecker = Rechecker(form, draft)
        self._recheck()

    # -- reading -----------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.status is Status.SUBMITTED

    def is_fill_check(self, finding: Finding) -> bool:
        """A "not filled in" finding: listed, but not painted on every blank cell."""
        return self._checks.get(finding.rule) is Check.FILLED

    def is_text_reminder(self, finding: Finding) -> bool:
        """A "write something here" finding (the text page shows the others)."""
        return self._checks.get(finding.rule) is Check.WRITTEN

    def cell_findings(self, cell_id: str) -> list[Finding]:
        """Findings that mark this cell (errors first); blank-cell reminders excluded."""
        return self._by_cell.get(cell_id, [])

    def cell_severity(self, cell_id: str) -> Severity | None:
        found = self._by_cell.get(cell_id)
        return found[0].severity if found else None

    def suggestion_for(self, cell_id: str) -> Finding | None:
        """A finding that offers a computed value for this (blank) cell."""
        for finding in self.findings:
            if finding.suggestion is not None and finding.suggestion[0] == cell_id:
                return finding
        return None

    def findings_in(self, cell_ids: set[str]) -> list[Finding]:
        return [f for f in self.findings if f.cells and f.cells[0] in cell_ids]

    def is_culprit(self, cell_id: str) -> bool:
        """The cell an error most likely comes from: the total its parts disagree with."""
        return cell_id in self._culprits

    def zero_fill_offer(self, cell_ids: Iterable[str]) -> dict[str, Value]:
        """The blank cells among ``cell_ids`` that 空白格填 0 would fill (the core decides)."""
        return zero_fill(self.form, self.draft, cell_ids)

    def selection_sum(self, cell_ids: Iterable[str]) -> SelectionSum:
        return selection_sum(self.draft.value(c) for c in cell_ids)

    def blank_cells(self) -> list[str]:
        """Cells still blank, in the form's order (签署与打印 counts them before printing)."""
        return [c for c in self.form.cells if self.draft.value(c) is None]

    def page_findings(self, cell_ids: set[str]) -> tuple[list[Finding], list[Finding]]:
        """(findings listed one by one, blank-cell reminders) about these cells."""
        mine = self.findings_in(cell_ids)
        blanks = [f for f in mine if self.is_fill_check(f)]
        return [f for f in mine if not self.is_fill_check(f)], blanks

    def section_of(self, finding: Finding) -> Section | None:
        return section_of(self.form, finding)

    def unexplained_errors(self) -> list[Finding]:
        return unexplained_errors(self.findings, self.draft.explanations)

    def file_name(self, suffix: str) -> str:
        """The report's title as a file name (PDF, Word, draft file…), ``suffix`` added."""
        return safe_file_name(self.draft.title(self.form)) + suffix

    def summary(self) -> Summary:
        return Summary.of(self.findings, self.draft.explanations)

    # -- last year ---------------------------------------------------------------------

    @property
    def has_previous(self) -> bool:
        return self.draft.previous is not None

    def set_findings_open(self, on: bool) -> None:
        """List the findings under every table, or fold them to their summary line."""
        if bool(on) != self.findings_open:
            self.findings_open = bool(on)
            self.findingsOpenChanged.emit(self.findings_open)

    def set_show_previous(self, on: bool) -> None:
        """Show or hide last year's value beside each cell (every table page follows)."""
        on = bool(on) and self.has_previous
        if on != self.show_previous:
            self.show_previous = on
            self.previousShownChanged.emit(on)

    def previous_note(self, cell_id: str) -> str:
        """``2022年度：12`` and the like, from the core; empty without last year's report."""
        return previous_note(self.draft, cell_id, self.library)

    def previous_value(self, cell_id: str) -> Value:
        return previous_value(self.draft, cell_id)

    # -- notes of a 汇总 ---------------------------------------------------------------

    @property
    def notes(self) -> dict[str, str]:
        """Cell id → what the 汇总 left to the clerk there (saved with the total)."""
        return self.draft.notes

    # -- changing ----------------------------------------------------------------------

    def parse(self, cell_id: str, typed: str) -> Value:
        """What typed text means in a cell (the core decides); raises ValueInputError."""
        return parse_entry(self.form, cell_id, typed)

    def enter(self, cell_id: str, typed: str) -> Value:
        """Store what was typed; raises ValueInputError (old value kept) or when locked."""
        self._check_writable()
        value = self.parse(cell_id, typed)
        self.set_values({cell_id: value}, f"填写“{self.form.cells[cell_id].label}”")
        return value

    def set_values(self, values: Mapping[str, Value], label: str) -> int:
        """Set many cells as one undo step (``label`` names it: 撤销 + label); cells that
        already hold their value are left out. Returns how many cells changed."""
        self._check_writable()
        changed = {c: v for c, v in values.items() if self.draft.value(c) != v}
        if changed:
            self.undo_stack.push(SetCells(self, changed, label))
        return len(changed)

    def set_previous(self, last_year: Draft) -> None:
        """Keep last year's report beside this one (上年数); raises GovreportError."""
        self._check_writable()
        attach_previous(self.draft, last_year)
        self._values_changed()

    def clear(self, cell_id: str) -> None:
        self.set_values({cell_id: None}, f"清除“{self.form.cells[cell_id].label}”")

    def accept(self, finding: Finding) -> None:
        """Fill the cell a finding names with the value the core computed for it."""
        if finding.suggestion is None:
            return
        cell_id, value = finding.suggestion
        self.set_values({cell_id: value}, f"填入“{self.form.cells[cell_id].label}”")

    def set_text(self, section_id: str, text: str, label: str = "") -> None:
        """A section's text as typed; typing without a pause is one undo step. With a
        ``label`` (e.g. 以上年内容为底稿) the change is an undo step of its own."""
        self._check_writable()
        if text == self.draft.texts.get(section_id, ""):
            return
        section = next((s for s in self.form.sections if s.id == section_id), None)
        title = section.title if section is not None else section_id
        command = SetText(self, section_id, text, label or f"编辑“{title}”", merge=not label)
        self.undo_stack.push(command)

    def fix_punctuation(self, section_id: str) -> int:
        """改为全角标点: the section's half-width marks made full-width, one undo step."""
        self._check_writable()
        text = self.draft.texts.get(section_id, "")
        count = len(half_width_marks(text))
        if count:
            self.set_text(section_id, to_full_width(text), "改为全角标点")
        return count

    def undo(self) -> None:
        """Take back the last change of cells or text (raises when the report is locked)."""
        self._check_writable()
        self.undo_stack.undo()

    def redo(self) -> None:
        self._check_writable()
        self.undo_stack.redo()

    def _apply_values(self, values: Mapping[str, Value], *, shown: str = "") -> None:
        for cell_id, value in values.items():
            self.draft.set_value(cell_id, value)
        self._values_changed(values)
        if shown:
            self.undoneAt.emit(shown)

    def _apply_text(self, section_id: str, text: str, *, shown: str = "") -> None:
        if text:
            self.draft.texts[section_id] = text
        else:
            self.draft.texts.pop(section_id, None)
        # The texts are checked too (written, copied, numbers, punctuation): cells may change.
        self.cellsChanged.emit(self._recheck_texts())
        self.findingsChanged.emit()
        self._touch()
        self.textChanged.emit(section_id)
        if shown:
            self.undoneAt.emit(shown)

    def set_unit(self, unit: str) -> None:
        self._check_writable()
        self.draft.unit = clean_unit(unit)
        self._touch()

    def set_signatory(self, key: str, text: str) -> None:
        self._check_writable()
        self.draft.signatories[key] = checked_signatory(key, text)
        self._touch()

    def set_report_field(self, key: str, text: str) -> None:
        """报告标题, 主送机关, 落款单位 or 成文日期; empty means the printed default."""
        if key not in REPORT_FIELDS:
            raise KeyError(key)
        self._check_writable()
        text = text.strip()
        if len(text) > MAX_SHORT_CHARS:
            raise GovreportError(f"{REPORT_FIELDS[key]}太长（{len(text)} 个字）")
        if text == self.draft.report.get(key, ""):
            return
        if text:
            self.draft.report[key] = text
        else:
            self.draft.report.pop(key, None)
        self._touch()

    def set_explanation(self, rule_key: str, text: str) -> None:
        self._check_writable()
        if text.strip():
            self.draft.explanations[rule_key] = text
        else:
            self.draft.explanations.pop(rule_key, None)
        self._touch()

    def set_status(self, status: Status) -> None:
        """Change 草稿/已审核/已报送; saves first so the locked version is the latest."""
        if status is self.status:
            return
        if not self.flush():
            raise GovreportError(f"报告尚未保存，无法更改状态：{self.last_error}")
        self.status = self.store.set_status(self.draft_id, status).status
        self.statusChanged.emit(self.status)

    def unlock(self) -> None:
        """The explicit way back from 已报送 to 草稿."""
        self.status = self.store.set_status(self.draft_id, Status.DRAFT).status
        self.statusChanged.emit(self.status)
        if self.dirty:
            self._timer.start()

    # -- saving ------------------------------------------------------------------------

    def save_now(self) -> bool:
        """Save if anything changed; False (and a saveFailed signal) when the store refused."""
        self._timer.stop()
        self._retry.stop()
        if not self.dirty:
            return True
        try:
            info = self.store.save(self.draft_id, self.draft)
        except DraftLockedError as exc:
            self.last_error = str(exc)
            if self.status is not Status.SUBMITTED:
                self.status = Status.SUBMITTED
                self.statusChanged.emit(self.status)
            self.saveFailed.emit(self.last_error)
            return False
        except StorageError as exc:
            self.last_error = str(exc)
            self._retry.start()
            self.saveFailed.emit(self.last_error)
            return False
        self.dirty = False
        self.last_error = ""
        self.last_saved = info.saved_at
        self.saved.emit(info.saved_at)
        for notice in self.store.take_notices():
            self.storeNotice.emit(notice)
        return True

    def flush(self) -> bool:
        """Save now (closing the window, switching drafts, printing)."""
        return self.save_now()

    # -- internals ---------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise DraftLockedError(LOCKED_MESSAGE)

    def _touch(self) -> None:
        self.dirty = True
        self._timer.start()
        self.draftChanged.emit()

    def _values_changed(self, cell_ids: Iterable[str] | None = None) -> None:
        """After cells changed (None: any cell): re-check, then tell the pages."""
        self.cellsChanged.emit(self._recheck(cell_ids))
        self.valuesChanged.emit()
        self.findingsChanged.emit()
        self._touch()

    def _recheck(self, cell_ids: Iterable[str] | None = None) -> frozenset[str] | None:
        """Re-run the rules that read these cells (None: every rule); the cells whose
        value or findings may have changed (None: any)."""
        if cell_ids is None:
            self.findings = self._rechecker.recheck_all()
            shown = None
        else:
            edited = frozenset(cell_ids)
            went_or_came = self._rechecker.cells_changed(edited)
            self.findings = self._rechecker.findings
            offered = {f.suggestion[0] for f in went_or_came if f.suggestion is not None}
            shown = edited.union(offered, *(f.cells for f in went_or_came))
        self._index_by_cell()
        return shown

    def _recheck_texts(self) -> frozenset[str]:
        """Re-run the rules that read the texts; the cells whose findings may have changed."""
        went_or_came = self._rechecker.texts_changed()
        self.findings = self._rechecker.findings
        self._index_by_cell()
        offered = {f.suggestion[0] for f in went_or_came if f.suggestion is not None}
        return frozenset(offered).union(*(f.cells for f in went_or_came))

    def _index_by_cell(self) -> None:
        by_cell: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            if self.is_fill_check(finding):
                continue
            for cell_id in finding.cells:
                by_cell[cell_id].append(finding)
        self._by_cell = dict(by_cell)
        self._culprits = {
            f.suggestion[0]
            for f in self.findings
            if f.severity is Severity.ERROR
            and f.suggestion is not None
            and self.draft.value(f.suggestion[0]) is not None
        }
