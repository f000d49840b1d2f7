"""The draft store on disk: one small TinyDB file per draft in the user's data folder.

Layout of the data folder::

    govreport.lock, govreport.owner   one writer at a time (lock.py)
    drafts/<id>.json                  one TinyDB database per draft (records.py)
    backups/<id>/<time>-r<rev>-<status>.json   previous states (backups.py)

Why one file per draft: an autosave then rewrites ~20 KB (one draft) instead of every
draft of every unit and year (4 MB for 200 drafts, ~20 ms a save), so its cost does not
grow with the store. There is no separate index file to keep in step: opening reads every
draft file (about 16 ms for 200 full drafts, see bench/bench_storage.py), which also
checks each one and repairs damaged ones from their backups before the clerk sees the list.

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
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.draft import Draft, draft_from_json, draft_to_json, read_draft_file, write_draft_file
from ..core.errors import DraftFileError, os_reason
from ..core.library import FormLibrary, default_library
from .atomic import AtomicJSONStorage, DamagedFileError, decode_json, remove_stale_temps
from .backups import BACKUP_DIR, BackupInfo, Backups
from .base import DraftInfo, DraftLockedError, Status, StorageError
from .lock import FolderLock
from .paths import resolve_data_dir
from .records import (
    HISTORY,
    RECORD,
    HistoryEntry,
    history_entry,
    history_of,
    info_of,
    make_record,
    record_of,
    stamp,
)
from .transfer import Conflict, ImportConflictError, ImportResult, same_unit

log = logging.getLogger(__name__)

DRAFTS_DIR = "drafts"
_SHOWN = "%Y-%m-%d %H:%M:%S"


@dataclass
class _Entry:
    info: DraftInfo
    rev: int
    storage: AtomicJSONStorage


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


class TinyDraftStore:
    """A :class:`DraftStore` on disk; build it with :func:`open_store`."""

    def __init__(self, folder: Path, library: FormLibrary, *, lock: FolderLock | None) -> None:
        self.data_dir = folder
        self.library = library
        self.read_only = lock is None
        #: Messages for the clerk about what opening (or a later read) found and repaired.
        self.notices: list[str] = []
        self._lock = lock
        self._mutex = threading.RLock()
        self._drafts_dir = folder / DRAFTS_DIR
        self._backups = Backups(folder / BACKUP_DIR)
        self._entries: dict[str, _Entry] = {}
        self._next_id = 1
        self._closed = False
        self._scan()

    # -- opening -----------------------------------------------------------------------

    def _scan(self) -> None:
        if not self._drafts_dir.is_dir():
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
                f"已检查全部 {len(self._entries)} 份草稿，均完好。"
            )

    def _open_file(self, draft_id: str, path: Path) -> None:
        storage = AtomicJSONStorage(path)
        try:
            data = storage.read() or {}
            record = record_of(data, path, draft_id)
            history_of(data, path)
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
        info = info_of(record, path, draft_id)
        self._entries[draft_id] = _Entry(info, record["rev"], storage)
        storage.forget()  # keep memory small; files are read again when used

    def _recover(self, draft_id: str, damage: DamagedFileError) -> _Entry | None:
        """Set a damaged draft file aside and put back its newest good backup.

        The damaged file is kept (hard link or copy) before the good one replaces it, so
        a crash during recovery leaves the damaged file in place and recovery runs again.
        """
        path = self._path(draft_id)
        found = self._newest_good_backup(draft_id)
        aside_path = self._aside_name(path)
        aside: Path | None = aside_path  # None when the damaged file turns out to be gone
        try:
            if found is None:
                os.replace(path, aside_path)
            else:
                try:
                    _keep_copy(path, aside_path)
                except FileNotFoundError:
                    aside = None
                AtomicJSONStorage(path).write(found[1])
        except FileNotFoundError:
            aside = None
        except OSError as exc:
            self.notices.append(
                f"草稿文件 {path} 已损坏（{damage.reason}），但无法处理：{os_reason(exc)}。"
            )
            return None
        where = f"已移到 {aside}" if aside else "文件已不在数据文件夹中"
        if found is None:
            self._entries.pop(draft_id, None)
            self.notices.append(
                f"编号 {draft_id} 的草稿数据文件已损坏（{damage.reason}），{where}。"
                "没有找到可用的备份，这份草稿无法自动恢复；请保留该文件并联系技术人员。"
            )
            return None
        backup, data = found
        record = record_of(data, path, draft_id)
        entry = _Entry(info_of(record, path, draft_id), record["rev"], AtomicJSONStorage(path))
        self._entries[draft_id] = entry
        self.notices.append(
            f"草稿{label(entry.info)}的数据文件已损坏（{damage.reason}），{where}。"
            f"已打开 {backup.saved_at:{_SHOWN}} 保存的备份；"
            "如果这之后还有修改，请核对后重新填写。"
        )
        return entry

    def _newest_good_backup(self, draft_id: str) -> tuple[BackupInfo, dict[str, Any]] | None:
        for backup in self._backups.list(draft_id):
            try:
                data = decode_json(backup.path.read_bytes(), backup.path)
                if not isinstance(data, dict):
                    raise DamagedFileError(backup.path, "最外层不是 JSON 对象")
                record_of(data, backup.path, draft_id)
                history_of(data, backup.path)
            except (StorageError, OSError) as exc:
                log.info("backup %s unusable: %s", backup.path, exc)
                continue
            return backup, data
        return None

    @staticmethod
    def _aside_name(path: Path) -> Path:
        base = f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}"
        aside, n = path.with_name(base), 1
        while aside.exists():
            n += 1
            aside = path.with_name(f"{base}-{n}")
        return aside

    # -- the DraftStore interface --------------------------------------------------------

    def list(self) -> list[DraftInfo]:
        with self._mutex:
            infos = [entry.info for entry in self._entries.values()]
        return sorted(infos, key=lambda i: i.saved_at, reverse=True)

    def has(self, draft_id: str) -> bool:
        return str(draft_id) in self._entries

    def info(self, draft_id: str) -> DraftInfo:
        with self._mutex:
            return self._entry(draft_id).info

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
            entry = self._entries.get(draft_id, before)  # reading may have repaired it
            if entry.info.status is Status.SUBMITTED:
                raise DraftLockedError(
                    f"草稿{label(entry.info)}已报送，已锁定，不能修改；"
                    "如确需修改，请先解锁（解锁时会保留已报送的版本）。"
                )
            draft_json = draft_to_json(draft)
            if current is not None and current["draft"] == draft_json:
                return entry.info  # nothing changed: no write, no backup
            new = make_record(
                draft_id, draft_json, entry.info.status, datetime.now(), entry.rev + 1
            )
            return self._commit(draft_id, new, None)

    def set_status(self, draft_id: str, status: Status) -> DraftInfo:
        """Change the status; leaving 已报送 (unlocking) keeps the exported version in history."""
        with self._mutex:
            self._writable()
            record = self._record(draft_id)  # first: reading may repair the file
            entry = self._entry(draft_id)
            if status is entry.info.status:
                return entry.info
            kept = None
            if entry.info.status is Status.SUBMITTED:
                kept = self._history_doc("unlocked", record)
            new = {
                **record,
                "status": status.value,
                "saved_at": stamp(datetime.now()),
                "rev": entry.rev + 1,
            }
            return self._commit(draft_id, new, kept)

    def unlock(self, draft_id: str) -> DraftInfo:
        """Make a 已报送 draft editable again (as 草稿); the exported version stays in history."""
        with self._mutex:
            if self._entry(draft_id).info.status is not Status.SUBMITTED:
                return self._entry(draft_id).info
            return self.set_status(draft_id, Status.DRAFT)

    def delete(self, draft_id: str) -> None:
        """Remove the draft from the list; its last state stays in its backups."""
        with self._mutex:
            self._writable()
            entry = self._entries.get(draft_id)
            if entry is None:
                return
            path = self._path(draft_id)
            if path.exists():
                try:
                    self._backups.move_in(
                        draft_id, path, entry.info.saved_at, entry.rev, entry.info.status
                    )
                except OSError as exc:
                    raise StorageError(
                        f"未能删除草稿{label(entry.info)}：{os_reason(exc)}。"
                    ) from None
            entry.storage.forget()
            del self._entries[draft_id]

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            for entry in self._entries.values():
                entry.storage.forget()
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> TinyDraftStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- history and backups ----------------------------------------------------------

    def take_notices(self) -> builtins.list[str]:
        """Notices not yet shown (e.g. a file found damaged after opening), then forget them."""
        with self._mutex:
            taken, self.notices = self.notices, []
            return taken

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
            entry = self._entries.get(draft_id)
            if entry is not None:
                return entry.info
            for backup in self._backups.list(draft_id):
                try:
                    record = self._read_backup(backup)
                except StorageError:
                    continue
                return info_of(record, backup.path, draft_id)
            return None

    def restore(self, backup: BackupInfo) -> DraftInfo:
        """Make a backup the draft's current state (the replaced state is kept in history).

        Works for deleted drafts too. A 已报送 draft must be unlocked first.
        """
        with self._mutex:
            self._writable()
            record = self._read_backup(backup)
            draft_id = backup.draft_id
            try:
                draft_from_json(record["draft"], self.library, "备份")
            except DraftFileError as exc:
                raise StorageError(f"备份 {backup.path} 无法使用：{exc.message}") from None
            current = None
            if self.has(draft_id):
                with contextlib.suppress(DamagedFileError):  # beyond repair: restoring helps
                    current = self._record(draft_id)
            entry = self._entries.get(draft_id)
            kept = None
            rev = max(backup.rev, entry.rev if entry else 0) + 1
            if entry is not None and current is not None:
                if entry.info.status is Status.SUBMITTED:
                    raise DraftLockedError(
                        f"草稿{label(entry.info)}已报送，已锁定；请先解锁再恢复备份。"
                    )
                kept = self._history_doc("restored", current)
                history = None
            else:
                history = self._backup_history(backup)
            new = {**record, "saved_at": stamp(datetime.now()), "rev": rev}
            return self._commit(draft_id, new, kept, history=history)

    # -- import and export ------------------------------------------------------------

    def matching(self, unit: str, year: int, form_id: str) -> builtins.list[DraftInfo]:
        """Stored drafts of the same unit, year and form, newest first."""
        return [
            i
            for i in self.list()
            if i.year == year and i.form_id == form_id and same_unit(i.unit, unit)
        ]

    def import_file(
        self,
        path: str | os.PathLike[str],
        conflict: Conflict = Conflict.ASK,
        replace_id: str | None = None,
    ) -> ImportResult:
        """Read a draft file (DraftFileError if malformed: nothing changes) and store it."""
        draft = read_draft_file(Path(path), self.library)
        return self.import_draft(draft, conflict, replace_id)

    def import_draft(
        self, draft: Draft, conflict: Conflict = Conflict.ASK, replace_id: str | None = None
    ) -> ImportResult:
        """Store an imported draft; with the same unit + year + form present, ``conflict`` decides.

        ASK raises :class:`ImportConflictError` (carrying the draft) so the caller can ask;
        REPLACE replaces ``replace_id`` (default: the newest match), keeping the replaced
        content in its history; KEEP_BOTH adds a new draft.
        """
        with self._mutex:
            self._writable()
            same = self.matching(draft.unit, draft.year, draft.form_id)
            if same and conflict is Conflict.ASK:
                raise ImportConflictError(draft, same)
            if not same or conflict is Conflict.KEEP_BOTH:
                new_id = self.create(draft)
                return ImportResult(self.info(new_id), None, tuple(same))
            target = replace_id or same[0].id
            current = self._record(target)
            old = self._entry(target).info
            if old.status is Status.SUBMITTED:
                raise DraftLockedError(
                    f"草稿{label(old)}已报送，已锁定，不能被导入的文件替换；"
                    "请先解锁，或选择两份都保留。"
                )
            kept = self._history_doc("replaced", current)
            new = make_record(
                target,
                draft_to_json(draft),
                Status.DRAFT,
                datetime.now(),
                self._entry(target).rev + 1,
            )
            info = self._commit(target, new, kept)
            return ImportResult(info, old, tuple(i for i in same if i.id != target))

    def export(self, draft_id: str, path: str | os.PathLike[str]) -> None:
        """Write the draft as an exchange file (atomically) anywhere the clerk chooses."""
        write_draft_file(self.load(draft_id), Path(path))

    # -- internals --------------------------------------------------------------------

    def _path(self, draft_id: str) -> Path:
        return self._drafts_dir / f"{draft_id}.json"

    def _writable(self) -> None:
        if self._closed:
            raise StorageError("草稿库已关闭")
        if self.read_only:
            raise StorageError("本次以只读方式打开数据文件夹，不能修改草稿")

    def _entry(self, draft_id: str) -> _Entry:
        entry = self._entries.get(str(draft_id))
        if entry is None:
            raise StorageError(f"找不到编号为 {draft_id} 的草稿")
        return entry

    def _data(self, draft_id: str) -> dict[str, Any]:
        """The draft file's content; a file damaged since opening is repaired from backups."""
        entry = self._entry(draft_id)
        try:
            data = entry.storage.read()
            if data is None:
                raise DamagedFileError(self._path(draft_id), "文件不见了")
            record_of(data, self._path(draft_id), draft_id)
            return data
        except DamagedFileError as exc:
            if self.read_only:
                raise
            entry.storage.forget()
            recovered = self._recover(draft_id, exc)
            if recovered is None:
                raise
            data = recovered.storage.read()
            assert data is not None
            return data
        except OSError as exc:
            raise StorageError(
                f"无法读取草稿{label(entry.info)}：{os_reason(exc)}（{self._path(draft_id)}）"
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

    def _read_backup(self, backup: BackupInfo) -> dict[str, Any]:
        try:
            data = decode_json(backup.path.read_bytes(), backup.path)
        except OSError as exc:
            raise StorageError(f"无法读取备份 {backup.path}：{os_reason(exc)}") from None
        if not isinstance(data, dict):
            raise DamagedFileError(backup.path, "最外层不是 JSON 对象")
        return record_of(data, backup.path, backup.draft_id)

    def _backup_history(self, backup: BackupInfo) -> dict[str, Any]:
        data = decode_json(backup.path.read_bytes(), backup.path)
        docs = history_of(data, backup.path)
        return {str(n): doc for n, doc in enumerate(docs, start=1)}

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
        if draft_id in self._entries:
            with contextlib.suppress(DamagedFileError):  # beyond repair: already reported
                old = self._data(draft_id)
        entry = self._entries.get(draft_id)  # reading may have repaired (replaced) it
        if history is None:
            history = dict(old.get(HISTORY, {}))
        if entry is not None:
            self._backups.keep(draft_id, path, entry.info.saved_at, entry.rev, entry.info.status)
        storage = entry.storage if entry is not None else AtomicJSONStorage(path)
        if add_history is not None:
            history[str(max((int(k) for k in history), default=0) + 1)] = add_history
        data: dict[str, Any] = {RECORD: {"1": record}}
        if history:
            data[HISTORY] = history
        try:
            storage.write(data)
        except OSError as exc:
            shown = what or (label(entry.info) if entry else f"（编号 {draft_id}）")
            raise StorageError(self._failure(shown, exc)) from None
        info = info_of(record, path, draft_id)
        if entry is None:
            self._entries[draft_id] = _Entry(info, record["rev"], storage)
        else:
            entry.info, entry.rev = info, record["rev"]
        if entry is None or add_history is not None:
            with contextlib.suppress(OSError):
                payload = path.read_bytes()
                self._backups.copy_in(draft_id, payload, info.saved_at, record["rev"], info.status)
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


def _keep_copy(path: Path, aside: Path) -> None:
    """Keep the current content of ``path`` under ``aside`` without touching ``path``."""
    try:
        os.link(path, aside)
    except (FileNotFoundError, FileExistsError):
        raise
    except OSError:  # no hard links on this file system
        shutil.copyfile(path, aside)
