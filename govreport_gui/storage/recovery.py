"""Damaged draft files: how they are recognised, set aside and replaced from a backup.

A draft file is good when it parses, has the record's shape, its checksum matches
(``records.py``) and its draft is a complete, valid draft of a known form
(:func:`core.draft.draft_from_json`). Anything else found on disk is damage: the file is
kept beside the original name (``<id>.json.corrupt-<time>``), the newest good backup
takes its place, and a notice tells the clerk what happened and from when the draft is.

One exception: a file whose checksum is right was written whole by this program, so a
draft in it that does not read is a draft of a form this installation no longer knows
the same way (a form file changed or missing). It is left untouched and reported.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.draft import draft_from_json
from ..core.errors import DraftFileError, os_reason
from ..core.library import FormLibrary
from .atomic import AtomicJSONStorage, DamagedFileError, decode_json
from .backups import BackupInfo, Backups
from .base import StorageError
from .records import LAYOUT, history_of, info_of, record_of

log = logging.getLogger(__name__)

_SHOWN = "%Y-%m-%d %H:%M:%S"


def checked_record(
    data: dict[str, Any], path: Path, draft_id: str, library: FormLibrary
) -> dict[str, Any]:
    """The record of a good draft file; DamagedFileError (or StorageError, see above)."""
    record = record_of(data, path, draft_id)
    history_of(data, path)
    try:
        draft_from_json(record["draft"], library, "草稿")
    except DraftFileError as exc:
        if record.get("layout") == LAYOUT:  # checksum right: the forms changed, not the file
            raise StorageError(
                f"编号 {draft_id} 的草稿无法按本程序现有的报告格式读取（{exc.message}），"
                f"文件 {path} 未做改动；请用能读取它的 govreport 版本打开，或联系技术人员。"
            ) from None
        raise DamagedFileError(path, f"草稿内容不对：{exc.message}") from None
    return record


class Recovery:
    """Set damaged files aside and restore backups; what happened is told through ``tell``."""

    def __init__(self, backups: Backups, library: FormLibrary, tell: Callable[[str], None]) -> None:
        self.backups = backups
        self.library = library
        self.tell = tell

    def read_backup(self, backup: BackupInfo) -> dict[str, Any]:
        """A backup's whole data, checked like a draft file."""
        try:
            data = decode_json(backup.path.read_bytes(), backup.path)
        except OSError as exc:
            raise StorageError(f"无法读取备份 {backup.path}：{os_reason(exc)}") from None
        if not isinstance(data, dict):
            raise DamagedFileError(backup.path, "最外层不是 JSON 对象")
        checked_record(data, backup.path, backup.draft_id, self.library)
        return data

    def newest_good_backup(self, draft_id: str) -> tuple[BackupInfo, dict[str, Any]] | None:
        for backup in self.backups.list(draft_id):
            try:
                return backup, self.read_backup(backup)
            except StorageError as exc:
                log.info("backup %s unusable: %s", backup.path, exc)
        return None

    def recover(self, path: Path, draft_id: str, damage: DamagedFileError) -> dict[str, Any] | None:
        """Set ``path`` aside and put back its newest good backup; its data, or None.

        The damaged file is kept (hard link or copy) before the good one replaces it, so
        a crash during recovery leaves the damaged file in place and recovery runs again.
        """
        found = self.newest_good_backup(draft_id)
        aside = aside_name(path)
        kept: Path | None = aside
        try:
            if found is None:
                os.replace(path, aside)
            else:
                try:
                    keep_copy(path, aside)
                except FileNotFoundError:
                    kept = None
                AtomicJSONStorage(path).write(found[1])
        except FileNotFoundError:
            kept = None
        except OSError as exc:
            self.tell(f"草稿文件 {path} 已损坏（{damage.reason}），但无法处理：{os_reason(exc)}。")
            return None
        self._tell(path, draft_id, damage, kept, found)
        return found[1] if found else None

    def _tell(
        self,
        path: Path,
        draft_id: str,
        damage: DamagedFileError,
        aside: Path | None,
        found: tuple[BackupInfo, dict[str, Any]] | None,
    ) -> None:
        where = f"已移到 {aside}" if aside else "文件已不在数据文件夹中"
        if found is None:
            self.tell(
                f"编号 {draft_id} 的草稿数据文件已损坏（{damage.reason}），{where}。"
                "没有找到可用的备份，这份草稿无法自动恢复；请保留该文件并联系技术人员。"
            )
            return
        backup, data = found
        info = info_of(record_of(data, path, draft_id), path, draft_id)
        self.tell(
            f"草稿“{info.unit}{info.year}年”（编号 {draft_id}）的数据文件已损坏"
            f"（{damage.reason}），{where}。已打开 {backup.saved_at:{_SHOWN}} 保存的备份；"
            "如果这之后还有修改，请核对后重新填写。"
        )


def aside_name(path: Path) -> Path:
    base = f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}"
    aside, n = path.with_name(base), 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{base}-{n}")
    return aside


def keep_copy(path: Path, aside: Path) -> None:
    """Keep the current content of ``path`` under ``aside`` without touching ``path``."""
    try:
        os.link(path, aside)
    except (FileNotFoundError, FileExistsError):
        raise
    except OSError:  # no hard links on this file system
        shutil.copyfile(path, aside)
