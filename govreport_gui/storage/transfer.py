"""Draft files in and out of a store: importing never overwrites a draft silently.

An imported draft of a unit (``core/units.py``), year and form the store already holds is
either refused with :class:`ImportConflictError` so that the caller asks the clerk, kept
beside it, or made the new content of that draft with the old content kept in its history.
:meth:`DraftStore.import_file` and :meth:`DraftStore.export` read and write the draft
files around it; where a file may be written is the caller's check (``core/safe_output.py``).
"""

from __future__ import annotations

from ..core.draft import Draft
from .base import Conflict, DraftLockedError, DraftStore, ImportConflictError, ImportResult, Status

__all__ = ["Conflict", "ImportConflictError", "ImportResult", "import_into"]


def import_into(
    store: DraftStore, draft: Draft, conflict: Conflict, replace_id: str | None
) -> ImportResult:
    """:meth:`DraftStore.import_draft`, written once for every store."""
    same = store.matching(draft.unit, draft.year, draft.form_id)
    if same and conflict is Conflict.ASK:
        raise ImportConflictError(draft, same)
    if not same or conflict is Conflict.KEEP_BOTH:
        new_id = store.create(draft)
        return ImportResult(store.info(new_id), None, tuple(same))
    target = replace_id or same[0].id
    old = store.info(target)
    if old.status is Status.SUBMITTED:
        raise DraftLockedError(
            f"草稿“{old.unit}{old.year}年”（编号 {old.id}）已报送，已锁定，"
            "不能被导入的文件替换；请先解锁，或选择两份都保留。"
        )
    info = store.replace_draft(target, draft, "replaced")
    return ImportResult(info, old, tuple(i for i in same if i.id != target))
