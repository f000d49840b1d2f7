"""Cell values as a clerk types them, and as the report keeps them.

A value is one of: ``None`` (blank: not filled in), :data:`NA` (不适用), an ``int``
(counts) or a :class:`decimal.Decimal` (money).  Blank, 0 and 不适用 stay distinct
everywhere: a blank cell is missing data, 0 is a reported zero, 不适用 is a cell
that does not apply to this unit (e.g. 规章 for an agency without rule-making power).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Final

from .errors import ValueInputError


class Kind(StrEnum):
    """What a cell may hold; declared per cell in the form files."""

    COUNT = "count"  # whole number, never negative
    SIGNED = "signed"  # whole number, may be negative (2019 本年增/减)
    MONEY = "money"  # exact decimal, never negative


class _NotApplicable:
    """Singleton for 不适用; prints as the form prints it."""

    _instance: _NotApplicable | None = None

    def __new__(cls) -> _NotApplicable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NA"

    def __str__(self) -> str:
        return NA_TEXT

    def __reduce__(self) -> str:
        return "NA"


NA: Final = _NotApplicable()
NA_TEXT: Final = "不适用"
Value = int | Decimal | _NotApplicable | None

#: What clerks type for 不适用 (after NFKC normalisation).
NA_SPELLINGS: Final = frozenset({"-", "--", "/", "\\", "无", "—", "——", "不适用", "N/A", "n/a"})
MAX_DIGITS: Final = 12
#: Decimals a money value may carry at all (a draft file beyond its unit's precision gets a
#: 提示, not a refusal); 12 + 12 digits keep sums exact within Decimal's 28 digits.
MAX_PLACES: Final = 12
_INT_LIMIT: Final = 10**MAX_DIGITS

_SPACES = re.compile(r"[\s\u3000\u00a0\u2009\u202f]+")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
_PLAIN = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")  # ASCII only: \d would admit ١٢


#: Full-width ASCII (what a Chinese input method types: ４１１０５, －, ／) to ASCII, plus the
#: ideographic comma and full stop. Not NFKC: that would read ② or 4² as digits.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    ord("，"): ",",
    ord("。"): ".",
    ord("−"): "-",
}


def normalise_text(text: str) -> str:
    """Fold full-width digits, signs and punctuation to ASCII and drop all spaces."""
    return _SPACES.sub("", text.translate(_FOLD))


def parse_value(
    text: str, kind: Kind, *, allow_na: bool = False, label: str = "", places: int | None = None
) -> Value:
    """Turn what a clerk typed into a value, or raise :class:`ValueInputError` in Chinese.

    ``label`` names the field in the message (the printed row/column label); ``places``
    is the money cell's precision (exact to the fen), enforced on typing only.
    """
    who = f"「{label}」" if label else "该项"
    raw = normalise_text(text)
    if raw == "":
        return None
    if raw in NA_SPELLINGS:
        if allow_na:
            return NA
        raise ValueInputError(f"{who}不能填“不适用”（{text.strip()}），请填写数字；没有就填 0")
    if _GROUPED.match(raw):
        raw = raw.replace(",", "")
    elif "," in raw:
        raise ValueInputError(f"{who}的千分位分隔符位置不对：{text.strip()}")
    if not _PLAIN.match(raw):
        raise ValueInputError(f"{who}应填写数字，不能含有文字或符号：{text.strip()}")
    return _from_numeric_string(raw, kind, who, text.strip(), places)


def _from_numeric_string(
    raw: str, kind: Kind, who: str, shown: str, places: int | None = None
) -> Value:
    negative = raw.startswith("-")
    digits = raw.lstrip("+-").split(".")[0].lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise ValueInputError(f"{who}的数值过大：{shown}")
    if kind is Kind.MONEY:
        try:
            amount = Decimal(raw)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            raise ValueInputError(f"{who}应填写金额数字：{shown}") from None
        if negative and amount != 0:
            raise ValueInputError(f"{who}是金额，不能为负数：{shown}")
        if places is not None and decimal_places(amount) > places:
            raise ValueInputError(f"{who}最多保留{places}位小数（精确到分）：{shown}")
        if decimal_places(amount) > MAX_PLACES:
            raise ValueInputError(f"{who}的小数位数太多（最多 {MAX_PLACES} 位）：{shown}")
        return abs(amount) if amount == 0 else amount
    if "." in raw:
        raise ValueInputError(f"{who}应填写整数，不能有小数：{shown}")
    number = int(raw)
    if number < 0 and kind is Kind.COUNT:
        raise ValueInputError(f"{who}是个数，不能为负数：{shown}")
    return number


def decimal_places(amount: Decimal) -> int:
    """Digits after the point as written (12.50 has 2)."""
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def coerce_json_value(raw: object, kind: Kind, *, allow_na: bool = False, label: str = "") -> Value:
    """Accept a value from a draft file: JSON null, number or typed string."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueInputError(f"「{label}」的值应为数字、文字或 null，不能是 true/false")
    if isinstance(raw, int):
        # Fast path for the common case (汇总 reads thousands of files): a whole number
        # that is valid as it stands; anything else goes through parse_value for its message.
        if kind is not Kind.MONEY and abs(raw) < _INT_LIMIT and (raw >= 0 or kind is Kind.SIGNED):
            return raw
        return parse_value(str(raw), kind, allow_na=allow_na, label=label)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueInputError(f"「{label}」的数值无效：{raw}")
        text = repr(raw)
        if kind is not Kind.MONEY and raw.is_integer():
            text = str(int(raw))
        return parse_value(text, kind, allow_na=allow_na, label=label)
    if isinstance(raw, str):
        return parse_value(raw, kind, allow_na=allow_na, label=label)
    raise ValueInputError(f"「{label}」的值应为数字、文字或 null，实际是 {type(raw).__name__}")


def to_json(value: Value) -> int | str | None:
    """Exact JSON form: ints as numbers, money as decimal strings, 不适用 as text."""
    if value is None or isinstance(value, int):
        return value
    if value is NA:
        return NA_TEXT
    return format(value, "f")


def display(value: Value, na_text: str = NA_TEXT) -> str:
    """How a value is shown: blank stays blank, money exactly as entered."""
    if value is None:
        return ""
    if value is NA:
        return na_text
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def numeric(value: Value) -> int | Decimal:
    """Arithmetic value; 不适用 counts as zero in sums (the cell reports nothing)."""
    if value is None or isinstance(value, _NotApplicable):  # isinstance: the checker narrows
        return 0
    return value
