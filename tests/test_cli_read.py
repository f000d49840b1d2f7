"""``govreport read`` and ``check --previous`` with published reports, as scripts call them."""

from __future__ import annotations

import json
import os
from pathlib import Path

from govreport_gui.core.draft import read_draft_file, write_draft_file
from tests.support.cli import run
from tests.support.helpers import filled_2021_draft
from tests.support.report_pages import filled_draft, workbook_copy, write_page

T3_COLUMNS = ("natural", "business", "research", "public_welfare", "legal", "other", "total")


def _page(tmp_path: Path, library, **options) -> tuple[Path, object]:
    draft = filled_draft(library, "2021", 2022, "某某县人民政府")
    return write_page(tmp_path / "page.html", library.get("2021"), draft, **options), draft


def test_read_writes_the_draft_and_exits_0_when_every_cell_is_found(tmp_path, library) -> None:
    page, draft = _page(tmp_path, library)
    out = tmp_path / "out.json"
    result = run("read", str(page), "-o", str(out), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {
        "form": "2021",
        "year": 2022,
        "unit": "某某县人民政府",
        "found": len(library.get("2021").cells),
        "missing": [],
        "ambiguous": [],
        "problems": [],
    }
    assert read_draft_file(out, library).values == draft.values


def test_a_row_missing_or_twice_exits_1_naming_the_cells(tmp_path, library) -> None:
    page, draft = _page(tmp_path, library, copies={"t3.r3_2": 0, "t2.penalty": 2})
    out = tmp_path / "out.json"
    result = run("read", str(page), "-o", str(out), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["missing"] == [f"t3.r3_2.{c}" for c in T3_COLUMNS]
    assert report["ambiguous"] == ["t2.penalty"]
    assert any("t2.penalty" in p and "第11行" in p and "第12行" in p for p in report["problems"])
    written = read_draft_file(out, library)
    expected = {
        k: v for k, v in draft.values.items() if k != "t2.penalty" and not k.startswith("t3.r3_2.")
    }
    assert written.values == expected  # nothing else changes


def test_read_refuses_what_it_cannot_read_with_exit_2(tmp_path) -> None:
    page = tmp_path / "news.html"
    page.write_text("<html><body><p>今日新闻</p></body></html>", encoding="utf-8")
    result = run("read", str(page), "-o", str(tmp_path / "o.json"))
    assert result.returncode == 2
    assert "没有表格" in result.stderr
    assert not (tmp_path / "o.json").exists()


def test_read_the_year_or_form_from_the_command_line(tmp_path) -> None:
    text = tmp_path / "copied.txt"
    text.write_text("行政复议\n结果维持\n5\n", encoding="utf-8")
    out = tmp_path / "o.json"
    assert "看不出报告年度" in run("read", str(text), "-o", str(out)).stderr
    result = run("read", str(text), "--year", "2020", "--unit", "乙局", "-o", str(out), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["form"] == "2019"
    both = run("read", str(text), "--year", "2020", "--form", "2019", "-o", str(out))
    assert both.returncode == 2


def _this_year_and_last(
    tmp_path: Path, library, carry_out_natural: int | None
) -> tuple[Path, Path]:
    this = filled_2021_draft(library, 2023)
    last = filled_2021_draft(library, 2022)
    for column in T3_COLUMNS:
        last.values[f"t3.carry_out.{column}"] = this.values[f"t3.carry_in.{column}"]
    if carry_out_natural is not None:
        last.values["t3.carry_out.natural"] = carry_out_natural
    write_draft_file(this, tmp_path / "this.json")
    return tmp_path / "this.json", write_page(
        tmp_path / "last_year_page.html", library.get("2021"), last
    )


def test_check_previous_page_raises_the_carry_over_error_naming_both_numbers(
    tmp_path, library
) -> None:
    this, page = _this_year_and_last(tmp_path, library, carry_out_natural=99)
    result = run("check", str(this), "--previous", str(page), "--json")
    assert result.returncode == 1, result.stderr
    errors = [f for f in json.loads(result.stdout)["findings"] if f["rule"].startswith("T3-YOY")]
    assert len(errors) == 1
    assert "为 2" in errors[0]["message"] and "为 99" in errors[0]["message"]


def test_check_previous_page_is_quiet_when_the_carry_over_agrees(tmp_path, library) -> None:
    this, page = _this_year_and_last(tmp_path, library, carry_out_natural=None)
    result = run("check", str(this), "--previous", str(page), "--json")
    assert result.returncode == 0, result.stderr
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert not any(r.startswith("T3-YOY") for r in rules)


def test_aggregate_sums_units_excel_files_and_refuses_half_read_ones(tmp_path, library) -> None:
    form = library.get("2021")
    first = filled_2021_draft(library, 2023, unit="甲局")
    second = filled_2021_draft(library, 2023, unit="乙局")
    third = filled_2021_draft(library, 2023, unit="丙局")
    write_draft_file(first, tmp_path / "a.json")
    workbook_copy(tmp_path / "b.xlsx", form, second)
    workbook_copy(tmp_path / "c.xlsx", form, third, copies={"t2.license": 0})
    out = tmp_path / "total.json"
    files = [str(tmp_path / name) for name in ("a.json", "b.xlsx", "c.xlsx")]
    result = run("aggregate", *files, "-o", str(out), "--json")
    assert result.returncode in (0, 1), result.stderr
    units = {
        u["unit"] if u.get("unit") else u["file"]: u for u in json.loads(result.stdout)["units"]
    }
    total = read_draft_file(out, library)
    assert total.values["t2.license"] == 2 * first.values["t2.license"]
    assert total.values["t3.new.total"] == 2 * first.values["t3.new.total"]
    refused = [u for u in units.values() if not u["included"]]
    assert len(refused) == 1 and "c.xlsx" in json.dumps(refused, ensure_ascii=False)
    assert "行政许可" in json.dumps(refused, ensure_ascii=False)


def test_read_refuses_a_fifo_at_once(tmp_path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    result = run("read", str(fifo), "-o", str(tmp_path / "o.json"))
    assert result.returncode == 2
    assert "不是普通文件" in result.stderr
