"""Rolling backups of each draft: the last 20 saved states, plus one per day.

Before a draft file is replaced by a save, the file about to be superseded is hard-linked
into ``backups/<id>/`` (a copy where the file system has no hard links). This costs one
directory entry, not a second write, so it can happen on every autosave. It is safe
because saves never modify a file in place: the main file always gets a fresh inode, so
nothing written later can reach a backup. Names carry the state's save time, revision and
status, so listing needs no reading.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..core.atomicfile import write_atomically
from ..core.errors import os_reason
from .base import Status

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
KEEP_RECENT = 20
KEEP_DAYS = 60

_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-r(\d+)-(draft|reviewed|submitted)\.json$")


@dataclass(frozen=True)
class BackupInfo:
    draft_id: str
    saved_at: datetime  # when the state it holds was saved
    rev: int
    status: Status
    path: Path


def backup_name(saved_at: datetime, rev: int, status: Status) -> str:
    return f"{saved_at.strftime(_STAMP)}-r{rev}-{status.value}.json"


def _parse(draft_id: str, path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        saved_at = datetime.strptime(match[1], _STAMP)
    except ValueError:
        return None
    return BackupInfo(draft_id, saved_at, int(match[2]), Status(match[3]), path)


class Backups:
    """The backups folder; a backup that cannot be made is told through ``tell`` (never
    silently: the clerk must know when there is no earlier state to go back to)."""

    def __init__(self, root: Path, tell: Callable[[str], None] | None = None) -> None:
        self.root = root
        self.tell = tell or (lambda message: None)
        self._told: set[str] = set()  # each reason once: autosave must not repeat it forever

    def _failed(self, what: str, exc: OSError) -> None:
        log.warning("could not back up %s: %s", what, exc)
        reason = os_reason(exc)
        if reason not in self._told:
            self._told.add(reason)
            self.tell(
                f"未能备份草稿（{reason}；备份文件夹 {self.root}）。草稿本身已保存，"
                "但出问题时将没有更早的版本可以恢复；请检查磁盘空间和该文件夹。"
            )

    def folder(self, draft_id: str) -> Path:
        return self.root / draft_id

    def draft_ids(self) -> builtins.list[str]:
        if not self.root.is_dir():
            return []
        return [p.name for p in self.root.iterdir() if p.is_dir() and p.name.isdigit()]

    def keep(
        self, draft_id: str, current: Path, saved_at: datetime, rev: int, status: Status
    ) -> None:
        """Keep the file about to be replaced; failures are logged, never block a save."""
        target = self.folder(draft_id) / backup_name(saved_at, rev, status)
        if target.exists() or not current.exists():
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(current, target)
            except FileExistsError:
                return
            except OSError:  # FAT/exFAT sticks, some network shares: no hard links
                write_atomically(target, current.read_bytes())
        except OSError as exc:
            self._failed(str(current), exc)
            return
        self.prune(draft_id)

    def copy_in(
        self, draft_id: str, payload: bytes, saved_at: datetime, rev: int, status: Status
    ) -> None:
        """Back up a state by copying (a new draft: its main file must not share an inode)."""
        target = self.folder(draft_id) / backup_name(saved_at, rev, status)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, payload)
        except OSError as exc:
            self._failed(f"draft {draft_id}", exc)

    def move_in(
        self, draft_id: str, current: Path, saved_at: datetime, rev: int, status: Status
    ) -> Path:
        """Move a draft file into its backups (deleting a draft keeps its last state)."""
        target = self.folder(draft_id) / backup_name(saved_at, rev, status)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(current, target)
        return target

    def list(self, draft_id: str) -> builtins.list[BackupInfo]:
        """Newest first."""
        folder = self.folder(draft_id)
        if not folder.is_dir():
            return []
        found = (_parse(draft_id, path) for path in folder.iterdir())
        return sorted(
            (b for b in found if b is not None), key=lambda b: (b.saved_at, b.rev), reverse=True
        )

    def prune(self, draft_id: str) -> None:
        for backup in self.surplus(self.list(draft_id)):
            with contextlib.suppress(OSError):
                backup.path.unlink()

    @staticmethod
    def surplus(newest_first: builtins.list[BackupInfo]) -> builtins.list[BackupInfo]:
        """Backups beyond the last KEEP_RECENT and the newest of each of KEEP_DAYS days."""
        days_kept: set[date] = set()
        extra = []
        for backup in newest_first[KEEP_RECENT:]:
            day = backup.saved_at.date()
            if day not in days_kept and len(days_kept) < KEEP_DAYS:
                days_kept.add(day)
            else:
                extra.append(backup)
        return extra
