"""Last year's report beside this year's: the 上年数 the year-on-year checks compare with.

The year-on-year rules themselves are data in the form files (``prev:`` terms and
``same_as_previous`` checks, see :mod:`~govreport_gui.core.rules`); this module attaches
last year's report to a draft and looks its values up for display.
"""

from __future__ import annotations

from .draft import Draft, PreviousYear
from .errors import GovreportError
from .library import FormLibrary
from .values import Value, display


def attach_previous(draft: Draft, last_year: Draft) -> None:
    """Keep last year's values and texts in ``draft``; the years must follow each other."""
    if last_year.year != draft.year - 1:
        raise GovreportError(
            f"上年数应来自 {draft.year - 1} 年度的报告，但所选文件是 {last_year.year} 年度的"
        )
    draft.previous = PreviousYear(
        last_year.year, last_year.form_id, dict(last_year.values), dict(last_year.texts)
    )


def previous_value(draft: Draft, cell_id: str) -> Value:
    """Last year's value of a cell; None when nothing is attached or it was blank or absent."""
    if draft.previous is None:
        return None
    return draft.previous.values.get(cell_id)


def previous_note(draft: Draft, cell_id: str, library: FormLibrary) -> str:
    """What to show beside a cell for last year: ``2022年度：12``, 未填写, or 无此项.

    Empty when no report of last year is attached. A cell of this year's format that last
    year's format did not have (2021 table 二 against the 2019 format) says so, rather than
    looking like a blank.
    """
    prev = draft.previous
    if prev is None:
        return ""
    value = prev.values.get(cell_id)
    if value is not None:
        return f"{prev.year}年度：{display(value)}"
    form = library.forms.get(prev.form_id)
    if form is not None and cell_id not in form.cells:
        return f"{prev.year}年度的报告格式没有此项"
    return f"{prev.year}年度：未填写"
