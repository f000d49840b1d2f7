"""Money exact to the fen: 2 decimals in 元, 6 in 万元; beyond that a 提示, never a refusal."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_gui.core.aggregate import aggregate_files
from govreport_gui.core.checks import check_draft
from govreport_gui.core.draft import loads, new_draft, read_draft_file
from govreport_gui.core.errors import DraftFileError, ValueInputError
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.rules import Severity


def draft_file(path: Path, form_id: str, year: int, unit: str, values: dict[str, str]) -> Path:
    data = {"kind": "govreport-draft", "schema": 1, "form": form_id, "year": year}
    data |= {"unit": unit, "values": values}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def precision(library: FormLibrary, path: Path) -> list[str]:
    draft = read_draft_file(path, library)
    found = check_draft(library.get(draft.form_id), draft)
    return [f.message for f in found if f.rule == "MONEY-PLACES"]


def test_six_decimals_of_wan_yuan_are_read_checked_and_summed_exactly(
    library: FormLibrary, tmp_path: Path
) -> None:
    a = draft_file(tmp_path / "a.json", "2021", 2023, "甲局", {"t2.fees": "13579.246813"})
    b = draft_file(tmp_path / "b.json", "2021", 2023, "乙局", {"t2.fees": "0.000001"})
    assert read_draft_file(a, library).values["t2.fees"] == Decimal("13579.246813")
    assert precision(library, a) == []
    total = aggregate_files([a, b], library)
    assert total.draft.values["t2.fees"] == Decimal("13579.246814")
    assert format(total.draft.values["t2.fees"], "f") == "13579.246814"


def test_more_decimals_in_a_file_is_a_hint_naming_the_cell(
    library: FormLibrary, tmp_path: Path
) -> None:
    path = draft_file(tmp_path / "a.json", "2021", 2023, "甲局", {"t2.fees": "13579.2468131"})
    draft = read_draft_file(path, library)  # not refused
    assert draft.values["t2.fees"] == Decimal("13579.2468131")
    found = [f for f in check_draft(library.get("2021"), draft) if f.rule == "MONEY-PLACES"]
    assert [(f.severity, f.cells) for f in found] == [(Severity.WARNING, ("t2.fees",))]
    assert "行政事业性收费" in found[0].message
    assert "13579.2468131 万元，超过 6 位小数" in found[0].message


def test_yuan_keeps_two_decimals(library: FormLibrary, tmp_path: Path) -> None:
    values = {"t2.procurement.amount": "1234.56"}
    ok = draft_file(tmp_path / "a.json", "2019", 2020, "甲局", values)
    assert precision(library, ok) == []
    values = {"t2.procurement.amount": "1234.567"}
    (message,) = precision(library, draft_file(tmp_path / "b.json", "2019", 2020, "乙局", values))
    assert "1234.567 元，超过 2 位小数" in message


@pytest.mark.parametrize(
    ("form_id", "year", "cell", "typed", "limit"),
    [
        ("2021", 2023, "t2.fees", "1.1234567", 6),
        ("2019", 2020, "t2.procurement.amount", "9.999", 2),
    ],
)
def test_typing_more_decimals_is_refused_naming_the_limit(
    library: FormLibrary, form_id: str, year: int, cell: str, typed: str, limit: int
) -> None:
    form = library.get(form_id)
    draft = new_draft(form, year, "甲局")
    draft.enter(form, cell, "1.5")
    with pytest.raises(ValueInputError) as caught:
        draft.enter(form, cell, typed)
    assert f"最多保留{limit}位小数" in caught.value.message
    assert draft.values[cell] == Decimal("1.5")  # the old value is kept
    assert draft.enter(form, cell, typed[: typed.index(".") + 1 + limit]) is not None


def test_an_absurd_number_of_decimals_is_still_refused(library: FormLibrary) -> None:
    """Beyond 12 decimals sums could round (Decimal keeps 28 digits): the file is refused."""
    data = {"kind": "govreport-draft", "schema": 1, "form": "2021", "year": 2023}
    data |= {"unit": "甲局", "values": {"t2.fees": "1." + "1" * 13}}
    with pytest.raises(DraftFileError) as caught:
        loads(json.dumps(data), library)
    assert "「行政事业性收费」的小数位数太多（最多 12 位）" in caught.value.message
