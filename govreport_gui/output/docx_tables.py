"""One block of a statistics table as a real Word table, from the core's table layout.

Merged cells come from the layout's spans; the caption and column header rows repeat on
every page; numbers are right-aligned. Column widths fill the 156 mm type area: value
columns get about four characters, nested group columns two, the row label the rest.
"""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ..core.table_layout import BlockLayout, CellKind, LayoutCell, TableLayout

AREA_WIDTH = 156 / 25.4 * 72  # points
PAD = 3.0  # cell padding left and right, as in the PDF
V_PAD = 2.5  # and above and below
VALUE_CHARS = (4.0, 2.0)  # ideal and least width of a value column, in characters
GROUP_CHARS = 2.0
UNIT_CHARS = 2.5
LABEL_CHARS = 6.0
KEEP_ROWS = 12  # least width of the row label column


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
    """Append ``block`` to ``doc`` as a bordered table; returns its ``w:tbl`` element.

    The table is written as WordprocessingML text and parsed once: building it cell by
    cell through python-docx takes seconds for table 三.
    """
    widths = column_widths(layout, size)
    style = doc.styles["Table Grid"].style_id
    cell_style = doc.styles["govreport 表格"].style_id
    kept = _kept_with_next(block)
    owner = _owners(block)
    rows = []
    for r in range(block.header_rows + len(block.lines)):
        tr_pr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < block.header_rows else "")
        cells = [
            _tc(cell, r, widths, cell_style, size, r in kept)
            for k, cell in enumerate(owner[r])
            if cell.col == k  # a horizontal span has one w:tc, at its first column
        ]
        rows.append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{''.join(cells)}</w:tr>")
    twips, v_twips = round(PAD * 20), round(V_PAD * 20)
    cols = "".join(f'<w:gridCol w:w="{round(w * 20)}"/>' for w in widths)
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{style}"/>'
        '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{v_twips}" w:type="dxa"/><w:left w:w="{twips}" '
        f'w:type="dxa"/><w:bottom w:w="{v_twips}" w:type="dxa"/><w:right w:w="{twips}" '
        'w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    tbl = parse_xml(xml)
    doc.element.body._insert_tbl(tbl)
    return tbl


def _owners(block: BlockLayout) -> list[list[LayoutCell]]:
    """For every grid position, the cell anchored there or spanning over it."""
    rows = block.header_rows + len(block.lines)
    owner: list[list[LayoutCell | None]] = [[None] * block.ncols for _ in range(rows)]
    for cell in block.cells():
        for r in range(cell.row, cell.row + cell.rowspan):
            for k in range(cell.col, cell.col + cell.colspan):
                owner[r][k] = cell
    return owner  # type: ignore[return-value]  # the layout covers every position


def _tc(cell: LayoutCell, r: int, widths: list[float], style: str, size: float, keep: bool) -> str:
    """One ``w:tc``: the anchor of ``cell`` on its first row, a vMerge continuation below."""
    width = round(sum(widths[cell.col : cell.col + cell.colspan]) * 20)
    pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if cell.colspan > 1:
        pr += f'<w:gridSpan w:val="{cell.colspan}"/>'
    if cell.rowspan > 1:
        pr += '<w:vMerge w:val="restart"/>' if r == cell.row else "<w:vMerge/>"
    top = cell.kind is CellKind.GROUP and cell.rowspan > KEEP_ROWS  # label at the top
    pr += f'<w:vAlign w:val="{"top" if top else "center"}"/>'
    ppr = f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep else "")
    if cell.indent:
        ppr += f'<w:ind w:left="{round(cell.indent * size * 20)}"/>'
    ppr += f'<w:jc w:val="{cell.align.value}"/>'
    run = ""
    if r == cell.row and cell.text and cell.kind is not CellKind.EMPTY:
        half_points = round(size * 2)
        run = (
            f'<w:r><w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(cell.text)}</w:t></w:r>'
        )
    return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>{run}</w:p></w:tc>"


def _kept_with_next(block: BlockLayout) -> set[int]:
    """Rows Word must keep with the next one. Word cannot repeat a group label on the next
    page as the PDF does: a group of up to KEEP_ROWS lines stays on one page, a longer one
    keeps enough lines together to show its whole label, and the header rows and a
    heading line stay with the line after them."""
    top = block.header_rows
    rows = set(range(top))  # the header rows stay with the first line
    rows |= {top + i for i, line in enumerate(block.lines) if line.heading}
    for cell in block.cells():
        if cell.kind is not CellKind.GROUP:
            continue
        kept = cell.rowspan
        if kept > KEEP_ROWS:
            kept = min(kept, math.ceil(len(cell.text) / GROUP_CHARS) + 1)
        rows |= set(range(cell.row, cell.row + kept - 1))
    return rows
