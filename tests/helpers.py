"""Builders of consistent reports for tests and benchmarks."""

from __future__ import annotations

import random
from decimal import Decimal

from govreport_gui.core.draft import Draft, new_draft
from govreport_gui.core.model import Form
from govreport_gui.core.values import Value

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


def filled_2021_draft(form: Form, seed: int = 1, unit: str = "测试县测试局") -> Draft:
    draft = new_draft(form, 2023, unit)
    draft.values = consistent_2021_values(form, random.Random(seed))
    for section in form.text_sections():
        draft.texts[section.id] = f"{section.title}的内容。" * 20
    draft.signatories.update(
        unit_head="张三",
        reviewer="李四",
        preparer="王五",
        phone="0797-1234567",
        date="2024年1月20日",
    )
    return draft
