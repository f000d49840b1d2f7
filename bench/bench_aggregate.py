"""汇总 speed: aggregate 200, 1,000 and 2,000 unit files of the 2021 format.

Goal (issue 6): 2,000 files in ≤ 2 s, time growing linearly with the number of files.
The unit files are realistic: every table balances (as a clerk's checked report does), a
few cells are blank or 不适用, money has decimals. Generating the files is not timed.

    python bench/bench_aggregate.py            # prints a table
    from bench.bench_aggregate import run      # returns the figures as a dict
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govreport_gui.core.aggregate import aggregate_files, sum_drafts
from govreport_gui.core.checks import check_draft
from govreport_gui.core.draft import read_draft_file
from govreport_gui.core.library import FormLibrary, default_library
from govreport_gui.core.model import Form

SIZES = (200, 1000, 2000)
GOAL_SECONDS = 2.0
T3_COLUMNS = ("natural", "business", "research", "public_welfare", "legal", "other")
T4_GROUPS = ("review", "direct", "after")


def unit_values(form: Form, rng: random.Random) -> dict[str, Any]:
    """One unit's 2021 figures that pass every arithmetic check."""
    values: dict[str, Any] = {}
    results = [
        row.id
        for block in form.table("t3").blocks
        for row in block.rows
        if not row.group and row.id.startswith("r")
    ]
    for column in T3_COLUMNS:
        handled = {row: rng.choice((0, 0, 0, 1, 2, 5)) for row in results}
        total = sum(handled.values())
        carry_out = rng.randint(0, 3)
        carry_in = rng.randint(0, total + carry_out)
        for row, n in handled.items():
            values[f"t3.{row}.{column}"] = n
        values[f"t3.total.{column}"] = total
        values[f"t3.carry_out.{column}"] = carry_out
        values[f"t3.carry_in.{column}"] = carry_in
        values[f"t3.new.{column}"] = total + carry_out - carry_in
    for row in (*results, "total", "carry_out", "carry_in", "new"):
        values[f"t3.{row}.total"] = sum(values[f"t3.{row}.{c}"] for c in T3_COLUMNS)
    for group in T4_GROUPS:
        parts = [rng.choice((0, 0, 1)) for _ in range(4)]
        for name, n in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[f"t4.{group}_{name}"] = n
        values[f"t4.{group}_total"] = sum(parts)
    values["t2.rules.issued"] = values["t2.rules.repealed"] = values["t2.rules.valid"] = "/"
    issued = rng.randint(0, 20)
    values.update(
        {
            "t2.normative.issued": issued,
            "t2.normative.repealed": rng.randint(0, 5),
            "t2.normative.valid": issued + rng.randint(0, 200),
            "t2.license": rng.randint(0, 5000),
            "t2.penalty": rng.randint(0, 300),
            "t2.coercion": rng.randint(0, 30),
            "t2.fees": f"{rng.randint(0, 900)}.{rng.randint(0, 9999):04d}"
            if rng.random() < 0.7
            else "/",
        }
    )
    for cid in rng.sample(sorted(values), 2):  # a couple of cells left blank
        values[cid] = None
    return values


def write_units(folder: Path, count: int, form: Form, seed: int = 6) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        data = {
            "kind": "govreport-draft",
            "schema": 1,
            "form": form.id,
            "form_version": form.version,
            "year": 2023,
            "unit": f"某某县第{i + 1}单位",
            "values": unit_values(form, rng),
            "texts": {"overall": "本单位认真贯彻落实《中华人民共和国政府信息公开条例》。" * 40},
            "signatories": {"preparer": "张三", "phone": "0797-0000000", "date": "2024-01-15"},
            "explanations": {},
        }
        path = folder / f"unit-{i + 1:04d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def _timed(action: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def measure(count: int, library: FormLibrary, root: Path) -> dict[str, float]:
    form = library.get("2021")
    folder = root / str(count)
    folder.mkdir()
    paths = write_units(folder, count, form)
    total, result = _timed(lambda: aggregate_files([folder], library))
    assert len(result.included) == count, result.left_out[:3]
    read, drafts = _timed(lambda: [read_draft_file(p, library) for p in paths])
    checks, _ = _timed(lambda: [check_draft(form, d) for d in drafts])
    summing, _ = _timed(lambda: sum_drafts(form, drafts))
    return {
        "files": count,
        "seconds": round(total, 3),
        "ms_per_file": round(1000 * total / count, 3),
        "read_seconds": round(read, 3),
        "unit_checks_seconds": round(checks, 3),
        "sum_seconds": round(summing, 4),
    }


def run(sizes: tuple[int, ...] = SIZES, quick: bool = False) -> dict[str, Any]:
    """Time the 汇总 at each size; the figures and whether the 2,000-file goal is met."""
    sizes = (10, 20) if quick else sizes
    library = default_library()
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        rows = [measure(n, library, Path(tmp)) for n in sizes]
    largest = rows[-1]
    return {
        "goal_seconds": GOAL_SECONDS,
        "rows": rows,
        "goal_met": largest["seconds"] <= GOAL_SECONDS if largest["files"] >= 2000 else None,
        "linear_ratio": round(largest["ms_per_file"] / rows[0]["ms_per_file"], 2),
    }


def main() -> None:
    figures = run()
    print("files  seconds  ms/file  read s  unit checks s  sum s")
    for row in figures["rows"]:
        print(
            f"{row['files']:5d}  {row['seconds']:7.3f}  {row['ms_per_file']:7.3f}"
            f"  {row['read_seconds']:6.3f}  {row['unit_checks_seconds']:13.3f}"
            f"  {row['sum_seconds']:5.4f}"
        )
    print(
        f"goal: 2,000 files in ≤ {GOAL_SECONDS} s — "
        + {True: "met", False: "NOT met", None: "not measured"}[figures["goal_met"]]
        + f"; ms/file largest ÷ smallest = {figures['linear_ratio']} (1.0 = linear)"
    )


if __name__ == "__main__":
    main()
