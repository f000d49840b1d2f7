"""The printed table layout in the core: full grids, every value cell once, label paths."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport_gui.core.draft import new_draft
from govreport_gui.core.table_layout import NA_PRINTED, NO_VALUE, Align, CellKind, build_layout
from govreport_gui.core.values import NA

FORMS = ("pre2019", "2019", "2021")


@pytest.mark.parametrize("form_id", FORMS)
def test_every_grid_is_covered_once_and_every_cell_printed_once(library, form_id):
    form = library.get(form_id)
    for table in form.tables:
        layout = build_layout(form, table)
        layout.check()
        ids = [c.cell_id for c in layout.value_cells()]
        assert sorted(ids) == sorted(c.id for c in form.cells_of(table.id))
        for block in layout.blocks:
            grid = block.grid()
            assert all(len(row) == layout.ncols for row in grid)
            assert grid[0][0] is not None  # the top-left corner is always an anchor


def test_values_print_as_the_table_prints_them(library):
    form = library.get("2021")
    draft = new_draft(form, 2023, "某县")
    draft.values["t2.fees"] = Decimal("13579.246813")
    draft.values["t2.rules.issued"] = NA
    draft.values["t3.new.natural"] = 0
    cells = {c.cell_id: c for t in form.tables for c in build_layout(form, t, draft).value_cells()}
    assert cells["t2.fees"].text == "13579.246813"
    assert cells["t2.fees"].value == Decimal("13579.246813")
    assert cells["t2.fees"].unit == "万元"
    assert cells["t2.rules.issued"].text == NA_PRINTED
    assert cells["t3.new.natural"].text == "0"  # zero is printed
    assert cells["t3.new.business"].text == "" and cells["t3.new.business"].value is None
    assert all(c.align is Align.RIGHT for c in cells.values())


def test_nested_table_three_has_merged_headers_groups_and_label_paths(library):
    form = library.get("2021")
    layout = build_layout(form, form.table("t3"), year=2023)
    assert layout.label_cols == 3 and layout.value_cols == 7 and not layout.unit_col
    block = layout.blocks[0]
    assert block.header_rows == 3
    top = {c.text: c for c in block.header[0]}
    assert top["申请人情况"].colspan == 7 and top["申请人情况"].kind is CellKind.COLUMN
    assert top["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"].rowspan == 3
    second = {c.text: c for c in block.header[1]}
    assert second["法人或其他组织"].colspan == 5
    assert second["自然人"].rowspan == 2 and second["总计"].rowspan == 2
    groups = {c.text: c for c in block.cells() if c.kind is CellKind.GROUP}
    assert groups["三、本年度办理结果"].rowspan == 22  # 2 + 8 + 3 + 5 + 3 lines and （七）总计
    assert groups["（三）不予公开"].rowspan == 8 and groups["（三）不予公开"].col == 1
    value = next(c for c in block.value_cells() if c.cell_id == "t3.r3_2.research")
    assert value.row_path == ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开")
    assert value.column_path == ("申请人情况", "法人或其他组织", "科研机构")
    heading_free = [line for line in block.lines if line.heading]
    assert heading_free == []  # nested groups with sub-rows print no line of their own


def test_table_four_has_no_label_column_and_three_header_rows(library):
    form = library.get("2021")
    layout = build_layout(form, form.table("t4"))
    assert layout.label_cols == 0 and layout.ncols == 15
    block = layout.blocks[0]
    assert [c.text for c in block.header[0]] == ["行政复议", "行政诉讼"]
    assert [c.colspan for c in block.header[0]] == [5, 10]
    assert block.header[0][0].rowspan == 1
    assert len(block.lines) == 1 and len(block.lines[0].cells) == 15


def test_indented_old_table_has_units_indents_and_dashes(library):
    form = library.get("pre2019")
    table = form.tables[0]
    layout = build_layout(form, table, year=2017)
    assert layout.indented and layout.unit_col and layout.label_cols == 1
    assert layout.title == "政府信息公开情况统计表（2017年度）"
    lines = [line for b in layout.blocks for line in b.lines]
    heading = next(line for line in lines if line.heading)
    assert [c.kind for c in heading.cells[1:]] == [CellKind.DASH] * (len(heading.cells) - 1)
    assert all(c.text == NO_VALUE for c in heading.cells[1:])
    nested = next(line for line in lines if line.level > 0 and not line.heading)
    label, unit = nested.cells[0], nested.cells[1]
    assert label.kind is CellKind.LABEL and label.indent == nested.level
    assert unit.kind is CellKind.UNIT and unit.text in ("条", "件", "次", "篇", "个", "人", "人次")


def test_title_for_a_year_is_the_one_spelling(library):
    table = library.get("pre2019").tables[0]
    assert table.title_for(2017) == "政府信息公开情况统计表（2017年度）"
    assert build_layout(library.get("pre2019"), table).title == table.title
