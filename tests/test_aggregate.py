"""汇总: totals against an independent sum, and every way a file can be left out."""

from __future__ import annotations

import json
import os
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govreport_gui.core.aggregate import (
    AggregateError,
    UnitStatus,
    aggregate_files,
    expand_paths,
)
from govreport_gui.core.draft import read_draft_file, write_draft_file
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.model import Form
from govreport_gui.core.units import unit_key
from govreport_gui.core.values import NA, Kind

YEARS = {"pre2019": 2017, "2019": 2020, "2021": 2023}
NOT_APPLICABLE = object()  # the generator's own 不适用, independent of the app's NA

# -- generated unit files ---------------------------------------------------------------


def random_value(cell: Any, rng: random.Random) -> Any:
    """A value as the generator knows it: int, Decimal, NOT_APPLICABLE or None (blank)."""
    roll = rng.random()
    if roll < 0.08:
        return None
    if cell.allow_na and roll < 0.2:
        return NOT_APPLICABLE
    if cell.kind is Kind.MONEY:
        places = rng.randint(0, 4)
        return Decimal(rng.randint(0, 10**7)).scaleb(-places)
    if cell.kind is Kind.SIGNED:
        return rng.randint(-500, 500)
    return rng.choice((0, 0, 1, 7, rng.randint(0, 99_999)))


def as_typed(value: Any, rng: random.Random) -> Any:
    """Spell a value the way draft files from different units do."""
    if value is None:
        return rng.choice((None, "", "OMIT"))
    if value is NOT_APPLICABLE:
        return rng.choice(("/", "不适用", "-", "无"))
    if isinstance(value, Decimal):
        return format(value, "f")
    spelling = rng.random()
    if spelling < 0.6 or value < 0:
        return value
    if spelling < 0.8:
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return f"{value:,}"


def write_unit(folder: Path, name: str, form: Form, year: int, values: dict[str, Any]) -> Path:
    rng = random.Random(name)
    typed = {}
    for cid, value in values.items():
        spelled = as_typed(value, rng)
        if spelled != "OMIT":
            typed[cid] = spelled
    data = {
        "kind": "govreport-draft",
        "schema": 1,
        "form": form.id,
        "form_version": form.version,
        "year": year,
        "unit": name,
        "values": typed,
        "texts": {},
        "signatories": {},
        "explanations": {},
    }
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def generate(folder: Path, form: Form, count: int, seed: int) -> dict[str, dict[str, Any]]:
    rng = random.Random(seed)
    units = {}
    for i in range(count):
        name = f"第{i:03d}单位"
        values = {cid: random_value(cell, rng) for cid, cell in form.cells.items()}
        units[name] = values
        write_unit(folder, name, form, YEARS[form.id], values)
    return units


def expected_total(units: dict[str, dict[str, Any]], cid: str) -> Any:
    """The independent sum: numbers add up, 不适用 alone stays 不适用, nothing stays blank."""
    numbers = [
        v[cid] for v in units.values() if v[cid] is not None and v[cid] is not NOT_APPLICABLE
    ]
    if numbers:
        total = 0
        for number in numbers:
            total += number
        return total
    if any(v[cid] is NOT_APPLICABLE for v in units.values()):
        return NA
    return None


# -- the totals ---------------------------------------------------------------------------


@pytest.mark.parametrize(("form_id", "count"), [("2021", 300), ("2019", 120), ("pre2019", 120)])
def test_every_total_equals_an_independent_sum(
    library: FormLibrary, tmp_path: Path, form_id: str, count: int
) -> None:
    form = library.get(form_id)
    units = generate(tmp_path, form, count, seed=count)
    result = aggregate_files([tmp_path], library, unit="某某县")

    assert len(result.included) == count
    assert result.left_out == []
    total = result.draft
    assert (total.form_id, total.year, total.unit) == (form_id, YEARS[form_id], "某某县")
    for cid, cell in form.cells.items():
        expected = expected_total(units, cid)
        if not cell.additive:
            assert cid not in total.values, cid
            clerk = next(c for c in result.clerk_cells if c.cell == cid)
            assert clerk.units_sum == expected
            continue
        assert total.values.get(cid) == expected, cid
        if isinstance(expected, Decimal):
            assert isinstance(total.values[cid], Decimal), cid
        elif isinstance(expected, int):
            assert type(total.values[cid]) is int, cid


def test_money_is_summed_exactly(library: FormLibrary, tmp_path: Path) -> None:
    form = library.get("2021")
    amounts = ["0.1", "0.2", "1234567.8901", "0.0009"]
    for i, amount in enumerate(amounts):
        write_unit(tmp_path, f"单位{i}", form, 2023, {"t2.fees": Decimal(amount)})
    result = aggregate_files([tmp_path], library)
    assert result.draft.values["t2.fees"] == Decimal("1234568.1910")
    assert str(result.draft.values["t2.fees"]) == "1234568.1910"


def test_not_applicable_everywhere_stays_not_applicable(
    library: FormLibrary, tmp_path: Path
) -> None:
    form = library.get("2021")
    write_unit(tmp_path, "甲", form, 2023, {"t2.rules.issued": NOT_APPLICABLE, "t2.fees": None})
    write_unit(tmp_path, "乙", form, 2023, {"t2.rules.issued": NOT_APPLICABLE})
    write_unit(tmp_path, "丙", form, 2023, {"t2.rules.issued": 2})
    result = aggregate_files([tmp_path / "甲.json", tmp_path / "乙.json"], library)
    assert result.draft.values["t2.rules.issued"] is NA
    assert "t2.fees" not in result.draft.values  # blank everywhere stays blank, not 0
    mixed = aggregate_files([tmp_path], library)
    assert mixed.draft.values["t2.rules.issued"] == 2


def test_cells_some_units_left_blank_are_listed_with_those_units(
    library: FormLibrary, tmp_path: Path
) -> None:
    form = library.get("2021")
    write_unit(tmp_path, "甲", form, 2023, {"t2.license": 5, "t2.penalty": 1})
    write_unit(tmp_path, "乙", form, 2023, {"t2.license": None, "t2.penalty": 2})
    write_unit(tmp_path, "丙", form, 2023, {"t2.penalty": 3})
    result = aggregate_files([tmp_path], library)
    assert result.draft.values["t2.license"] == 5
    blank = next(b for b in result.blanks if b.cell == "t2.license")
    assert blank.units == ("丙", "乙")  # files are read in name order: 丙 < 乙 < 甲
    assert "2 个单位未填写" in blank.message and "其余 1 个单位" in blank.message
    assert all(b.cell != "t2.penalty" for b in result.blanks)


def test_non_additive_cells_are_left_for_the_clerk(library: FormLibrary, tmp_path: Path) -> None:
    form = library.get("pre2019")
    write_unit(tmp_path, "甲", form, 2017, {"stats.offices": 1, "stats.staff": 3})
    write_unit(tmp_path, "乙", form, 2017, {"stats.offices": 1, "stats.staff": 4})
    result = aggregate_files([tmp_path], library)
    assert result.draft.values["stats.staff"] == 7
    assert "stats.offices" not in result.draft.values
    offices = next(c for c in result.clerk_cells if c.cell == "stats.offices")
    assert (offices.units_sum, offices.units_filled) == (2, 2)
    assert "不能逐单位相加" in offices.message and "合计 2" in offices.message
    blank_hints = {f.cells[0] for f in result.findings if f.rule == "BLANK"}
    assert "stats.offices" in blank_hints  # the total's own check asks the clerk to fill it


def test_checks_run_on_the_total(library: FormLibrary, tmp_path: Path) -> None:
    form = library.get("2021")
    zeros = {"t4.review_corrected": 0, "t4.review_other": 0, "t4.review_pending": 0}
    write_unit(tmp_path, "甲", form, 2023, {"t4.review_upheld": 1, "t4.review_total": 1, **zeros})
    write_unit(tmp_path, "乙", form, 2023, {"t4.review_upheld": 2, "t4.review_total": 1, **zeros})
    result = aggregate_files([tmp_path], library)
    review = [f for f in result.findings if f.rule == "T4-REVIEW"]
    assert len(review) == 1 and "为 2" in review[0].message and "合计为 3" in review[0].message
    assert result.summary.errors >= 1
    by_unit = {row.unit: row for row in result.units}
    assert by_unit["乙"].errors == 1 and by_unit["甲"].errors == 0
    assert any(f.rule == "T4-REVIEW" for f in by_unit["乙"].findings)


def test_the_total_is_an_ordinary_draft_file(library: FormLibrary, tmp_path: Path) -> None:
    form = library.get("2021")
    folder = tmp_path / "units"
    folder.mkdir()
    generate(folder, form, 20, seed=5)
    result = aggregate_files([folder], library, unit="某某县")
    out = tmp_path / "total.json"
    write_draft_file(result.draft, out)
    again = read_draft_file(out, library)
    assert again.values == result.draft.values
    assert again.unit == "某某县"


# -- which files count --------------------------------------------------------------------


def test_normalised_unit_names() -> None:
    same = [
        "某某县（财政局）",
        "某某县(财政局)",
        " 某某县 ( 财政局 ) ",
        "某某县【财政局】",
        "某某县〔财政局〕",
    ]
    assert len({unit_key(n) for n in same}) == 1
    assert unit_key("某某县财政局") != unit_key("某某县税务局")
    assert unit_key("ＡＢＣ局") == unit_key("abc局")


def test_same_unit_twice_keeps_the_newer_file(library: FormLibrary, tmp_path: Path) -> None:
    form = library.get("2021")
    old = write_unit(tmp_path, "a-first", form, 2023, {"t2.license": 100})
    new = write_unit(tmp_path, "b-second", form, 2023, {"t2.license": 7})
    other = write_unit(tmp_path, "c-other", form, 2023, {"t2.license": 1})
    for path, unit in (
        (old, "某某县（财政局）"),
        (new, "某某县 (财政局)"),
        (other, "某某县税务局"),
    ):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["unit"] = unit
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    os.utime(new, (1_600_000_000, 1_600_000_000))  # the first file is the newer one here

    result = aggregate_files([tmp_path], library)
    rows = {row.file.name: row for row in result.units}
    assert rows["a-first.json"].included and rows["a-first.json"].status == UnitStatus.INCLUDED
    assert "b-second.json 未汇总" in rows["a-first.json"].reason
    dropped = rows["b-second.json"]
    assert not dropped.included and dropped.status == UnitStatus.DUPLICATE
    assert "a-first.json" in dropped.reason and "修改时间最新" in dropped.reason
    assert result.draft.values["t2.license"] == 101  # counted once

    os.utime(new, (1_700_000_000, 1_700_000_000))  # equal times: the first listed wins
    tie = aggregate_files([new, old, other], library)
    rows = {row.file.name: row for row in tie.units}
    assert rows["b-second.json"].included and not rows["a-first.json"].included
    assert "修改时间相同" in rows["a-first.json"].reason
    assert tie.draft.values["t2.license"] == 8


def test_other_year_and_malformed_files_are_reported_not_fatal(
    library: FormLibrary, tmp_path: Path
) -> None:
    form = library.get("2021")
    for i in range(3):
        write_unit(tmp_path, f"单位{i}", form, 2023, {"t2.license": 10})
    write_unit(tmp_path, "去年的单位", form, 2022, {"t2.license": 1000})
    (tmp_path / "broken.json").write_text('{"kind": "govreport-draft", "sch', encoding="utf-8")
    (tmp_path / "not-a-draft.json").write_text("[1, 2, 3]", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a json file, not picked up", encoding="utf-8")
    (tmp_path / ".tmp-half-saved.json").write_text("{", encoding="utf-8")

    result = aggregate_files([tmp_path], library)
    assert result.draft.values["t2.license"] == 30
    rows = {row.file.name: row for row in result.units}
    assert set(rows) == {f"单位{i}.json" for i in range(3)} | {
        "去年的单位.json",
        "broken.json",
        "not-a-draft.json",
    }
    assert rows["去年的单位.json"].status == UnitStatus.OTHER_YEAR
    assert "2022 年度" in rows["去年的单位.json"].reason
    assert "2023 年度" in rows["去年的单位.json"].reason
    for name in ("broken.json", "not-a-draft.json"):
        assert rows[name].status == UnitStatus.UNREADABLE and rows[name].errors is None
        assert rows[name].reason.startswith("无法读取：") and name in rows[name].reason
    assert len(result.included) == 3


def test_a_chosen_year_is_summed(library: FormLibrary, tmp_path: Path) -> None:
    form = library.get("2021")
    write_unit(tmp_path, "甲", form, 2023, {"t2.license": 1})
    write_unit(tmp_path, "乙", form, 2022, {"t2.license": 2})
    write_unit(tmp_path, "丙", form, 2022, {"t2.license": 3})
    assert aggregate_files([tmp_path], library).draft.year == 2022  # the majority
    result = aggregate_files([tmp_path], library, year=2023)
    assert result.draft.values["t2.license"] == 1 and len(result.included) == 1
    with pytest.raises(AggregateError, match="没有 2030 年度的报告"):
        aggregate_files([tmp_path], library, year=2030)


def test_mixed_files_without_a_majority_are_refused(library: FormLibrary, tmp_path: Path) -> None:
    write_unit(tmp_path, "甲", library.get("2021"), 2023, {})
    write_unit(tmp_path, "乙", library.get("2019"), 2020, {})
    with pytest.raises(AggregateError) as caught:
        aggregate_files([tmp_path], library)
    message = caught.value.message
    assert "不一致" in message and "甲.json" in message and "乙.json" in message
    assert "2023 年度" in message and "2020 年度" in message
    assert {row.status for row in caught.value.units} == {UnitStatus.UNDECIDED}


def test_nothing_readable_is_refused(library: FormLibrary, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("garbage", encoding="utf-8")
    with pytest.raises(AggregateError, match="都无法读取") as caught:
        aggregate_files([tmp_path, tmp_path / "missing.json"], library)
    assert [row.status for row in caught.value.units] == [
        UnitStatus.UNREADABLE,
        UnitStatus.UNREADABLE,
    ]
    assert "找不到文件" in caught.value.units[1].reason


def test_an_earlier_total_in_the_folder_is_not_counted_again(
    library: FormLibrary, tmp_path: Path
) -> None:
    form = library.get("2021")
    write_unit(tmp_path, "甲", form, 2023, {"t2.license": 4})
    write_unit(tmp_path, "乙", form, 2023, {"t2.license": 5})
    first = aggregate_files([tmp_path], library, unit="某某县")
    write_draft_file(first.draft, tmp_path / "total.json")
    second = aggregate_files([tmp_path], library, unit="某某县")
    assert second.draft.values["t2.license"] == 9
    row = next(r for r in second.units if r.file.name == "total.json")
    assert row.status == UnitStatus.EARLIER_TOTAL and not row.included


def test_folders_expand_to_their_json_files_once(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text("{}")
    (tmp_path / "a.JSON").write_text("{}")
    (tmp_path / ".hidden.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.json").write_text("{}")
    found = expand_paths([tmp_path, tmp_path / "b.json"])
    assert [p.name for p in found] == ["a.JSON", "b.json"]
