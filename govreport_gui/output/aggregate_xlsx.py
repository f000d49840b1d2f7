"""汇总 to Excel: one row per unit summed, a 合计 row, and the files left out.

For the higher office (``govreport aggregate … --xlsx UNITS.xlsx`` and the 汇总 page).
Sheet ``各单位``: 序号, 单位, 文件, 错误, 提示, then one column per value cell of the form
under two header rows made from the printed labels (the row's label over the column's
short label; a table without row labels puts its column groups on top); one row per
included unit; the last row, 合计, holds the total draft's values, cell by cell. Sheet
``未汇总`` lists the files left out and why. Values are stored as the units' drafts hold
them: numbers as numbers, money exact with every stored decimal shown, 不适用 "/".

Unit drafts are passed as an iterable and written one at a time, so memory stays flat in
the number of units.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..core.aggregate import AggregateResult, UnitRow
from ..core.draft import Draft
from ..core.model import Cell
from ..core.report_outline import document_text
from ..core.values import NA, Value
from .xlsx import FONT, money_format, put_text

__all__ = ["LEFT_OUT_SHEET", "TOTAL_LABEL", "UNITS_SHEET", "units_workbook_bytes"]

UNITS_SHEET = "各单位"
LEFT_OUT_SHEET = "未汇总"
TOTAL_LABEL = "合计"
LEAD = ("序号", "单位", "文件", "错误", "提示")
HEADER_ROWS = 3  # title, then the two label rows
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def units_workbook_bytes(result: AggregateResult, unit_drafts: Iterable[Draft]) -> bytes:
    """The workbook; ``unit_drafts`` are the included units' drafts, in ``result.included`` order."""
    wb = Workbook()
    ws = wb.active
    ws.title = UNITS_SHEET
    cells = list(result.form.cells.values())
    _headers(ws, result, cells)
    row = HEADER_ROWS + 1
    for n, (unit_row, draft) in enumerate(zip(result.included, unit_drafts, strict=True), 1):
        name = document_text(draft.unit)
        _lead(
            ws,
            row,
            [n, name, document_text(unit_row.file.name), unit_row.errors, unit_row.warnings],
        )
        _values(ws, row, cells, draft)
        row += 1
    summary = result.summary
    _lead(ws, row, ["", TOTAL_LABEL, "", summary.errors, summary.warnings])
    _values(ws, row, cells, result.draft)
    for col in range(1, len(LEAD) + len(cells) + 1):
        ws.cell(row, col).font = Font(name=FONT, bold=True)
    ws.freeze_panes = ws.cell(HEADER_ROWS + 1, len(LEAD) + 1)
    _left_out(wb.create_sheet(LEFT_OUT_SHEET), result.left_out)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def column_labels(cell: Cell) -> tuple[str, str]:
    """The two header labels of a cell's column: its row's label path (without the
    outermost heading when nested) over its column's own label; a table without row
    labels puts the column's groups on top."""
    column = cell.column[-1] if cell.column else ""
    if cell.row:
        return " ".join(cell.row[1:]) or cell.row[0], column
    return " ".join(cell.column[:-1]), column


def _headers(ws: Any, result: AggregateResult, cells: list[Cell]) -> None:
    form, year = result.form, result.draft.year
    put_text(ws, 1, 1, f"{year}年度政府信息公开工作年度报告 各单位数据（{form.id} 格式）")
    ws.cell(1, 1).font = Font(name=FONT, size=14, bold=True)
    for col, text in enumerate(LEAD, 1):
        put_text(ws, 2, col, text)
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    first = len(LEAD) + 1
    labels = [column_labels(c) for c in cells]
    start = 0
    for k, (top, bottom) in enumerate(labels):
        put_text(ws, 3, first + k, bottom)
        ws.column_dimensions[get_column_letter(first + k)].width = 10
        last = (
            k + 1 == len(labels) or labels[k + 1][0] != top or cells[k + 1].table != cells[k].table
        )
        if last:
            put_text(ws, 2, first + start, top)
            if k > start:
                ws.merge_cells(
                    start_row=2, start_column=first + start, end_row=2, end_column=first + k
                )
            start = k + 1
    for r in (2, 3):
        ws.row_dimensions[r].height = 45
        for col in range(1, first + len(cells)):
            ws.cell(r, col).alignment = _CENTER
            ws.cell(r, col).font = Font(name=FONT, bold=True)
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 20


def _lead(ws: Any, row: int, values: list[Any]) -> None:
    for col, value in enumerate(values, 1):
        if isinstance(value, str):
            put_text(ws, row, col, value)
        else:
            ws.cell(row, col).value = value


def _values(ws: Any, row: int, cells: list[Cell], draft: Draft) -> None:
    first = len(LEAD) + 1
    for k, cell in enumerate(cells):
        _put(ws.cell(row, first + k), draft.value(cell.id))


def _put(target: Any, value: Value) -> None:
    if value is None:
        return
    if value is NA:
        target.value = "/"
        target.data_type = "s"
        target.alignment = Alignment(horizontal="right")
    elif isinstance(value, Decimal):
        target.value = value
        target.number_format = money_format(value)
    else:
        target.value = value


def _left_out(ws: Any, rows: list[UnitRow]) -> None:
    for col, text in enumerate(("文件", "单位", "原因"), 1):
        put_text(ws, 1, col, text).font = Font(name=FONT, bold=True)
    for r, row in enumerate(rows, 2):
        put_text(ws, r, 1, document_text(str(row.file)))
        put_text(ws, r, 2, document_text(row.unit))
        put_text(ws, r, 3, document_text(row.reason))
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 60
