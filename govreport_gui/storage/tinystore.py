"""The draft store on disk: one small TinyDB file per draft in the user's data folder.

Layout of the data folder::

    govreport.lock, govreport.owner   one writer at a time (lock.py)
    drafts/<id>.json                  one TinyDB database per draft (records.py)
    backups/<id>/<time>-r<rev>-<status>.json   previous states (backups.py)

Why one file per draft: an autosave then rewrites ~20 KB (one draft) instead of every
draft of every unit and year (4 MB for 200 drafts, ~20 ms a save), so its cost does not
grow with the store. There is no separate index file to keep in step: opening reads every
draft file (see bench/bench_storage.py), checks each one fully (``recovery.py``) and
repairs damaged ones from their backups before the clerk sees the list; the list itself
is a TinyDB table in memory (``index.py``).

The files are TinyDB databases (tables ``record`` and ``history``), read and written
whole through :class:`AtomicJSONStorage`: one change, such as unlocking (new status plus
a history entry), must be one atomic write, and TinyDB's table API has no transactions.
``TinyDB(path, storage=AtomicJSONStorage)`` opens any of them for inspection.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import os
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.draft import Draft, draft_from_json, draft_to_json
from ..core.errors import DraftFileError, os_reason
from ..core.library import FormLibrary, default_library
from .atomic import AtomicJSONStorage, DamagedFileError, remove_stale_temps
from .backups import BACKUP_DIR, BackupInfo, Backups
from .base import DraftInfo, DraftLockedError, DraftStore, Status, StorageError, newest_first
from .index import DraftIndex
from .lock import FolderLock
from .paths import data_dir_exists, resolve_data_dir
from .records import (
    HISTORY,
    RECORD,
    RECORD_DOC,
    HistoryEntry,
    file_data,
    history_entry,
    history_of,
    info_of,
    make_record,
    record_of,
    stamp,
)
from .recovery import Recovery, checked_record

log = logging.getLogger(__name__)

DRAFTS_DIR = "drafts"


def label(info: DraftInfo) -> str:
    return f"“{info.unit}{info.year}年”（编号 {info.id}）"


def open_store(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    library: FormLibrary | None = None,
    read_only: bool = False,
    wait: float = 0,
) -> TinyDraftStore:
    """Open the drafts in ``data_dir`` (default: ``GOVREPORT_DATA_DIR`` or the user's data folder).

    A writer takes the folder's lock (a second one is refused with FolderInUseError),
    removes temporary files a crash left behind and repairs damaged draft files from
    their backups. What it found is in ``store.notices``, in Chinese, for the clerk.
    ``read_only`` neither locks nor changes anything: listing and exporting while the
    window is open is safe because every file is replaced atomically. ``wait`` is how many
    seconds to wait for another holder to let go (the window may pass 1–2 s: a
    ``govreport drafts`` run holds the folder for a few milliseconds).
    """
    folder = resolve_data_dir(data_dir)
    library = library or default_library()
    lock = None
    data_dir_exists(folder)  # a file, or a path the system refuses: say so now
    if not read_only:
        try:
            (folder / DRAFTS_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"无法创建数据文件夹“{folder}”：{os_reason(exc)}。"
                "请用 --data-dir 选择一个可以写入的文件夹。"
            ) from None
        lock = FolderLock(folder)
        lock.acquire(wait)
    try:
        return TinyDraftStore(folder, library, lock=lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


class TinyDraftStore(DraftStore):
    """A :class:`DraftStore` on disk; build it with :func:`open_store`."""

    def __init__(self, folder: Path, library: FormLibrary, *, lock: FolderLock | None) -> None:
        super().__init__(library)
        self.data_dir = folder
        self.read_only = lock is None
        self._lock = lock
        self._mutex = threading.RLock()
        self._drafts_dir = folder / DRAFTS_DIR
        self._backups = Backups(folder / BACKUP_DIR, self._tell)
        self._recovery = Recovery(self._backups, library, self._tell)
        self._index = DraftIndex()
        self._files: dict[str, AtomicJSONStorage] = {}
        self._next_id = 1
        self._closed = False
        self._scan()

    def _tell(self, notice: str) -> None:
        if notice not in self.notices:
            self.notices.append(notice)

    # -- opening -----------------------------------------------------------------------

    def _scan(self) -> None:
        if not data_dir_exists(self._drafts_dir):
            return
        if not self.read_only:
            removed = remove_stale_temps(self._drafts_dir)
            if removed:
                log.info("removed %d temporary files left by an interrupted save", removed)
        seen_ids = {int(i) for i in self._backups.draft_ids()}
        for path in sorted(self._drafts_dir.iterdir()):
            draft_id = path.name.split(".", 1)[0]
            if not draft_id.isdigit():
                continue
            seen_ids.add(int(draft_id))
            if path.name == f"{draft_id}.json":
                self._open_file(draft_id, path)
        self._next_id = max(seen_ids, default=0) + 1
        previous = self._lock.previous_owner if self._lock else None
        if previous is not None and not self.notices:
            self.notices.append(
                "上次使用本数据文件夹的 govreport 没有正常关闭（可能是断电或程序被强制结束）。"
                f"已检查全部 {len(self._index.ids())} 份草稿，均完好。"
            )

    def _open_file(self, draft_id: str, path: Path) -> None:
        storage = AtomicJSONStorage(path)
        try:
            record = checked_record(storage.read() or {}, path, draft_id, self.library)
        except DamagedFileError as exc:
            if self.read_only:
                self.notices.append(
                    f"草稿文件 {path} 已损坏（{exc.reason}），本次以只读方式打开，暂不处理；"
                    "下次正常打开本程序时会把它移开并从备份恢复。"
                )
                return
            self._recover(draft_id, exc)
            return
        except StorageError as exc:
            self.notices.append(exc.message)
            return
        except OSError as exc:
            self.notices.append(f"无法读取草稿文件 {path}：{os_reason(exc)}。")
            return
        self._index.put(info_of(record, path, draft_id), record["rev"])
        storage.forget()  # keep memory small; files are read again when used
        self._files[draft_id] = storage

    def _recover(self, draft_id: str, damage: DamagedFileError) -> dict[str, Any] | None:
        """Set a damaged file aside and restore its newest good backup (``recovery.py``)."""
        path = self._path(draft_id)
        data = self._recovery.recover(path, draft_id, damage)
        if data is None:
            self._index.remove(draft_id)
            self._files.pop(draft_id, None)
            return None
        record = record_of(data, path, draft_id)
        self._index.put(info_of(record, path, draft_id), record["rev"])
        self._files[draft_id] = AtomicJSONStorage(path)
        return data

    # -- the DraftStore interface --------------------------------------------------------

    def list(self) -> builtins.list[DraftInfo]:
        with self._mutex:
            infos = self._index.all()
        return newest_first(infos)

    def has(self, draft_id: str) -> bool:
        with self._mutex:
            return self._index.has(str(draft_id))

    def info(self, draft_id: str) -> DraftInfo:
        with self._mutex:
            return self._entry(draft_id)[0]

    def matching(self, unit: str, year: int, form_id: str) -> builtins.list[DraftInfo]:
        with self._mutex:
            found = self._index.matching(unit, year, form_id)
        return newest_first(found)

    def load(self, draft_id: str) -> Draft:
        with self._mutex:
            record = self._record(draft_id)
        try:
            return draft_from_json(record["draft"], self.library, f"草稿（编号 {draft_id}）")
        except DraftFileError as exc:
            raise StorageError(f"{exc.message}。文件：{self._path(draft_id)}") from None

    def create(self, draft: Draft) -> str:
        with self._mutex:
            self._writable()
            draft_id = str(self._next_id)
            self._next_id += 1
            record = make_record(draft_id, draft_to_json(draft), Status.DRAFT, datetime.now(), 1)
            self._commit(draft_id, record, None, what=f"“{draft.unit}{draft.year}年”")
            return draft_id

    def save(self, draft_id: str, draft: Draft) -> DraftInfo:
        with self._mutex:
            self._writable()
            before = self._entry(draft_id)
            try:
                current: dict[str, Any] | None = self._record(draft_id)
            except DamagedFileError:  # beyond repair (the clerk is told): save this content anew
                current = None
            info, rev = self._index.get(draft_id) or before  # reading may have repaired it
            if info.status is Status.SUBMITTED:
                raise DraftLockedError(
                    f"草稿{label(info)}已报送，已锁定，不能修改；"
                    "如确需修改，请先解锁（解锁时会保留已报送的版本）。"
                )
            draft_json = draft_to_json(draft)
            if current is not None and current["draft"] == draft_json:
                return info  # nothing changed: no write, no backup
            new = make_record(draft_id, draft_json, info.status, datetime.now(), rev + 1)
            return self._commit(draft_id, new, None)

    def replace_draft(self, draft_id: str, draft: Draft, event: str) -> DraftInfo:
        """The import's replace: the old content goes to the draft's history."""
        with self._mutex:
            self._writable()
            current = self._record(draft_id)
            info, rev = self._entry(draft_id)
            if info.status is Status.SUBMITTED:
                raise DraftLockedError(f"草稿{label(info)}已报送，已锁定；请先解锁。")
            new = make_record(draft_id, draft_to_json(draft), Status.DRAFT, datetime.now(), rev + 1)
            return self._commit(draft_id, new, self._history_doc(event, current))

    def set_status(self, draft_id: str, status: Status) -> DraftInfo:
        """Change the status; leaving 已报送 (unlocking) keeps the exported version in history."""
        with self._mutex:
            self._writable()
            record = self._record(draft_id)  # first: reading may repair the file
            info, rev = self._entry(draft_id)
            if status is info.status:
                return info
            kept = None
            if info.status is Status.SUBMITTED:
                kept = self._history_doc("unlocked", record)
            new = {
                **record,
                "status": status.value,
                "saved_at": stamp(datetime.now()),
                "rev": rev + 1,
            }
            return self._commit(draft_id, new, kept)

    def delete(self, draft_id: str) -> None:
        """Remove the draft from the list; its last state stays in its backups."""
        with self._mutex:
            self._writable()
            found = self._index.get(draft_id)
            if found is None:
                return
            info, rev = found
            path = self._path(draft_id)
            if path.exists():
                try:
                    self._backups.move_in(draft_id, path, info.saved_at, rev, info.status)
                except OSError as exc:
                    raise StorageError(f"未能删除草稿{label(info)}：{os_reason(exc)}。") from None
            self._files.pop(draft_id, AtomicJSONStorage(path)).forget()
            self._index.remove(draft_id)

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            for storage in self._files.values():
                storage.forget()
            if self._lock is not None:
                self._lock.release()

    # -- history and backups ----------------------------------------------------------

    def take_notices(self) -> builtins.list[str]:
        """Notices not yet shown (e.g. a file found damaged after opening), then forget them."""
        with self._mutex:
            return super().take_notices()

    def history(self, draft_id: str) -> builtins.list[HistoryEntry]:
        with self._mutex:
            docs = history_of(self._data(draft_id), self._path(draft_id))
        return [history_entry(n, doc) for n, doc in enumerate(docs, start=1)]

    def load_history(self, draft_id: str, number: int) -> Draft:
        """A version kept in history (1 = oldest), e.g. the one sent before unlocking."""
        with self._mutex:
            docs = history_of(self._data(draft_id), self._path(draft_id))
        if not 1 <= number <= len(docs):
            raise StorageError(f"编号 {draft_id} 的草稿没有第 {number} 个历史版本")
        try:
            return draft_from_json(docs[number - 1]["draft"], self.library, "历史版本")
        except DraftFileError as exc:
            raise StorageError(exc.message) from None

    def backups(self, draft_id: str | None = None) -> builtins.list[BackupInfo]:
        """Backups, newest first, of one draft or of all (including deleted drafts)."""
        with self._mutex:
            ids = [draft_id] if draft_id is not None else self._backups.draft_ids()
            found = [b for i in ids for b in self._backups.list(i)]
        return sorted(found, key=lambda b: (b.saved_at, b.rev), reverse=True)

    def describe(self, draft_id: str) -> DraftInfo | None:
        """The draft's info, or for a deleted draft the info of its newest backup."""
        with self._mutex:
            found = self._index.get(draft_id)
            if found is not None:
                return found[0]
            for backup in self._backups.list(draft_id):
                try:
                    data = self._recovery.read_backup(backup)
                except StorageError:
                    continue
                return info_of(record_of(data, backup.path, draft_id), backup.path, draft_id)
            return None

    def restore(self, backup: BackupInfo) -> DraftInfo:
        """Make a backup the draft's current state (the replaced state is kept in history).

        Works for deleted drafts too. A 已报送 draft must be unlocked first.
        """
        with self._mutex:
            self._writable()
            try:
                data = self._recovery.read_backup(backup)
            except DamagedFileError as exc:
                raise StorageError(f"备份 {backup.path} 无法使用：{exc.reason}") from None
            draft_id = backup.draft_id
            record = record_of(data, backup.path, draft_id)
            current = None
            if self.has(draft_id):
                with contextlib.suppress(DamagedFileError):  # beyond repair: restoring helps
                    current = self._record(draft_id)
            found = self._index.get(draft_id)
            kept, history = None, None
            rev = max(backup.rev, found[1] if found else 0) + 1
            if found is not None and current is not None:
                if found[0].status is Status.SUBMITTED:
                    raise DraftLockedError(
                        f"草稿{label(found[0])}已报送，已锁定；请先解锁再恢复备份。"
                    )
                kept = self._history_doc("restored", current)
            else:
                docs = history_of(data, backup.path)
                history = {str(n): doc for n, doc in enumerate(docs, start=1)}
            new = {**record, "saved_at": stamp(datetime.now()), "rev": rev}
            return self._commit(draft_id, new, kept, history=history)

    # -- internals --------------------------------------------------------------------

    def _path(self, draft_id: str) -> Path:
        return self._drafts_dir / f"{draft_id}.json"

    def _writable(self) -> None:
        if self._closed:
            raise StorageError("草稿库已关闭")
        if self.read_only:
            raise StorageError("本次以只读方式打开数据文件夹，不能修改草稿")

    def _entry(self, draft_id: str) -> tuple[DraftInfo, int]:
        found = self._index.get(str(draft_id))
        if found is None:
            raise StorageError(f"找不到编号为 {draft_id} 的草稿")
        return found

    def _storage(self, draft_id: str) -> AtomicJSONStorage:
        return self._files.setdefault(draft_id, AtomicJSONStorage(self._path(draft_id)))

    def _data(self, draft_id: str) -> dict[str, Any]:
        """The draft file's content; a file damaged since opening is repaired from backups."""
        info, _ = self._entry(draft_id)
        storage = self._storage(draft_id)
        try:
            data = storage.read()
            if data is None:
                raise DamagedFileError(self._path(draft_id), "文件不见了")
            record_of(data, self._path(draft_id), draft_id)
            return data
        except DamagedFileError as exc:
            if self.read_only:
                raise
            storage.forget()
            recovered = self._recover(draft_id, exc)
            if recovered is None:
                raise
            return recovered
        except OSError as exc:
            raise StorageError(
                f"无法读取草稿{label(info)}：{os_reason(exc)}（{self._path(draft_id)}）"
            ) from None

    def _record(self, draft_id: str) -> dict[str, Any]:
        return record_of(self._data(draft_id), self._path(draft_id), draft_id)

    @staticmethod
    def _history_doc(event: str, record: dict[str, Any]) -> dict[str, Any]:
        return {
            "at": stamp(datetime.now()),
            "event": event,
            "status": record["status"],
            "saved_at": record["saved_at"],
            "draft": record["draft"],
        }

    def _commit(
        self,
        draft_id: str,
        record: dict[str, Any],
        add_history: dict[str, Any] | None,
        *,
        history: dict[str, Any] | None = None,
        what: str = "",
    ) -> DraftInfo:
        """Write the draft's new record (and history) in one atomic replace of its file.

        The state being replaced goes to the backups first. A new draft, and any change
        that adds history, is also copied into the backups at once: otherwise the only
        copy of that history would be the current file.
        """
        path = self._path(draft_id)
        old: dict[str, Any] = {}
        if self._index.has(draft_id):
            with contextlib.suppress(DamagedFileError):  # beyond repair: already reported
                old = self._data(draft_id)
        before = self._index.get(draft_id)  # reading may have repaired (replaced) it
        if history is None:
            history = dict(old.get(HISTORY, {}))
        if before is not None:
            info, rev = before
            self._backups.keep(draft_id, path, info.saved_at, rev, info.status)
        if add_history is not None:
            history[str(max((int(k) for k in history), default=0) + 1)] = add_history
        data = file_data(record, history)
        try:
            self._storage(draft_id).write(data)
        except OSError as exc:
            shown = what or (label(before[0]) if before else f"（编号 {draft_id}）")
            raise StorageError(self._failure(shown, exc)) from None
        saved = data[RECORD][str(RECORD_DOC)]
        info = info_of(saved, path, draft_id)
        self._index.put(info, saved["rev"])
        if before is None or add_history is not None:
            with contextlib.suppress(OSError):
                payload = path.read_bytes()
                self._backups.copy_in(draft_id, payload, info.saved_at, saved["rev"], info.status)
        return info

    def _failure(self, shown: str, exc: OSError) -> str:
        reason = os_reason(exc)
        if reason in ("磁盘已满", "磁盘空间配额已用完"):
            advice = "请腾出磁盘空间后再保存。"
        elif "只读" in reason or "权限" in reason:
            advice = "请检查该文件夹是否可以写入后再保存。"
        else:
            advice = "问题解决后再保存即可。"
        return (
            f"未能保存草稿{shown}（数据文件夹 {self.data_dir}）：{reason}。"
            f"已保存的内容没有受影响；{advice}"
        )
