"""The units' problems found by a 汇总, as a table to send back to the units.

One row per finding of every unit whose file was read: 单位, 文件, 类别 (错误/提示), 问题
and the unit's own 说明. CSV in UTF-8 with a byte-order mark, which Excel and WPS open
as Chinese text without asking for an encoding.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..core.aggregate import UnitRow
from ..core.rules import Severity

HEADER = ("单位", "文件", "类别", "问题", "说明")


def problem_rows(units: Iterable[UnitRow]) -> list[tuple[str, str, str, str, str]]:
    """Errors before hints within each unit; units in the order given."""
    rows = []
    for unit in units:
        ordered = sorted(unit.problems(), key=lambda p: p[0].severity is not Severity.ERROR)
        for finding, explanation in ordered:
            rows.append(
                (unit.unit, unit.file.name, finding.severity.label, finding.message, explanation)
            )
    return rows


def unit_problems_csv(units: Iterable[UnitRow]) -> tuple[bytes, int]:
    """The table as CSV bytes, and how many problems it lists (the caller writes it by
    the rule of writing outputs, ``core.safe_output``)."""
    rows = problem_rows(units)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8"), len(rows)
