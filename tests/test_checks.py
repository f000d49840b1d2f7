"""The checks declared in the form files: sums, balances, sub-items, blanks, hints."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_gui.core.checks import Summary, check_draft, run_checks, unexplained_errors
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.rules import Severity
from govreport_gui.core.samples import demo_draft
from govreport_gui.core.values import NA
from tests.support.helpers import consistent_2021_values


def errors(findings):
    return [f for f in findings if f.severity is Severity.ERROR]


def test_demo_reports_exactly_the_two_published_defects(library: FormLibrary) -> None:
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    findings = check_draft(form, draft)
    errs = errors(findings)
    assert [e.message for e in errs] == [
        "三、依申请公开情况（一）收到申请数 为 3，但 当面、传真、网络、信函 合计为 0",
        "八、机构建设和保障经费情况（三）从事政府信息公开工作人员数 为空，但 专职、兼职 合计为 93",
    ]
    assert errs[0].cells[0] == "stats.apply_received"
    assert errs[1].suggestion == ("stats.staff", 93)
    blank = {cid for cid in form.cells if draft.value(cid) is None}
    assert blank == {
        "stats.resp_weibo_wechat",
        "stats.resp_other",
        "stats.staff",
        "stats.budget",
        "stats.trainings",
        "stats.trainees",
    }
    hinted = {
        f.cells[0] for f in findings if f.severity is Severity.WARNING and "未填写" in f.message
    }
    assert hinted == blank


def test_accepting_the_computed_value_clears_the_error(library: FormLibrary) -> None:
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    staff = next(f for f in check_draft(form, draft) if f.cells[0] == "stats.staff")
    draft.set_value(*staff.suggestion)
    assert [e.cells[0] for e in errors(check_draft(form, draft))] == ["stats.apply_received"]


def test_an_explanation_keeps_the_error_but_answers_it(library: FormLibrary) -> None:
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    findings = check_draft(form, draft)
    assert Summary.of(findings, draft.explanations).unexplained == 2
    draft.explanations["O-APP"] = "3件申请均为电话咨询后补交，渠道统计遗漏。"
    assert len(unexplained_errors(findings, draft.explanations)) == 1


def test_consistent_2021_report_has_no_errors(library: FormLibrary) -> None:
    form = library.get("2021")
    values = consistent_2021_values(form, random.Random(7))
    assert errors(run_checks(form, values)) == []


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), pick=st.integers(0, 10_000), delta=st.integers(1, 50))
def test_changing_any_cell_of_tables_three_and_four_is_caught(
    library: FormLibrary, seed: int, pick: int, delta: int
) -> None:
    form = library.get("2021")
    values = consistent_2021_values(form, random.Random(seed))
    assert errors(run_checks(form, values)) == []
    cells = [cid for cid in form.cells if cid.startswith(("t3.", "t4."))]
    target = cells[pick % len(cells)]
    values[target] = values[target] + delta
    named = [f for f in errors(run_checks(form, values)) if target in f.cells]
    assert named, target


def test_every_cell_of_tables_three_and_four_is_covered(library: FormLibrary) -> None:
    """Exhaustive companion of the property test: each single change is an error naming it."""
    form = library.get("2021")
    base = consistent_2021_values(form, random.Random(3))
    for target in (cid for cid in form.cells if cid.startswith(("t3.", "t4."))):
        values = dict(base)
        values[target] = values[target] - 1
        assert any(target in f.cells for f in errors(run_checks(form, values))), target


def test_balance_message_uses_printed_words_and_numbers(library: FormLibrary) -> None:
    form = library.get("2021")
    values = consistent_2021_values(form, random.Random(5))
    values["t3.carry_out.natural"] += 2
    values["t3.carry_out.total"] += 2
    found = errors(run_checks(form, values))
    balance = next(f for f in found if f.rule == "T3-BAL[natural]")
    left = values["t3.new.natural"] + values["t3.carry_in.natural"]
    assert balance.message == (
        f"自然人：第一项加第二项之和为 {left}，但第三项（七）总计加第四项之和为 {left + 2}，两者应相等"
    )


def test_sum_gaps_and_partial_sums(library: FormLibrary) -> None:
    form = library.get("2021")
    values = {"t4.review_upheld": 0, "t4.review_corrected": 0}
    # total blank and the filled parts add up to 0: nothing definite yet
    assert not [f for f in run_checks(form, values) if f.rule == "T4-REVIEW"]
    values = {"t4.review_upheld": 1, "t4.review_corrected": 2, "t4.review_other": 0}
    values["t4.review_total"] = 5
    hint = next(f for f in run_checks(form, values) if f.rule == "T4-REVIEW")
    assert hint.severity is Severity.WARNING and hint.suggestion == ("t4.review_pending", 2)
    values["t4.review_total"] = 2
    over = next(f for f in run_checks(form, values) if f.rule == "T4-REVIEW")
    assert over.severity is Severity.ERROR and "已达 3" in over.message


def test_sub_item_larger_than_its_parent(library: FormLibrary) -> None:
    form = library.get("pre2019")
    found = run_checks(form, {"stats.press": 1, "stats.press_leader": 2})
    sub = next(f for f in found if f.rule == "O-SUB-PRESS")
    assert sub.severity is Severity.ERROR
    assert sub.message == (
        "二、回应解读情况（二）通过不同渠道和方式回应解读的情况1.参加或举办新闻发布会总次数"
        "其中：主要负责同志参加新闻发布会次数 为 2，大于 "
        "二、回应解读情况（二）通过不同渠道和方式回应解读的情况1.参加或举办新闻发布会总次数 1"
    )


def test_plausibility_hint_channel_larger_than_total(library: FormLibrary) -> None:
    form = library.get("pre2019")
    found = run_checks(form, {"stats.active_total": 100, "stats.ch_website": 150})
    hint = next(f for f in found if f.rule == "O-CHAN[website]")
    assert hint.severity is Severity.WARNING and "150" in hint.message and "100" in hint.message


def test_not_applicable_counts_as_nothing_and_money_is_exact(library: FormLibrary) -> None:
    form = library.get("2021")
    values = {"t2.rules.issued": NA, "t2.rules.valid": NA, "t2.fees": Decimal("0.10")}
    assert errors(run_checks(form, values)) == []
    assert "t2.rules.issued" not in {
        f.cells[0] for f in run_checks(form, values) if "未填写" in f.message
    }


def test_signed_change_cannot_take_items_below_zero(library: FormLibrary) -> None:
    form = library.get("2019")
    ok = run_checks(form, {"t2.license.items_last_year": 10, "t2.license.change": -3})
    assert not [f for f in ok if f.rule == "T2-ITEMS[license]"]
    bad = run_checks(form, {"t2.license.items_last_year": 2, "t2.license.change": -3})
    finding = next(f for f in bad if f.rule == "T2-ITEMS[license]")
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "行政许可·上一年项目数量、本年增/减：本年增/减 -3 低于 −上一年项目数量（上一年 2 项），"
        "增减后为 -1，项目数量不能为负数"
    )
    # undecided while 上一年项目数量 is blank
    alone = run_checks(form, {"t2.license.change": -3})
    assert not [f for f in alone if f.rule == "T2-ITEMS[license]"]


def test_an_empty_narrative_section_is_a_hint_naming_it(library: FormLibrary) -> None:
    form = library.get("2021")
    texts = {s.id: "本年度情况如下。" for s in form.text_sections()}
    texts["problems"] = "  \n"
    found = [f for f in run_checks(form, {}, None, texts) if f.rule.startswith("TEXT")]
    assert [(f.rule, f.severity, f.section) for f in found] == [
        ("TEXT[problems]", Severity.WARNING, "problems")
    ]
    assert "五、存在的主要问题及改进情况" in found[0].message


def test_a_blank_total_beside_filled_parts_is_an_error(library: FormLibrary) -> None:
    form = library.get("2021")
    values = {"t3.r1.natural": 140, "t3.r1.business": 9, "t3.r1.legal": 1}
    found = next(f for f in run_checks(form, values) if f.rule == "T3-COL[r1]")
    assert found.severity is Severity.ERROR and found.suggestion is None
    assert found.message == "三、本年度办理结果（一）予以公开·总计 为空，但 已填各项合计已达 150"
    # a row whose parts are all blank: no such error (only the 未填写 reminders)
    assert not [f for f in run_checks(form, values) if f.rule == "T3-COL[r2]"]
    # every part filled: the computed total is offered, as before
    values.update({f"t3.r1.{c}": 0 for c in ("research", "public_welfare", "other")})
    offered = next(f for f in run_checks(form, values) if f.rule == "T3-COL[r1]")
    assert offered.suggestion == ("t3.r1.total", 150)
