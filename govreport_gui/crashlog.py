"""What a clerk is told when the program itself fails: one Chinese sentence, details in a file.

Shared by the command line and the window (whose Windows build has no console to print
a traceback on).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import traceback
from types import TracebackType

log = logging.getLogger(__name__)


def crash_message(
    exc: BaseException,
    tb: TracebackType | None = None,
    command: str = "",
    lead: str = "程序内部出错",
) -> str:
    """Write the traceback to a file in the temp folder; return the sentence to show."""
    details = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
    log.error("%s: %s", lead, details)  # the data folder's log, when it is set up
    try:
        fd, path = tempfile.mkstemp(prefix="govreport-error-", suffix=".txt", text=True)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f"govreport {command or ' '.join(sys.argv[1:])}\n{details}")
        where = f"详细信息已写入 {path}，请把该文件交给技术人员。"
    except OSError:
        where = "请把所执行的操作和所用的文件告诉技术人员。"
    return f"{lead}（{type(exc).__name__}）。{where}"


def show_native_box(title: str, text: str) -> bool:
    """A Windows message box without Qt, for when Qt itself cannot start; False elsewhere."""
    if sys.platform != "win32":
        return False
    try:
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, text, title, 0x10)  # MB_ICONERROR
    except (OSError, AttributeError):
        return False
    return True
