"""Keep None, True and False alive under PySide6 6.12 on Python 3.11.

PySide6 6.12.0 hands back ``None`` from every method that returns nothing, and ``True``
from ``Signal.emit()``, without taking a reference to it. From Python 3.12 these objects
are immortal and this does no harm; on Python 3.11 every such call drops one reference,
and after some thousands of calls — minutes of typing in the statistics tables — the
interpreter aborts with "Fatal Python error: none_dealloc" (reproduced: a loop of
``QWidget.setFocus()`` on Python 3.11 dies; the same loop on Python 3.12 runs).

Python 3.12 made these singletons immortal by giving them a reference count that cannot
run out; :func:`keep_singletons_alive` does the same on 3.11. They are static objects that
the interpreter never frees, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # more references than a process can ever drop


def keep_singletons_alive() -> bool:
    """Top up the reference counts on Python < 3.12; True when it did."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # immortal already; or a debug build, whose object header differs
    for singleton in (None, True, False, NotImplemented, Ellipsis):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is the first field
        if count.value < HEADROOM:
            count.value += HEADROOM
    return True
