"""The sum of the selected cells in the bottom bar, as Excel shows it (the core adds up)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ..core.values import display
from .session import DraftSession


class SelectionSum(QLabel):
    """Hidden unless two or more cells are selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("所选单元格合计")
        self.hide()

    def show_for(self, session: DraftSession | None, cell_ids: list[str]) -> None:
        if session is None or len(cell_ids) < 2:
            self.hide()
            return
        summed = session.selection_sum(cell_ids)
        extra = [f"空白 {summed.blanks}"] if summed.blanks else []
        if summed.not_applicable:
            extra.append(f"不适用 {summed.not_applicable}")
        more = f"（{'，'.join(extra)}）" if extra else ""
        self.setText(f"所选 {len(cell_ids)} 格　求和：{display(summed.total)}{more}")
        self.show()
