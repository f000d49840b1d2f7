"""The table widget of a statistics page: keyboard-first, in the printed table's shape.

Tab and the arrow keys move only between value cells, in reading order (labels, units
and heading rows are skipped); Enter commits and moves down (right at the bottom of a
column); Delete empties a cell (blank, not 0). Tab past the last cell leaves the grid.
Ctrl+V pastes a block copied from Excel, WPS or a browser (see ui/paste.py).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFontMetrics,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)

from ..core.errors import GovreportError
from ..core.model import Cell
from ..core.values import display
from . import looks
from .cell_input import PREVIOUS_PREFIX, CellDelegate, PreviousCellDelegate, previous_font
from .grid_model import BlockModel, ColumnKind
from .header import GroupedHeader
from .paste import paste_into

_Move = QAbstractItemView.CursorAction
_DIGITS_WIDTH = "88888"  # five digits and the finding icon


class GridView(QTableView):
    cellFocused = Signal(object)  # Cell or None
    refused = Signal(str)  # a message for the page's message line
    told = Signal(str, str)  # message, kind (ok/warning): what a paste did

    def __init__(self, model: BlockModel, *, fit_to_contents: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.fit_to_contents = fit_to_contents
        self._wide = False  # whether the last fit left room for a horizontal scroll bar
        self.setHorizontalHeader(GroupedHeader(self))
        self.setModel(model)
        self.grid_model = model
        self.delegate = CellDelegate(model, self)
        self.previous_delegate = PreviousCellDelegate(model, self)  # 显示上年数
        for delegate in (self.delegate, self.previous_delegate):
            delegate.refused.connect(self.refused)
        self.setItemDelegate(
            self.previous_delegate if model.session.show_previous else self.delegate
        )
        model.inputRefused.connect(self._input_refused)
        # several cells: their sum in the status bar, 空白格填 0 of a selection
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)  # wide tables: the eye follows a row across
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self._refused_editor: QWidget | None = None  # kept open with what was typed
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        title = model.table.title_for(model.session.draft.year)
        self.setAccessibleName(model.block.caption or title)
        self._places = self._navigable_places()
        self._size_columns()
        self.horizontalHeader().refresh()
        # Rows fit their wrapped labels; set last, so that the set-up above does not
        # measure every row again at each step (issue 17: a report opens in ≤ 100 ms).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.selectionModel().currentChanged.connect(self._current_changed)
        if fit_to_contents:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        model.session.previousShownChanged.connect(self._previous_shown)

    # -- geometry ----------------------------------------------------------------------

    def _size_columns(self) -> None:
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        has_label = any(c.kind is ColumnKind.LABEL for c in self.grid_model.columns)
        icon = looks.icon_px(self)
        self.setIconSize(QSize(icon, icon))
        digits = metrics.horizontalAdvance(_DIGITS_WIDTH if has_label else "8888") + icon + 16
        if self.grid_model.session.show_previous:
            small = QFontMetrics(previous_font(self.font()))
            wanted = PREVIOUS_PREFIX + ("88888" if has_label else "888")
            digits = max(digits, small.horizontalAdvance(wanted) + 16)
        four_chars = metrics.horizontalAdvance("字" * 4) + 16  # longer headers wrap
        for i, column in enumerate(self.grid_model.columns):
            if column.kind is ColumnKind.LABEL:  # as wide as its labels, not the window
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, self._label_width())
            elif column.kind is ColumnKind.UNIT:
                width = (
                    max(
                        metrics.horizontalAdvance(column.path[-1]),
                        metrics.horizontalAdvance("人次"),
                    )
                    + 24
                )
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(i, width)
            elif has_label:
                leaf = metrics.horizontalAdvance(column.path[-1]) + 16
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, max(digits, min(leaf, four_chars)))
            else:  # a wide row of values (table 四): share the width, wrap the headers
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(digits)
        label_min = metrics.horizontalAdvance("字" * 14) if has_label else 0
        fixed = sum(header.sectionSize(i) for i in range(header.count()) if i != 0 or not has_label)
        self.setMinimumWidth(min(label_min + fixed + 4, 900))

    def _label_width(self) -> int:
        """The longest row label on one line, within 8 to 32 characters (the few longer
        ones wrap), and no wider than the room the value columns leave."""
        metrics = self.fontMetrics()
        longest = max(
            (
                metrics.horizontalAdvance("\u3000" * r.level + r.label)
                for r in self.grid_model.block.rows
            ),
            default=0,
        )
        low, high = (metrics.horizontalAdvance("字" * n) for n in (8, 32))
        header = self.horizontalHeader()
        values = sum(header.sectionSize(i) for i in range(1, header.count()))
        room = self.viewport().width() - values - 2 if self.isVisible() else high
        return max(min(longest + 16, high + 16, room), low + 16)

    def _fit_label_column(self) -> None:
        if self.grid_model.columns[0].kind is not ColumnKind.LABEL:
            return
        width = self._label_width()
        if width != self.horizontalHeader().sectionSize(0):
            self.horizontalHeader().resizeSection(0, width)

    def fit_height(self) -> None:
        """In a stacked page (several small blocks) show every row without scrolling."""
        if not self.fit_to_contents:
            return
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.grid_model.rowCount()))
        header = self.horizontalHeader()
        wide = header.length() > self.viewport().width() + 1
        self._wide = wide
        scroll = self.horizontalScrollBar().sizeHint().height() if wide else 0
        height = rows + header.sizeHint().height() + 2 * self.frameWidth() + scroll
        self.setFixedHeight(height)

    def _previous_shown(self, on: bool) -> None:
        """Last year's line appeared or went: wider value columns, taller rows."""
        if self.state() == QAbstractItemView.State.EditingState:  # keep what was typed
            editor = self.indexWidget(self.currentIndex())
            if editor is not None:
                self.commitData(editor)
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.setItemDelegate(self.previous_delegate if on else self.delegate)
        self.grid_model.refresh()  # after the commit: a refresh resets an open editor's text
        self._size_columns()
        self.horizontalHeader().refresh()
        self.resizeRowsToContents()
        self.fit_height()
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.height() if self.fit_to_contents else hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_label_column()
        self.fit_height()
        if self.fit_to_contents:  # stretched columns settle after this event: check then
            QTimer.singleShot(0, self, self._refit_if_width_changed)

    def _refit_if_width_changed(self) -> None:
        """Fit again when the room for a horizontal scroll bar is no longer right."""
        wide = self.horizontalHeader().length() > self.viewport().width() + 1
        if wide != self._wide:
            self.fit_height()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size_columns()
            self.horizontalHeader().refresh()
            self.resizeRowsToContents()
            self.fit_height()

    # -- navigation --------------------------------------------------------------------

    def _navigable_places(self) -> list[tuple[int, int]]:
        model = self.grid_model
        return sorted(
            (r, c)
            for r in range(model.rowCount())
            for c in range(model.columnCount())
            if model.cell_at(model.index(r, c)) is not None
        )

    def first_cell(self) -> QModelIndex:
        return self.grid_model.index(*self._places[0]) if self._places else QModelIndex()

    def last_cell(self) -> QModelIndex:
        return self.grid_model.index(*self._places[-1]) if self._places else QModelIndex()

    def moveCursor(self, action: _Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        if not self._places:
            return QModelIndex()
        if not current.isValid() or (current.row(), current.column()) not in self._places:
            return self.first_cell()
        here = (current.row(), current.column())
        target = self._step(here, action)
        return self.grid_model.index(*target) if target else current

    def _step(self, here: tuple[int, int], action: _Move) -> tuple[int, int] | None:
        places = self._places
        at = places.index(here)
        row, col = here
        if action == _Move.MoveNext:
            return places[at + 1] if at + 1 < len(places) else None
        if action == _Move.MovePrevious:
            return places[at - 1] if at > 0 else None
        if action == _Move.MoveRight:
            return next((p for p in places if p[0] == row and p[1] > col), None)
        if action == _Move.MoveLeft:
            return next((p for p in reversed(places) if p[0] == row and p[1] < col), None)
        if action in (_Move.MoveDown, _Move.MovePageDown):
            return next((p for p in places if p[1] == col and p[0] > row), None)
        if action in (_Move.MoveUp, _Move.MovePageUp):
            return next((p for p in reversed(places) if p[1] == col and p[0] < row), None)
        if action == _Move.MoveHome:
            return places[0]
        if action == _Move.MoveEnd:
            return places[-1]
        return None

    def enter_target(self, here: tuple[int, int]) -> tuple[int, int] | None:
        """Where Enter goes: the next cell down; at the bottom, the top of the next column."""
        below = self._step(here, _Move.MoveDown)
        if below:
            return below
        col = here[1]
        return next(
            (p for p in sorted(self._places, key=lambda p: (p[1], p[0])) if p[1] > col), None
        )

    def _move_on_enter(self) -> None:
        current = self.currentIndex()
        here = (current.row(), current.column())
        if here not in self._places:
            self.setCurrentIndex(self.first_cell())
            return
        target = self.enter_target(here)
        if target is None:
            self.leave(forward=True)
        else:
            self.setCurrentIndex(self.grid_model.index(*target))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        Hint = QAbstractItemDelegate.EndEditHint
        if editor is self._refused_editor:  # keep the typed text where it was typed
            self._refused_editor = None
            if hint != Hint.RevertModelCache:  # Esc gives up and restores the value
                if (
                    self.hasFocus()
                    or editor.hasFocus()
                    or self.isAncestorOf(QApplication.focusWidget())
                ):
                    editor.setFocus()
                return
        current = self.currentIndex()
        here = (current.row(), current.column())
        at_end = here in self._places and (
            (hint == Hint.EditNextItem and here == self._places[-1])
            or (hint == Hint.EditPreviousItem and here == self._places[0])
        )
        if hint == Hint.SubmitModelCache:  # Enter: commit, then move down
            super().closeEditor(editor, Hint.NoHint)
            self._move_on_enter()
            return
        if at_end:
            super().closeEditor(editor, Hint.NoHint)
            self.leave(forward=hint == Hint.EditNextItem)
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing:
            current = self.currentIndex()
            here = (current.row(), current.column())
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move_on_enter()
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_current()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if key == Qt.Key.Key_Tab and self._places and here == self._places[-1]:
                self.leave(forward=True)
                return
            if key == Qt.Key.Key_Backtab and self._places and here == self._places[0]:
                self.leave(forward=False)
                return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """A character an IME commits with no composition (Microsoft Pinyin's full-width
        ４, 「——」, a picked 「无」) starts the entry as a key press would.

        Qt's item view opens the editor on such an event but does not forward it, so the
        first character was lost (４ then 1105 stored 1105). Forwarded, the editor's own
        input-method handling replaces the selected old text and runs the validator.
        """
        committed = bool(event.commitString()) and not event.preeditString()
        if committed and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event):
                editor = self.indexWidget(index)
                if editor is not None:
                    QApplication.sendEvent(editor.focusProxy() or editor, event)
                    return
        super().inputMethodEvent(event)

    def leave(self, *, forward: bool) -> None:
        """Move focus out of the grid (Qt would otherwise wrap Tab around inside it)."""
        self.setTabKeyNavigation(False)
        try:
            self.focusNextPrevChild(forward)
        finally:
            self.setTabKeyNavigation(True)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        current = self.currentIndex()
        if not current.isValid() or (current.row(), current.column()) not in self._places:
            reason = event.reason()
            start = (
                self.last_cell()
                if reason == Qt.FocusReason.BacktabFocusReason
                else self.first_cell()
            )
            if start.isValid():
                self.setCurrentIndex(start)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        for index in (previous, current):  # the row highlight follows the current cell
            if index.isValid():
                self.viewport().update(self._row_rect(index.row()))
        self.cellFocused.emit(self.grid_model.cell_at(current))

    def _row_rect(self, row: int) -> QRect:
        width = min(self.viewport().width(), self.horizontalHeader().length())
        return QRect(0, self.rowViewportPosition(row), width, self.rowHeight(row))

    def paintEvent(self, event) -> None:
        """The cells (in C++), then a light band over the current row of the focused grid."""
        super().paintEvent(event)
        current = self.currentIndex()
        if not current.isValid() or not self.hasFocus():
            return
        painter = QPainter(self.viewport())
        painter.fillRect(self._row_rect(current.row()), looks.CURRENT_ROW)
        painter.end()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        current = self.currentIndex()
        if current.isValid():
            self.viewport().update(self._row_rect(current.row()))

    # -- refused input ---------------------------------------------------------------------

    def _input_refused(self, _cell_id: str, message: str) -> None:
        """The core refused what was typed: the editor stays open with the text, to correct."""
        editor = self.indexWidget(self.currentIndex())
        self._refused_editor = editor if editor is not None else QApplication.focusWidget()
        self.refused.emit(message)

    def select_cell(self, cell_id: str) -> bool:
        index = self.grid_model.index_of(cell_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        # a page just shown sizes its rows afterwards: scroll again once it has
        kept = QPersistentModelIndex(index)
        QTimer.singleShot(0, lambda: kept.isValid() and self._center(QModelIndex(kept)))
        return True

    def _center(self, index: QModelIndex) -> None:
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def current_cell(self) -> Cell | None:
        return self.grid_model.cell_at(self.currentIndex())

    # -- actions -----------------------------------------------------------------------

    def clear_current(self) -> None:
        cell = self.current_cell()
        if cell is None or self.grid_model.session.draft.value(cell.id) is None:
            return
        try:
            self.grid_model.session.clear(cell.id)
        except GovreportError as exc:
            self.refused.emit(str(exc))

    def paste(self) -> None:
        """Ctrl+V: the clipboard's block from the current cell (or by its labels)."""
        current = self.currentIndex()
        start = (current.row(), current.column()) if current.isValid() else (0, 0)
        mime = QGuiApplication.clipboard().mimeData()
        try:
            message, kind = paste_into(self.grid_model, start, mime)
        except GovreportError as exc:
            self.refused.emit(str(exc))
            return
        self.told.emit(message, kind)

    def accept_suggestion(self) -> bool:
        cell = self.current_cell()
        session = self.grid_model.session
        offer = session.suggestion_for(cell.id) if cell else None
        if offer is None:
            return False
        try:
            session.accept(offer)
        except GovreportError as exc:
            self.refused.emit(str(exc))
            return False
        return True

    def contextMenuEvent(self, event) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            self.setCurrentIndex(index)
        cell = self.current_cell()
        if cell is None:
            return
        session = self.grid_model.session
        menu = QMenu(self)
        offer = session.suggestion_for(cell.id)
        if offer is not None and offer.suggestion is not None:
            accept = QAction(f"填入计算值 {display(offer.suggestion[1])}", menu)
            accept.triggered.connect(self.accept_suggestion)
            accept.setEnabled(not session.read_only)
            menu.addAction(accept)
        clear = QAction("清空此格（未填写）", menu)
        clear.triggered.connect(self.clear_current)
        clear.setEnabled(not session.read_only and session.draft.value(cell.id) is not None)
        menu.addAction(clear)
        paste = QAction("粘贴（从此格起）", menu)
        paste.triggered.connect(self.paste)
        paste.setEnabled(not session.read_only)
        menu.addAction(paste)
        copy = QAction("复制", menu)
        copy.triggered.connect(
            lambda: QGuiApplication.clipboard().setText(display(session.draft.value(cell.id)))
        )
        menu.addAction(copy)
        menu.exec(event.globalPos())
