"""A report as read from a file: paragraphs and tables in order, whatever the file kind.

The readers (web page, Word, Excel, clipboard text) each turn a file into a
:class:`Document`; :mod:`~govreport_gui.core.matching` and
:mod:`~govreport_gui.core.sections` then find the form's cells and sections in it. A
table is a :class:`Grid`: rows × columns of cell texts with merged cells resolved, so a
cell spanning three columns is the same text (and the same anchor) in all three.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_RUNS = re.compile(r"[ \t\r\n\f\xa0]+")
_ENDS = " \t\r\n\f\xa0\u3000"


def tidy_text(text: str) -> str:
    """A paragraph as a browser shows it: runs of spaces and line breaks in the source are
    one space, indents (「　　」, &nbsp;) at either end go; other spaces (an en space after
    「1.」) are the writer's and stay."""
    return _RUNS.sub(" ", text).strip(_ENDS)


#: One cell as a reader sees it: its text, how many rows and columns it spans.
Spanned = tuple[str, int, int]


@dataclass(frozen=True)
class Grid:
    """A table: ``texts[r][c]``; ``anchors[r][c]`` is the same number for every position of
    one (merged) cell, so a value spanning columns is read once."""

    texts: tuple[tuple[str, ...], ...]
    anchors: tuple[tuple[int, ...], ...]
    name: str  # how messages name the table: 第2个表格, 工作表「表三」
    a1: bool = False  # name places like a spreadsheet (C7) rather than 第7行第3列
    first_row: int = 0  # row number of texts[0] in the file, for messages

    @property
    def width(self) -> int:
        return max((len(r) for r in self.texts), default=0)

    def place(self, row: int, col: int) -> str:
        """Where a cell is, in words a clerk can find it by."""
        if self.a1:
            return f"{self.name} {column_letters(col)}{row + self.first_row + 1}"
        return f"{self.name}第{row + self.first_row + 1}行第{col + 1}列"

    @classmethod
    def from_spanned(cls, rows: Sequence[Sequence[Spanned]], name: str) -> Grid:
        """Lay out rows of (text, rowspan, colspan) cells as a browser or Word does."""
        texts: list[list[str]] = []
        anchors: list[list[int]] = []
        taken: dict[tuple[int, int], tuple[str, int]] = {}  # (row, col) covered from above
        anchor = 0
        for r, cells in enumerate(rows):
            line: list[tuple[str, int]] = []
            for text, rowspan, colspan in cells:
                while (r, len(line)) in taken:
                    line.append(taken.pop((r, len(line))))
                rowspan, colspan = max(1, min(rowspan, 1000)), max(1, min(colspan, 1000))
                for _ in range(colspan):
                    for dr in range(1, rowspan):
                        taken[(r + dr, len(line))] = (text, anchor)
                    line.append((text, anchor))
                anchor += 1
            while (r, len(line)) in taken:
                line.append(taken.pop((r, len(line))))
            texts.append([t for t, _ in line])
            anchors.append([a for _, a in line])
        width = max((len(t) for t in texts), default=0)
        for line_t, line_a in zip(texts, anchors, strict=True):
            for _ in range(width - len(line_t)):  # a short row: the rest is empty
                line_t.append("")
                line_a.append(anchor)
                anchor += 1
        return cls(tuple(map(tuple, texts)), tuple(map(tuple, anchors)), name)

    @classmethod
    def plain(cls, rows: Sequence[Sequence[str]], name: str, *, a1: bool = False) -> Grid:
        """A grid without merged cells (tab-separated text)."""
        width = max((len(r) for r in rows), default=0)
        texts = tuple(tuple(r) + ("",) * (width - len(r)) for r in rows)
        anchors = tuple(tuple(range(r * width, (r + 1) * width)) for r in range(len(rows)))
        return cls(texts, anchors, name, a1)


def column_letters(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA: spreadsheet column names."""
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text; ``scope`` is the chain of containers it sits in (a web page's
    article and its navigation are different containers), empty when the file has none."""

    text: str
    scope: tuple[int, ...] = ()


@dataclass
class Document:
    blocks: list[Paragraph | Grid] = field(default_factory=list)
    title: str = ""  # the file's own title (a page's <title>, a Word file's properties)
    kind: str = ""  # 网页, Word 文档, Excel 工作簿, 表格文字

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
