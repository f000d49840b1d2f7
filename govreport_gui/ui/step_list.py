"""The list of steps on the left of the window: titles, one state icon each.

The icon of every step follows one rule, :func:`.steps.step_state`; without an open report
only 开始 can be chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from . import looks
from .session import DraftSession
from .steps import Step, step_state
from .widgets import ICON_SIZE


class StepList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("填报步骤")
        self.setWordWrap(True)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setSpacing(2)
        self._blank_icon = blank_icon()

    def fit(self) -> None:
        """Icon and width for the current font (关怀模式 changes it)."""
        icon = looks.icon_px(self)
        self.setIconSize(QSize(icon, icon))
        self._blank_icon = blank_icon(icon)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("字" * 11) + icon + 40)

    def show_steps(self, steps: list[Step]) -> None:
        self.blockSignals(True)
        self.clear()
        for step in steps:
            self.addItem(QListWidgetItem(self._blank_icon, step.title))
        self.blockSignals(False)

    def select(self, row: int) -> None:
        """Mark the step shown (-1: none) without asking to show it again."""
        self.blockSignals(True)
        self.setCurrentRow(row)
        self.blockSignals(False)

    def show_states(self, steps: list[Step], session: DraftSession | None) -> None:
        for index, step in enumerate(steps):
            item = self.item(index)
            if session is None:
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if index == 0
                    else Qt.ItemFlag.NoItemFlags
                )
                item.setIcon(self._blank_icon)
                continue
            state, kind = step_state(step, session)
            item.setIcon(looks.icon(kind) if kind else self._blank_icon)
            item.setToolTip(f"{step.title}：{state}" if state else step.title)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{step.title}，{state}" if state else step.title,
            )


def blank_icon(size: int = ICON_SIZE) -> QIcon:
    """An empty icon, so titles line up whether or not a step has a state icon."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
