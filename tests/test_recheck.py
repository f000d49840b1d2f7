"""Re-checking only the rules that read the changed cells finds exactly what a full check finds."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from decimal import Decimal

import pytest

from govreport_gui.core.checks import check_draft
from govreport_gui.core.draft import Draft
from govreport_gui.core.library import FormLibrary, default_library
from govreport_gui.core.previous import attach_previous
from govreport_gui.core.recheck import Rechecker, RuleIndex
from govreport_gui.core.rules import Check
from govreport_gui.core.samples import demo_draft
from govreport_gui.core.values import NA, Kind, Value
from tests.support.helpers import filled_2021_draft


def _typed(kind: Kind, allow_na: bool, rng: random.Random) -> Value:
    """A value a clerk might type: mostly small numbers, sometimes blank or 不适用."""
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.2 and allow_na:
        return NA
    if kind is Kind.MONEY:
        return Decimal(rng.randint(0, 9999)) / 100
    return rng.randint(-3 if kind is Kind.SIGNED else 0, 12)


def _drafts(library: FormLibrary) -> list[Draft]:
    filled = filled_2021_draft(library)
    with_last_year = filled_2021_draft(library, year=2024)
    attach_previous(with_last_year, filled_2021_draft(library, year=2023))  # copies: hints
    return [filled, with_last_year, demo_draft(library)]


@pytest.mark.parametrize("which", [0, 1, 2], ids=["2021", "2021-with-last-year", "demo"])
def test_after_every_edit_the_findings_are_those_of_a_full_check(which: int) -> None:
    library = default_library()
    draft = _drafts(library)[which]
    form = library.get(draft.form_id)
    checker = Rechecker(form, draft)
    assert checker.findings == check_draft(form, draft)
    rng = random.Random(17 + which)
    cells = list(form.cells.values())
    sections = [s.id for s in form.text_sections()]
    for _ in range(300):
        before = Counter(checker.findings)
        if rng.random() < 0.1:  # a narrative section changes: its figures, or all of it
            section = rng.choice(sections)
            draft.texts[section] = rng.choice(("无。", f"共受理申请{rng.randint(0, 30)}件。", ""))
            changed = checker.texts_changed()
        else:
            edited = rng.sample(cells, rng.choice((1, 1, 1, 3)))
            for cell in edited:
                draft.set_value(cell.id, _typed(cell.kind, cell.allow_na, rng))
            changed = checker.cells_changed(c.id for c in edited)
        expected = check_draft(form, draft)
        assert checker.findings == expected  # same findings, same order
        went_or_came = (before - Counter(expected)) + (Counter(expected) - before)
        assert set(went_or_came) <= changed


def test_each_rule_runs_again_only_for_the_cells_it_reads() -> None:
    form = default_library().get("2021")
    index = RuleIndex(form.rules)
    for at, rule in enumerate(form.rules):
        for cell_id in rule.cells:
            assert at in index.reading([cell_id])
    cell = "t3.new.natural"
    again = {form.rules[at].key for at in index.reading([cell])}
    assert {rule.key for rule in form.rules if cell in rule.cells} <= again
    others = [r for r in form.rules if r.check is Check.SUM and cell not in r.cells]
    assert others and not again & {r.key for r in others}  # other sums do not run again


def test_a_check_type_the_index_does_not_know_runs_after_every_change() -> None:
    rules = default_library().get("2021").rules
    unknown = dataclasses.replace(rules[0], check="narrative_length")  # a future check type
    index = RuleIndex([*rules[:3], unknown])
    assert 3 in index.reading([])
    assert 3 in index.reading(["t3.new.natural"])
