"""One block of a statistics table as a real Word table, from the core's table layout.

Merged cells come from the layout's spans; the caption and column header rows repeat on
every page; numbers are right-aligned. Column widths fill the 156 mm type area: value
columns get about four characters, nested group columns two, the row label the rest.
"""

from __future__ import annotations

import math
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..core.table_layout import Align, BlockLayout, CellKind, LayoutCell, TableLayout
from .docx_parts import add_run, cell_margins, repeat_as_header

AREA_WIDTH = 156 / 25.4 * 72  # points
PAD = 3.0  # cell padding each side, as in the PDF
VALUE_CHARS = (4.0, 2.0)  # ideal and least width of a value column, in characters
GROUP_CHARS = 2.0
UNIT_CHARS = 2.5
LABEL_CHARS = 6.0
KEEP_ROWS = 12  # least width of the row label column
_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
}


def column_widths(layout: TableLayout, size: float, avail: float = AREA_WIDTH) -> list[float]:
    """Widths in points of the table's grid columns, summing to ``avail``."""
    pad = 2 * PAD
    longest = max((len(c.text) for c in layout.value_cells()), default=0)
    groups = [GROUP_CHARS * size + pad] * max(layout.label_cols - 1, 0)
    unit = [UNIT_CHARS * size + pad] if layout.unit_col else []
    fixed = sum(groups) + sum(unit)
    if not layout.label_cols:
        return unit + [(avail - fixed) / layout.value_cols] * layout.value_cols
    least = LABEL_CHARS * size + pad
    for chars in VALUE_CHARS:
        value = max(chars * size, longest * size * 0.55) + pad
        label = avail - fixed - value * layout.value_cols
        if label >= least:
            break
    label = max(label, least)
    value = min(value, (avail - fixed - label) / layout.value_cols)
    return [*groups, label, *unit] + [value] * layout.value_cols


def add_layout_table(doc: Any, layout: TableLayout, block: BlockLayout, size: float) -> Any:
    """Append ``block`` to ``doc`` as a bordered table; returns the python-docx table."""
    rows = block.header_rows + len(block.lines)
    table = doc.add_table(rows=rows, cols=block.ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cell_margins(table, PAD)
    widths = column_widths(layout, size)
    for k, width in enumerate(widths):
        table.columns[k].width = Pt(width)
    grid = [row.cells for row in table.rows]  # before merging: each position its own cell
    for r, row in enumerate(table.rows):
        for k, cell in enumerate(grid[r]):
            cell.width = Pt(widths[k])
        if r < block.header_rows:
            repeat_as_header(row)
    style_id = doc.styles["govreport 表格"].style_id
    for cell in block.cells():
        target = grid[cell.row][cell.col]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(grid[cell.row + cell.rowspan - 1][cell.col + cell.colspan - 1])
        _fill(target, cell, style_id, size)
    for r in _kept_with_next(block):
        for cell in grid[r]:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
    return table


def _kept_with_next(block: BlockLayout) -> set[int]:
    """Rows Word must keep with the next one. Word cannot repeat a group label on the next
    page as the PDF does: a group of up to KEEP_ROWS lines stays on one page, a longer one
    keeps enough lines together to show its whole label, and a heading line stays with
    its first item."""
    top = block.header_rows
    rows = {top + i for i, line in enumerate(block.lines) if line.heading}
    for cell in block.cells():
        if cell.kind is not CellKind.GROUP:
            continue
        kept = cell.rowspan
        if kept > KEEP_ROWS:
            kept = min(kept, math.ceil(len(cell.text) / GROUP_CHARS) + 1)
        rows |= set(range(cell.row, cell.row + kept - 1))
    return rows


def _fill(target: Any, cell: LayoutCell, style_id: str, size: float) -> None:
    long_group = cell.kind is CellKind.GROUP and cell.rowspan > KEEP_ROWS
    target.vertical_alignment = (  # a group running onto the next page: label at its top
        WD_CELL_VERTICAL_ALIGNMENT.TOP if long_group else WD_CELL_VERTICAL_ALIGNMENT.CENTER
    )
    for extra in target.paragraphs[1:]:  # a merge leaves one paragraph per merged cell
        extra._p.getparent().remove(extra._p)
    para = target.paragraphs[0]
    para._p.style = style_id  # by id: python-docx's style lookup is slow on large tables
    para.alignment = _ALIGN[cell.align]
    if cell.indent:
        para.paragraph_format.left_indent = Pt(cell.indent * size)
    if cell.text and cell.kind is not CellKind.EMPTY:
        add_run(para, cell.text, None, size)
