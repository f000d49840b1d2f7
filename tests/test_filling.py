"""空白格填 0 and the selection sum: the core decides which cells and what they add up to."""

from __future__ import annotations

from decimal import Decimal

from govreport_gui.core.checks import check_draft
from govreport_gui.core.draft import new_draft
from govreport_gui.core.filling import selection_sum, zero_fill
from govreport_gui.core.values import NA


def test_zero_fill_takes_blank_cells_only(library):
    form = library.get("2021")
    draft = new_draft(form, 2023, "测试局")
    draft.set_value("t3.new.natural", 0)
    draft.set_value("t3.new.business", NA)
    table = [c.id for c in form.cells_of("t3")]
    fill = zero_fill(form, draft, table)
    assert "t3.new.natural" not in fill and "t3.new.business" not in fill
    assert set(fill) == set(table) - {"t3.new.natural", "t3.new.business"}
    assert set(fill.values()) == {0}


def test_zero_fill_leaves_a_total_whose_parts_are_not_zero(library):
    form = library.get("2021")
    draft = new_draft(form, 2023, "测试局")
    draft.set_value("t3.new.natural", 14)
    fill = zero_fill(form, draft, [c.id for c in form.cells_of("t3")])
    assert "t3.new.total" not in fill and fill["t3.new.business"] == 0
    draft.values.update(fill)
    total = next(f for f in check_draft(form, draft) if f.cells[:1] == ("t3.new.total",))
    assert total.suggestion == ("t3.new.total", 14)  # offered as 填入 14, not 0


def test_zero_fill_of_money_cells_is_a_decimal_zero(library):
    form = library.get("2021")
    draft = new_draft(form, 2023, "测试局")
    assert zero_fill(form, draft, ["t2.fees"]) == {"t2.fees": Decimal(0)}


def test_a_total_that_disagrees_with_its_parts_is_offered_their_sum(library):
    form = library.get("2021")
    draft = new_draft(form, 2023, "测试局")
    for cell_id, value in zero_fill(form, draft, [c.id for c in form.cells_of("t3")]).items():
        draft.set_value(cell_id, value)
    draft.set_value("t3.new.natural", 14)
    draft.set_value("t3.new.legal", 3)
    draft.set_value("t3.new.total", 18)
    finding = next(f for f in check_draft(form, draft) if f.cells[:1] == ("t3.new.total",))
    assert finding.suggestion == ("t3.new.total", 17)
    draft.set_value(*finding.suggestion)
    assert finding.rule not in {f.rule for f in check_draft(form, draft)}


def test_selection_sum_counts_blanks_and_na_apart():
    summed = selection_sum([3, None, NA, Decimal("1.5"), 0])
    assert summed.total == Decimal("4.5")
    assert (summed.numbers, summed.blanks, summed.not_applicable) == (3, 1, 1)
