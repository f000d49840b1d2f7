"""Files that are either the old version or the new one, never half of each.

Stock TinyDB rewrites its JSON file in place, so a crash mid-write leaves a broken file.
:class:`AtomicJSONStorage` writes a temporary file in the same folder, flushes and fsyncs
it, and renames it over the old one (``os.replace``), then fsyncs the folder so the rename
itself survives a power cut. Text is always UTF-8, never the Windows code page.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ..core.atomicfile import TMP_PREFIX, write_atomically
from ..core.jsontext import JsonTextError, parse_json
from .base import StorageError

log = logging.getLogger(__name__)


class DamagedFileError(StorageError):
    """A file on disk is not what this program writes (truncated, zeros, not UTF-8, wrong shape)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"文件 {path} 已损坏：{reason}")
        self.path = path
        self.reason = reason


def decode_json(raw: bytes, path: Path) -> Any:
    """Parse what we wrote; anything else raises :class:`DamagedFileError` saying what is wrong."""
    if not raw:
        raise DamagedFileError(path, "文件是空的")
    if not raw.strip(b"\0"):
        raise DamagedFileError(path, "文件内容全是零字节（常见于写入时断电）")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedFileError(path, f"不是 UTF-8 文本（第 {exc.start + 1} 个字节起）") from None
    try:
        return parse_json(text)
    except JsonTextError as exc:
        raise DamagedFileError(path, str(exc)) from None
    except json.JSONDecodeError as exc:
        raise DamagedFileError(
            path, f"内容不完整或不是 JSON（第 {exc.lineno} 行第 {exc.colno} 列）"
        ) from None
    except RecursionError:
        raise DamagedFileError(path, "结构嵌套过深") from None


def encode_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files a killed writer left behind; the real files are intact."""
    removed = 0
    for tmp in folder.glob(TMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


class AtomicJSONStorage(Storage):
    """A TinyDB storage that writes atomically and keeps the last state in memory.

    The cache is safe because one process owns the data folder (see ``lock.py``); it
    spares TinyDB re-reading the file before every change. TinyDB edits the cached
    dict in place before calling :meth:`write`, so a failed write drops the cache and
    the next read sees what is really on disk.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._cache: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        if self._cache is not None:
            return self._cache
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        data = decode_json(raw, self.path)
        if not isinstance(data, dict):
            raise DamagedFileError(self.path, "最外层不是 JSON 对象")
        self._cache = data
        return data

    def write(self, data: dict[str, Any]) -> None:
        try:
            write_atomically(self.path, encode_json(data))
        except BaseException:
            self._cache = None
            raise
        self._cache = data

    def forget(self) -> None:
        """Drop the cache, e.g. after the file was replaced behind TinyDB's back."""
        self._cache = None

    def close(self) -> None:
        self._cache = None
