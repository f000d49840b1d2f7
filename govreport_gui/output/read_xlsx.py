"""An Excel workbook (.xlsx) as a Document: each visible worksheet is one grid.

openpyxl opens the file (values, not formulas: a total typed as ``=SUM(...)`` reads as
the number Excel last computed and saved); merged cells are laid out so that every
position of a merged range reads as its top-left cell. Numbers are turned into text the
way they were typed, so money reads exactly: 12.35 stays 12.35, never 12.349999.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..core.document import Document, Grid, Paragraph, tidy_text
from ..core.errors import GovreportError

MAX_ROWS = 3000  # a sheet formatted down to row 1,048,576 is read as far as a report goes
MAX_COLUMNS = 200


def read_xlsx(raw: bytes, name: str) -> Document:
    """Read a .xlsx file's bytes; raises GovreportError (in Chinese) when it cannot be opened."""
    import openpyxl  # only loaded when a workbook is read

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, SyntaxError):
        # SyntaxError: damaged XML inside (ElementTree's and lxml's); the library's words are English
        raise GovreportError(f"无法打开 Excel 工作簿 {name}：文件已损坏或不完整") from None
    blocks: list[Paragraph | Grid] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible" or not sheet.max_row:
            continue
        if sheet.max_column == 1:  # a sheet of text (the report's narrative), a row a paragraph
            texts = (tidy_text(cell_text(v)) for (v,) in sheet.iter_rows(values_only=True))
            blocks += [Paragraph(t) for t in texts if t]
        else:
            blocks.append(_grid(sheet))
    return Document(blocks, book.properties.title or "", "Excel 工作簿")


def _grid(sheet: Any) -> Grid:
    rows = min(sheet.max_row, MAX_ROWS)
    cols = min(sheet.max_column, MAX_COLUMNS)
    texts = [
        [cell_text(v) for v in row]
        for row in sheet.iter_rows(min_row=1, max_row=rows, max_col=cols, values_only=True)
    ]
    anchors = [[r * cols + c for c in range(cols)] for r in range(rows)]
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= rows or left >= cols:
            continue
        for r in range(top, min(merged.max_row, rows)):
            for c in range(left, min(merged.max_col, cols)):
                texts[r][c] = texts[top][left]
                anchors[r][c] = anchors[top][left]
    return Grid(
        tuple(map(tuple, texts)), tuple(map(tuple, anchors)), f"工作表「{sheet.title}」", a1=True
    )


def cell_text(value: Any) -> str:
    """A cell's value as the clerk typed it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
