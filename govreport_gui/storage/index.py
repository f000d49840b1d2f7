"""The list of drafts while the store is open: a TinyDB table in memory, searched by Query.

Each draft lives in its own file (``tinystore.py``); opening reads them all once and puts
what the list and the import need into this table, one document per draft with the
draft's id as ``doc_id``. Finding the drafts of a unit (by :func:`core.units.unit_key`),
year and form is then TinyDB's own ``Query``, not a hand-written index.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from ..core.units import unit_key
from .base import DraftInfo, Status

_draft = Query()


class DraftIndex:
    def __init__(self) -> None:
        self._table = TinyDB(storage=MemoryStorage).table("drafts", cache_size=0)

    def put(self, info: DraftInfo, rev: int) -> None:
        doc = {
            "unit": info.unit,
            "unit_key": unit_key(info.unit),
            "year": info.year,
            "form": info.form_id,
            "status": info.status.value,
            "saved_at": info.saved_at.isoformat(),
            "rev": rev,
        }
        self._table.upsert(Document(doc, doc_id=int(info.id)))

    def remove(self, draft_id: str) -> None:
        if self.has(draft_id):
            self._table.remove(doc_ids=[int(draft_id)])

    def has(self, draft_id: str) -> bool:
        return draft_id.isdigit() and self._table.contains(doc_id=int(draft_id))

    def get(self, draft_id: str) -> tuple[DraftInfo, int] | None:
        doc = self._table.get(doc_id=int(draft_id)) if draft_id.isdigit() else None
        return None if doc is None else (_info(doc), int(doc["rev"]))

    def all(self) -> list[DraftInfo]:
        return [_info(doc) for doc in self._table.all()]

    def ids(self) -> list[str]:
        return [str(doc.doc_id) for doc in self._table.all()]

    def matching(self, unit: str, year: int, form_id: str) -> list[DraftInfo]:
        found = self._table.search(
            (_draft.unit_key == unit_key(unit)) & (_draft.year == year) & (_draft.form == form_id)
        )
        return [_info(doc) for doc in found]


def _info(doc: Any) -> DraftInfo:
    return DraftInfo(
        str(doc.doc_id),
        doc["unit"],
        doc["year"],
        doc["form"],
        Status(doc["status"]),
        datetime.fromisoformat(doc["saved_at"]),
    )
