"""The undoable changes to a report: QUndoCommands the session pushes on its QUndoStack.

Every change of cells (typed, filled with 0, pasted, an accepted offer) is one
:class:`SetCells`, however many cells it sets; typing in a narrative section is a
:class:`SetText`, merged with the typing before it until a pause. Commands change the
draft only through the session's ``_apply_*`` methods, which re-run the checks and save.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ..core.values import Value

if TYPE_CHECKING:
    from .session import DraftSession

#: Typing in one section within this many seconds of the last change is one undo step.
TEXT_MERGE_SECONDS = 2.0
_TEXT_ID = 1


class SetCells(QUndoCommand):
    """Several cells set at once: one undo step."""

    def __init__(self, session: DraftSession, values: Mapping[str, Value], text: str) -> None:
        super().__init__(text)
        self.session = session
        self.new = dict(values)
        self.old = {cell_id: session.draft.value(cell_id) for cell_id in values}
        self._done_once = False

    def redo(self) -> None:
        self.session._apply_values(self.new, shown=self._where() if self._done_once else "")
        self._done_once = True

    def undo(self) -> None:
        self.session._apply_values(self.old, shown=self._where())

    def _where(self) -> str:
        return next(iter(self.new), "")


class SetText(QUndoCommand):
    """The text of one narrative section; consecutive typing merges into one step."""

    def __init__(
        self, session: DraftSession, section_id: str, text: str, title: str, *, typed: bool = True
    ) -> None:
        super().__init__(f"编辑“{title}”" if typed else title)
        self.typed = typed  # a fix (改为全角标点) is a step of its own, never merged
        self.session = session
        self.section_id = section_id
        self.new = text
        self.old = session.draft.texts.get(section_id, "")
        self.at = time.monotonic()
        self._done_once = False

    def id(self) -> int:
        return _TEXT_ID if self.typed else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetText) or other.section_id != self.section_id:
            return False
        if other.at - self.at > TEXT_MERGE_SECONDS:
            return False
        self.new, self.at = other.new, other.at
        return True

    def redo(self) -> None:
        shown = self.section_id if self._done_once else ""
        self.session._apply_text(self.section_id, self.new, shown=shown)
        self._done_once = True

    def undo(self) -> None:
        self.session._apply_text(self.section_id, self.old, shown=self.section_id)
