"""Typing into a table cell: full-width digits are folded as typed, letters are refused.

The validator only decides which characters can ever be part of an entry; whether the
whole entry is a valid value (integer, not negative, at most 4 decimals...) is decided by
the core when it is committed, so nothing the clerk typed is silently dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..core.model import Cell
from ..core.values import NA_SPELLINGS, normalise_text

_NUMBER_CHARS = frozenset("0123456789+-.,")


def refusal(text: str, cell: Cell) -> str | None:
    """Why ``text`` can never become a value of ``cell`` (Chinese message), or None."""
    folded = normalise_text(text)
    if all(ch in _NUMBER_CHARS for ch in folded):
        return None
    if cell.allow_na and any(s.lower().startswith(folded.lower()) for s in NA_SPELLINGS):
        return None
    bad = next(
        (ch for ch in text if not all(c in _NUMBER_CHARS for c in normalise_text(ch))),
        text[:1],
    )
    allowed = "数字，不适用的填“/”" if cell.allow_na else "数字"
    return f"「{cell.label}」只能填写{allowed}，不能输入“{bad}”"


class CellValidator(QValidator):
    refused = Signal(str)

    def __init__(self, cell: Cell, parent=None) -> None:
        super().__init__(parent)
        self.cell = cell

    def validate(self, text: str, pos: int):  # type: ignore[override]
        problem = refusal(text, self.cell)
        if problem:
            self.refused.emit(problem)
            return QValidator.State.Invalid
        folded = normalise_text(text)
        if len(folded) == len(text):  # full-width digits become ASCII in place
            return QValidator.State.Acceptable, folded, pos
        return QValidator.State.Acceptable, text, pos


class CellDelegate(QStyledItemDelegate):
    """Line editors with the validator above; tells the page when input was refused."""

    refused = Signal(str)

    def __init__(self, model, parent=None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        cell = self._model.cell_at(index)
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if cell is not None:
            validator = CellValidator(cell, editor)
            validator.refused.connect(self.refused)
            editor.setValidator(validator)
            editor.setAccessibleName(cell.label)
            editor.setAccessibleDescription(self._model.cell_tooltip(cell))
            editor.setMaxLength(40)
        return editor

    def setEditorData(self, editor: QWidget, index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model, index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
