"""One rule for "the same unit" (core/units.py), shared by import, 汇总 and the store."""

from __future__ import annotations

import pytest

from govreport_gui.core.errors import ValueInputError
from govreport_gui.core.units import checked_unit_name, same_unit, unit_key


@pytest.mark.parametrize(
    "other",
    [
        "信丰县\u200b财政局",  # zero-width space
        "信丰县\u00ad财政局",  # soft hyphen
        "信丰县\u200d财政局",  # zero-width joiner
        "\ufeff信丰县财政局",  # byte order mark
        "信丰县\x07财政局",  # a control character
        "\u202e信丰县财政局\u202c",  # bidi override and pop
        "信丰县 财政局",
        "信丰县\u3000财政局",
    ],
)
def test_look_alike_names_are_the_same_unit(other: str) -> None:
    assert same_unit("信丰县财政局", other)


def test_width_brackets_and_case_fold_but_words_do_not() -> None:
    assert unit_key("某县（财政局）") == unit_key("某县 (财政局)") == unit_key("某县〔财政局〕")
    assert unit_key("ＡＢＣ局") == unit_key("abc局")
    assert not same_unit("某某县财政局", "某某县税务局")


def test_a_name_must_have_something_visible() -> None:
    assert checked_unit_name("  信丰县财政局 ") == "信丰县财政局"
    for empty in ("", "   ", "\u200b", "\u00ad\u200d", "\ufeff "):
        with pytest.raises(ValueInputError, match="填报单位名称"):
            checked_unit_name(empty)
