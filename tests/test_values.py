"""What a clerk types, parsed: full-width digits, separators, 不适用, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport_gui.core.errors import ValueInputError
from govreport_gui.core.values import NA, Kind, coerce_json_value, display, parse_value, to_json


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("41105", 41105),
        ("４１１０５", 41105),
        ("41,105", 41105),
        ("４１，１０５", 41105),
        ("  41105\u3000", 41105),
        ("0", 0),
        ("+3", 3),
        ("1,234,567", 1234567),
    ],
)
def test_counts_accept_what_clerks_type(typed: str, expected: int) -> None:
    assert parse_value(typed, Kind.COUNT) == expected


def test_blank_zero_and_not_applicable_stay_distinct() -> None:
    assert parse_value("", Kind.COUNT) is None
    assert parse_value("   ", Kind.COUNT) is None
    assert parse_value("0", Kind.COUNT) == 0
    for spelling in ("/", "-", "无", "／", "不适用"):
        assert parse_value(spelling, Kind.COUNT, allow_na=True) is NA
    assert display(None) == "" and display(0) == "0" and display(NA) == "不适用"


@pytest.mark.parametrize(
    ("typed", "kind", "fragment"),
    [
        ("-3", Kind.COUNT, "不能为负数"),
        ("3.5", Kind.COUNT, "整数"),
        ("12a", Kind.COUNT, "不能含有文字"),
        ("abc", Kind.SIGNED, "不能含有文字"),
        ("4,1105", Kind.COUNT, "千分位"),
        ("/", Kind.COUNT, "不适用"),
        ("-1.5", Kind.MONEY, "不能为负数"),
        ("1.1234567890123", Kind.MONEY, "小数"),
        ("1" * 13, Kind.COUNT, "过大"),
        ("4²", Kind.COUNT, "不能含有文字"),
        ("②", Kind.COUNT, "不能含有文字"),
        ("١٢", Kind.COUNT, "不能含有文字"),
    ],
)
def test_bad_input_names_the_field_and_the_problem(typed: str, kind: Kind, fragment: str) -> None:
    with pytest.raises(ValueInputError) as caught:
        parse_value(typed, kind, label="三、依申请公开情况（一）收到申请数")
    assert fragment in caught.value.message
    assert "收到申请数" in caught.value.message


def test_signed_counts_allow_negative_changes() -> None:
    assert parse_value("-417", Kind.SIGNED) == -417
    assert parse_value("－８", Kind.SIGNED) == -8
    assert parse_value("+2", Kind.SIGNED) == 2


def test_money_is_an_exact_decimal() -> None:
    value = parse_value("１２.５０", Kind.MONEY)
    assert value == Decimal("12.50") and isinstance(value, Decimal)
    assert to_json(value) == "12.50"
    assert parse_value("0.1", Kind.MONEY) + parse_value("0.2", Kind.MONEY) == Decimal("0.3")


def test_json_values_numbers_strings_and_refusals() -> None:
    assert coerce_json_value(3, Kind.COUNT) == 3
    assert coerce_json_value(3.0, Kind.COUNT) == 3
    assert coerce_json_value(0.1, Kind.MONEY) == Decimal("0.1")
    assert coerce_json_value("４１,１０５", Kind.COUNT) == 41105
    assert coerce_json_value(None, Kind.COUNT) is None
    for bad in (True, [1], {"a": 1}, 2.5):
        with pytest.raises(ValueInputError):
            coerce_json_value(bad, Kind.COUNT, label="x")
