"""汇总说明 above a table: what the 汇总 left to the clerk on this page, one line until asked.

The notes themselves come from the core (cells that are not additive, cells some units
left blank); each is a jump to its cell.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import looks
from .widgets import WrapLabel

_CELL_ROLE = Qt.ItemDataRole.UserRole + 1
#: Rows of notes visible when the list is open (it scrolls beyond).
LIST_LINES = 8


class NotesBanner(QFrame):
    noteActivated = Signal(str)  # cell id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("notesBanner")
        self.setStyleSheet(
            f"QFrame#notesBanner {{ background: {looks.BANNER_BACKGROUND.name()}; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.icon = QLabel(self)
        self.summary = WrapLabel("", self)
        self.toggle = QPushButton("查看(&K)", self)
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggled)
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.summary, 1)
        top.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        # as tall as its notes, up to LIST_LINES lines (then it scrolls)
        self.list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.list.setAccessibleName("汇总说明")
        self.list.setToolTip("双击或按回车转到该单元格")
        self.list.itemActivated.connect(lambda item: self.noteActivated.emit(item.data(_CELL_ROLE)))
        self.list.hide()
        layout.addWidget(self.list)
        self.hide()

    def set_notes(self, notes: list[tuple[str, str]]) -> None:
        """(cell id, note) of the page, in the page's order; none hides the banner."""
        self.list.clear()
        if not notes:
            self.hide()
            return
        for cell_id, note in notes:
            item = QListWidgetItem(note)
            item.setData(_CELL_ROLE, cell_id)
            self.list.addItem(item)
        size = looks.icon_px(self)
        self.icon.setPixmap(looks.icon("info").pixmap(size, size))
        text = (
            f"汇总说明：本页有 {len(notes)} 项需要核对（不能逐单位相加而留空的，"
            "或有单位未填写的），请查看后填写或核实。"
        )
        self.summary.setText(text)
        self.setAccessibleName(text)
        self.list.setMaximumHeight(self.fontMetrics().height() * LIST_LINES)
        self.show()

    def _toggled(self, on: bool) -> None:
        self.list.setVisible(on)
        self.toggle.setText("收起(&K)" if on else "查看(&K)")

    def notes(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def message(self) -> str:
        """Everything the banner says (empty when hidden), for tests and screen readers."""
        if self.isHidden():
            return ""
        return "\n".join([self.summary.text(), *self.notes()])
