"""govreport xlsx: the workbook read back with openpyxl, through its hidden mapping."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from govreport_gui.core.values import NA
from govreport_gui.output.xlsx import MAPPING_FIRST_ROW, MAPPING_SHEET, money_format, xlsx_bytes
from tests.support.export_support import FEES, export_drafts


@pytest.fixture(scope="module")
def books(library):
    out = {}
    for name, draft in export_drafts(library).items():
        payload = xlsx_bytes(library.get(draft.form_id), draft)
        out[name] = (openpyxl.load_workbook(io.BytesIO(payload)), draft)
    return out


def read_mapping(wb):
    ws = wb[MAPPING_SHEET]
    head = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, MAPPING_FIRST_ROW - 2)}
    cells = {}
    for row in ws.iter_rows(min_row=MAPPING_FIRST_ROW, values_only=True):
        cells[row[0]] = row[1:]
    return head, cells


@pytest.mark.parametrize("name", ["demo", "filled2021"])
def test_mapping_is_complete_and_reads_every_value_back(books, library, name):
    wb, draft = books[name]
    form = library.get(draft.form_id)
    assert wb[MAPPING_SHEET].sheet_state == "hidden"
    head, cells = read_mapping(wb)
    assert head == {
        "format": "govreport-xlsx",
        "mapping_version": 1,
        "form": form.id,
        "form_version": form.version,
        "year": draft.year,
        "unit": draft.unit,
    }
    assert sorted(cells) == sorted(form.cells)
    for cell_id, (sheet, address, unit, kind) in cells.items():
        assert unit == form.cells[cell_id].unit and kind == form.cells[cell_id].kind.value
        got = wb[sheet][address].value
        want = draft.value(cell_id)
        if want is None:
            assert got is None
        elif want is NA:
            assert got == "/"
        else:
            assert isinstance(got, int | float) and not isinstance(got, bool)
            assert Decimal(str(got)) == want


def test_money_is_exact_with_every_decimal_shown(books):
    wb, _ = books["filled2021"]
    _, cells = read_mapping(wb)
    sheet, address, unit, kind = cells["t2.fees"]
    cell = wb[sheet][address]
    assert unit == "万元" and kind == "money"
    assert Decimal(str(cell.value)) == FEES
    assert cell.number_format == "0.000000"
    assert money_format(Decimal("2468.13")) == "0.00"
    assert money_format(Decimal("7")) == "0"


@pytest.mark.parametrize("money", ["2468.13", "13579.246813", "0.000001", "7", "999999999.999999"])
def test_the_stored_money_digits_are_the_decimal_s_own(library, money):
    """The number in the file is the Decimal exactly (openpyxl writes 16 significant
    digits: a Decimal of up to 15 significant digits, 999,999,999.999999 万元, comes back
    exactly; Excel keeps no more than 15 digits itself)."""
    draft = export_drafts(library)["filled2021"]
    draft.values["t2.fees"] = Decimal(money)
    payload = xlsx_bytes(library.get("2021"), draft)
    wb = openpyxl.load_workbook(io.BytesIO(payload))
    sheet, address, _, _ = read_mapping(wb)[1]["t2.fees"]
    number = wb.sheetnames.index(sheet) + 1
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        xml = archive.read(f"xl/worksheets/sheet{number}.xml").decode()
    stored = re.search(f'<c r="{address}"[^>]*><v>([^<]+)</v>', xml)
    assert stored and Decimal(stored.group(1)) == Decimal(money)
    assert Decimal(str(wb[sheet][address].value)) == Decimal(money)
    assert wb[sheet][address].number_format == money_format(Decimal(money))


def test_headers_are_merged_and_print_setup_fits_a4(books):
    wb, _ = books["filled2021"]
    _, cells = read_mapping(wb)
    t3 = wb[cells["t3.new.natural"][0]]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert len(merged) > 5
    assert any(t3[r.split(":")[0]].value == "申请人情况" for r in merged)
    assert str(t3.page_setup.paperSize) == t3.PAPERSIZE_A4  # "9"
    assert t3.page_setup.fitToWidth == 1 and t3.sheet_properties.pageSetUpPr.fitToPage
    assert t3.print_title_rows


def test_row_labels_keep_their_indents_in_the_old_table(books):
    wb, _ = books["demo"]
    _, cells = read_mapping(wb)
    ws = wb[next(iter(cells.values()))[0]]
    indents = {ws.cell(r, 1).alignment.indent for r in range(1, ws.max_row + 1)}
    assert {0, 1, 2} <= indents


def test_user_text_starting_with_equals_stays_text(library):
    draft = export_drafts(library)["filled2021"]
    draft.unit = '=HYPERLINK("http://x")'
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(library.get("2021"), draft)))
    head, _ = read_mapping(wb)
    assert head["unit"] == draft.unit
    assert wb[MAPPING_SHEET]["B6"].data_type == "s"
