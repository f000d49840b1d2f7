"""Builders of consistent reports for tests and benchmarks."""

from __future__ import annotations

import random
from decimal import Decimal

from govreport_gui.core.draft import Draft, new_draft
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.model import Form, cell_id
from govreport_gui.core.values import NA, Value

APPLICANTS = ("natural", "business", "research", "public_welfare", "legal", "other")


def consistent_2021_values(form: Form, rng: random.Random, low: int = 1) -> dict[str, Value]:
    """Tables 二, 三 and 四 filled so that every 错误 rule holds, with no zeros when low ≥ 1."""
    values: dict[str, Value] = {}
    result_rows = [
        row_id
        for row_id in dict.fromkeys(c.row_id for c in form.cells.values() if c.table == "t3")
        if row_id not in ("new", "carry_in", "total", "carry_out")
    ]
    for column in APPLICANTS:
        for row in result_rows:
            values[f"t3.{row}.{column}"] = rng.randint(low, 40)
        total = sum(values[f"t3.{row}.{column}"] for row in result_rows)
        carry_out = rng.randint(low, 20)
        carry_in = rng.randint(low, total + carry_out - low)
        values[f"t3.total.{column}"] = total
        values[f"t3.carry_out.{column}"] = carry_out
        values[f"t3.carry_in.{column}"] = carry_in
        values[f"t3.new.{column}"] = total + carry_out - carry_in
    for row in (*result_rows, "new", "carry_in", "total", "carry_out"):
        values[f"t3.{row}.total"] = sum(values[f"t3.{row}.{c}"] for c in APPLICANTS)  # type: ignore[misc]
    for group in ("review", "direct", "after"):
        parts = [rng.randint(low, 9) for _ in range(4)]
        for name, part in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[f"t4.{group}_{name}"] = part
        values[f"t4.{group}_total"] = sum(parts)
    for row in ("rules", "normative"):
        issued = rng.randint(low, 30)
        values[f"t2.{row}.issued"] = issued
        values[f"t2.{row}.repealed"] = rng.randint(low, 30)
        values[f"t2.{row}.valid"] = issued + rng.randint(low, 300)
    for cell in ("license", "penalty", "coercion"):
        values[f"t2.{cell}"] = rng.randint(low, 5000)
    values["t2.fees"] = Decimal(rng.randint(100, 99999)) / 100
    return values


def filled_2021_draft(
    library: FormLibrary, year: int = 2023, unit: str = "某某县人民政府办公室"
) -> Draft:
    """Every cell of the 2021 format filled, all sums and balances right (no 错误)."""
    form = library.get("2021")
    draft = new_draft(form, year, unit)
    v = draft.values
    v["t2.rules.issued"] = NA
    v["t2.rules.repealed"] = NA
    v["t2.rules.valid"] = NA
    v["t2.normative.issued"], v["t2.normative.repealed"], v["t2.normative.valid"] = 12, 3, 87
    v["t2.license"], v["t2.penalty"], v["t2.coercion"] = 1532, 418, 27
    v["t2.fees"] = Decimal("12.35")
    t3 = form.table("t3").blocks[0]
    result_rows = [r.id for r in t3.rows if not r.group and r.id.startswith("r")]
    for n, col in enumerate(APPLICANTS):
        total = 0
        for k, row in enumerate(result_rows):
            value = (3 * k + 7 * n + 1) % 11
            v[cell_id("t3", row, col)] = value
            total += value
        v[cell_id("t3", "total", col)] = total
        v[cell_id("t3", "carry_in", col)] = n + 2
        v[cell_id("t3", "new", col)] = total + 5 + n
        v[cell_id("t3", "carry_out", col)] = 7 + 2 * n
    for row in (*result_rows, "total", "new", "carry_in", "carry_out"):
        v[cell_id("t3", row, "total")] = sum(v[cell_id("t3", row, c)] for c in APPLICANTS)
    for group, base in (("review", 1), ("direct", 2), ("after", 3)):
        parts = [base, base + 1, base + 2, base + 3]
        for name, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            v[f"t4.{group}_{name}"] = value
        v[f"t4.{group}_total"] = sum(parts)
    for section in form.text_sections():
        draft.texts[section.id] = f"{section.title}的情况说明。本年度工作稳步推进，成效明显。"
    draft.signatories.update(unit_head="王某某", reviewer="", preparer="李某", phone="0797-1234567")
    draft.report.update(issue_date="2024年1月20日", addressee="县人民政府")
    return draft


def filled_2019_draft(
    library: FormLibrary, year: int = 2019, unit: str = "某某市某某区人民政府办公室"
) -> Draft:
    """Every cell of the 2019 format filled: tables 三 and 四 as in the 2021 report (the
    same rules), table 二 with signed 本年增/减 of both signs and an amount in 元."""
    form = library.get("2019")
    draft = new_draft(form, year, unit)
    rng = random.Random(2019)
    filled = consistent_2021_values(form, rng)
    for cid, cell in form.cells.items():
        if cid in filled and cell.table != "t2":
            draft.values[cid] = filled[cid]
        elif cell.kind.value == "signed":
            draft.values[cid] = rng.choice((37, -12, 0, 5, -3))
        elif cell.kind.value == "money":
            draft.values[cid] = Decimal("251000.5")
        else:
            draft.values[cid] = rng.randint(40, 300)
    for section in form.text_sections():
        draft.texts[section.id] = f"{section.title}的情况说明。本年度工作稳步推进，成效明显。"
    draft.signatories.update(unit_head="王某某", preparer="李某", phone="0797-1234567")
    draft.report.update(issue_date="2020年1月20日", addressee="区人民政府")
    return draft
