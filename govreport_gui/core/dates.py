"""Official dates as GB/T 9704-2012 7.3.5.4 writes them: 2018年2月12日, no zero padding.

Used by every output (PDF, Word, web page) for the 成文日期 under the issuer.
"""

from __future__ import annotations

import re

from .draft import Draft

_DATE = re.compile(r"^\s*(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?\s*$")


def official_date(text: str) -> str:
    """``2018.2.12`` / ``2018-02-12`` / ``2018年02月12日`` → ``2018年2月12日``; else as typed."""
    m = _DATE.match(text or "")
    if not m:
        return (text or "").strip()
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return text.strip()
    return f"{year}年{month}月{day}日"


def issue_date(draft: Draft) -> str:
    return official_date(draft.report.get("issue_date") or draft.signatories.get("date", ""))
