"""The statistics tables as an Excel workbook (openpyxl) that the app can read back exactly.

One sheet per statistics table in the official layout (from
:mod:`govreport_gui.core.table_layout`): title, 填报单位 and unit line, merged header
cells, row labels with their indents, numbers stored as numbers. Money is written from
the exact Decimal with a number format showing every stored decimal (13579.246813 万元
shows 0.000000; exact up to 15 significant digits, all Excel keeps); 不适用 is the text "/"; a blank cell stays empty. Print set-up: A4,
the table fits the page width, its header rows repeat on every page. A sheet
``报告正文`` holds the narrative, issuer, date and signatories.

The hidden sheet ``govreport`` is the contract for reading the workbook back
(:data:`MAPPING_SHEET`; README "Excel workbook"):

==========  ==========================================================================
row 1       ``format`` | ``govreport-xlsx``
row 2       ``mapping_version`` | 1
row 3       ``form`` | form id (``2021``)
row 4       ``form_version`` | the form file's version (int)
row 5       ``year`` | report year (int)
row 6       ``unit`` | 填报单位
row 7       (empty)
row 8       ``cell_id`` | ``sheet`` | ``address`` | ``unit`` | ``kind``
row 9…      one row per value cell of the form: its id, the sheet and A1 address of the
            cell holding its value (the top-left cell when merged), 件/万元…, and
            ``count``/``signed``/``money``
==========  ==========================================================================

Every value cell of the form is listed exactly once, blank or not. A reader takes the
value at ``sheet!address``: empty = blank, the text "/" = 不适用, a number = the value.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from ..core.draft import Draft
from ..core.model import Form
from ..core.report_outline import ReportOutline, build_outline, document_text
from ..core.table_layout import BlockLayout, CellKind, LayoutCell, TableLayout
from ..core.values import NA

__all__ = ["MAPPING_SHEET", "MAPPING_VERSION", "money_format", "xlsx_bytes"]

MAPPING_SHEET = "govreport"
MAPPING_VERSION = 1
MAPPING_HEADER = ("cell_id", "sheet", "address", "unit", "kind")
MAPPING_FIRST_ROW = 9  # first cell row of the mapping sheet
TEXT_SHEET = "报告正文"
FONT = "仿宋"
TOP = 4  # the first block starts on this row (title, 填报单位 and a gap above)
GROUP_WIDTH = 8
LABEL_WIDTH = 30
UNIT_WIDTH = 7
VALUE_WIDTH = 9
NARROW_VALUE_WIDTH = 8
LINE_HEIGHT = 14.5  # points per line of 11 pt text
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def xlsx_bytes(form: Form, draft: Draft) -> bytes:
    """The workbook's bytes (written by the caller, see core.safe_output)."""
    outline = build_outline(form, draft)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = outline.title
    wb.properties.creator = "govreport"
    mapping: list[tuple[str, str, str, str, str]] = []
    names: set[str] = set()
    for table in outline.tables():
        ws = wb.create_sheet(_sheet_name(table.layout.title, names))
        mapping += _table_sheet(ws, form, draft, table.layout)
    _text_sheet(wb.create_sheet(TEXT_SHEET), outline)
    _mapping_sheet(wb.create_sheet(MAPPING_SHEET), form, draft, mapping)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def money_format(value: Decimal) -> str:
    """A number format showing every decimal ``value`` holds (0.00 for 12.35)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def put_text(ws: Any, row: int, col: int, text: str) -> Any:
    """Text stays text: a leading "=" is never turned into a formula."""
    cell = ws.cell(row=row, column=col)
    cell.value = text
    cell.data_type = "s"
    return cell


def _sheet_name(title: str, taken: set[str]) -> str:
    base = (title.translate(_BAD_SHEET_CHARS) or "统计表")[:28]
    name, n = base, 2
    while name in taken or name in (TEXT_SHEET, MAPPING_SHEET):
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def _table_sheet(
    ws: Any, form: Form, draft: Draft, layout: TableLayout
) -> list[tuple[str, str, str, str, str]]:
    """Title, unit line and blocks of one table; returns its rows of the mapping."""
    ncols = layout.ncols
    put_text(ws, 1, 1, layout.title).font = Font(name=FONT, size=16, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 30
    unit_line = document_text(f"填报单位：{draft.unit}　　{draft.year}年度")
    put_text(ws, 2, 1, unit_line).font = Font(name=FONT)
    units = sorted({c.unit for c in layout.value_cells() if c.unit})
    if units and not layout.unit_col:
        unit = put_text(ws, 3, ncols, "单位：" + "、".join(units))  # a row of its own
        unit.font = Font(name=FONT)
        unit.alignment = Alignment(horizontal="right")
    mapping = []
    widths = _columns(ws, layout)
    row = TOP
    first_header: tuple[int, int] | None = None
    for block in layout.blocks:
        if first_header is None:
            first_header = (row, row + block.header_rows - 1)
        for cell in block.cells():
            _put_layout_cell(ws, row, cell)
            if cell.kind is CellKind.VALUE and cell.cell_id:
                address = ws.cell(row + cell.row, cell.col + 1).coordinate
                kind = form.cells[cell.cell_id].kind.value
                mapping.append((cell.cell_id, ws.title, address, cell.unit, kind))
        _row_heights(ws, row, block, widths)
        row += block.header_rows + len(block.lines)
    _print_setup(ws, layout, first_header, row - 1)
    return mapping


def _put_layout_cell(ws: Any, top: int, cell: LayoutCell) -> None:
    r, c = top + cell.row, cell.col + 1
    covered = style_name(ws.parent, "box")
    for rr in range(r, r + cell.rowspan):  # every covered cell gets the grid lines
        for cc in range(c, c + cell.colspan):
            ws.cell(rr, cc).style = covered
    target = ws.cell(r, c)
    wrap = cell.kind is not CellKind.VALUE
    bold = cell.kind is CellKind.CAPTION
    target.style = style_name(ws.parent, cell.align.value, wrap, cell.indent, bold)  # first:
    if cell.kind is CellKind.VALUE:  # a named style resets the number format
        _put_value(target, cell)
    elif cell.text:
        put_text(ws, r, c, cell.text)
    if cell.rowspan > 1 or cell.colspan > 1:
        # openpyxl's merge_cells also restyles the edges (slow); the borders are set above
        ws.merged_cells.add(
            CellRange(
                min_col=c, min_row=r, max_col=c + cell.colspan - 1, max_row=r + cell.rowspan - 1
            )
        )


def style_name(wb: Any, align: str, wrap: bool = False, indent: int = 0, bold: bool = False) -> str:
    """A named cell style (font, alignment, grid lines), registered once per workbook:
    styling each cell with new style objects is what makes openpyxl slow."""
    name = f"govreport {align} {int(wrap)} {indent} {int(bold)}"
    if name not in wb.named_styles:
        style = NamedStyle(name=name, font=Font(name=FONT, size=11, bold=bold), border=_BOX)
        if align != "box":
            style.alignment = Alignment(
                horizontal=align, vertical="center", wrap_text=wrap, indent=indent
            )
        wb.add_named_style(style)
    return name


def _put_value(target: Any, cell: LayoutCell) -> None:
    value = cell.value
    if value is None:
        return
    if value is NA:
        target.value = cell.text  # "/"
        target.data_type = "s"
    elif isinstance(value, Decimal):
        # openpyxl writes it with 16 significant digits: exact for every amount of up to 15
        # (999,999,999.999999 万元 to the fen), which is all Excel keeps of a number
        target.value = value
        target.number_format = money_format(value)
    else:
        target.value = value
        target.number_format = "0"


def _columns(ws: Any, layout: TableLayout) -> list[float]:
    """Set and return column widths in Excel's units (one Latin character; Chinese: two)."""
    longest = max(
        (text_width(c.text) + 2 * c.indent for b in layout.blocks for c in b.cells()
         if c.kind is CellKind.LABEL),
        default=0,
    )  # fmt: skip
    widths: list[float] = [GROUP_WIDTH] * max(layout.label_cols - 1, 0)
    if layout.label_cols:
        widths.append(min(max(longest + 2, 16), LABEL_WIDTH))
    if layout.unit_col:
        widths.append(UNIT_WIDTH)
    widths += [VALUE_WIDTH if layout.value_cols < 10 else NARROW_VALUE_WIDTH] * layout.value_cols
    for k, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = width
    return widths


def text_width(text: str) -> int:
    """Width in Excel's units: two for a Chinese (wide) character, one for others."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _row_heights(ws: Any, top: int, block: BlockLayout, widths: list[float]) -> None:
    """Tall enough for wrapped labels: openpyxl leaves row heights to the reader."""
    need: dict[int, float] = {}
    for cell in block.cells():
        room = sum(widths[cell.col : cell.col + cell.colspan]) - 1
        lines = max(1, math.ceil(text_width(cell.text) / max(room, 1)))
        per_row = lines * LINE_HEIGHT / cell.rowspan
        for r in range(top + cell.row, top + cell.row + cell.rowspan):
            need[r] = max(need.get(r, LINE_HEIGHT), per_row)
    for r, height in need.items():
        ws.row_dimensions[r].height = height + 3


def _print_setup(ws: Any, layout: TableLayout, header: tuple[int, int] | None, last: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.print_area = f"A1:{get_column_letter(layout.ncols)}{last}"
    if header is not None:
        ws.print_title_rows = f"{header[0]}:{header[1]}"


def _text_sheet(ws: Any, outline: ReportOutline) -> None:
    """The narrative, one paragraph a row, then issuer, date and signatories."""
    ws.column_dimensions["A"].width = 100
    rows: list[tuple[str, bool]] = [(outline.title, True)]
    if outline.addressee:
        rows.append((outline.addressee, False))
    for section in outline.sections:
        if section.heading:
            rows.append((section.heading, True))
        rows += [(p, False) for p in section.paragraphs]
    rows += [("", False), (outline.issuer, False), (outline.date, False), ("", False)]
    rows += [(f"{label}：{value}", False) for label, value in outline.signatories]
    for r, (text, strong) in enumerate(rows, 1):
        cell = put_text(ws, r, 1, text)
        cell.font = Font(name=FONT, size=12, bold=strong)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _mapping_sheet(
    ws: Any, form: Form, draft: Draft, mapping: list[tuple[str, str, str, str, str]]
) -> None:
    head = [
        ("format", "govreport-xlsx"),
        ("mapping_version", MAPPING_VERSION),
        ("form", form.id),
        ("form_version", form.version),
        ("year", draft.year),
        ("unit", document_text(draft.unit)),
    ]
    for r, (key, value) in enumerate(head, 1):
        put_text(ws, r, 1, key)
        if isinstance(value, str):
            put_text(ws, r, 2, value)
        else:
            ws.cell(r, 2).value = value
    for c, name in enumerate(MAPPING_HEADER, 1):
        put_text(ws, MAPPING_FIRST_ROW - 1, c, name)
    for r, row in enumerate(mapping, MAPPING_FIRST_ROW):
        for c, text in enumerate(row, 1):
            put_text(ws, r, c, text)
    ws.sheet_state = "hidden"
