"""The interface the app uses to keep drafts, and an in-memory version of it.

The UI and the command line talk only to :class:`DraftStore`; the TinyDB store on disk
(``tinystore.py``) implements it, and :class:`MemoryDraftStore` serves tests and the demo.
Importing draft files over it is ``transfer.py``.
"""

from __future__ import annotations

import builtins
import copy
import itertools
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Self

from ..core.draft import Draft, read_draft_file, write_draft_file
from ..core.errors import GovreportError
from ..core.library import FormLibrary, default_library
from ..core.units import same_unit

if TYPE_CHECKING:
    from .backups import BackupInfo


class Status(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"
    SUBMITTED = "submitted"  # locked against edits until explicitly unlocked

    @property
    def label(self) -> str:
        return {"draft": "草稿", "reviewed": "已审核", "submitted": "已报送"}[self.value]


class StorageError(GovreportError):
    """Saving or reading failed (full disk, read-only folder, damaged file); see message."""


class DraftLockedError(GovreportError):
    """The draft is 已报送 and must be unlocked before it can change."""


@dataclass(frozen=True)
class DraftInfo:
    id: str
    unit: str
    year: int
    form_id: str
    status: Status
    saved_at: datetime


def newest_first(infos: Iterable[DraftInfo]) -> builtins.list[DraftInfo]:
    """Drafts in the order every list shows them: most recently saved first."""
    return sorted(infos, key=lambda i: i.saved_at, reverse=True)


class Conflict(StrEnum):
    """What to do when the store already has a draft of the same unit, year and form."""

    ASK = "ask"  # raise ImportConflictError so the caller can ask the clerk
    REPLACE = "replace"  # replace it; its old content goes to its history
    KEEP_BOTH = "keep-both"  # store the import as a further draft


class ImportConflictError(GovreportError):
    """Same unit + year + form already stored; carries the read draft so nothing is read twice."""

    def __init__(self, draft: Draft, existing: builtins.list[DraftInfo]) -> None:
        listed = "、".join(f"编号 {i.id}（{i.status.label}）" for i in existing)
        super().__init__(
            f"已有{draft.unit}{draft.year}年度同一格式的草稿：{listed}。"
            "请选择用导入的文件替换它，还是两份都保留。"
        )
        self.draft = draft
        self.existing = existing


@dataclass(frozen=True)
class ImportResult:
    info: DraftInfo  # the imported draft as stored
    replaced: DraftInfo | None  # the draft it replaced (same id), if any
    alongside: tuple[DraftInfo, ...]  # other drafts of the same unit, year and form


class DraftStore(ABC):
    """Where the window and the command line keep drafts (TinyDB's ``Storage`` ABC pattern).

    Subclasses implement the abstract methods; the rest is built on them. Every method
    that changes a draft raises :class:`StorageError` (nothing changed) or
    :class:`DraftLockedError` (the draft is 已报送).
    """

    #: The folder the drafts live in (None: only in memory).
    data_dir: Path | None = None

    def __init__(self, library: FormLibrary) -> None:
        #: The forms drafts are read and checked against.
        self.library = library
        #: Messages for the clerk about what opening (or a later read) found and repaired.
        self.notices: builtins.list[str] = []

    # -- what each store implements --------------------------------------------------

    @abstractmethod
    def list(self) -> builtins.list[DraftInfo]:
        """Every draft, most recently saved first."""

    @abstractmethod
    def info(self, draft_id: str) -> DraftInfo: ...

    @abstractmethod
    def load(self, draft_id: str) -> Draft: ...

    @abstractmethod
    def create(self, draft: Draft) -> str:
        """Store a new draft and return its id."""

    @abstractmethod
    def save(self, draft_id: str, draft: Draft) -> DraftInfo:
        """Replace the stored draft (the caller keeps it in memory when this fails)."""

    @abstractmethod
    def replace_draft(self, draft_id: str, draft: Draft, event: str) -> DraftInfo:
        """Make ``draft`` the content of ``draft_id`` as 草稿, keeping the old one in history."""

    @abstractmethod
    def set_status(self, draft_id: str, status: Status) -> DraftInfo: ...

    @abstractmethod
    def delete(self, draft_id: str) -> None:
        """Remove the draft from the list (a store with backups keeps its last state)."""

    @abstractmethod
    def backups(self, draft_id: str | None = None) -> builtins.list[BackupInfo]:
        """Backups, newest first, of one draft or of all (including deleted drafts)."""

    @abstractmethod
    def restore(self, backup: BackupInfo) -> DraftInfo:
        """Make a backup the draft's current state."""

    @abstractmethod
    def close(self) -> None: ...

    # -- built on the above -------------------------------------------------------------

    def has(self, draft_id: str) -> bool:
        return any(i.id == str(draft_id) for i in self.list())

    def describe(self, draft_id: str) -> DraftInfo | None:
        """The draft's info, or None when there is no such draft."""
        return self.info(draft_id) if self.has(draft_id) else None

    def matching(self, unit: str, year: int, form_id: str) -> builtins.list[DraftInfo]:
        """Stored drafts of the same unit (core/units.py), year and form, newest first."""
        return [
            i
            for i in self.list()
            if i.year == year and i.form_id == form_id and same_unit(i.unit, unit)
        ]

    def import_draft(
        self, draft: Draft, conflict: Conflict = Conflict.ASK, replace_id: str | None = None
    ) -> ImportResult:
        """Store an imported draft; with the same unit + year + form present, ``conflict`` decides.

        ASK raises :class:`ImportConflictError` (carrying the draft) so the caller can ask;
        REPLACE replaces ``replace_id`` (default: the newest match), keeping the replaced
        content in its history; KEEP_BOTH adds a new draft. See ``transfer.py``.
        """
        from .transfer import import_into  # transfer.py builds on this interface

        return import_into(self, draft, conflict, replace_id)

    def import_file(
        self,
        path: str | os.PathLike[str],
        conflict: Conflict = Conflict.ASK,
        replace_id: str | None = None,
    ) -> ImportResult:
        """Read a draft file (DraftFileError if malformed: nothing changes) and import it."""
        return self.import_draft(read_draft_file(Path(path), self.library), conflict, replace_id)

    def export(self, draft_id: str, path: str | os.PathLike[str]) -> None:
        """Write a stored draft as a draft file; the caller has checked ``path``
        (``core/safe_output.py``)."""
        write_draft_file(self.load(draft_id), Path(path))

    def unlock(self, draft_id: str) -> DraftInfo:
        """Make a 已报送 draft editable again (as 草稿)."""
        if self.info(draft_id).status is not Status.SUBMITTED:
            return self.info(draft_id)
        return self.set_status(draft_id, Status.DRAFT)

    def take_notices(self) -> builtins.list[str]:
        """Notices not yet shown, then forget them."""
        taken, self.notices = self.notices, []
        return taken

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class MemoryDraftStore(DraftStore):
    """A DraftStore that keeps everything in this process (tests, the demo window).

    It keeps no backups and no history: the demo's changes are not meant to last.
    """

    def __init__(self, library: FormLibrary | None = None) -> None:
        super().__init__(library or default_library())
        self._drafts: dict[str, tuple[Draft, DraftInfo]] = {}
        self._ids = itertools.count(1)

    def list(self) -> builtins.list[DraftInfo]:
        return newest_first(info for _, info in self._drafts.values())

    def create(self, draft: Draft) -> str:
        draft_id = str(next(self._ids))
        self._drafts[draft_id] = (copy.deepcopy(draft), self._info(draft_id, draft, Status.DRAFT))
        return draft_id

    def load(self, draft_id: str) -> Draft:
        return copy.deepcopy(self._get(draft_id)[0])

    def save(self, draft_id: str, draft: Draft) -> DraftInfo:
        _, info = self._get(draft_id)
        if info.status is Status.SUBMITTED:
            raise DraftLockedError("该报告已报送，已锁定；如需修改请先解锁")
        info = self._info(draft_id, draft, info.status)
        self._drafts[draft_id] = (copy.deepcopy(draft), info)
        return info

    def info(self, draft_id: str) -> DraftInfo:
        return self._get(draft_id)[1]

    def has(self, draft_id: str) -> bool:
        return str(draft_id) in self._drafts

    def replace_draft(self, draft_id: str, draft: Draft, event: str) -> DraftInfo:
        if self.info(draft_id).status is Status.SUBMITTED:
            raise DraftLockedError("该报告已报送，已锁定；如需替换请先解锁")
        self.set_status(draft_id, Status.DRAFT)
        return self.save(draft_id, draft)

    def backups(self, draft_id: str | None = None) -> builtins.list[BackupInfo]:
        return []

    def restore(self, backup: BackupInfo) -> DraftInfo:
        raise StorageError("本次运行的草稿只在内存中，没有备份可以恢复")

    def set_status(self, draft_id: str, status: Status) -> DraftInfo:
        draft, _ = self._get(draft_id)
        info = self._info(draft_id, draft, status)
        self._drafts[draft_id] = (draft, info)
        return info

    def delete(self, draft_id: str) -> None:
        self._drafts.pop(draft_id, None)

    def close(self) -> None:
        pass

    def _get(self, draft_id: str) -> tuple[Draft, DraftInfo]:
        try:
            return self._drafts[draft_id]
        except KeyError:
            raise StorageError(f"找不到编号为 {draft_id} 的草稿") from None

    @staticmethod
    def _info(draft_id: str, draft: Draft, status: Status) -> DraftInfo:
        return DraftInfo(draft_id, draft.unit, draft.year, draft.form_id, status, datetime.now())
