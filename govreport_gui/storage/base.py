"""The one small interface the app uses to keep drafts, and an in-memory version of it.

The UI and the command line talk only to :class:`DraftStore`; the TinyDB store on disk
implements it, and :class:`MemoryDraftStore` serves tests and the demo.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from ..core.draft import Draft
from ..core.errors import GovreportError


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


class DraftStore(Protocol):
    def list(self) -> list[DraftInfo]: ...

    def create(self, draft: Draft) -> str:
        """Store a new draft and return its id."""
        ...

    def load(self, draft_id: str) -> Draft: ...

    def save(self, draft_id: str, draft: Draft) -> DraftInfo:
        """Replace the stored draft; raises StorageError (kept in memory by the caller)
        or DraftLockedError when the draft is 已报送."""
        ...

    def info(self, draft_id: str) -> DraftInfo: ...

    def set_status(self, draft_id: str, status: Status) -> DraftInfo: ...

    def delete(self, draft_id: str) -> None: ...

    def close(self) -> None: ...


class MemoryDraftStore:
    """A DraftStore that keeps everything in this process (tests, the demo window)."""

    def __init__(self) -> None:
        self._drafts: dict[str, tuple[Draft, DraftInfo]] = {}
        self._ids = itertools.count(1)

    def list(self) -> list[DraftInfo]:
        return sorted(
            (info for _, info in self._drafts.values()), key=lambda i: i.saved_at, reverse=True
        )

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
