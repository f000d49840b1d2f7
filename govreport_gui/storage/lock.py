"""One writer per data folder.

TinyDB has no locking, and two windows saving into the same folder would overwrite each
other's work. The lock is an operating-system lock (``filelock``: ``flock`` on Linux,
``msvcrt.locking`` on Windows) on ``govreport.lock``; the system drops it when the holder
dies, so a lock left by a crashed or killed program is simply taken over. Beside it,
``govreport.owner`` says who holds the lock, for the refusal message; it is deleted on a
clean close, so finding it when the lock is free means the last session did not end well.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from ..core.errors import os_reason
from ..core.safe_input import InputFileError, read_regular_file
from .base import StorageError

log = logging.getLogger(__name__)

LOCK_NAME = "govreport.lock"
OWNER_NAME = "govreport.owner"
OWNER_LIMIT = 4096


class FolderInUseError(StorageError):
    """Another running govreport holds the data folder."""


@dataclass(frozen=True)
class Owner:
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        return f"计算机 {self.host}，进程号 {self.pid}，{self.since} 起"


def _read_owner(path: Path) -> Owner | None:
    try:
        data = json.loads(read_regular_file(path, OWNER_LIMIT).decode("utf-8"))
        return Owner(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (InputFileError, ValueError, KeyError, TypeError):
        return None


class FolderLock:
    """Hold the data folder for this process until :meth:`release`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # Not thread-local: the window may close the store from another thread than opened it.
        self._lock = FileLock(folder / LOCK_NAME, thread_local=False)
        self._owner_path = folder / OWNER_NAME
        #: Who held the folder last time without closing it cleanly (crash, power cut).
        self.previous_owner: Owner | None = None

    def acquire(self, wait: float = 0) -> None:
        """Take the folder, waiting up to ``wait`` seconds (a command line run may hold it briefly)."""
        try:
            self._lock.acquire(timeout=wait, poll_interval=0.05)
        except Timeout:
            raise FolderInUseError(self._in_use_message()) from None
        except OSError as exc:
            raise StorageError(
                f"无法锁定数据文件夹“{self.folder}”：{os_reason(exc)}。"
                "请检查该文件夹能否写入，或用 --data-dir 选择另一个文件夹。"
            ) from None
        if self._owner_path.is_dir():  # not ours to write: an empty folder is taken away
            with contextlib.suppress(OSError):
                self._owner_path.rmdir()
        self.previous_owner = _read_owner(self._owner_path)
        if self._owner_path.is_file() and self.previous_owner is None:
            self.previous_owner = Owner(0, "?", "?")
        self._write_owner()

    def _write_owner(self) -> None:
        owner = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().strftime("%Y-%m-%d %H:%M"),
        }
        try:
            self._owner_path.write_text(json.dumps(owner), encoding="utf-8")
        except OSError as exc:  # only used for messages; the OS lock is what protects
            log.info("cannot write %s: %s", self._owner_path, exc)

    def _in_use_message(self) -> str:
        owner = _read_owner(self._owner_path)
        who = f"（{owner.describe()}）" if owner else ""
        return (
            f"数据文件夹“{self.folder}”正在被另一个 govreport 程序使用{who}。"
            "同一个数据文件夹同时只能由一个程序修改，以免互相覆盖。"
            "请回到那个窗口继续工作，或把它关闭后再打开。"
        )

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        try:
            self._owner_path.unlink(missing_ok=True)
        except OSError as exc:
            log.info("cannot remove %s: %s", self._owner_path, exc)
        self._lock.release()
