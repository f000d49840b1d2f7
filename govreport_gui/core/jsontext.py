"""JSON as this program reads it: only what it can write back as UTF-8.

``json.loads`` accepts three things that break later, far from where they came in: an
escaped lone surrogate (``"\\ud800"``), which no UTF-8 file, console or PDF can hold, an
integer of more than 4,300 digits, which raises a bare ``ValueError``, and a key given
twice in one object, of which the last would silently win. All are turned into
:class:`JsonTextError` here so that readers report them as a bad file.
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
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except (json.JSONDecodeError, JsonTextError):
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


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonTextError(f"同一个对象中“{key[:40]}”出现了两次，不知道该用哪一个")
            seen.add(key)
    return data


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
