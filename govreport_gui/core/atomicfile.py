"""Replace a file so that a crash at any instant leaves the old one or the new one.

Used by draft files, the draft store and the PDF: a temporary file in the same folder is
written and fsynced, renamed over the target (``os.replace``), then the folder is fsynced
so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

TMP_PREFIX = ".tmp-"
#: Windows: antivirus or the search indexer may hold the target open for a moment.
REPLACE_ATTEMPTS = 10


def write_atomically(path: Path, payload: bytes, suffix: str = ".json") -> None:
    """Replace ``path`` with ``payload``; raises OSError and leaves no temporary file."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=suffix, dir=folder)
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        replace_file(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(folder)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def replace_file(source: str | Path, target: Path) -> None:
    """``os.replace`` that waits out a Windows reader briefly holding the target."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no folder handles to fsync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        log.info("cannot open %s to fsync it: %s", folder, exc)
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems refuse fsync on folders; the data is written
        log.info("fsync of folder %s failed: %s", folder, exc)
    finally:
        os.close(fd)
