"""Typing into a table cell: full-width digits are folded as typed, letters are refused.

The validator only decides which characters can ever be part of an entry; whether the
whole entry is a valid value (integer, not negative, money exact to the fen...) is decided by
the core when it is committed, so nothing the clerk typed is silently dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QValidator
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..core.model import Cell
from ..core.values import NA_SPELLINGS, normalise_text
from . import looks
from .grid_model import PREVIOUS_ROLE

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


PREVIOUS_PREFIX = "上年 "


def previous_font(font: QFont) -> QFont:
    """The smaller font of last year's line under a value."""
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * looks.PREVIOUS_SCALE)
    return small


def previous_text(shown: str, metrics: QFontMetrics, width: int) -> str:
    """ "上年 12" when it fits; the number alone when not; cut at the end only as a last resort
    (never at the front, which would show a different number)."""
    for text in (f"{PREVIOUS_PREFIX}{shown}", shown):
        if metrics.horizontalAdvance(text) <= width:
            return text
    return metrics.elidedText(shown, Qt.TextElideMode.ElideRight, width)


_Index = QModelIndex | QPersistentModelIndex


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


class PreviousCellDelegate(CellDelegate):
    """While last year's figures are shown: a value cell has two lines, this year's value
    on top (where the editor opens) and, small and grey, last year's below it.

    A class of its own so that painting and measuring stay in C++ the rest of the time.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        shown = index.data(PREVIOUS_ROLE)
        if not shown:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        small = previous_font(opt.font)
        metrics = QFontMetrics(small)
        below = metrics.height()
        opt.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        opt.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        painter.setFont(small)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            opt.palette.color(QPalette.ColorRole.HighlightedText)
            if selected
            else looks.PREVIOUS_TEXT
        )
        area = opt.rect.adjusted(4, opt.rect.height() - below - 2, -4, -2)
        painter.drawText(
            area,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
            previous_text(shown, metrics, area.width()),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        if index.data(PREVIOUS_ROLE):
            hint.setHeight(hint.height() + QFontMetrics(previous_font(option.font)).height())
        return hint

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        """With last year's line shown, the editor covers this year's value only."""
        super().updateEditorGeometry(editor, option, index)
        if index.data(PREVIOUS_ROLE):
            below = QFontMetrics(previous_font(option.font)).height()
            rect = option.rect.adjusted(0, 0, 0, -below - 2)
            editor.setGeometry(rect)
