"""Half-width ``, ( ) : ;`` inside Chinese text, which GB/T 15834 writes full-width.

Copies pasted from web pages and Word files often carry 「常态,不公开」. A mark is
left alone where half-width is right: in URLs (www.…, http://…) and e-mail addresses,
between digits (1,234 and 09:30), in brackets holding no Chinese (a phone's area code
``(0797)``, a post code ``(341600)``, ``(GB/T 15834)``), and in Latin-script text (a
mark with no Chinese character next to it).
"""

from __future__ import annotations

import re
from functools import lru_cache

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
_MARK = re.compile(r"[,;:()]")
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e“”‘’…—]")
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)[!-~]+"  # a URL runs to the first space or Chinese
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_SPACES = " \t\u00a0"
CONTEXT_CHARS = 8


def _chinese(ch: str) -> bool:
    return bool(ch) and _CHINESE.match(ch) is not None


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in _SPACES:
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _brackets(text: str) -> dict[int, int]:
    """Each half-width bracket paired with its partner (unpaired ones are left out)."""
    pairs, stack = {}, []
    for match in re.finditer(r"[()]", text):
        if match.group() == "(":
            stack.append(match.start())
        elif stack:
            start = stack.pop()
            pairs[start], pairs[match.start()] = match.start(), start
    return pairs


@lru_cache(maxsize=256)
def half_width_marks(text: str) -> tuple[int, ...]:
    """Positions of half-width marks that should be full-width."""
    protected = {
        i
        for m in _PROTECTED.finditer(text)
        for i in range(m.start(), m.start() + len(m.group().rstrip(",;:()")))
    }
    pairs = _brackets(text) if "(" in text else {}
    found = []
    for match in _MARK.finditer(text):
        i, mark = match.start(), match.group()
        if i in protected:
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if mark in ",:" and before.isdigit() and after.isdigit():
            continue  # 1,234 and 09:30
        if i in pairs:
            inside = text[min(i, pairs[i]) + 1 : max(i, pairs[i])]
            if _CHINESE.search(inside) is None:
                continue  # (0797) (341600) (GB/T 15834)
            found.append(i)
        elif _chinese(before) or _chinese(after):
            found.append(i)
    return tuple(found)


def to_full_width(text: str) -> str:
    """The text with exactly the marks :func:`half_width_marks` finds made full-width."""
    marks = half_width_marks(text)
    if not marks:
        return text
    chars = list(text)
    for i in marks:
        chars[i] = FULL_WIDTH[chars[i]]
    return "".join(chars)


def context(text: str, position: int) -> str:
    """A short quote around a mark, on one line."""
    start, end = max(0, position - CONTEXT_CHARS), position + CONTEXT_CHARS + 1
    quote = text[start:end].replace("\n", " ").strip()
    return ("…" if start else "") + quote + ("…" if end < len(text) else "")
