"""The program's own log, in the data folder's ``logs`` folder, for whoever supports the clerk.

- ``govreport.log``: the package's log lines (INFO and up: a backup that could not be made,
  temporary files cleared after an interrupted save, unexpected errors with their
  traceback), rotated at :data:`LOG_BYTES` with :data:`LOG_BACKUPS` old files kept.
- ``crash.log``: :mod:`faulthandler`'s Python stacks when the process dies in native code
  (a Qt or driver crash leaves no other trace in a windowed build), after a start line.

Logging must never stop the program: when the folder cannot be written, nothing is logged.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

from .paths import resolve_data_dir

LOG_FOLDER = "logs"
LOG_NAME = "govreport.log"
CRASH_NAME = "crash.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
#: crash.log is started afresh (the old one kept as crash.log.1) beyond this size.
CRASH_BYTES = 200_000
PACKAGE_LOGGER = "govreport_gui"

_crash_file: IO[str] | None = None  # kept open for faulthandler for the process's life
_started_in: Path | None = None


def current_log_folder() -> Path:
    """Where this process logs: where :func:`start_logging` was told, else the default."""
    return _started_in or log_folder()


def log_folder(data_dir: str | os.PathLike[str] | None = None) -> Path:
    return resolve_data_dir(data_dir) / LOG_FOLDER


def start_logging(data_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """Log to the data folder from now on; the log folder, or None if it cannot be written."""
    global _started_in
    folder = log_folder(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _add_file_handler(folder / LOG_NAME)
        _enable_faulthandler(folder / CRASH_NAME)
    except OSError:
        return None
    _started_in = folder
    return folder


def _add_file_handler(path: Path) -> None:
    logger = logging.getLogger(PACKAGE_LOGGER)
    logger.setLevel(logging.INFO)
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return  # already logging there (the window started twice in one process: tests)
    handler = RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    logger.addHandler(handler)


def _enable_faulthandler(path: Path) -> None:
    global _crash_file
    if _crash_file is not None and Path(_crash_file.name) == path:
        return
    if path.exists() and path.stat().st_size > CRASH_BYTES:
        with contextlib.suppress(OSError):  # another running copy holds it: keep appending
            os.replace(path, path.with_name(CRASH_NAME + ".1"))
    crash_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
    crash_file.write(f"--- started {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()}\n")
    crash_file.flush()
    faulthandler.enable(crash_file)
    if _crash_file is not None:
        _crash_file.close()
    _crash_file = crash_file


def stop_logging() -> None:
    """Undo :func:`start_logging` (tests; a process that started logging twice elsewhere)."""
    global _crash_file, _started_in
    _started_in = None
    logger = logging.getLogger(PACKAGE_LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
        logger.removeHandler(handler)
        handler.close()
    if _crash_file is not None:
        faulthandler.enable()  # back to stderr, as python -X faulthandler and pytest have it
        _crash_file.close()
        _crash_file = None
