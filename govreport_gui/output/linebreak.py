"""Chinese line breaking (禁则) for ReportLab, the same for one font and for mixed fonts.

ReportLab breaks CJK text in two places: ``wordSplit`` for a paragraph in one font and
``cjkFragSplit`` once a run-in heading (楷体) or a fallback font mixes fonts in. Both let
one closing mark hang into the margin (「，」 reaching 189 mm where the type area ends at
184 mm), the second knows no opening marks that must not end a line, and both break
inside numbers ("20 / 17年"). Both are replaced by one rule set (:func:`line_starts`):

- a line never starts with closing punctuation (CANNOT_START) and never ends with an
  opening mark (CANNOT_END): the break moves back one character instead, so every line
  stays inside the type area and the justified line is spread to fill it (撑满版心);
- digits and Latin letters stay together;
- the last line is never one character alone (孤字).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import reportlab.lib.textsplit as rl_textsplit
import reportlab.platypus.paragraph as rl_paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

#: Full-width punctuation that must not start a line. ReportLab's set is Japanese-oriented
#: and lacks these; both of its CJK breaking paths read the module global, so it is
#: extended once, here.
CANNOT_START = "，；：？！…—·％‰”’》〉）］｝、。"
#: Opening marks that must not end a line; ReportLab has no such rule.
CANNOT_END = "（“‘《〈「『【〔［｛"
FUZZ = 1e-6


def _cannot_start() -> str:
    return rl_textsplit.ALL_CANNOT_START


def _bound(left: str, right: str) -> bool:
    """Two characters that may not be parted: digits and Latin letters of one word."""
    return left.isascii() and right.isascii() and left.isalnum() and right.isalnum()


def may_break(chars: Sequence[str], at: int) -> bool:
    """Whether a line may start at ``chars[at]`` (after ``chars[at - 1]``)."""
    left, right = chars[at - 1], chars[at]
    closing = bool(right) and right in _cannot_start()  # "" is an empty unit (<br/>)
    opening = bool(left) and left in CANNOT_END
    return not (closing or opening or _bound(left, right))


def line_starts(
    chars: Sequence[str],
    widths: Sequence[float],
    max_widths: Sequence[float],
    forced: frozenset[int] = frozenset(),
) -> list[int]:
    """Where each line starts: the fewest lines within ``max_widths``, breaking legally.

    ``forced`` holds positions after which a line must end (``<br/>``). Where no legal
    break exists in a line (a very long number), it breaks where the width runs out.
    """
    starts = [0]
    used = 0.0
    i = 0
    while i < len(chars):
        limit = max_widths[min(len(starts) - 1, len(max_widths) - 1)]
        if used + widths[i] > limit + FUZZ and i > starts[-1]:
            cut = next((j for j in range(i, starts[-1], -1) if may_break(chars, j)), i)
            starts.append(cut)
            used = sum(widths[cut:i])
            continue
        used += widths[i]
        i += 1
        if i - 1 in forced and i < len(chars):
            starts.append(i)
            used = 0.0
    return _no_lone_last_character(chars, starts, forced)


def _no_lone_last_character(
    chars: Sequence[str], starts: list[int], forced: frozenset[int]
) -> list[int]:
    """A paragraph does not end with one character alone on its line (孤字, 「…申请数 / 量」):
    the character before it goes down too, where the line above keeps at least two."""
    if len(starts) < 2:
        return starts
    last = starts[-1]
    tail = [c for c in chars[last:] if c and not c.isspace()]
    if len(tail) != 1 or tail[0] in _cannot_start() or last - 1 in forced:
        return starts
    if last - starts[-2] >= 3 and may_break(chars, last - 1):
        return [*starts[:-1], last - 1]
    return starts


def _limit(max_widths: Sequence[float], line: int) -> float:
    return max_widths[min(line, len(max_widths) - 1)]


def word_split(
    word: str, maxWidths: Any, fontName: str, fontSize: float, encoding: str = "utf8"
) -> list[list[Any]]:
    """ReportLab's one-font splitter, with :func:`line_starts`: [[free space, text], …]."""
    widths_list = list(maxWidths) if isinstance(maxWidths, list | tuple) else [maxWidths]
    if isinstance(word, bytes):
        word = word.decode(encoding)
    widths = [stringWidth(ch, fontName, fontSize) for ch in word]
    starts = line_starts(word, widths, widths_list)
    lines = []
    for n, (a, b) in enumerate(zip(starts, [*starts[1:], len(word)], strict=True)):
        lines.append([_limit(widths_list, n) - sum(widths[a:b]), word[a:b]])
    return lines


def frag_split(frags: Any, maxWidths: Any, calcBounds: bool, encoding: str = "utf8") -> Any:
    """ReportLab's mixed-font splitter, with :func:`line_starts` across font changes."""
    units = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        units += [rl_paragraph.cjkU(t, frag, encoding) for t in text] or [
            rl_paragraph.cjkU(text, frag, encoding)
        ]
    widths_list = list(maxWidths) if isinstance(maxWidths, list | tuple) else [maxWidths]
    widths = [u.width for u in units]
    forced = frozenset(i for i, u in enumerate(units) if hasattr(u.frag, "lineBreak"))
    starts = line_starts(units, widths, widths_list, forced)
    lines = []
    for n, (a, b) in enumerate(zip(starts, [*starts[1:], len(units)], strict=True)):
        used = sum(widths[a:b])
        limit = _limit(widths_list, n)
        lines.append(
            rl_paragraph.makeCJKParaLine(
                units[a:b], limit, used, limit - used, b - 1 in forced, calcBounds
            )
        )
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def patch_line_breaking() -> None:
    """Install the rules into ReportLab (once; both modules read ALL_CANNOT_START)."""
    for module in (rl_textsplit, rl_paragraph):
        current = module.ALL_CANNOT_START
        extra = "".join(ch for ch in CANNOT_START if ch not in current)
        if extra:
            module.ALL_CANNOT_START = current + extra
    rl_paragraph.wordSplit = word_split
    rl_paragraph.cjkFragSplit = frag_split


patch_line_breaking()
