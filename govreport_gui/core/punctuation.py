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
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e“”‘’…—"
_CHINESE = re.compile(f"[{_CJK}]")
#: A mark with a Chinese character (or Chinese punctuation) next to it, spaces between
#: allowed. One regular expression: the text is checked on every keystroke.
_MARK_BY_CHINESE = re.compile(  # the mark first: scanning for a character class is fast
    f"[,;:()](?:(?<=[{_CJK}].)|(?<=[{_CJK}][ \t].)|(?=[ \t]?[{_CJK}]))"
)
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)[!-~]+"  # a URL runs to the first space or Chinese
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
CONTEXT_CHARS = 8


def _protected(text: str) -> set[int]:
    """Positions inside URLs and e-mail addresses (the marks that end one are outside)."""
    if "@" not in text and "www." not in text and "://" not in text:
        return set()
    return {
        i
        for m in _PROTECTED.finditer(text)
        for i in range(m.start(), m.start() + len(m.group().rstrip(",;:()")))
    }


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
    """Positions of half-width marks that should be full-width.

    A mark next to Chinese, unless in a URL or e-mail address; a pair of brackets is
    changed together, and only when it holds Chinese (not ``(0797)``, ``(341600)``).
    Marks between digits (1,234 and 09:30) have no Chinese next to them.
    """
    found = {m.start() for m in _MARK_BY_CHINESE.finditer(text)} - _protected(text)
    if "(" in text or ")" in text:
        for i, partner in _brackets(text).items():
            if i in found or partner in found:
                inside = text[min(i, partner) + 1 : max(i, partner)]
                if _CHINESE.search(inside) is None:
                    found.discard(i)
                else:
                    found.add(i)
    return tuple(sorted(found))


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
