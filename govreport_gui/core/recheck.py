"""Re-check a draft after some cells change by running only the rules that read them.

The form file names the cells each rule reads (its terms; ``Rule.cells``, last year's
cells left out, as they do not change while typing), so :class:`RuleIndex` maps each
cell to its rules once per form. A check type whose reads the index does not know is
re-run after every change: a new check type is then slower, never wrong.
:class:`Rechecker` keeps each rule's findings and always holds what
:func:`~govreport_gui.core.checks.check_draft` would return.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from .checks import errors_first, last_year_of
from .draft import Draft
from .model import Form
from .rules import Check, Finding, Rule

#: Check types that read this year's cells only through their terms (``Rule.cells``).
READS_ITS_TERMS = frozenset({Check.SUM, Check.EQUAL, Check.LE, Check.FILLED, Check.SAME})
#: Check types that read no cell at all (narrative texts only).
READS_NO_CELLS = frozenset({Check.WRITTEN, Check.PUNCTUATION})
#: Check types that read no text: a text change leaves their findings as they are.
READS_NO_TEXT = frozenset({Check.SUM, Check.EQUAL, Check.LE, Check.FILLED, Check.PRECISION})


def cells_read(rule: Rule) -> tuple[str, ...] | None:
    """The cells a rule reads, or None when the index cannot tell (it then always runs)."""
    if rule.check in READS_ITS_TERMS:
        return rule.cells
    if rule.check is Check.PRECISION:
        return tuple(rule.places)
    if rule.check in READS_NO_CELLS:
        return ()
    return None  # narrative rules (their statements' cells) and check types to come


class RuleIndex:
    """Cell id → positions (in the form's rule order) of the rules that read the cell."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        by_cell: defaultdict[str, list[int]] = defaultdict(list)
        always = []
        for at, rule in enumerate(rules):
            read = cells_read(rule)
            if read is None:
                always.append(at)
            for cell_id in read or ():
                by_cell[cell_id].append(at)
        self._by_cell = dict(by_cell)
        self._always = tuple(always)
        self._texts = tuple(at for at, r in enumerate(rules) if r.check not in READS_NO_TEXT)

    def reading(self, cell_ids: Iterable[str]) -> list[int]:
        """Positions of the rules a change of these cells can affect, in rule order."""
        found = set(self._always)
        for cell_id in cell_ids:
            found.update(self._by_cell.get(cell_id, ()))
        return sorted(found)

    def reading_texts(self) -> tuple[int, ...]:
        """Positions of the rules a change of the narrative texts can affect."""
        return self._texts


class Rechecker:
    """The findings of one draft, kept rule by rule so that a change re-runs few rules."""

    def __init__(self, form: Form, draft: Draft) -> None:
        self.form = form
        self.draft = draft
        self.index = RuleIndex(form.rules)
        self._per_rule: list[list[Finding]] = []
        self.findings: list[Finding] = []
        self.recheck_all()

    def recheck_all(self) -> list[Finding]:
        """Run every rule (last year's report or the texts changed); the findings."""
        run = self._runner()
        self._per_rule = [run(rule) for rule in self.form.rules]
        self.findings = errors_first(f for found in self._per_rule for f in found)
        return self.findings

    def cells_changed(self, cell_ids: Iterable[str]) -> set[Finding]:
        """Re-run the rules that read these cells; the findings that went or came."""
        return self._rerun(self.index.reading(cell_ids))

    def texts_changed(self) -> set[Finding]:
        """Re-run the rules that read the narrative texts; the findings that went or came."""
        return self._rerun(self.index.reading_texts())

    def _rerun(self, positions: Iterable[int]) -> set[Finding]:
        run = self._runner()
        changed: set[Finding] = set()
        for at in positions:
            before, after = self._per_rule[at], run(self.form.rules[at])
            if before != after:
                changed.update(before)
                changed.update(after)
                self._per_rule[at] = after
        if changed:
            self.findings = errors_first(f for found in self._per_rule for f in found)
        return changed

    def _runner(self) -> Callable[[Rule], list[Finding]]:
        """Evaluate a rule as ``check_draft`` does, on the draft as it is now."""
        draft = self.draft
        previous = last_year_of(draft)
        return lambda rule: rule.evaluate(draft.values, previous, draft.texts)
