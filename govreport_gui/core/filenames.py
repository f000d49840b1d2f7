"""File names made from report titles, which Windows must accept as they are.

Windows refuses ``\\ / : * ? " < > |`` and control characters, drops trailing dots and
spaces, and reserves device names: ``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0``–``COM9``,
``LPT0``–``LPT9`` (also with superscript ¹²³), ``CONIN$`` and ``CONOUT$``, in any case and
with any extension (``con.pdf`` is the console too), because Windows looks only at the part
before the first dot, trailing spaces removed.
"""

from __future__ import annotations

from typing import Final

_FORBIDDEN: Final = frozenset('\\/:*?"<>|')
_NUMBERED: Final = "0123456789¹²³"
RESERVED_NAMES: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in _NUMBERED}
)
FALLBACK_NAME: Final = "报告"


def safe_file_name(text: str) -> str:
    """``text`` as a file name Windows accepts; a device name gets a trailing ``_``."""
    cleaned = "".join("_" if ch in _FORBIDDEN or ord(ch) < 32 else ch for ch in text)
    cleaned = cleaned.strip(" .") or FALLBACK_NAME
    device, dot, rest = cleaned.partition(".")
    if device.rstrip(" ").upper() in RESERVED_NAMES:
        return f"{device.rstrip(' ')}_{dot}{rest}"
    return cleaned
