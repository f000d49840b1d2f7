"""The one normalisation of printed labels, by which a label read from a file is the form's.

Published reports print the form's labels with half- or full-width punctuation, spaces
inside (「统 计 指 标」), numbering written 「1、」, 「1.」 or 「１．」, quotes 「“”」 or none,
and labels split over several lines or runs of a cell. All of these give the same key;
the words and the numbering themselves are kept, so 「（二）被依法纠错数」 under 行政复议
and under 行政诉讼 stay the same key and are told apart by their label paths, not here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .model import MONEY_UNITS
from .values import normalise_text

# 「采购总金额（元）」: the printed table names an amount's unit after its header; the unit
# is not part of the label's words.
_UNIT_TAIL = re.compile(r"\s*[（(]\s*(?:" + "|".join(MONEY_UNITS) + r")\s*[）)]$")


@lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """Fold width, drop spaces, punctuation and symbols: what two spellings of a label share."""
    folded = _UNIT_TAIL.sub("", normalise_text(text).strip())
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PSZC")


def path_key(path: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A label path as keys, empty labels left out."""
    return tuple(key for key in (label_key(p) for p in path) if key)
