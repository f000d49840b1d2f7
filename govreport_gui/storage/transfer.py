"""Importing draft files never overwrites a draft silently: the caller chooses."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..core.draft import Draft
from ..core.errors import GovreportError
from .base import DraftInfo


class Conflict(StrEnum):
    """What to do when the store already has a draft of the same unit, year and form."""

    ASK = "ask"  # raise ImportConflictError so the caller can ask the clerk
    REPLACE = "replace"  # replace it; its old content goes to its history
    KEEP_BOTH = "keep-both"  # store the import as a further draft


class ImportConflictError(GovreportError):
    """Same unit + year + form already stored; carries the read draft so nothing is read twice."""

    def __init__(self, draft: Draft, existing: list[DraftInfo]) -> None:
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
