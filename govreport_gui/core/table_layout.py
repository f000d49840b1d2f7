"""The statistics tables as printed: one description that PDF, Word, Excel and HTML draw.

:func:`build_layout` turns a form's table (and, optionally, a draft's values) into a
:class:`TableLayout`: for each block a rectangular grid of anchored cells with their
text, row/column spans, alignment, indent, role (:class:`CellKind`) and, for a value
cell, the cell id and the row and column label paths behind it. Every grid position is
either the anchor of exactly one cell or covered by one cell's span, so a writer can
walk the grid without gaps (``TableLayout.check`` proves it in tests).

Two official layouts, both derived from the form model, never from a particular form:

- *indented* (a block with a 单位 column, the old 《政府信息公开情况统计表》):
  统计指标 | 单位 | 统计数; labels indented one character per row level; heading rows
  print "—" in the 单位 and value columns;
- *nested* (2019/2021): the label columns nest like the official tables. A group row
  (``三、本年度办理结果``, ``（三）不予公开``) is a cell spanning the lines of its
  sub-rows, a leaf label spans the remaining label columns, and the column headers are
  merged from the columns' label paths (``申请人情况`` over ``法人或其他组织`` over
  ``商业企业``).

Use::

    layout = build_layout(form, form.table("t3"), draft)   # or (form, table, year=2023)
    for block in layout.blocks:                  # BlockLayout: header rows over body lines
        grid = block.grid()                      # rows × columns: anchored cell or None
        for cell in block.value_cells():         # LayoutCell(kind=VALUE)
            cell.cell_id, cell.text, cell.value, cell.row_path, cell.column_path

``cell.row``/``cell.col`` index the block's grid (header rows first); ``rowspan`` and
``colspan`` say how far a cell reaches; ``Line.row_id`` names the form row of a body line.

Every block of a table shares one column grid (the least common multiple of the blocks'
value column counts), so blocks stacked one under the other line up. Numbers are
right-aligned, blank stays blank, 不适用 prints as "/" (what published reports and the
forms' own guidance use). Pure Python: no ReportLab, Qt, docx or openpyxl here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from .draft import Draft
from .model import Block, Form, Row, Table, cell_id
from .values import Value, display

NA_PRINTED = "/"
NO_VALUE = "—"  # heading rows of the indented layout carry no value

__all__ = [
    "NA_PRINTED",
    "NO_VALUE",
    "Align",
    "BlockLayout",
    "CellKind",
    "LayoutCell",
    "Line",
    "TableLayout",
    "build_layout",
    "printed_value",
]


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class CellKind(StrEnum):
    """What a cell of the printed grid is; header kinds sit in the header rows."""

    CAPTION = "caption"  # a block's caption row (第二十条第（一）项), spans the whole width
    STUB = "stub"  # header of the label column(s) (信息内容, 统计指标)
    UNIT_HEADER = "unit_header"  # header of the 单位 column (old form)
    COLUMN = "column"  # one level of a column's label path, merged across columns
    GROUP = "group"  # a group row's label spanning the lines of its sub-rows (nested)
    LABEL = "label"  # a row's own label
    UNIT = "unit"  # the 单位 column of a row (old form)
    VALUE = "value"  # a value: ``cell_id`` says which
    DASH = "dash"  # "—" of a heading row (indented layout)
    EMPTY = "empty"  # nothing printed (e.g. the value cells of a childless group row)


HEADER_KINDS = frozenset({CellKind.CAPTION, CellKind.STUB, CellKind.UNIT_HEADER, CellKind.COLUMN})


@dataclass(frozen=True)
class LayoutCell:
    """One anchored cell of a block's grid. ``row`` counts header rows first, then lines."""

    kind: CellKind
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    align: Align = Align.CENTER
    indent: int = 0  # characters of indent before a label (indented layout: row level)
    cell_id: str | None = None  # VALUE cells: the form cell printed here
    value: Value = None  # VALUE cells: the draft's value (None = blank or no draft)
    unit: str = ""  # VALUE and UNIT cells: 件, 万元…
    row_path: tuple[str, ...] = ()  # VALUE/LABEL/GROUP: labels of the enclosing rows + own
    column_path: tuple[str, ...] = ()  # VALUE/COLUMN: the column's header labels, top down

    @property
    def is_header(self) -> bool:
        return self.kind in HEADER_KINDS


@dataclass(frozen=True)
class Line:
    """One body line of a block: the row it prints and the cells anchored on it."""

    row_id: str
    heading: bool  # a heading row (no values): keep it with the next line across pages
    level: int
    cells: tuple[LayoutCell, ...]


@dataclass(frozen=True)
class BlockLayout:
    """One block: header rows (caption + column headers) over body lines, ``ncols`` wide."""

    ncols: int
    header: tuple[tuple[LayoutCell, ...], ...]  # cells anchored on each header row
    lines: tuple[Line, ...]

    @property
    def header_rows(self) -> int:
        return len(self.header)

    def cells(self) -> Iterator[LayoutCell]:
        """Every anchored cell, header first, in reading order."""
        for row in self.header:
            yield from row
        for line in self.lines:
            yield from line.cells

    def value_cells(self) -> Iterator[LayoutCell]:
        return (c for c in self.cells() if c.kind is CellKind.VALUE)

    def grid(self) -> list[list[LayoutCell | None]]:
        """Rows × columns: the cell anchored at each position, None where a span covers it."""
        rows = len(self.header) + len(self.lines)
        out: list[list[LayoutCell | None]] = [[None] * self.ncols for _ in range(rows)]
        for cell in self.cells():
            out[cell.row][cell.col] = cell
        return out

    def check(self) -> None:
        """Raise ValueError unless every position is covered exactly once."""
        rows = len(self.header) + len(self.lines)
        seen = [[0] * self.ncols for _ in range(rows)]
        for c in self.cells():
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    seen[r][k] += 1
        bad = [(r, k) for r in range(rows) for k in range(self.ncols) if seen[r][k] != 1]
        if bad:
            raise ValueError(f"grid positions covered other than once: {bad[:5]}")


@dataclass(frozen=True)
class TableLayout:
    """A whole printed table: its title for the year, its note, and its blocks."""

    form_id: str
    table_id: str
    title: str
    note: str
    indented: bool  # old form: label | 单位 | values
    label_cols: int  # columns holding row labels (nested: one per row level)
    unit_col: bool
    value_cols: int  # the shared value grid (lcm of the blocks' column counts)
    blocks: tuple[BlockLayout, ...]

    @property
    def ncols(self) -> int:
        return self.label_cols + int(self.unit_col) + self.value_cols

    @property
    def first_value(self) -> int:
        return self.label_cols + int(self.unit_col)

    def value_cells(self) -> Iterator[LayoutCell]:
        for block in self.blocks:
            yield from block.value_cells()

    def check(self) -> None:
        for block in self.blocks:
            block.check()


def printed_value(value: Value) -> str:
    """A cell value as the table prints it: blank blank, 不适用 "/", numbers as entered."""
    return display(value, NA_PRINTED)


def build_layout(
    form: Form, table: Table, draft: Draft | None = None, *, year: int | None = None
) -> TableLayout:
    """The printed layout of ``table``; values from ``draft`` (all blank without one).

    The title is written for ``draft.year`` (or ``year``); without either it keeps the
    form's ``{year}`` placeholder.
    """
    blocks = table.blocks
    indented = any(b.unit_header for b in blocks)
    has_labels = any(r.label for b in blocks for r in b.rows) or any(b.stub for b in blocks)
    if not has_labels:
        label_cols = 0
    elif indented:
        label_cols = 1
    else:
        label_cols = max(r.level for b in blocks for r in b.rows) + 1
    shape = _Shape(
        form, table, draft, label_cols, int(indented), math.lcm(*(len(b.columns) for b in blocks))
    )
    if year is None and draft is not None:
        year = draft.year
    return TableLayout(
        form_id=form.id,
        table_id=table.id,
        title=table.title if year is None else table.title_for(year),
        note=table.note,
        indented=indented,
        label_cols=label_cols,
        unit_col=indented,
        value_cols=shape.grid,
        blocks=tuple(shape.block(b) for b in blocks),
    )


def descendants(rows: tuple[Row, ...], i: int) -> int:
    """How many rows after ``rows[i]`` are nested under it."""
    level = rows[i].level
    n = 0
    for row in rows[i + 1 :]:
        if row.level <= level:
            break
        n += 1
    return n


@dataclass
class _Shape:
    """Builds the blocks of one table on the shared column grid."""

    form: Form
    table: Table
    draft: Draft | None
    label_cols: int
    unit_col: int
    grid: int
    cells: list[LayoutCell] = field(default_factory=list)

    @property
    def ncols(self) -> int:
        return self.label_cols + self.unit_col + self.grid

    @property
    def first_value(self) -> int:
        return self.label_cols + self.unit_col

    def add(self, kind: CellKind, text: str, row: int, col: int, **kw: object) -> LayoutCell:
        cell = LayoutCell(kind, text, row, col, **kw)  # type: ignore[arg-type]
        self.cells.append(cell)
        return cell

    def block(self, block: Block) -> BlockLayout:
        self.cells = []
        top = self._header(block)
        if self.unit_col:
            lines = self._indented_lines(block, top)
        else:
            lines = self._nested_lines(block, top)
        self._fill_holes(top + len(lines))
        header = tuple(
            tuple(sorted((c for c in self.cells if c.row == r), key=lambda c: c.col))
            for r in range(top)
        )
        body = tuple(
            Line(
                line.row_id,
                line.heading,
                line.level,
                tuple(sorted((c for c in self.cells if c.row == top + i), key=lambda c: c.col)),
            )
            for i, line in enumerate(lines)
        )
        return BlockLayout(self.ncols, header, body)

    # -- header ------------------------------------------------------------------------------

    def _header(self, block: Block) -> int:
        """Caption, stub, 单位 and column header cells; returns the number of header rows."""
        head0 = 0
        if block.caption:
            self.add(CellKind.CAPTION, block.caption, 0, 0, colspan=self.ncols)
            head0 = 1
        depth = block.header_depth()
        if self.label_cols:
            if len(block.stub) == self.label_cols > 1:
                for k, text in enumerate(block.stub):
                    self.add(CellKind.STUB, text, head0, k, rowspan=depth)
            else:
                stub = "".join(block.stub)
                self.add(CellKind.STUB, stub, head0, 0, rowspan=depth, colspan=self.label_cols)
        if self.unit_col:
            self.add(CellKind.UNIT_HEADER, block.unit_header, head0, self.label_cols, rowspan=depth)
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
                rows = depth - level if level == len(path) - 1 else 1
                self.add(
                    CellKind.COLUMN,
                    text,
                    head0 + level,
                    self.first_value + j * span,
                    rowspan=rows,
                    colspan=(end + 1 - j) * span,
                    column_path=prefix,
                )
        return head0 + depth

    # -- body --------------------------------------------------------------------------------

    def _values(self, block: Block, row: Row, r: int) -> None:
        span = self.grid // len(block.columns)
        for j, column in enumerate(block.columns):
            cid = cell_id(self.table.id, row.id, column.id)
            value = self.draft.value(cid) if self.draft is not None else None
            form_cell = self.form.cells.get(cid)
            self.add(
                CellKind.VALUE,
                printed_value(value),
                r,
                self.first_value + j * span,
                colspan=span,
                align=Align.RIGHT,
                cell_id=cid,
                value=value,
                unit=form_cell.unit if form_cell else "",
                row_path=row.path,
                column_path=column.path,
            )

    def _indented_lines(self, block: Block, top: int) -> list[Line]:
        lines: list[Line] = []
        span = self.grid // len(block.columns)
        for row in block.rows:
            r = top + len(lines)
            self.add(
                CellKind.LABEL, row.label, r, 0, align=Align.LEFT, indent=row.level,
                row_path=row.path,
            )  # fmt: skip
            if row.group:
                self.add(CellKind.DASH, NO_VALUE, r, self.label_cols)
                for j in range(len(block.columns)):
                    self.add(CellKind.DASH, NO_VALUE, r, self.first_value + j * span, colspan=span)
            else:
                ids = [cell_id(self.table.id, row.id, c.id) for c in block.columns]
                cells = [self.form.cells.get(i) for i in ids]
                unit = next((c.unit for c in cells if c is not None), "")
                self.add(CellKind.UNIT, unit, r, self.label_cols, unit=unit)
                self._values(block, row, r)
            lines.append(Line(row.id, row.group, row.level, ()))
        return lines

    def _nested_lines(self, block: Block, top: int) -> list[Line]:
        last_label = self.label_cols - 1
        lines: list[Line] = []
        line_of: dict[int, int] = {}  # row index -> body line; groups with sub-rows get none
        for i, row in enumerate(block.rows):
            if row.group and descendants(block.rows, i):
                continue
            r = top + len(lines)
            line_of[i] = len(lines)
            if self.label_cols:
                k = min(row.level, last_label)
                self.add(
                    CellKind.LABEL, row.label, r, k, colspan=last_label - k + 1,
                    align=Align.LEFT, row_path=row.path,
                )  # fmt: skip
            if not row.group:
                self._values(block, row, r)
            lines.append(Line(row.id, row.group, row.level, ()))
        if not self.label_cols:
            return lines
        for i, row in enumerate(block.rows):
            if i in line_of:
                continue
            nested = range(i + 1, i + 1 + descendants(block.rows, i))
            covered = [line_of[j] for j in nested if j in line_of]
            k = min(row.level, last_label)
            first, last = min(covered), max(covered)
            self.add(
                CellKind.GROUP, row.label, top + first, k, rowspan=last - first + 1,
                row_path=row.path,
            )  # fmt: skip
        return lines

    def _fill_holes(self, rows: int) -> None:
        """An EMPTY cell on every position no cell covers, so writers see a full grid."""
        covered = [[False] * self.ncols for _ in range(rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    covered[r][k] = True
        for r in range(rows):
            for k in range(self.ncols):
                if not covered[r][k]:
                    self.add(CellKind.EMPTY, "", r, k)
