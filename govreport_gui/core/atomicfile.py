"""Replace a file so that a crash at any instant leaves the old one or the new one.

Used by draft files, the draft store and the PDF: a temporary file in the same folder is
written and fsynced, renamed over the target (``os.replace``), then the folder is fsynced
so the rename itself survives a power cut.

Permissions: the store's own files stay private (``mkstemp``'s 0600). Files written for
the clerk (``mode=OUTPUT``) get what an ordinary program would give them: an existing
file keeps its permission bits, a new one follows the umask, so a PDF copied to a shared
folder is readable by colleagues.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

TMP_PREFIX = ".tmp-"
#: Windows: antivirus or the search indexer may hold the target open for a moment.
REPLACE_ATTEMPTS = 10
#: ``mode`` for files written for the clerk: keep an existing file's bits, else the umask's.
OUTPUT = -1
_umask_lock = threading.Lock()


def write_atomically(path: Path, payload: bytes, suffix: str = ".json", *, mode: int = 0) -> None:
    """Replace ``path`` with ``payload``; raises OSError and leaves no temporary file.

    ``mode`` 0 keeps the file private (0600); :data:`OUTPUT` gives it :func:`output_mode`.
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=suffix, dir=folder)
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode == OUTPUT:
            set_output_mode(tmp, path)
        replace_file(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(folder)


def output_mode(target: Path) -> int:
    """Permission bits for a file written for the clerk at ``target`` (see module doc)."""
    try:
        st = os.stat(target)
    except OSError:
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        return stat.S_IMODE(st.st_mode)
    with _umask_lock:  # os.umask can only be read by setting it
        mask = os.umask(0o077)
        os.umask(mask)
    return 0o666 & ~mask


def set_output_mode(tmp: str | Path, target: Path) -> None:
    """Give a finished temporary file the bits the file it replaces should have."""
    if os.name == "posix":
        os.chmod(tmp, output_mode(target))


def publish(tmp: str | Path, target: Path) -> None:
    """Move a finished temporary output (e.g. a PDF) over ``target`` with output permissions."""
    set_output_mode(tmp, target)
    replace_file(tmp, target)
    sync_folder(target.parent)


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
