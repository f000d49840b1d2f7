"""``govreport aggregate``: output, JSON shape and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport_gui.cli import main
from govreport_gui.core.draft import new_draft, read_draft_file, write_draft_file
from govreport_gui.core.library import FormLibrary


def unit_file(
    library: FormLibrary, folder: Path, name: str, year: int = 2023, **values: int
) -> Path:
    draft = new_draft(library.for_year(year), year, name)
    draft.values.update({key.replace("__", "."): v for key, v in values.items()})
    path = folder / f"{name}.json"
    write_draft_file(draft, path)
    return path


@pytest.fixture
def units(library: FormLibrary, tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    folder.mkdir()
    unit_file(library, folder, "甲局", t2__license=3, t2__penalty=1)
    unit_file(library, folder, "乙局", t2__license=4)
    unit_file(library, folder, "丙镇", year=2022, t2__license=100)
    (folder / "坏文件.json").write_text("{", encoding="utf-8")
    return folder


def test_json_status_per_unit_and_total_file(
    units: Path, tmp_path: Path, library: FormLibrary, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "total.json"
    code = main(["aggregate", str(units), "-o", str(out), "--unit", "某某县", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (report["form"], report["year"], report["unit"]) == ("2021", 2023, "某某县")
    assert (report["files"], report["included"], report["left_out"]) == (4, 2, 2)
    assert report["output"] == str(out)
    rows = {Path(r["file"]).name: r for r in report["units"]}
    assert set(rows["甲局.json"]) == {
        "unit",
        "file",
        "form",
        "year",
        "errors",
        "warnings",
        "included",
        "status",
        "reason",
    }
    assert rows["甲局.json"]["included"] and rows["甲局.json"]["errors"] == 0
    assert rows["甲局.json"]["warnings"] > 0  # its blank cells
    assert not rows["丙镇.json"]["included"] and "2022 年度" in rows["丙镇.json"]["reason"]
    assert rows["坏文件.json"]["status"] == "unreadable" and rows["坏文件.json"]["errors"] is None
    assert {b["cell"] for b in report["blank_cells"]} == {"t2.penalty"}
    assert report["blank_cells"][0]["units"] == ["乙局"]
    assert report["errors"] == 0 and report["warnings"] == len(report["findings"])

    total = read_draft_file(out, library)
    assert total.values == {"t2.license": 7, "t2.penalty": 1}
    assert total.unit == "某某县"


def test_plain_output_and_errors_exit_1(
    library: FormLibrary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit_file(library, tmp_path, "甲局", t4__review_upheld=2, t4__review_total=1)
    unit_file(library, tmp_path, "乙局", t4__review_upheld=0, t4__review_total=0)
    out = tmp_path / "out" / "total.json"
    out.parent.mkdir()
    code = main(
        ["aggregate", str(tmp_path / "甲局.json"), str(tmp_path / "乙局.json"), "-o", str(out)]
    )
    text = capsys.readouterr().out
    assert code == 1  # the total has 错误; it is written all the same
    assert out.exists()
    assert "汇总 2 个单位，未汇总 0 个" in text
    assert "[已汇总] 甲局" in text and "错误 1 项" in text
    assert "[错误] 行政复议·总计 为 1" in text
    assert "已写出汇总报告草稿" in text


def test_mixed_files_without_majority_exit_2(
    library: FormLibrary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = unit_file(library, tmp_path, "甲局", year=2023)
    b = unit_file(library, tmp_path, "乙局", year=2020)
    out = tmp_path / "total.json"
    assert main(["aggregate", str(a), str(b), "-o", str(out), "--json"]) == 2
    captured = capsys.readouterr()
    assert "不一致" in captured.err
    report = json.loads(captured.out)
    assert "不一致" in report["error"] and len(report["units"]) == 2
    assert not out.exists()
    assert main(["aggregate", str(a), str(b), "--year", "2020"]) == 0


def test_nothing_readable_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.json").write_text("[]", encoding="utf-8")
    assert main(["aggregate", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "都无法读取" in captured.err
    assert "[未汇总]" in captured.out and "a.json" in captured.out


def test_refuses_to_overwrite_a_units_report(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = units / "乙局.json"
    before = target.read_bytes()
    assert main(["aggregate", str(units), "-o", str(target)]) == 2
    assert "会覆盖" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_rerun_over_its_own_output(
    units: Path, library: FormLibrary, capsys: pytest.CaptureFixture[str]
) -> None:
    out = units / "汇总.json"
    assert main(["aggregate", str(units), "-o", str(out)]) == 0
    capsys.readouterr()
    earlier = out.read_bytes()
    # The earlier total is one of the files read: it is never overwritten, even with --force.
    assert main(["aggregate", str(units), "-o", str(out), "--force"]) == 2
    assert "要读取的文件" in capsys.readouterr().err
    assert out.read_bytes() == earlier
    again = units.parent / "汇总2.json"
    assert main(["aggregate", str(units), "-o", str(again), "--json"]) == 0
    rows = {Path(r["file"]).name: r for r in json.loads(capsys.readouterr().out)["units"]}
    assert rows["汇总.json"]["status"] == "earlier_total"
    assert read_draft_file(again, library).values["t2.license"] == 7  # not 14
