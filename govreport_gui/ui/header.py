"""A horizontal header with merged cells, drawn like the printed table's header.

Each column gives its header labels top to bottom (``HEADER_PATH_ROLE``). Neighbouring
columns that share a leading label get one merged cell for it (申请人情况 over all seven
columns of table 三); a column whose labels end early has its last label stretched down
to the bottom row (自然人 beside 法人或其他组织 › 商业企业).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from .grid_model import HEADER_PATH_ROLE

_PAD_X, _PAD_Y = 6, 4


@dataclass(frozen=True)
class HeaderCell:
    text: str
    first: int  # first and last logical column
    last: int
    top: int  # first and last header level
    bottom: int


def header_cells(paths: list[tuple[str, ...]]) -> list[HeaderCell]:
    """Merge equal leading labels across columns and stretch short paths down."""
    depth = max((len(p) for p in paths), default=1)
    cells: list[HeaderCell] = []
    for level in range(depth):
        column = 0
        while column < len(paths):
            path = paths[column]
            if len(path) <= level:
                column += 1
                continue
            leaf = level == len(path) - 1
            last = column
            if not leaf:
                prefix = path[: level + 1]
                while (
                    last + 1 < len(paths)
                    and len(paths[last + 1]) > level + 1
                    and paths[last + 1][: level + 1] == prefix
                ):
                    last += 1
            cells.append(HeaderCell(path[level], column, last, level, depth - 1 if leaf else level))
            column = last + 1
    return cells


class GroupedHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._cells: list[HeaderCell] = []
        self._levels: list[int] = [0]
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self._relayout)
        self.sectionResized.connect(self._pending.start)  # once all sections have moved

    # -- layout ------------------------------------------------------------------------

    def refresh(self) -> None:
        model = self.model()
        if model is None:
            return
        paths = [
            tuple(model.headerData(i, Qt.Orientation.Horizontal, HEADER_PATH_ROLE) or ("",))
            for i in range(model.columnCount())
        ]
        self._cells = header_cells(paths)
        self._relayout()

    def _span_width(self, cell: HeaderCell) -> int:
        return sum(self.sectionSize(i) for i in range(cell.first, cell.last + 1))

    def _text_height(self, cell: HeaderCell) -> int:
        width = max(self._span_width(cell) - 2 * _PAD_X, 10)
        bounds = self.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), cell.text
        )
        return bounds.height() + 2 * _PAD_Y

    def _relayout(self, *_: object) -> None:
        depth = max((c.bottom + 1 for c in self._cells), default=1)
        line = self.fontMetrics().height() + 2 * _PAD_Y
        levels = [line] * depth
        for cell in self._cells:
            if cell.top == cell.bottom:
                levels[cell.top] = max(levels[cell.top], self._text_height(cell))
        for cell in self._cells:  # cells stretched over several levels
            if cell.top != cell.bottom:
                have = sum(levels[cell.top : cell.bottom + 1])
                need = self._text_height(cell)
                if need > have:
                    levels[cell.bottom] += need - have
        if levels != self._levels:
            self._levels = levels
            self.updateGeometry()
            view = self.parentWidget()
            if view is not None and hasattr(view, "updateGeometries"):
                view.updateGeometries()
        self.viewport().update()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), sum(self._levels))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # -- painting ----------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        tops = [sum(self._levels[:i]) for i in range(len(self._levels) + 1)]
        for cell in self._cells:
            x = self.sectionViewportPosition(cell.first)
            rect = QRect(
                x, tops[cell.top], self._span_width(cell), tops[cell.bottom + 1] - tops[cell.top]
            )
            if not rect.intersects(event.rect()):
                continue
            option = QStyleOptionHeader()
            self.initStyleOption(option)
            option.rect = rect
            option.section = cell.first
            option.text = ""
            self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
            painter.drawText(
                rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                cell.text,
            )
        painter.end()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        self._relayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._pending.start()
