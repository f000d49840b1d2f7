"""The 编辑 menu: undo and redo over the open report's cells and texts, and what else
changes many cells at once.

A new editing action (paste, fill…) belongs here, as a QAction made in
:meth:`EditActions._build_actions`, listed by :meth:`EditActions.add_to_menu`, and doing
its change through ``DraftSession.set_values`` so it is one undo step.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.errors import GovreportError
from .session import DraftSession

UNDO_KEYS = ("Ctrl+Z",)
#: Ctrl+Y as on Windows and in WPS, Ctrl+Shift+Z as elsewhere.
REDO_KEYS = ("Ctrl+Y", "Ctrl+Shift+Z")


def _matches(event: QKeyEvent, keys: tuple[str, ...]) -> bool:
    combo = QKeySequence(event.keyCombination())
    return any(
        combo.matches(QKeySequence(k)) == QKeySequence.SequenceMatch.ExactMatch for k in keys
    )


class EditActions(QObject):
    """Undo/redo of the open report; the window attaches each report as it opens."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: DraftSession | None = None
        self._build_actions()

    def _build_actions(self) -> None:
        self.undo_action = self._action("撤销(&U)", UNDO_KEYS, self.undo)
        self.redo_action = self._action("重做(&R)", REDO_KEYS, self.redo)
        self._show_state()

    def _action(self, text: str, keys: tuple[str, ...], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.window.addAction(action)  # the keys work wherever the focus is in the window
        return action

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)

    def attach(self, session: DraftSession | None) -> None:
        """Follow the report just opened (None: no report open)."""
        if self.session is not None:
            self.session.undo_stack.disconnect(self)
        self.session = session
        if session is not None:
            session.undo_stack.indexChanged.connect(self._show_state)
            session.undo_stack.cleanChanged.connect(self._show_state)
        self._show_state()

    def undo(self) -> None:
        self._run(lambda s: s.undo())

    def redo(self) -> None:
        self._run(lambda s: s.redo())

    def _run(self, change: Callable[[DraftSession], None]) -> None:
        if self.session is None:
            return
        try:
            change(self.session)
        except GovreportError as exc:  # locked: say why nothing happened
            self.window.statusBar().showMessage(str(exc), 8000)

    def _show_state(self, *_: object) -> None:
        stack = self.session.undo_stack if self.session is not None else None
        can_undo = stack is not None and stack.canUndo()
        can_redo = stack is not None and stack.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(f"撤销 {stack.undoText()}(&U)" if can_undo else "撤销(&U)")
        self.redo_action.setText(f"重做 {stack.redoText()}(&R)" if can_redo else "重做(&R)")


class UndoKeys(QObject):
    """Sends Ctrl+Z/Ctrl+Y typed in a text editor to the report's undo stack, which holds
    the text edits (the editor's own undo is turned off so there is one history)."""

    def __init__(self, session: DraftSession, parent: QObject) -> None:
        super().__init__(parent)
        self.session = session

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        undo, redo = _matches(event, UNDO_KEYS), _matches(event, REDO_KEYS)
        if not (undo or redo):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the editor gets the key, not the menu's shortcut
            return True
        with contextlib.suppress(GovreportError):  # locked: the editor is read-only too
            self.session.undo() if undo else self.session.redo()
        return True
