"""The ``govreport`` command's contracts: names, options, JSON shapes and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run, run_json


def test_forms_json() -> None:
    forms = run_json("forms", "--json")
    assert forms == [
        {"id": "pre2019", "title": forms[0]["title"], "years": [2008, 2018]},
        {"id": "2019", "title": forms[1]["title"], "years": [2019, 2020]},
        {"id": "2021", "title": forms[2]["title"], "years": [2021, None]},
    ]
    assert "国办公开办函〔2021〕30号" in forms[2]["title"]


def test_form_json_shape() -> None:
    form = run_json("form", "2021", "--json")
    assert {"id", "title", "years", "sections", "cells", "rules"} <= set(form)
    assert {"id": "requests", "title": "三、收到和处理政府信息公开申请情况"}.items() <= form[
        "sections"
    ][3].items()
    cell = next(c for c in form["cells"] if c["id"] == "t3.r2.business")
    assert cell["table"] == "t3"
    assert cell["row"] == [
        "三、本年度办理结果",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]
    assert cell["column"] == ["申请人情况", "法人或其他组织", "商业企业"]
    assert cell["unit"] == "件" and cell["kind"] == "count"
    rule = next(r for r in form["rules"] if r["id"] == "T3-BAL[natural]")
    assert rule["severity"] == "error" and "第一项加第二项之和" in rule["description"]


def test_unknown_form_is_exit_2_with_message() -> None:
    result = run("form", "1999", "--json")
    assert result.returncode == 2
    assert "1999" in result.stderr and "Traceback" not in result.stderr


def test_new_then_check(tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    assert (
        run("new", "2021", "--year", "2023", "--unit", "某某县某某局", "-o", str(out)).returncode
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["form"] == "2021" and data["year"] == 2023 and data["unit"] == "某某县某某局"
    assert data["values"] == {}
    result = run("check", str(out), "--json")
    assert result.returncode == 0  # blanks are 提示, not 错误
    findings = json.loads(result.stdout)["findings"]
    assert findings and {f["severity"] for f in findings} == {"warning"}


def test_new_with_wrong_year_is_exit_2(tmp_path: Path) -> None:
    result = run("new", "2021", "--year", "2017", "--unit", "某局", "-o", str(tmp_path / "x.json"))
    assert result.returncode == 2 and "2017" in result.stderr


def test_demo_check_reports_two_errors(tmp_path: Path) -> None:
    demo = tmp_path / "demo.json"
    assert run("demo", "-o", str(demo)).returncode == 0
    result = run("check", str(demo), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert len(errors) == 2
    assert errors[0]["cells"][0] == "stats.apply_received" and "为 3" in errors[0]["message"]
    assert errors[1]["cells"][0] == "stats.staff" and "93" in errors[1]["message"]
    assert all(set(f) >= {"rule", "severity", "cells", "message"} for f in report["findings"])
    text = run("check", str(demo))
    assert text.returncode == 1 and "错误 2 项" in text.stdout


@pytest.mark.parametrize(
    "content",
    [
        b'{"kind": "govreport-draft", "schema": 1, "form": "2021", "year": 20',
        b'{"kind": "govreport-draft", "schema": 1, "form": "2021", "year": "x", "unit": "a"}',
        b'{"kind": "govreport-draft", "schema": 1, "form": "2021", "year": 2023, "unit": "a", "values": {"t9.x": 1}}',
        b"\x00" * 1000,
        b"",
    ],
)
def test_malformed_files_exit_2_without_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = run("check", str(path), "--json")
    assert result.returncode == 2
    assert result.stderr.strip() and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_ten_megabyte_string_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(
        json.dumps(
            {
                "kind": "govreport-draft",
                "schema": 1,
                "form": "2021",
                "year": 2023,
                "unit": "x" * 10_000_000,
            }
        )
    )
    result = run("check", str(path))
    assert result.returncode == 2 and "太大" in result.stderr


def test_missing_file_and_bad_arguments_exit_2(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "找不到" in missing.stderr
    bad = run("new", "2021", "--year", "abc", "--unit", "x", "-o", "y")
    assert bad.returncode == 2 and "命令参数有误" in bad.stderr


def test_check_with_previous_year_file(tmp_path: Path) -> None:
    this, last = tmp_path / "2023.json", tmp_path / "2022.json"
    run("new", "2021", "--year", "2023", "--unit", "某局", "-o", str(this))
    run("new", "2021", "--year", "2022", "--unit", "某局", "-o", str(last))
    assert run("check", str(this), "--previous", str(last)).returncode == 0
    wrong = run("check", str(this), "--previous", str(this))
    assert wrong.returncode == 2 and "2022" in wrong.stderr
