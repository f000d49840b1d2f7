"""Last year's report beside this year's: the 上年数 the year-on-year checks compare with."""

from __future__ import annotations

from .draft import Draft, PreviousYear
from .errors import GovreportError


def attach_previous(draft: Draft, last_year: Draft) -> None:
    """Keep last year's values and texts in ``draft``; the years must follow each other."""
    if last_year.year != draft.year - 1:
        raise GovreportError(
            f"上年数应来自 {draft.year - 1} 年度的报告，但所选文件是 {last_year.year} 年度的"
        )
    draft.previous = PreviousYear(
        last_year.year, last_year.form_id, dict(last_year.values), dict(last_year.texts)
    )
