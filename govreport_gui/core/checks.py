"""Run every rule of a form over a draft; group and summarise what was found."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .draft import Draft
from .model import Form, Section
from .rules import Finding, LastYear, Severity
from .values import Value


def run_checks(
    form: Form,
    values: Mapping[str, Value],
    previous: LastYear | Mapping[str, Value] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Finding]:
    """All findings, errors first, then in the form's rule order.

    ``previous`` (last year's report) enables the year-on-year rules; ``texts`` (this
    year's sections) lets them compare the narrative too.
    """
    return errors_first(f for rule in form.rules for f in rule.evaluate(values, previous, texts))


def errors_first(findings: Iterable[Finding]) -> list[Finding]:
    """Errors before hints, each kind in the order found (a stable sort)."""
    ordered = list(findings)
    ordered.sort(key=lambda f: f.severity is not Severity.ERROR)
    return ordered


def last_year_of(draft: Draft) -> LastYear | None:
    """Last year's report attached to ``draft``, with both years for the messages."""
    if draft.previous is None:
        return None
    prev = draft.previous
    return LastYear(prev.values, prev.texts, prev.year, draft.year)


def check_draft(form: Form, draft: Draft) -> list[Finding]:
    return run_checks(form, draft.values, last_year_of(draft), draft.texts)


def unexplained_errors(
    findings: Iterable[Finding], explanations: Mapping[str, str]
) -> list[Finding]:
    """Errors neither fixed nor explained: these keep the 草稿 mark on the print."""
    return [
        f
        for f in findings
        if f.severity is Severity.ERROR and not explanations.get(f.rule, "").strip()
    ]


def section_of(form: Form, finding: Finding) -> Section | None:
    """The section the finding is about: its own, or the one whose table holds its first cell."""
    if finding.section:
        return form.section(finding.section)
    if not finding.cells:
        return None
    table = form.cells[finding.cells[0]].table
    return form.section_of_table(table)


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    unexplained: int

    @classmethod
    def of(cls, findings: list[Finding], explanations: Mapping[str, str]) -> Summary:
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        return cls(errors, len(findings) - errors, len(unexplained_errors(findings, explanations)))
