"""JSON as this program reads it: only what it can write back as UTF-8.

``json.loads`` accepts two things that break later, far from where they came in: an
escaped lone surrogate (``"\\ud800"``), which no UTF-8 file, console or PDF can hold, and
an integer of more than 4,300 digits, which raises a bare ``ValueError``. Both are turned
into :class:`JsonTextError` here so that readers report them as a bad file.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Only text with such an escape can decode to a lone surrogate; others skip the full check.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class JsonTextError(ValueError):
    """The text is JSON, but holds something this program cannot keep (message in Chinese)."""


def parse_json(text: str) -> Any:
    """``json.loads`` that raises :class:`JsonTextError` for values that cannot be kept.

    ``json.JSONDecodeError`` (bad syntax) and ``RecursionError`` pass through unchanged.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # int longer than sys.get_int_max_str_digits()
        raise JsonTextError("含有位数过多、无法读取的数值") from None
    if _SURROGATE_ESCAPE.search(text) or not _is_utf8(text):
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end].encode("utf-8", "backslashreplace").decode()
            raise JsonTextError(f"含有无效的字符 {bad}（不成对的代理项）") from None
    return data


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
