"""Where drafts live between sessions: the store interface and its implementations.

``open_store()`` opens the crash-safe TinyDB store in the user's data folder;
``MemoryDraftStore`` keeps drafts in memory (tests, the demo window).
"""

from .backups import BackupInfo
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
from .lock import FolderInUseError
from .paths import default_data_dir, resolve_data_dir
from .records import HistoryEntry
from .tinystore import TinyDraftStore, open_store

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
