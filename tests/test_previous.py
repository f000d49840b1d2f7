"""Year-on-year checks: carry-over, continuity hints and copy-paste reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport_gui.cli import main
from govreport_gui.core.checks import check_draft, section_of
from govreport_gui.core.draft import Draft, new_draft, write_draft_file
from govreport_gui.core.errors import FormDefinitionError, GovreportError
from govreport_gui.core.formfile import build_form
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.previous import attach_previous, previous_note, previous_value
from govreport_gui.core.rules import Finding
from govreport_gui.core.values import NA

T3_COLUMNS = ("natural", "business", "research", "public_welfare", "legal", "other", "total")
YEAR_ON_YEAR = ("T3-YOY", "T2-VALID-YOY", "T2-DELTA", "SAME-")


def yoy(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.startswith(YEAR_ON_YEAR)]


def pair(library: FormLibrary, this_form: str, this_year: int) -> tuple[Draft, Draft]:
    """Last year's and this year's draft of one unit, in the formats of those years."""
    last = new_draft(library.for_year(this_year - 1), this_year - 1, "某某县财政局")
    this = new_draft(library.get(this_form), this_year, "某某县财政局")
    return last, this


def carry(draft: Draft, row: str, numbers: list[int]) -> None:
    for column, n in zip(T3_COLUMNS, numbers, strict=True):
        draft.values[f"t3.{row}.{column}"] = n


# -- 二、上年结转 = last year's 四、结转下年度继续办理 ----------------------------------------


def test_carry_over_that_differs_names_both_numbers_and_years(library: FormLibrary) -> None:
    last, this = pair(library, "2021", 2023)
    carry(last, "carry_out", [5, 0, 0, 0, 1, 0, 6])
    carry(this, "carry_in", [3, 0, 0, 0, 1, 0, 4])
    attach_previous(this, last)
    found = yoy(check_draft(library.get("2021"), this))
    assert {f.rule for f in found} == {"T3-YOY[natural]", "T3-YOY[total]"}
    natural = next(f for f in found if f.rule == "T3-YOY[natural]")
    assert natural.severity == "error"
    assert natural.cells == ("t3.carry_in.natural",)
    assert natural.message == (
        "2023年度报告的二、上年结转政府信息公开申请数量·自然人 为 3，"
        "但2022年度报告的四、结转下年度继续办理·自然人 为 5，两者应相等"
    )


def test_a_consistent_pair_produces_no_year_on_year_finding(library: FormLibrary) -> None:
    last, this = pair(library, "2021", 2023)
    carry(last, "carry_out", [5, 0, 2, 0, 1, 0, 8])
    carry(this, "carry_in", [5, 0, 2, 0, 1, 0, 8])
    last.values.update({"t2.normative.valid": 40, "t2.rules.valid": NA})
    this.values.update(
        {
            "t2.normative.issued": 6,
            "t2.normative.repealed": 2,
            "t2.normative.valid": 44,
            "t2.rules.issued": NA,
            "t2.rules.repealed": NA,
            "t2.rules.valid": NA,
        }
    )
    attach_previous(this, last)
    assert yoy(check_draft(library.get("2021"), this)) == []


def test_carry_over_is_compared_across_the_2019_and_2021_formats(library: FormLibrary) -> None:
    last, this = pair(library, "2021", 2021)
    assert last.form_id == "2019"
    carry(last, "carry_out", [2, 0, 0, 0, 0, 0, 2])
    carry(this, "carry_in", [2, 0, 0, 0, 0, 1, 3])
    attach_previous(this, last)
    rules = {f.rule for f in yoy(check_draft(library.get("2021"), this))}
    assert rules == {"T3-YOY[other]", "T3-YOY[total]"}


def test_a_2019_report_against_the_old_2018_table_is_silent(library: FormLibrary) -> None:
    last, this = pair(library, "2019", 2019)
    assert last.form_id == "pre2019"  # no 表三, no 上一年项目数量 last year
    last.values["stats.apply_received"] = 9
    carry(this, "carry_in", [1, 0, 0, 0, 0, 0, 1])
    this.values["t2.license.items_last_year"] = 12
    attach_previous(this, last)
    assert yoy(check_draft(library.get("2019"), this)) == []


def test_without_last_year_no_year_on_year_rule_runs(library: FormLibrary) -> None:
    _, this = pair(library, "2021", 2023)
    carry(this, "carry_in", [3, 0, 0, 0, 1, 0, 4])
    assert yoy(check_draft(library.get("2021"), this)) == []


# -- continuity hints ------------------------------------------------------------------


def test_valid_documents_continuity_hint(library: FormLibrary) -> None:
    last, this = pair(library, "2021", 2023)
    last.values["t2.normative.valid"] = 40
    this.values.update(
        {"t2.normative.issued": 6, "t2.normative.repealed": 2, "t2.normative.valid": 50}
    )
    attach_previous(this, last)
    [hint] = yoy(check_draft(library.get("2021"), this))
    assert hint.rule == "T2-VALID-YOY[normative]" and hint.severity == "warning"
    assert "2023年度报告的行政规范性文件·现行有效件数 为 50" in hint.message
    assert "2022年度报告的现行有效件数 40 加本年制发 6 减本年废止 2 为 44" in hint.message


def test_items_last_year_continuity_hint_2019(library: FormLibrary) -> None:
    last, this = pair(library, "2019", 2020)
    last.values.update({"t2.penalty.items_last_year": 30, "t2.penalty.change": -4})
    this.values["t2.penalty.items_last_year"] = 30
    last.values.update({"t2.license.items_last_year": 10, "t2.license.change": 3})
    this.values["t2.license.items_last_year"] = 13
    attach_previous(this, last)
    [hint] = yoy(check_draft(library.get("2019"), this))
    assert hint.rule == "T2-DELTA[penalty]" and hint.severity == "warning"
    assert "2020年度报告的行政处罚·上一年项目数量 为 30" in hint.message
    assert "2019年度报告的上一年项目数量 30 加本年增/减 -4 为 26" in hint.message


# -- copy-paste reports ------------------------------------------------------------------


def test_identical_figures_are_hinted(library: FormLibrary) -> None:
    last, this = pair(library, "2021", 2023)
    for draft in (last, this):
        draft.values.update({"t4.review_upheld": 1, "t4.review_total": 1, "t4.after_total": 0})
    attach_previous(this, last)
    [hint] = yoy(check_draft(library.get("2021"), this))
    assert hint.rule == "SAME-T4" and hint.severity == "warning"
    assert hint.message.startswith("表四（行政复议、行政诉讼情况）的数字与2022年度报告完全相同")
    assert "3 项数字" in hint.message
    assert set(hint.cells) == {"t4.review_upheld", "t4.review_total", "t4.after_total"}


def test_identical_zeros_or_changed_figures_are_not_hinted(library: FormLibrary) -> None:
    last, this = pair(library, "2021", 2023)
    for draft in (last, this):
        draft.values.update({"t4.review_upheld": 0, "t4.review_total": 0})
    last.values["t2.license"] = 5
    this.values.update({"t2.license": 5, "t2.penalty": 1})  # one more cell filled this year
    attach_previous(this, last)
    assert yoy(check_draft(library.get("2021"), this)) == []


def test_copied_texts_are_hinted(library: FormLibrary) -> None:
    overall = (
        "2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息 120 条。"
    )
    problems = "一是公开内容不够全面；二是解读形式较为单一。下一步将加强培训，提升公开质量。"
    last, this = pair(library, "2021", 2023)
    last.texts.update({"overall": overall, "problems": problems, "other": "无"})
    this.texts.update(
        {
            "overall": overall.replace("2022", "2023").replace("120", "135"),
            "problems": problems.replace("。", "。\n"),  # only line breaks differ
            "other": "无",
        }
    )
    attach_previous(this, last)
    form = library.get("2021")
    found = {f.rule: f for f in yoy(check_draft(form, this))}
    assert set(found) == {"SAME-TEXT[overall]", "SAME-TEXT[problems]"}
    assert found["SAME-TEXT[overall]"].message == (
        "「一、总体情况」的文字与2022年度报告除数字外完全相同，请确认不是照抄上年"
    )
    assert "完全相同" in found["SAME-TEXT[problems]"].message
    assert "除数字外" not in found["SAME-TEXT[problems]"].message
    assert section_of(form, found["SAME-TEXT[overall]"]).id == "overall"
    assert found["SAME-TEXT[overall]"].to_json()["section"] == "overall"

    this.texts["overall"] = (
        "2023年，我局以数字政府建设为抓手，新建政策文件库，主动公开政府信息 135 条。"
    )
    assert "SAME-TEXT[overall]" not in {f.rule for f in check_draft(form, this)}


def test_an_explanation_of_a_text_hint_is_accepted_in_a_draft_file(
    library: FormLibrary, tmp_path: Path
) -> None:
    _, this = pair(library, "2021", 2023)
    this.explanations["SAME-TEXT[overall]"] = "本年工作与上年相同"
    write_draft_file(this, tmp_path / "d.json")
    assert main(["check", str(tmp_path / "d.json")]) == 0


# -- the form file ------------------------------------------------------------------------


def _form_with_rule(rule: dict[str, object]) -> dict[str, object]:
    return {
        "form": {"id": "x", "title": "x", "report_title": "x", "years": [2030], "version": 1},
        "sections": [
            {"id": "overall", "title": "一、总体情况"},
            {"id": "t", "title": "表", "table": "t"},
        ],
        "tables": [
            {
                "id": "t",
                "title": "表",
                "unit": "件",
                "blocks": [
                    {"columns": [{"id": "", "path": ["数"]}], "rows": [{"id": "a", "label": "甲"}]}
                ],
            }
        ],
        "rules": [rule],
    }


def test_same_as_previous_rules_are_validated() -> None:
    base = {"id": "S", "check": "same_as_previous", "severity": "warning", "description": "d"}
    form = build_form(_form_with_rule({**base, "texts": "all"}), "x.toml")
    assert [r.key for r in form.rules] == ["S[overall]"]
    form = build_form(_form_with_rule({**base, "cells": "table:t"}), "x.toml")
    assert [r.key for r in form.rules] == ["S"]
    with pytest.raises(FormDefinitionError, match="不存在或没有文字的部分：'t'"):
        build_form(_form_with_rule({**base, "texts": ["t"]}), "x.toml")
    with pytest.raises(FormDefinitionError, match="不存在的单元格"):
        build_form(_form_with_rule({**base, "cells": ["t.b"]}), "x.toml")


# -- looking last year's values up -----------------------------------------------------------


def test_previous_values_for_display(library: FormLibrary) -> None:
    last, this = pair(library, "2021", 2021)
    assert previous_note(this, "t3.carry_in.natural", library) == ""
    last.values["t3.carry_out.natural"] = 4
    attach_previous(this, last)
    assert previous_value(this, "t3.carry_out.natural") == 4
    assert previous_note(this, "t3.carry_out.natural", library) == "2020年度：4"
    assert previous_note(this, "t3.new.natural", library) == "2020年度：未填写"
    assert previous_note(this, "t2.normative.valid", library) == "2020年度的报告格式没有此项"


def test_last_year_must_be_the_year_before(library: FormLibrary) -> None:
    last, this = pair(library, "2021", 2023)
    last.year = 2021
    with pytest.raises(GovreportError, match="应来自 2022 年度"):
        attach_previous(this, last)


# -- govreport check FILE --previous LAST_FILE ----------------------------------------------


def test_check_with_previous_end_to_end(
    library: FormLibrary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last, this = pair(library, "2021", 2023)
    carry(last, "carry_out", [5, 0, 0, 0, 0, 0, 5])
    carry(this, "carry_in", [5, 0, 0, 0, 0, 0, 5])
    write_draft_file(last, tmp_path / "2022.json")
    write_draft_file(this, tmp_path / "2023.json")
    args = ["check", str(tmp_path / "2023.json"), "--previous", str(tmp_path / "2022.json")]
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert not [f for f in report["findings"] if f["rule"].startswith("T3-YOY")]

    carry(this, "carry_in", [3, 0, 0, 0, 0, 0, 3])
    write_draft_file(this, tmp_path / "2023.json")
    assert main([*args, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    messages = [f["message"] for f in report["findings"] if f["rule"] == "T3-YOY[natural]"]
    assert len(messages) == 1 and "为 3" in messages[0] and "为 5" in messages[0]
    assert "2023年度" in messages[0] and "2022年度" in messages[0]

    assert main(args) == 1
    assert "2022年度报告的四、结转下年度继续办理·总计 为 5" in capsys.readouterr().out

    assert (
        main(["check", str(tmp_path / "2023.json"), "--previous", str(tmp_path / "2023.json")]) == 2
    )
    assert "应来自 2022 年度" in capsys.readouterr().err
