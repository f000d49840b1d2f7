"""Filling many cells at once, and adding up a selection: the arithmetic behind the
window's 空白格填 0 and its status-bar sum (the window only shows the results).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .draft import Draft, parse_entry
from .errors import ValueInputError
from .model import Form
from .rules import Check
from .values import NA, Value, numeric


def zero_fill(form: Form, draft: Draft, cell_ids: Iterable[str]) -> dict[str, Value]:
    """The blank cells among ``cell_ids`` that 0 suits, each with its 0.

    Left out: cells whose kind refuses 0, and the total of a sum whose parts are not all
    zero once filled (0 there would be a new 错误; the check offers the parts' sum instead).
    Blank stays distinct from 0 everywhere else: nothing is filled that was not asked for.
    """
    fill: dict[str, Value] = {}
    for cell_id in cell_ids:
        if draft.value(cell_id) is not None or cell_id in fill:
            continue
        try:
            fill[cell_id] = parse_entry(form, cell_id, "0")
        except ValueInputError:
            continue
    values = {**draft.values, **fill}
    for rule in form.rules:
        total = rule.left[0].cell if rule.check is Check.SUM and rule.left else None
        if total in fill and any(numeric(values.get(t.cell)) != 0 for t in rule.right):
            del fill[total]
    return fill


@dataclass(frozen=True)
class SelectionSum:
    """What the status bar says about selected cells, as Excel does."""

    total: int | Decimal
    numbers: int  # cells holding a number
    blanks: int
    not_applicable: int


def selection_sum(values: Iterable[Value]) -> SelectionSum:
    total: int | Decimal = 0
    numbers = blanks = na = 0
    for value in values:
        if value is None:
            blanks += 1
        elif value is NA:
            na += 1
        else:
            numbers += 1
            total += numeric(value)
    return SelectionSum(total, numbers, blanks, na)
