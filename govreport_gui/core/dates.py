"""Dates as clerks type them, and as official documents print them (2018年2月12日).

GB/T 9704-2012 7.3.5.4: Arabic numerals, year in full, no zero padding. A text that is
not shaped like a date (「二〇二四年一月」) is printed as typed; a text shaped like one
that names no real day (「2023-02-30」) is refused with a message saying why.
"""

from __future__ import annotations

import re
from datetime import date

from .draft import REPORT_FIELDS, SIGNATORIES, Draft
from .errors import ValueInputError

_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))\s*$"
)


def parse_date(text: str, label: str = "日期") -> date | None:
    """The day ``text`` names; None when it is not shaped like a date; raises when no such day."""
    m = _DATE.match(text or "")
    if not m:
        return None
    year = int(m.group(1))
    month, day = (int(g) for g in (m.group(2, 3) if m.group(2) else m.group(4, 5)))
    try:
        return date(year, month, day)
    except ValueError:
        why = _why(year, month, day)
        raise ValueInputError(f"「{label}」“{text.strip()}”不是有效的日期：{why}") from None


def _why(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"没有{month}月"
    return f"{year}年{month}月没有{day}日"


def official_date(text: str, label: str = "日期") -> str:
    """``2018.2.12`` / ``2018-02-12`` / ``2018年02月12日`` → ``2018年2月12日``; else as typed."""
    day = parse_date(text, label)
    if day is None:
        return (text or "").strip()
    return f"{day.year}年{day.month}月{day.day}日"


def issue_date(draft: Draft) -> str:
    """成文日期 as printed (the 填报日期 when none is given); raises for a day that does not exist.

    Here, not in the PDF's sign-off, so that Word and the web page print the same date.
    """
    typed = draft.report.get("issue_date")
    if typed:
        return official_date(typed, REPORT_FIELDS["issue_date"])
    return official_date(draft.signatories.get("date", ""), SIGNATORIES["date"])
