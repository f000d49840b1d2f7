"""The 汇总 page's list of files: one row per file as the core describes it, and one
unit's own check results in a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.aggregate import UnitRow, UnitStatus
from ..core.checks import section_of
from ..core.library import FormLibrary
from ..core.rules import Finding
from . import looks
from .widgets import WrapLabel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
UNIT, FILE, YEAR, ERRORS, WARNINGS, STATUS = range(6)
UNREADABLE_NAME = "（无法读取）"


def status_icon(row: UnitRow) -> str:
    """ok: summed, no 错误; warning: summed with 错误, or read but left out;
    error: the file could not be read."""
    if row.included:
        return "warning" if row.errors else "ok"
    return "error" if row.status is UnitStatus.UNREADABLE else "warning"


class UnitListModel(QAbstractTableModel):
    """The files of one 汇总, one row each, as the core describes them."""

    HEADERS = ("单位", "文件", "年度", "错误", "提示", "汇总情况")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[UnitRow] = []

    def set_rows(self, rows: list[UnitRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, index.row(), column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return looks.icon(status_icon(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.file}\n{row.reason}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ERRORS, WARNINGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == ERRORS and row.errors:
            return looks.ERROR_TEXT
        return None

    @staticmethod
    def _text(row: UnitRow, column: int) -> str:
        if column == UNIT:
            return row.unit or UNREADABLE_NAME
        if column == FILE:
            return row.file.name
        if column == YEAR:
            return "" if row.year is None else str(row.year)
        if column == ERRORS:
            return "" if row.errors is None else str(row.errors)
        if column == WARNINGS:
            return "" if row.warnings is None else str(row.warnings)
        if row.included and row.errors:  # summed, but its own figures contradict
            return f"{row.reason}（本单位有 {row.errors} 个错误，请核实）"
        return row.reason

    @staticmethod
    def _sort_key(row: UnitRow, at: int, column: int) -> object:
        if column == UNIT:
            return row.unit
        if column == FILE:
            return row.file.name
        if column == YEAR:
            return row.year or 0
        if column == ERRORS:
            return -1 if row.errors is None else row.errors
        if column == WARNINGS:
            return -1 if row.warnings is None else row.warnings
        return (1_000_000 if row.included else 0) + at  # left out first, then file order


class UnitFindingsDialog(QDialog):
    """One unit's own check results, by section, in the form's words (not modal)."""

    def __init__(self, row: UnitRow, library: FormLibrary, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        name = row.unit or row.file.name
        self.setWindowTitle(f"{name}的检查结果")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        form = library.forms.get(row.form_id) if row.form_id else None
        facts = [f"文件：{row.file}"]
        if row.year is not None and form is not None:
            facts.append(f"{row.year}年度，{form.year_span()}格式")
        facts.append(f"汇总情况：{row.reason}")
        self.facts = WrapLabel("\n".join(facts), self)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName(f"{name}的检查结果")
        layout.addWidget(self.list, 1)
        self._fill(row, form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def _fill(self, row: UnitRow, form) -> None:
        if row.errors is None:
            self._note("该文件无法读取，没有检查结果。")
            return
        if not row.findings:
            self._note("没有发现错误或提示。")
            return
        self._note(f"共 {row.errors} 个错误，{row.warnings} 个提示：")
        groups: dict[str, list[Finding]] = {}
        for finding in row.findings:
            section = section_of(form, finding) if form is not None else None
            groups.setdefault(section.title if section else "其他", []).append(finding)
        for title, findings in groups.items():
            heading = self._note(title)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            for finding in findings:
                item = QListWidgetItem(
                    looks.severity_icon(finding.severity),
                    f"{finding.severity.label}：{finding.message}",
                )
                self.list.addItem(item)

    def _note(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.list.addItem(item)
        return item

    def messages(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
