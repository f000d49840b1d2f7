"""The statistics tables drawn with ReportLab, from :mod:`govreport_gui.core.table_layout`.

The layout (cells, spans, alignment, indents, group labels) is the core's; this module
chooses column widths and a type size that fit the page, and draws. ReportLab
cannot split a table inside a row span, and group labels span up to 22 rows, so a block
splits itself (:class:`BlockTable`): each part repeats the caption and header rows and
the labels of the groups it continues. Numbers are right-aligned, blank stays blank,
不适用 prints as "/" (what published reports and the forms' own guidance use). A table
whose columns cannot fit the portrait type area goes on a landscape page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..core.draft import Draft
from ..core.model import Form
from ..core.model import Table as FormTable
from ..core.table_layout import (
    BlockLayout,
    CellKind,
    LayoutCell,
    TableLayout,
    build_layout,
    descendants,
)
from .glyphs import GlyphMapper
from .layout import AREA_WIDTH, TABLE_SIZES, WIDE_AREA_WIDTH, Styles

PAD = 3.0  # cell padding, each side
MIN_VALUE_CHARS = 2  # a value column is at least two characters wide
IDEAL_VALUE_CHARS = 4
MIN_LABEL_CHARS = 6
MIN_GROUP_CHARS = 2  # "三、" must fit on one line: "、" cannot start one
IDEAL_LABEL_CHARS = 24
LINE = 0.6

Cell = object  # a Paragraph, a plain string (numbers) or ""
Span = tuple[tuple[int, int], tuple[int, int]]  # ((col0, row0), (col1, row1))


@dataclass
class PrintedTable:
    flowables: list[Flowable]
    wide: bool  # needs a landscape page
    size: float


def print_table(
    form: Form, table: FormTable, draft: Draft, styles: Styles, glyphs: GlyphMapper
) -> PrintedTable:
    layout = _Layout(form, build_layout(form, table, draft), table, styles)
    for wide, avail in ((False, AREA_WIDTH), (True, WIDE_AREA_WIDTH)):
        for size in TABLE_SIZES:
            widths = layout.widths(size, avail)
            if widths is not None:
                return PrintedTable(layout.build(size, widths, glyphs), wide, size)
    size = TABLE_SIZES[-1]
    widths = layout.widths(size, WIDE_AREA_WIDTH, squeeze=True)
    assert widths is not None
    return PrintedTable(layout.build(size, widths, glyphs), True, size)


@dataclass
class BlockSpec:
    """One block as printed: header rows, body lines, and the group labels spanning lines."""

    widths: list[float]
    size: float
    font: str
    header: list[list[Cell]]
    header_spans: list[Span]
    lines: list[list[Cell]] = field(default_factory=list)
    line_spans: list[tuple[int, int, int]] = field(default_factory=list)  # line, col0, col1
    groups: list[tuple[int, int, int, Cell]] = field(default_factory=list)  # col, l0, l1, label
    right: list[tuple[int, int]] = field(default_factory=list)  # line, col of values
    centre: list[tuple[int, int]] = field(default_factory=list)  # line, col of "—" marks

    def table(self, first: int, stop: int) -> Table:
        """A ReportLab table of the header and body lines ``first``..``stop``-1."""
        top = len(self.header)
        rows = [list(r) for r in self.header] + [list(r) for r in self.lines[first:stop]]
        spans = list(self.header_spans)
        spans += [
            ((c0, top + ln - first), (c1, top + ln - first))
            for ln, c0, c1 in self.line_spans
            if first <= ln < stop
        ]
        for col, l0, l1, label in self.groups:
            a, b = max(l0, first), min(l1, stop - 1)
            if a > b:
                continue
            rows[top + a - first][col] = label  # a continued group repeats its label
            if b > a:
                spans.append(((col, top + a - first), (col, top + b - first)))
        style = [
            ("GRID", (0, 0), (-1, -1), LINE, colors.black),
            ("FONT", (0, 0), (-1, -1), self.font, self.size, self.size * 1.3),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            *[("SPAN", a, b) for a, b in spans],
            *[
                ("ALIGN", (c, top + ln - first), (c, top + ln - first), "RIGHT")
                for ln, c in self.right
                if first <= ln < stop
            ],
            *[
                ("ALIGN", (c, top + ln - first), (c, top + ln - first), "CENTER")
                for ln, c in self.centre
                if first <= ln < stop
            ],
        ]
        return Table(rows, colWidths=self.widths, style=TableStyle(style), hAlign="CENTER")


class BlockTable(Flowable):
    """A block that splits between any two body lines, repeating its header rows."""

    def __init__(self, spec: BlockSpec, first: int = 0, stop: int | None = None) -> None:
        super().__init__()
        self.spec = spec
        self.first = first
        self.stop = len(spec.lines) if stop is None else stop
        self._table = spec.table(self.first, self.stop)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self._table.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._table.wrap(availWidth, availHeight)
        heights = self._table._rowHeights
        top = len(self.spec.header)
        used = sum(heights[:top])
        fit = 0
        for h in heights[top:]:
            if h is None or used + h > availHeight:  # None: beyond what was measured
                break
            used += h
            fit += 1
        # a heading line ("三、依申请公开情况 — —") goes to the next page with its first item
        headings = {ln for ln, _ in self.spec.centre}
        while fit > 1 and self.first + fit - 1 in headings:
            fit -= 1
        # a part's own group labels can make its rows taller: shrink until it really fits
        while fit >= 1:
            head = BlockTable(self.spec, self.first, self.first + fit)
            if head.wrap(availWidth, availHeight)[1] <= availHeight:
                return [head, BlockTable(self.spec, self.first + fit, self.stop)]
            fit -= 1
        return []

    def draw(self) -> None:
        self._table.drawOn(self.canv, 0, 0)


class _Layout:
    """Column widths of one table's shared grid, and its cells as ReportLab content."""

    def __init__(self, form: Form, layout: TableLayout, table: FormTable, styles: Styles) -> None:
        self.form = form
        self.layout = layout
        self.table = table
        self.styles = styles
        self.font = styles.fonts.body.name
        self.indented = layout.indented
        self.unit_col = int(layout.unit_col)
        self.label_cols = layout.label_cols
        self.grid = layout.value_cols
        self.ncols = layout.ncols
        self.first_value = layout.first_value
        self.where = layout.title

    # -- widths --------------------------------------------------------------------------

    def _value_texts(self, block: BlockLayout, col: int) -> list[str]:
        return [c.text for c in block.value_cells() if c.col == col]

    def widths(self, size: float, avail: float, squeeze: bool = False) -> list[float] | None:
        """Column widths filling ``avail``, or None when the table cannot fit it at ``size``."""
        pad = 2 * PAD
        vmin = videal = 0.0
        for block, laid in zip(self.table.blocks, self.layout.blocks, strict=True):
            span = self.grid // len(block.columns)
            for j, column in enumerate(block.columns):
                texts = self._value_texts(laid, self.first_value + j * span)
                num = max((stringWidth(t, self.font, size) for t in texts), default=0)
                longest = len(column.path[-1]) if column.path else 0
                low = max(num, MIN_VALUE_CHARS * size) + pad
                ideal = max(num + 2 * size, min(max(longest, 4), IDEAL_VALUE_CHARS) * size)
                high = max(low, ideal + pad)
                vmin, videal = max(vmin, low / span), max(videal, high / span)
        groups = [self._group_col_width(k, size) for k in range(max(self.label_cols - 1, 0))]
        unit = []
        last_min = last_ideal = 0.0
        if self.label_cols:
            rows = [r for b in self.table.blocks for r in b.rows]
            indent = max(r.level for r in rows) if self.indented else 0
            longest = max(
                (len(r.label) + (r.level if self.indented else 0) for r in rows), default=0
            )
            last_min = min(longest, MIN_LABEL_CHARS + indent) * size + pad
            last_ideal = max(last_min, min(longest, IDEAL_LABEL_CHARS) * size + pad)
        if self.unit_col:
            units = [b.unit_header for b in self.table.blocks] + [
                c.unit for c in self.form.cells_of(self.table.id)
            ]
            unit.append(max(stringWidth(u, self.font, size) for u in units) + pad)
        minimum = sum(groups) + sum(unit) + last_min + self.grid * vmin
        if minimum > avail:
            if not squeeze:
                return None
            factor = avail / minimum
            return [w * factor for w in self._assemble(groups, last_min, unit, vmin)]
        extra = avail - minimum
        need_v = self.grid * (videal - vmin)
        need_l = last_ideal - last_min
        if extra >= need_v + need_l:
            value, last = videal, last_ideal
            rest = extra - need_v - need_l
            if self.label_cols and self._longest_label() > IDEAL_LABEL_CHARS:
                last += rest
            else:
                value += rest / self.grid
        else:
            share = extra / (need_v + need_l)
            value = vmin + (videal - vmin) * share
            last = last_min + need_l * share
        return self._assemble(groups, last, unit, value)

    def _longest_label(self) -> int:
        return max((len(r.label) for b in self.table.blocks for r in b.rows), default=0)

    def _assemble(
        self, groups: list[float], last: float, unit: list[float], value: float
    ) -> list[float]:
        labels = [*groups, last] if self.label_cols else []
        return labels + unit + [value] * self.grid

    def _group_col_width(self, k: int, size: float) -> float:
        """Nested label column ``k``: narrow, yet wide enough for its groups to fit their rows."""
        chars = MIN_GROUP_CHARS
        for block in self.table.blocks:
            for i, row in enumerate(block.rows):
                if row.level == k and row.group:
                    nested = block.rows[i + 1 : i + 1 + descendants(block.rows, i)]
                    leaves = sum(1 for r in nested if not r.group)
                    chars = max(chars, math.ceil(len(row.label) / max(leaves, 1)))
        return min(chars, MIN_LABEL_CHARS) * size + 2 * PAD

    # -- cells -----------------------------------------------------------------------------

    def build(self, size: float, widths: list[float], glyphs: GlyphMapper) -> list[Flowable]:
        return [BlockTable(self._spec(b, size, widths, glyphs)) for b in self.layout.blocks]

    def _content(self, cell: LayoutCell, size: float, glyphs: GlyphMapper) -> Cell:
        """Paragraphs for labels and headers (they wrap), plain strings for numbers and marks."""
        if cell.kind in (CellKind.VALUE, CellKind.DASH, CellKind.EMPTY):
            return cell.text
        if cell.kind is CellKind.LABEL and not cell.text:
            return ""
        style = self.styles.cell(size, cell.align.value, cell.indent * size)
        return Paragraph(glyphs.markup(cell.text, self.styles.fonts.body, self.where), style)

    def _spec(
        self, block: BlockLayout, size: float, widths: list[float], glyphs: GlyphMapper
    ) -> BlockSpec:
        top = block.header_rows
        header: list[list[Cell]] = [["" for _ in range(self.ncols)] for _ in range(top)]
        spans: list[Span] = []
        for cell in block.cells():
            if cell.is_header:
                header[cell.row][cell.col] = self._content(cell, size, glyphs)
                if cell.rowspan > 1 or cell.colspan > 1:
                    spans.append(
                        (
                            (cell.col, cell.row),
                            (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1),
                        )
                    )
        spec = BlockSpec(widths, size, self.font, header, spans)
        for line in block.lines:
            ln = len(spec.lines)
            row: list[Cell] = [""] * self.ncols
            for cell in line.cells:
                self._place(spec, row, ln, cell, self._content(cell, size, glyphs))
            spec.lines.append(row)
        for line in block.lines:
            for cell in line.cells:
                if cell.rowspan > 1 or cell.kind is CellKind.GROUP:
                    l0 = cell.row - top
                    content = self._content(cell, size, glyphs)
                    spec.groups.append((cell.col, l0, l0 + cell.rowspan - 1, content))
        return spec

    @staticmethod
    def _place(spec: BlockSpec, row: list[Cell], ln: int, cell: LayoutCell, content: Cell) -> None:
        """One body cell: content, its column span, its alignment (groups are added apart)."""
        if cell.rowspan > 1 or cell.kind is CellKind.GROUP:
            return
        row[cell.col] = content
        if cell.colspan > 1:
            spec.line_spans.append((ln, cell.col, cell.col + cell.colspan - 1))
        if cell.kind is CellKind.VALUE:
            spec.right.append((ln, cell.col))
        elif cell.kind is CellKind.DASH:
            spec.centre.append((ln, cell.col))
