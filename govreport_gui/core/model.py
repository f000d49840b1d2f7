"""The shape of an official report format: sections, tables, cells and their labels.

Instances are built only by :mod:`govreport_gui.core.formfile` from the files in
``forms/``; nothing here knows about TOML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .values import MAX_DIGITS, Kind

if TYPE_CHECKING:
    from .rules import Rule

UNITS = ("条", "件", "次", "篇", "个", "人", "人次", "万元", "元")
#: Decimals that make a money unit exact to the fen (1 万元 = 10000 元 = 1000000 分).
MONEY_PLACES = {"万元": 6, "元": 2}
MONEY_UNITS = tuple(MONEY_PLACES)


@dataclass(frozen=True)
class Column:
    id: str
    path: tuple[str, ...]
    short: str  # shortest label that tells this column apart within its block


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    path: tuple[str, ...]  # labels of the enclosing group rows, then this row's own
    level: int
    group: bool  # a heading row: printed, holds no value


@dataclass(frozen=True)
class Cell:
    id: str
    table: str
    block: int
    row_id: str
    column_id: str
    row: tuple[str, ...]
    column: tuple[str, ...]
    unit: str
    kind: Kind
    allow_na: bool
    additive: bool  # 汇总 adds this cell up across units
    label: str  # the printed row and column labels, for messages
    column_short: str
    row_label: str
    #: Most digits before the decimal point: what the printed table has room for.
    max_digits: int = MAX_DIGITS

    @property
    def places(self) -> int | None:
        """Decimals allowed when typing: exact to the fen for money, none for counts."""
        return MONEY_PLACES.get(self.unit) if self.kind is Kind.MONEY else None


@dataclass(frozen=True)
class Block:
    """One rectangular grid: a caption row, a header, labelled rows × value columns."""

    caption: str
    stub: tuple[str, ...]  # header text of the label column(s)
    unit_header: str  # when non-empty the table prints a 单位 column with this header
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def header_depth(self) -> int:
        return max(len(c.path) for c in self.columns)


@dataclass(frozen=True)
class Table:
    id: str
    title: str  # may contain {year}
    note: str  # printed above the table, e.g. the balance note of table 三
    blocks: tuple[Block, ...]

    def title_for(self, year: int | str) -> str:
        """The title as printed for report year ``year`` (the form may write ``{year}``)."""
        return self.title.replace("{year}", str(year))


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    guidance: str  # what the official format asks this section to cover
    table: str | None  # id of the table printed in this section
    has_text: bool
    print_title: bool


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    report_title: str  # "政府信息公开工作年度报告"; the report title is unit + year + this
    years: tuple[int, int | None]
    version: int
    basis: str
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    cells: dict[str, Cell]
    rules: tuple[Rule, ...] = field(default=())
    source: Path | None = None

    def year_span(self) -> str:
        """The report years the format serves, as lists and messages name them: 2019—2020年度."""
        first, last = self.years
        return f"{first}—{last}年度" if last else f"{first}年度起"

    def covers(self, year: int) -> bool:
        first, last = self.years
        return year >= first and (last is None or year <= last)

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def section_of_table(self, table_id: str) -> Section | None:
        return next((s for s in self.sections if s.table == table_id), None)

    def cells_of(self, table_id: str) -> Iterator[Cell]:
        return (c for c in self.cells.values() if c.table == table_id)

    def text_sections(self) -> Iterator[Section]:
        return (s for s in self.sections if s.has_text)


def cell_id(table: str, row: str, column: str) -> str:
    """Stable id: the non-empty parts of table, row and column ids joined by dots."""
    return ".".join(part for part in (table, row, column) if part)
