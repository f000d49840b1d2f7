"""The statistics tables of a form in their official printed layout.

Two layouts, both derived from the form model, never from a particular form:

- *indented* (a block with a 单位 column, the old 《政府信息公开情况统计表》):
  统计指标 | 单位 | 统计数, each label indented one character per row level, heading
  rows printing "—";
- *nested* (2019/2021): the label columns nest like the official tables — a group row
  (``三、本年度办理结果``, ``（三）不予公开``) is a cell spanning its sub-rows, a leaf
  label spans the remaining label columns — and the column headers are merged from the
  columns' label paths (``申请人情况`` over ``法人或其他组织`` over ``商业企业``).

Every block is printed on a column grid shared by the blocks of its table. ReportLab
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
from ..core.model import Block, Form, Row, cell_id
from ..core.model import Table as FormTable
from ..core.values import Kind, Value, display
from .glyphs import GlyphMapper
from .layout import AREA_WIDTH, TABLE_SIZES, WIDE_AREA_WIDTH, Styles

NA_PRINTED = "/"
NO_VALUE = "—"  # heading rows of the indented layout carry no value
PAD = 3.0  # cell padding, each side
MIN_VALUE_CHARS = 2  # a value column is at least two characters wide
IDEAL_VALUE_CHARS = 4
MIN_LABEL_CHARS = 6
MIN_GROUP_CHARS = 2  # "三、" must fit on one line: "、" cannot start one
IDEAL_LABEL_CHARS = 24
LINE = 0.6

Cell = object  # a Paragraph, a plain string (numbers) or ""
Span = tuple[tuple[int, int], tuple[int, int]]  # ((col0, row0), (col1, row1))


MINUS = "\u2212"  # −, the minus sign (GB/T 15835), not the hyphen


def printed_value(value: Value, kind: Kind | None = None) -> str:
    """A cell value as the table prints it: blank blank, 不适用 "/", numbers as entered;
    a signed count (2019 本年增/减) keeps its sign: +37, −12, 0."""
    if kind is Kind.SIGNED and isinstance(value, int) and value:
        return f"+{value}" if value > 0 else f"{MINUS}{-value}"
    return display(value, NA_PRINTED)


@dataclass
class PrintedTable:
    flowables: list[Flowable]
    wide: bool  # needs a landscape page
    size: float


def print_table(
    form: Form, table: FormTable, draft: Draft, styles: Styles, glyphs: GlyphMapper
) -> PrintedTable:
    layout = _Layout(form, table, draft, styles)
    for wide, avail in ((False, AREA_WIDTH), (True, WIDE_AREA_WIDTH)):
        for size in TABLE_SIZES:
            widths = layout.widths(size, avail)
            if widths is not None:
                return PrintedTable(layout.build(size, widths, glyphs), wide, size)
    size = TABLE_SIZES[-1]
    widths = layout.widths(size, WIDE_AREA_WIDTH, squeeze=True)
    assert widths is not None
    return PrintedTable(layout.build(size, widths, glyphs), True, size)


def _descendants(rows: tuple[Row, ...], i: int) -> int:
    """How many rows after ``rows[i]`` are nested under it."""
    level = rows[i].level
    n = 0
    for row in rows[i + 1 :]:
        if row.level <= level:
            break
        n += 1
    return n


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
    """Column grid shared by the blocks of one table, and the cell contents."""

    def __init__(self, form: Form, table: FormTable, draft: Draft, styles: Styles) -> None:
        self.form = form
        self.table = table
        self.draft = draft
        self.styles = styles
        self.font = styles.fonts.body.name
        blocks = table.blocks
        self.indented = any(b.unit_header for b in blocks)
        self.unit_col = 1 if self.indented else 0
        has_labels = any(r.label for b in blocks for r in b.rows) or any(b.stub for b in blocks)
        if not has_labels:
            self.label_cols = 0
        elif self.indented:
            self.label_cols = 1
        else:
            self.label_cols = max(r.level for b in blocks for r in b.rows) + 1
        self.grid = math.lcm(*(len(b.columns) for b in blocks))
        self.ncols = self.label_cols + self.unit_col + self.grid
        self.first_value = self.label_cols + self.unit_col
        self.where = table.title.format(year=draft.year)

    # -- widths --------------------------------------------------------------------------

    def _printed(self, row: Row, column_id: str) -> str:
        cid = cell_id(self.table.id, row.id, column_id)
        cell = self.form.cells.get(cid)
        return printed_value(self.draft.value(cid), cell.kind if cell else None)

    def _money_unit(self, block: Block, col: int) -> str:
        """ "（元）" after an amount's header when the header does not say its unit."""
        column = block.columns[col]
        cells = [self.form.cells.get(cell_id(self.table.id, r.id, column.id)) for r in block.rows]
        units = {c.unit for c in cells if c is not None and c.kind is Kind.MONEY and c.unit}
        if len(units) != 1:
            return ""
        unit = units.pop()
        return "" if any(unit in label for label in column.path) else f"（{unit}）"

    def _value_texts(self, block: Block, col: int) -> list[str]:
        column = block.columns[col]
        return [self._printed(row, column.id) for row in block.rows if not row.group]

    def widths(self, size: float, avail: float, squeeze: bool = False) -> list[float] | None:
        """Column widths filling ``avail``, or None when the table cannot fit it at ``size``."""
        pad = 2 * PAD
        vmin = videal = 0.0
        for block in self.table.blocks:
            span = self.grid // len(block.columns)
            for j, column in enumerate(block.columns):
                body = self.styles.fonts.body
                num = max(
                    (self.styles.fonts.width(t, body, size) for t in self._value_texts(block, j)),
                    default=0,
                )
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
                    nested = block.rows[i + 1 : i + 1 + _descendants(block.rows, i)]
                    leaves = sum(1 for r in nested if not r.group)
                    chars = max(chars, math.ceil(len(row.label) / max(leaves, 1)))
        return min(chars, MIN_LABEL_CHARS) * size + 2 * PAD

    # -- cells -----------------------------------------------------------------------------

    def build(self, size: float, widths: list[float], glyphs: GlyphMapper) -> list[Flowable]:
        self.size = size
        return [BlockTable(self._spec(b, size, widths, glyphs)) for b in self.table.blocks]

    def _para(
        self,
        text: str,
        size: float,
        glyphs: GlyphMapper,
        align: str = "center",
        indent: float = 0,
    ) -> Paragraph:
        style = self.styles.cell(size, align, indent)
        return Paragraph(glyphs.markup(text, self.styles.fonts.body, self.where), style)

    def _spec(
        self, block: Block, size: float, widths: list[float], glyphs: GlyphMapper
    ) -> BlockSpec:
        n = self.ncols
        header: list[list[Cell]] = []
        spans: list[Span] = []
        if block.caption:
            header.append([self._para(block.caption, size, glyphs)] + [""] * (n - 1))
            spans.append(((0, 0), (n - 1, 0)))
        head0 = len(header)
        depth = block.header_depth()
        header += [["" for _ in range(n)] for _ in range(depth)]
        last_head = head0 + depth - 1
        if self.label_cols:  # the stub: header of the label columns
            if len(block.stub) == self.label_cols > 1:
                for k, text in enumerate(block.stub):
                    header[head0][k] = self._para(text, size, glyphs)
                    spans.append(((k, head0), (k, last_head)))
            else:
                header[head0][0] = self._para("".join(block.stub), size, glyphs)
                spans.append(((0, head0), (self.label_cols - 1, last_head)))
        if self.unit_col:
            col = self.label_cols
            header[head0][col] = self._para(block.unit_header, size, glyphs)
            spans.append(((col, head0), (col, last_head)))
        span = self.grid // len(block.columns)
        paths = [c.path for c in block.columns]
        for j, path in enumerate(paths):
            for level, text in enumerate(path):
                prefix = path[: level + 1]
                if j > 0 and paths[j - 1][: level + 1] == prefix:
                    continue  # inside the merged cell an earlier column started
                end = j
                while end + 1 < len(paths) and paths[end + 1][: level + 1] == prefix:
                    end += 1
                c0 = self.first_value + j * span
                c1 = self.first_value + (end + 1) * span - 1
                r0 = head0 + level
                r1 = last_head if level == len(path) - 1 else r0
                if level == len(path) - 1:
                    text += self._money_unit(block, j)
                header[r0][c0] = self._para(text, size, glyphs)
                if (c0, r0) != (c1, r1):
                    spans.append(((c0, r0), (c1, r1)))
        spec = BlockSpec(widths, size, self.font, header, spans)
        if self.indented:
            self._indented_lines(block, size, glyphs, spec, span)
        else:
            self._nested_lines(block, size, glyphs, spec, span)
        return spec

    def _mark(self, text: str, glyphs: GlyphMapper, where: str, align: str = "right") -> Cell:
        """A value or mark, with the same per-character fallback as every other text.

        A plain string when the body font has every character (fast, and the column
        widths are measured in it), else a one-line Paragraph with fallback runs.
        """
        body = self.styles.fonts.body
        runs = glyphs.segments(text, body, where)
        if not runs or (len(runs) == 1 and runs[0][0] is body):
            return runs[0][1] if runs else ""
        style = self.styles.cell(self.size, align)
        return Paragraph(glyphs.markup(text, body, where), style)

    def _values(
        self,
        block: Block,
        row: Row,
        span: int,
        spec: BlockSpec,
        line: list[Cell],
        glyphs: GlyphMapper,
    ) -> None:
        ln = len(spec.lines)
        for j, column in enumerate(block.columns):
            col = self.first_value + j * span
            text = self._printed(row, column.id)
            where = f"{self.where}：{row.label or row.id}／{'·'.join(column.path) or column.id}"
            line[col] = self._mark(text, glyphs, where)
            spec.right.append((ln, col))
            if span > 1:
                spec.line_spans.append((ln, col, col + span - 1))

    def _indented_lines(
        self, block: Block, size: float, glyphs: GlyphMapper, spec: BlockSpec, span: int
    ) -> None:
        for row in block.rows:
            line: list[Cell] = [""] * self.ncols
            line[0] = self._para(row.label, size, glyphs, "left", row.level * size)
            if row.group:
                ln = len(spec.lines)
                mark = self._mark(NO_VALUE, glyphs, self.where, "center")
                line[self.label_cols] = mark
                spec.centre.append((ln, self.label_cols))
                for j in range(len(block.columns)):
                    line[self.first_value + j * span] = mark
                    spec.centre.append((ln, self.first_value + j * span))
                    if span > 1:
                        spec.line_spans.append(
                            (
                                len(spec.lines),
                                self.first_value + j * span,
                                self.first_value + (j + 1) * span - 1,
                            )
                        )
            else:
                cells = [
                    self.form.cells.get(cell_id(self.table.id, row.id, c.id)) for c in block.columns
                ]
                unit = next((c.unit for c in cells if c is not None), "")
                line[self.label_cols] = self._para(unit, size, glyphs)
                self._values(block, row, span, spec, line, glyphs)
            spec.lines.append(line)

    def _nested_lines(
        self, block: Block, size: float, glyphs: GlyphMapper, spec: BlockSpec, span: int
    ) -> None:
        last_label = self.label_cols - 1
        line_of: dict[int, int] = {}  # row index -> body line; groups with sub-rows get none
        for i, row in enumerate(block.rows):
            if row.group and _descendants(block.rows, i):
                continue
            line: list[Cell] = [""] * self.ncols
            ln = len(spec.lines)
            line_of[i] = ln
            if self.label_cols:
                k = min(row.level, last_label)
                line[k] = self._para(row.label, size, glyphs, "left") if row.label else ""
                if k < last_label:
                    spec.line_spans.append((ln, k, last_label))
            if not row.group:
                self._values(block, row, span, spec, line, glyphs)
            spec.lines.append(line)
        for i, row in enumerate(block.rows):
            if i in line_of or not self.label_cols:
                continue
            nested = range(i + 1, i + 1 + _descendants(block.rows, i))
            covered = [line_of[j] for j in nested if j in line_of]
            k = min(row.level, last_label)
            spec.groups.append((k, min(covered), max(covered), self._para(row.label, size, glyphs)))
