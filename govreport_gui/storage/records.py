"""What one draft file holds, and how to tell a good one from a damaged one.

Each draft is a small TinyDB database ``drafts/<id>.json`` with two tables:

- ``record``: one document — ``layout``, ``id``, ``status``, ``saved_at``, ``rev`` (counts
  saves), ``draft``, the exchange JSON of :func:`core.draft.draft_to_json`, and ``check``,
  the SHA-256 of the rest of the file (layout 2; layout 1 files have none and get one
  when next written);
- ``history``: earlier versions kept on purpose (the exported version when a 已报送
  draft is unlocked, a draft replaced by an import, the state before a restore), at most
  :data:`MAX_HISTORY`, oldest dropped first (they are also in the backups).

The checksum catches what a valid-looking file can still hide: a flipped byte inside a
text, which JSON parsing and the draft's own checks cannot see.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.draft import KIND
from .atomic import DamagedFileError
from .base import DraftInfo, Status, StorageError

LAYOUT = 2
RECORD = "record"
HISTORY = "history"
RECORD_DOC = 1
CHECK = "check"
#: Versions kept in a draft's history: enough for a year of unlocks and imports, while a
#: save stays small (each version is a whole draft).
MAX_HISTORY = 10

EVENT_LABELS = {
    "unlocked": "解锁前的已报送版本",
    "replaced": "导入时被替换的版本",
    "restored": "恢复备份前的版本",
}


@dataclass(frozen=True)
class HistoryEntry:
    number: int  # 1 = oldest
    at: datetime  # when it was put into history
    event: str  # a key of EVENT_LABELS
    status: Status  # the status that version had
    saved_at: datetime  # when that version was last saved

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.event, self.event)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def make_record(
    draft_id: str, draft_json: dict[str, Any], status: Status, saved_at: datetime, rev: int
) -> dict[str, Any]:
    return {
        "layout": LAYOUT,
        "id": draft_id,
        "status": status.value,
        "saved_at": stamp(saved_at),
        "rev": rev,
        "draft": draft_json,
    }


def record_of(data: dict[str, Any], path: Path, draft_id: str) -> dict[str, Any]:
    """The record document of a draft file's data, or DamagedFileError if it has the wrong shape."""
    table = data.get(RECORD)
    record = table.get(str(RECORD_DOC)) if isinstance(table, dict) else None
    if not isinstance(record, dict):
        raise DamagedFileError(path, "缺少草稿记录")
    layout = record.get("layout")
    if isinstance(layout, int) and not isinstance(layout, bool) and layout > LAYOUT:
        raise StorageError(f"文件 {path} 由更新版本的 govreport 保存，请用新版程序打开")
    if type(layout) is not int or layout not in (1, LAYOUT):
        raise DamagedFileError(path, "草稿记录的格式不对")
    if layout == LAYOUT and record.get(CHECK) != checksum(record, data.get(HISTORY)):
        raise DamagedFileError(path, "内容与校验码不符（文件中有字节被改动）")
    info_of(record, path, draft_id)  # validates the rest
    return record


def checksum(record: dict[str, Any], history: Any) -> str:
    """SHA-256 of the record (without its checksum) and the history, in a fixed spelling."""
    body = {k: v for k, v in record.items() if k != CHECK}
    text = json.dumps([body, history or {}], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_data(record: dict[str, Any], history: dict[str, Any]) -> dict[str, Any]:
    """What a draft file holds: the record sealed with its checksum, and the history."""
    kept = _bounded(history)
    sealed = {**record, "layout": LAYOUT}
    sealed[CHECK] = checksum(sealed, kept)
    data: dict[str, Any] = {RECORD: {str(RECORD_DOC): sealed}}
    if kept:
        data[HISTORY] = kept
    return data


def _bounded(history: dict[str, Any]) -> dict[str, Any]:
    keys = sorted(history, key=int)
    return {k: history[k] for k in keys[-MAX_HISTORY:]}


def info_of(record: dict[str, Any], path: Path, draft_id: str) -> DraftInfo:
    def bad(what: str) -> DamagedFileError:
        return DamagedFileError(path, f"草稿记录中的 {what} 不对")

    if record.get("id") != draft_id:
        raise bad("id")
    try:
        status = Status(record.get("status", ""))
    except ValueError:
        raise bad("status") from None
    saved_at = _moment(record.get("saved_at"))
    if saved_at is None:
        raise bad("saved_at")
    rev = record.get("rev")
    if not isinstance(rev, int) or isinstance(rev, bool) or rev < 0:
        raise bad("rev")
    draft = record.get("draft")
    if not isinstance(draft, dict) or draft.get("kind") != KIND:
        raise bad("draft")
    unit, year, form_id = draft.get("unit"), draft.get("year"), draft.get("form")
    if not isinstance(unit, str) or not isinstance(form_id, str):
        raise bad("draft")
    if not isinstance(year, int) or isinstance(year, bool):
        raise bad("draft.year")
    return DraftInfo(draft_id, unit, year, form_id, status, saved_at)


def history_of(data: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """History documents in the order they were added; DamagedFileError if malformed."""
    table = data.get(HISTORY, {})
    if not isinstance(table, dict):
        raise DamagedFileError(path, "历史版本表的格式不对")
    entries = []
    for key, doc in table.items():
        if not key.isdigit() or not isinstance(doc, dict) or not isinstance(doc.get("draft"), dict):
            raise DamagedFileError(path, "历史版本的格式不对")
        entries.append((int(key), doc))
    return [doc for _, doc in sorted(entries, key=lambda item: item[0])]


def history_entry(number: int, doc: dict[str, Any]) -> HistoryEntry:
    try:
        status = Status(doc.get("status", ""))
    except ValueError:
        status = Status.DRAFT
    at = _moment(doc.get("at")) or datetime.min
    saved_at = _moment(doc.get("saved_at")) or at
    return HistoryEntry(number, at, str(doc.get("event", "")), status, saved_at)


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
