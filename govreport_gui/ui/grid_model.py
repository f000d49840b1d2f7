"""One block of a statistics table as a Qt table model.

Columns: the printed label column (when the block has labels), the 单位 column (old
form), then the value columns. Values go in and out through the session, which parses
them with the core; the model only says how each cell looks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ..core.errors import GovreportError
from ..core.model import Block, Cell, Column, Row, Table
from ..core.values import display
from . import looks
from .session import DraftSession, offer_text

HEADER_PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # tuple of header labels, top to bottom
CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: Last year's value shown under a cell's value ("12", "/", "—"), None when not shown.
PREVIOUS_ROLE = Qt.ItemDataRole.UserRole + 3
#: What shows on that line when last year's report has no value for the cell.
NO_PREVIOUS = "—"

_Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
        CELL_ID_ROLE,
        PREVIOUS_ROLE,
    }
)

# Alignments as plain ints, computed once: Qt asks for them on every measure and paint.
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

#: The roles a commit's per-cell signal names. A commit changes a cell's value (Display,
#: Edit) and marks (Decoration, Background, tooltips), but never a row's height: rows are
#: as tall as their wrapped labels, a value is one line and the icon no taller than text.
#: So Display and Decoration, the roles for which Qt's ResizeToContents header re-measures
#: every row of the table (~2,000 data() calls, per signal), are left out; the view
#: repaints the whole cell whatever the roles say (issue 17: a commit in 16 ms).
_COMMIT_ROLES = [
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
]


class ColumnKind(Enum):
    LABEL = "label"
    UNIT = "unit"
    VALUE = "value"


@dataclass(frozen=True)
class GridColumn:
    kind: ColumnKind
    path: tuple[str, ...]
    column: Column | None = None


class BlockModel(QAbstractTableModel):
    inputRefused = Signal(str, str)  # cell id, message in Chinese

    def __init__(self, session: DraftSession, table: Table, block_index: int, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.table = table
        self.block: Block = table.blocks[block_index]
        self.block_index = block_index
        self.columns = self._grid_columns(self.block)
        by_place = {
            (c.row_id, c.column_id): c
            for c in session.form.cells_of(table.id)
            if c.block == block_index
        }
        self._cells: dict[tuple[int, int], Cell] = {}
        self._row_units: dict[int, str] = {}
        for r, row in enumerate(self.block.rows):
            for c, column in enumerate(self.columns):
                if column.column is None:
                    continue
                cell = by_place.get((row.id, column.column.id))
                if cell is not None:
                    self._cells[(r, c)] = cell
                    self._row_units.setdefault(r, cell.unit)
        self._positions = {cell.id: place for place, cell in self._cells.items()}
        session.cellsChanged.connect(self.refresh_cells)
        session.statusChanged.connect(self.refresh)

    @staticmethod
    def _grid_columns(block: Block) -> list[GridColumn]:
        columns = []
        has_labels = bool(block.stub) or any(row.label for row in block.rows)
        if has_labels:
            columns.append(GridColumn(ColumnKind.LABEL, block.stub or ("",)))
        if block.unit_header:
            columns.append(GridColumn(ColumnKind.UNIT, (block.unit_header,)))
        columns += [GridColumn(ColumnKind.VALUE, c.path, c) for c in block.columns]
        return columns

    # -- lookups -----------------------------------------------------------------------

    def cell_at(self, index: _Index) -> Cell | None:
        if not index.isValid():
            return None
        return self._cells.get((index.row(), index.column()))

    def index_of(self, cell_id: str) -> QModelIndex:
        place = self._positions.get(cell_id)
        return self.index(*place) if place else QModelIndex()

    def cell_ids(self) -> list[str]:
        return [cell.id for cell in self._cells.values()]

    def value_places(self) -> dict[tuple[int, int], str]:
        """(row, column) → id of the cell shown there, for pasting a block."""
        return {place: cell.id for place, cell in self._cells.items()}

    def uniform_unit(self) -> str:
        """The one unit of every cell, when there is no 单位 column to print it."""
        units = set(self._row_units.values())
        return units.pop() if len(units) == 1 and not self.block.unit_header else ""

    # -- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.block.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.cell_at(index) is None:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        path = self.columns[section].path
        if role == HEADER_PATH_ROLE:
            return path
        if role == Qt.ItemDataRole.DisplayRole:
            return path[-1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(p for p in path if p)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Called ~3,000 times each time Qt measures the rows: value cells first, cheaply.
        if role not in _ROLES:  # a repaint asks ~12 roles per cell
            return None
        r, c = index.row(), index.column()  # -1 for an invalid index
        cell = self._cells.get((r, c))
        if cell is not None:
            return self._value_data(cell, role)
        if r < 0:
            return None
        kind = self.columns[c].kind
        if kind is ColumnKind.LABEL:
            return self._label_data(self.block.rows[r], role)
        if kind is ColumnKind.UNIT:
            return self._unit_data(r, role)
        # A value column of a heading row: no cell, the heading's shade.
        return looks.GROUP_BACKGROUND if role == Qt.ItemDataRole.BackgroundRole else None

    def _label_data(self, row: Row, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return "\u3000" * row.level + row.label
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.label
        if role == Qt.ItemDataRole.FontRole and row.group:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return looks.GROUP_BACKGROUND if row.group else None  # striped like the values
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        return None

    def _unit_data(self, row: int, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._row_units.get(row, "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        if role == Qt.ItemDataRole.BackgroundRole:
            return looks.LABEL_BACKGROUND
        return None

    def _value_data(self, cell: Cell, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return display(self.session.draft.value(cell.id))
        if role == CELL_ID_ROLE:
            return cell.id
        if role == PREVIOUS_ROLE:
            return self.previous_line(cell)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self.cell_tooltip(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible_text(cell)
        return self._mark_data(cell, role)

    def _mark_data(self, cell: Cell, role: int):
        """The finding's icon and background, when a finding marks the cell."""
        severity = self.session.cell_severity(cell.id)
        if severity is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return looks.severity_icon(severity)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.session.is_culprit(cell.id):
                return looks.CULPRIT_BACKGROUND  # the total to correct, above its row
            return looks.severity_background(severity)
        if role == Qt.ItemDataRole.FontRole and self.session.is_culprit(cell.id):
            return looks.culprit_font()
        return None

    def _accessible_text(self, cell: Cell) -> str:
        shown = display(self.session.draft.value(cell.id)) or "未填写"
        if self.session.show_previous:
            return f"{cell.label}：{shown}；{self.session.previous_note(cell.id)}"
        return f"{cell.label}：{shown}"

    def previous_line(self, cell: Cell) -> str | None:
        """Last year's value for the grey line under this year's, when shown."""
        if not self.session.show_previous:
            return None
        return display(self.session.previous_value(cell.id)) or NO_PREVIOUS

    def cell_tooltip(self, cell: Cell) -> str:
        lines = [f"{cell.label}（单位：{cell.unit}）"]
        if cell.allow_na:
            lines.append("不适用的填“/”")
        if self.session.show_previous:
            lines.append(f"上年数（{self.session.previous_note(cell.id)}）")
        note = self.session.notes.get(cell.id)
        if note:
            lines.append(f"汇总说明：{note}")
        for finding in self.session.cell_findings(cell.id):
            lines.append(f"{finding.severity.label}：{finding.message}")
        offer = self.session.suggestion_for(cell.id)
        if offer is not None and offer.suggestion is not None:
            lines.append(f"{offer_text(self.session, offer)}（右键菜单或下方列表）")
        return "\n".join(lines)

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self.cell_at(index)
        if cell is None or role != Qt.ItemDataRole.EditRole:
            return False
        typed = "" if value is None else str(value)
        if typed.strip() == display(self.session.draft.value(cell.id)):
            return True  # unchanged: no save, no message
        try:
            self.session.enter(cell.id, typed)
        except GovreportError as exc:
            self.inputRefused.emit(cell.id, str(exc))
            return False
        return True

    def refresh_cells(self, cell_ids: frozenset[str] | None) -> None:
        """Repaint only these cells (None: all); a commit changes a few (issue 17)."""
        if cell_ids is None:
            self.refresh()
            return
        for cell_id in cell_ids:
            place = self._positions.get(cell_id)
            if place is not None:
                index = self.index(*place)
                self.dataChanged.emit(index, index, _COMMIT_ROLES)

    def refresh(self) -> None:
        if self._cells:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
            )
