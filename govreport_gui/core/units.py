"""What "the same unit" means: one rule, used by import, 汇总 and the store alike.

Unit names are typed by hand, pasted from Word or web pages and sent between offices, so
one unit arrives under names that look the same but are different strings: full- and
half-width letters, 〔〕 for （）, a space, or an invisible character (a zero-width space
U+200B, a soft hyphen U+00AD, a joiner U+200D, a byte order mark U+FEFF, bidi marks).
Counting them as different units would sum one report twice or three times, so two names
are the same unit when their :func:`unit_key` is equal:

1. NFKC (full-width letters and digits become half-width, compatibility forms folded);
2. every format (Cf) and control (Cc) character removed — the invisible ones above;
3. every kind of space removed, brackets of all shapes folded to ``(`` ``)``;
4. letters case-folded (ＡＢＣ局 = abc局).

A name whose key is empty (only spaces or invisible characters) is no name.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ValueInputError

_OPEN = "[〔【［〈《<{"
_CLOSE = "]〕】］〉》>}"
_FOLD_BRACKETS = str.maketrans(_OPEN + _CLOSE, "(" * len(_OPEN) + ")" * len(_CLOSE))
_SPACES = re.compile(r"\s+")
_INVISIBLE = ("Cf", "Cc")


def unit_key(name: str) -> str:
    """The key by which two unit names are the same unit (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(ch for ch in folded if unicodedata.category(ch) not in _INVISIBLE)
    return _SPACES.sub("", visible.translate(_FOLD_BRACKETS)).casefold()


def same_unit(a: str, b: str) -> bool:
    return unit_key(a) == unit_key(b)


def checked_unit_name(name: str, label: str = "填报单位名称") -> str:
    """The name as kept (outer spaces removed); ValueInputError if nothing visible is left."""
    kept = name.strip()
    if not kept:
        raise ValueInputError(f"{label}不能为空")
    if not unit_key(kept):
        raise ValueInputError(f"{label}只有空格或看不见的字符，请重新输入单位名称")
    return kept
