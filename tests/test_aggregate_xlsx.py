"""aggregate --xlsx: 200 generated units, a row each, and a 合计 row equal to the total draft."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from govreport_gui.core.draft import read_draft_file
from govreport_gui.core.values import NA
from govreport_gui.output.aggregate_xlsx import (
    HEADER_ROWS,
    LEAD,
    LEFT_OUT_SHEET,
    TOTAL_LABEL,
    UNITS_SHEET,
)
from tests.support.cli import run
from tests.test_aggregate import generate

UNITS = 200


def as_value(cell):
    """A workbook cell back as a draft value."""
    if cell.value is None:
        return None
    if cell.value == "/":
        return NA
    if isinstance(cell.value, float):
        return Decimal(str(cell.value))
    return cell.value


@pytest.fixture(scope="module")
def exported(library, tmp_path_factory):
    folder = tmp_path_factory.mktemp("units")
    form = library.get("2021")
    generate(folder, form, UNITS, seed=10)
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    total, units = out / "total.json", out / "units.xlsx"
    result = run("aggregate", str(folder), "-o", str(total), "--xlsx", str(units))
    assert result.returncode in (0, 1), result.stderr
    return openpyxl.load_workbook(units), read_draft_file(total, library), form


def test_one_row_per_unit_and_a_total_row_equal_to_the_total_draft(exported):
    wb, total, form = exported
    ws = wb[UNITS_SHEET]
    rows = list(ws.iter_rows(min_row=HEADER_ROWS + 1))
    assert len(rows) == UNITS + 1
    names = [r[1].value for r in rows[:-1]]
    assert len(set(names)) == UNITS and all(n.startswith("第") for n in names)
    last = rows[-1]
    assert last[1].value == TOTAL_LABEL
    cells = list(form.cells)
    assert ws.max_column == len(LEAD) + len(cells)
    for k, cell_id in enumerate(cells):
        assert as_value(last[len(LEAD) + k]) == total.value(cell_id), cell_id


def test_each_column_adds_up_to_the_total(exported):
    wb, total, form = exported
    ws = wb[UNITS_SHEET]
    rows = list(ws.iter_rows(min_row=HEADER_ROWS + 1, values_only=True))
    for k, cell_id in enumerate(form.cells):
        want = total.value(cell_id)
        if not isinstance(want, int | Decimal) or not form.cells[cell_id].additive:
            continue
        parts = [r[len(LEAD) + k] for r in rows[:-1]]
        got = sum(Decimal(str(p)) for p in parts if isinstance(p, int | float))
        assert got == want, cell_id


def test_two_header_rows_from_the_printed_labels(exported):
    wb, _, form = exported
    ws = wb[UNITS_SHEET]
    first = len(LEAD) + 1
    cells = list(form.cells.values())
    k = next(i for i, c in enumerate(cells) if c.id == "t3.r3_1.natural")
    top = ws.cell(2, first + k).value or next(
        ws.cell(2, r.min_col).value
        for r in ws.merged_cells.ranges
        if r.min_row == 2 and r.min_col <= first + k <= r.max_col
    )
    assert top == "（三）不予公开 1.属于国家秘密"
    assert ws.cell(3, first + k).value == "自然人"


def test_files_left_out_are_listed_with_their_reason(exported):
    wb = exported[0]
    rows = list(wb[LEFT_OUT_SHEET].iter_rows(min_row=2, values_only=True))
    assert [Path(r[0]).name for r in rows] == ["broken.json"]
    assert rows[0][2]


def test_the_workbook_never_replaces_a_unit_file_or_the_total(library, tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    generate(folder, library.get("2021"), 3, seed=2)
    unit = sorted(folder.glob("*.json"))[0]
    before = unit.read_bytes()
    onto_unit = run("aggregate", str(folder), "--xlsx", str(unit))
    assert onto_unit.returncode == 2 and unit.read_bytes() == before
    same = tmp_path / "total.xlsx"
    both = run("aggregate", str(folder), "-o", str(same), "--xlsx", str(same))
    assert both.returncode == 2 and not same.exists()
