"""Where drafts live between sessions: the store interface and its implementations.

``open_store()`` opens the crash-safe TinyDB store in the user's data folder;
``MemoryDraftStore`` keeps drafts in memory (tests, the demo window).

The TinyDB store, its lock (filelock) and backups load when first named here, not with
``storage.base``: the demo window and ``govreport check`` never need them (issue 17).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .base import (
    Conflict,
    DraftInfo,
    DraftLockedError,
    DraftStore,
    ImportConflictError,
    ImportResult,
    MemoryDraftStore,
    Status,
    StorageError,
)

if TYPE_CHECKING:
    from .backups import BackupInfo
    from .lock import FolderInUseError
    from .paths import default_data_dir, resolve_data_dir
    from .records import HistoryEntry
    from .tinystore import TinyDraftStore, open_store

#: Name → the module of this package that defines it, imported on first use.
_LATER = {
    "BackupInfo": "backups",
    "FolderInUseError": "lock",
    "default_data_dir": "paths",
    "resolve_data_dir": "paths",
    "HistoryEntry": "records",
    "TinyDraftStore": "tinystore",
    "open_store": "tinystore",
}


def __getattr__(name: str) -> Any:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LATER[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "BackupInfo",
    "Conflict",
    "DraftInfo",
    "DraftLockedError",
    "DraftStore",
    "FolderInUseError",
    "HistoryEntry",
    "ImportConflictError",
    "ImportResult",
    "MemoryDraftStore",
    "Status",
    "StorageError",
    "TinyDraftStore",
    "default_data_dir",
    "open_store",
    "resolve_data_dir",
]
