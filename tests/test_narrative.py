"""Narrative against tables: the 100 real sentences of the research note, and variants."""

from __future__ import annotations

import random
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govreport_gui.core.checks import check_draft, run_checks
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.model import Form
from govreport_gui.core.narrative import chinese_number
from govreport_gui.core.rules import Finding, Severity
from govreport_gui.core.samples import demo_draft
from govreport_gui.core.values import NA, Value, coerce_json_value
from tests.support.helpers import consistent_2021_values

SENTENCES = tomllib.loads(
    (Path(__file__).parent / "data" / "narrative_sentences.toml").read_text("utf-8")
)["sentence"]


def table_values(form: Form, table: dict[str, Any] | str) -> dict[str, Value]:
    """The sentence's table; "filled": every cell holds some other figure (100–999)."""
    if table == "filled":
        rng = random.Random(7)
        return {cid: rng.randint(100, 999) for cid in form.cells}
    assert isinstance(table, dict)
    values = {}
    for cid, raw in table.items():
        cell = form.cells[cid]
        values[cid] = coerce_json_value(raw, cell.kind, allow_na=cell.allow_na, label=cid)
    return values


def changed(values: dict[str, Value]) -> dict[str, Value]:
    """Every figure of the table changed, so that no number of the sentence agrees."""
    return {cid: v + 7 for cid, v in values.items()}  # type: ignore[operator]


def narrative(
    form: Form, text: str, values: dict[str, Value], section: str | None = None
) -> list[Finding]:
    section = section or next(form.text_sections()).id
    found = run_checks(form, values, None, {section: text})
    return [f for f in found if f.rule.startswith("NARRATIVE")]


def test_all_100_research_sentences_are_used() -> None:
    assert len(SENTENCES) == 100
    assert len({s["id"] for s in SENTENCES}) == 100


@pytest.mark.parametrize("sentence", SENTENCES, ids=[s["id"] for s in SENTENCES])
def test_a_real_sentence_is_named_only_where_it_contradicts_its_table(
    library: FormLibrary, sentence: dict[str, Any]
) -> None:
    form = library.get(sentence["form"])
    values = table_values(form, sentence["table"])
    found = narrative(form, sentence["text"], values)
    assert sorted(f.rule for f in found) == sorted(sentence.get("disagree", []))
    for finding in found:
        assert finding.severity is Severity.WARNING


@pytest.mark.parametrize("sentence", SENTENCES, ids=[s["id"] for s in SENTENCES])
def test_a_real_sentence_is_compared_with_the_cells_it_states(
    library: FormLibrary, sentence: dict[str, Any]
) -> None:
    """With every figure changed, exactly the statements the sentence makes are reported."""
    form = library.get(sentence["form"])
    values = changed(table_values(form, sentence["table"]))
    found = narrative(form, sentence["text"], values)
    assert sorted({f.rule for f in found}) == sorted(sentence["fires"])


def test_the_message_quotes_the_clause_and_names_both_numbers(library: FormLibrary) -> None:
    form = library.get("2021")
    values = {"t3.r1.total": 30, "t3.r2.total": 4}
    text = "本年度，其中予以公开及部分公开30件，均按时答复。"
    (found,) = narrative(form, text, values, "overall")
    assert found.message == (
        "一、总体情况：“其中予以公开及部分公开30件” 与 表三 予以公开、部分公开 总计 34 不一致"
    )
    assert found.section == "overall" and found.cells == ("t3.r1.total", "t3.r2.total")
    assert found.rule == "NARRATIVE-T3-DISCLOSED"


def test_the_demo_names_five_interviews_and_leaves_the_agreeing_figures(
    library: FormLibrary,
) -> None:
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    found = [f for f in check_draft(form, draft) if f.rule.startswith("NARRATIVE")]
    assert [(f.rule, f.section) for f in found] == [("NARRATIVE-INTERVIEW", "active")]
    assert "“在政府网站开展了《城乡居民基本医疗保险政策解答》等五期访谈”" in found[0].message
    assert found[0].message.endswith("与 统计表 二、（二）2.政府网站在线访谈次数 6 不一致")
    # 41105条 and 3件 are compared (a changed table names them) and agree as printed
    draft.values["stats.active_total"] = 41106
    draft.values["stats.apply_received"] = 4
    again = {f.rule for f in check_draft(form, draft) if f.rule.startswith("NARRATIVE")}
    assert {"NARRATIVE-ACTIVE", "NARRATIVE-APPLY"} <= again


@pytest.mark.parametrize(
    ("text", "number"),
    [("五", 5), ("十", 10), ("十二", 12), ("二十", 20), ("一百零三", 103), ("两千", 2000)],
)
def test_chinese_numerals(text: str, number: int) -> None:
    assert chinese_number(text) == number


# -- variants: how reports word these figures, each agreeing and contradicting ----------
# (form, sentence with {n}, table cell(s) and the value they hold, statement id)

T21 = {
    "t3.new.total": 56,
    "t3.carry_in.total": 4,
    "t3.total.total": 52,
    "t3.carry_out.total": 8,
    "t3.r1.total": 30,
    "t3.r2.total": 4,
    "t3.r3_1.total": 1,
    "t3.r3_4.total": 3,
    "t3.r4_1.total": 12,
    "t3.r4_2.total": 3,
    "t3.r4_3.total": 2,
    "t3.r5_1.total": 3,
    "t3.r6_3.total": 1,
    "t4.review_total": 3,
    "t4.direct_total": 4,
    "t4.after_total": 1,
    "t2.normative.issued": 38,
    "t2.normative.repealed": 6,
    "t2.normative.valid": 512,
    "t2.rules.issued": 2,
    "t2.license": 1532,
    "t2.penalty": 2345,
    "t2.coercion": 27,
    "t2.fees": Decimal("9876.54"),
}
for _row in ("r3_2", "r3_3", "r3_5", "r3_6", "r3_7", "r3_8", "r5_2", "r5_3", "r5_4", "r5_5"):
    T21[f"t3.{_row}.total"] = 0
T21["t3.r6_1.total"] = T21["t3.r6_2.total"] = 0

VARIANTS_2021 = [
    ("全年共收到政府信息公开申请{n}件", 56, "NARRATIVE-T3-NEW"),
    ("2023年,我局共受理政府信息公开申请{n}件,均在法定期限内答复。", 56, "NARRATIVE-T3-NEW"),
    ("本年度新收政府信息公开申请{n}件。", 56, "NARRATIVE-T3-NEW"),
    ("全年共收到依申请公开 {n} 件，同比增长12.5%。", 56, "NARRATIVE-T3-NEW"),
    ("上年结转政府信息公开申请{n}件", 4, "NARRATIVE-T3-CARRY-IN"),
    ("共办结{n}件,按时办结率100%", 52, "NARRATIVE-T3-TOTAL"),
    ("结转下年度继续办理{n}件。", 8, "NARRATIVE-T3-CARRY-OUT"),
    ("其中予以公开及部分公开{n}件", 34, "NARRATIVE-T3-DISCLOSED"),
    ("予以公开或部分公开{n}件、占60.7%;", 34, "NARRATIVE-T3-DISCLOSED"),
    ("予以公开{n}件", 30, "NARRATIVE-T3-GRANTED"),
    ("部分公开{n}件", 4, "NARRATIVE-T3-PARTLY"),
    ("不予公开{n}件", 4, "NARRATIVE-T3-WITHHELD"),
    ("无法提供{n}件", 17, "NARRATIVE-T3-UNAVAILABLE"),
    ("不予处理{n}件", 3, "NARRATIVE-T3-NOT-PROCESSED"),
    ("其他处理{n}件", 1, "NARRATIVE-T3-OTHER"),
    ("因政府信息公开被申请行政复议{n}件", 3, "NARRATIVE-T4-REVIEW"),
    ("被申请行政复议3件、提起行政诉讼{n}件", 5, "NARRATIVE-T4-LITIGATION"),
    ("本年度制发行政规范性文件{n}件", 38, "NARRATIVE-T2-NORMATIVE-ISSUED"),
    ("废止行政规范性文件{n}件", 6, "NARRATIVE-T2-NORMATIVE-REPEALED"),
    ("现行有效规范性文件{n}件", 512, "NARRATIVE-T2-NORMATIVE-VALID"),
    ("作出行政处罚决定{n}件", 2345, "NARRATIVE-T2-PENALTY"),
    ("办理行政许可{n}件", 1532, "NARRATIVE-T2-LICENSE"),
    ("实施行政强制{n}件", 27, "NARRATIVE-T2-COERCION"),
    ("收取行政事业性收费{n}万元", Decimal("9876.54"), "NARRATIVE-T2-FEES"),
    ("制定规章{n}件", 2, "NARRATIVE-T2-RULES-ISSUED"),
    ("2023年，区政府办公室共收到{n}份政府信息公开申请，均为自然人申请。", 56, "NARRATIVE-T3-NEW"),
    ("全年收到因政府信息公开申请引起的行政复议{n}件(已办结)", 3, "NARRATIVE-T4-REVIEW"),
    ("其中未经复议直接起诉{n}件", 4, "NARRATIVE-T4-DIRECT"),
    ("2022年结转政府信息公开申请{n}件", 4, "NARRATIVE-T3-CARRY-IN"),
    ("全年发布行政规范性文件{n}件,政务信息19万余条", 38, "NARRATIVE-T2-NORMATIVE-ISSUED"),
]
OLD = {
    "stats.active_total": 41105,
    "stats.apply_received": 3,
    "stats.review": 0,
    "stats.litigation": 2,
    "stats.interview": 6,
    "stats.press": 4,
    "stats.fees": Decimal("0.35"),
    "stats.replies": 3,
}
VARIANTS_OLD = [
    ("主动公开政府信息{n}条", 41105, "NARRATIVE-ACTIVE"),
    ("2017年,全县共公开各类政府信息{n}条", 41105, "NARRATIVE-ACTIVE"),
    ("收到申请{n}件", 3, "NARRATIVE-APPLY"),
    ("全年受理政府信息公开申请{n}件", 3, "NARRATIVE-APPLY"),
    ("行政复议{n}件", 0, "NARRATIVE-REVIEW"),
    ("提起行政诉讼{n}件", 2, "NARRATIVE-LITIGATION"),
    ("开展《政策解答》等{n}期访谈", 6, "NARRATIVE-INTERVIEW"),
    ("举办新闻发布会{n}次", 4, "NARRATIVE-PRESS"),
    ("收取费用{n}万元", Decimal("0.35"), "NARRATIVE-FEES"),
    ("答复{n}件", 3, "NARRATIVE-REPLIES"),
]
CHINESE = {0: "零", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 8: "八", 7: "七", 9: "九"}


def _variants() -> list[tuple[str, str, dict[str, Value], str | None]]:
    """Each template agreeing and contradicting; small numbers also as Chinese numerals."""
    cases: list[tuple[str, str, dict[str, Value], str | None]] = []
    for form_id, table, templates in (("2021", T21, VARIANTS_2021), ("pre2019", OLD, VARIANTS_OLD)):
        for template, n, statement in templates:
            wrong = n + 1 if n < 9 else n - 10
            cases.append((form_id, template.format(n=n), table, None))
            cases.append((form_id, template.format(n=wrong), table, statement))
            if isinstance(n, int) and n in CHINESE and wrong in CHINESE:
                cases.append((form_id, template.format(n=CHINESE[n]), table, None))
                cases.append((form_id, template.format(n=CHINESE[wrong]), table, statement))
    return cases


VARIANTS = _variants()


def test_at_least_60_variants_half_agreeing() -> None:
    agreeing = [c for c in VARIANTS if c[3] is None]
    assert len(VARIANTS) >= 60 and len(agreeing) * 2 == len(VARIANTS)


@pytest.mark.parametrize(("form_id", "text", "table", "expected"), VARIANTS)
def test_variant(
    library: FormLibrary, form_id: str, text: str, table: dict[str, Value], expected: str | None
) -> None:
    form = library.get(form_id)
    found = narrative(form, text, table)
    assert [f.rule for f in found] == ([expected] if expected else [])
    # full-width and half-width punctuation read the same
    swapped = text.translate(str.maketrans("，,：:；;（）()", ",，:：;；()（）"))
    assert [f.rule for f in narrative(form, swapped, table)] == [f.rule for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "2023年1月1日至2023年12月31日，本机关认真落实条例。",  # dates and years
        "依申请公开答复率100%，同比增长56%。",  # percentages
        "咨询电话：0797-3355056，邮编341600。",  # phone numbers and post codes
        "第56件申请已于3月办结。",  # ordinals
        "全年共收到申请近60件。",  # approximations
        "全年共收到政府信息公开申请五十余件。",
        "推进“高效办成一件事”，收到申请后一次性告知。",  # words with numerals
        "《关于2023年受理政府信息公开申请56件的通报》已印发。",  # titles
        "收到政府信息公开申请（含上年结转4件）。",  # brackets
        "全年发布政策解读86篇。",  # no table cell in the 2021 format
    ],
)
def test_numbers_that_are_not_counts_stay_quiet(library: FormLibrary, text: str) -> None:
    form = library.get("2021")
    table = {**T21, "t3.new.total": 57, "t3.carry_in.total": 5}
    assert narrative(form, text, table) == []
    # the same table does name a plain count of 56
    found = narrative(form, "全年共收到申请56条。", table)
    assert [f.rule for f in found] == ["NARRATIVE-T3-NEW"]


def test_units_must_match_and_blank_cells_are_not_compared(library: FormLibrary) -> None:
    form = library.get("2021")
    assert narrative(form, "收取行政事业性收费9876.54元", T21) == []  # 元, the cell is 万元
    assert narrative(form, "全年共收到政府信息公开申请57件", {}) == []  # blank: not compared
    assert narrative(form, "制定规章3件", {**T21, "t2.rules.issued": NA}) == []  # 不适用


def test_zero_written_in_words(library: FormLibrary) -> None:
    form = library.get("2021")
    quiet = {**T21, "t3.new.total": 0}
    assert narrative(form, "本年度未收到政府信息公开申请。", quiet) == []
    (found,) = narrative(form, "本年度未收到政府信息公开申请。", T21)
    assert found.rule == "NARRATIVE-T3-NEW" and "“未收到政府信息公开申请” 与" in found.message
    assert "56 不一致" in found.message
    # 无法提供 is no zero, nor is a negated result column (无…纠错), nor words that
    # begin with 无 or 未 (无差别受理, 未来)
    assert narrative(form, "本机关无法提供相关信息。", T21) == []
    assert narrative(form, "无行政复议、行政诉讼纠错案件。", T21) == []
    assert narrative(form, "实行无差别受理政府信息公开申请。", T21) == []
    assert narrative(form, "未来将继续规范受理政府信息公开申请。", T21) == []
    assert narrative(form, "逾期未收到申请人补正材料的，不再处理。", T21) == []


def test_a_table_pasted_as_text_stays_quiet(library: FormLibrary) -> None:
    """Clerks paste the statistics table into a section ("收到申请数件3"): never a count."""
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    lines = [
        f"{''.join(cell.row)}{cell.unit}{'' if value is None else value}"
        for cell_id, cell in form.cells.items()
        for value in [draft.values.get(cell_id)]
    ]
    assert "三、依申请公开情况（一）收到申请数件3" in lines
    draft.texts["overview"] = "\n".join(lines)
    found = [f for f in check_draft(form, draft) if f.rule.startswith("NARRATIVE")]
    assert [f.section for f in found] == ["active"]  # only 「五期访谈」, as before


REPORT_2021 = (
    "本年度，共收到政府信息公开申请{new}件，上年结转{carry_in}件。"
    "其中予以公开{r1}件，部分公开{r2}件，不予公开{r3}件，无法提供{r4}件，不予处理{r5}件，"
    "其他处理{r6}件；共办结{total}件，结转下年度继续办理{carry_out}件。"
    "因政府信息公开被申请行政复议{review}件、提起行政诉讼{litigation}件。"
    "本年度制发行政规范性文件{issued}件，废止行政规范性文件{repealed}件，"
    "现行有效规范性文件{valid}件。作出行政处罚决定{penalty}件，办理行政许可{license}件，"
    "实施行政强制{coercion}件，收取行政事业性收费{fees}万元。"
)


def _figures(form: Form, values: dict[str, Value]) -> dict[str, Any]:
    """What a report's standard paragraph states, from its table."""

    def rows(prefix: str) -> Any:
        cells = [c for c in form.cells_of("t3") if c.column_id == "total"]
        return sum(values[c.id] for c in cells if c.row_id.startswith(prefix))  # type: ignore[misc]

    figures = {key: rows(f"{key}_") for key in ("r3", "r4", "r5", "r6")}
    for key in ("new", "carry_in", "r1", "r2", "total", "carry_out"):
        figures[key] = values[f"t3.{key}.total"]
    figures["review"] = values["t4.review_total"]
    figures["litigation"] = values["t4.direct_total"] + values["t4.after_total"]  # type: ignore[operator]
    for key in ("issued", "repealed", "valid"):
        figures[key] = values[f"t2.normative.{key}"]
    for key in ("penalty", "license", "coercion", "fees"):
        figures[key] = values[f"t2.{key}"]
    return figures


@pytest.mark.parametrize("seed", range(12))
def test_a_whole_correct_report_is_quiet_and_each_wrong_figure_is_named(
    library: FormLibrary, seed: int
) -> None:
    form = library.get("2021")
    values = consistent_2021_values(form, random.Random(seed), low=0)
    figures = _figures(form, values)
    text = REPORT_2021.format(**figures)
    if seed % 2:
        text = text.translate(str.maketrans("，；：", ",;:"))  # a copy with half-width marks
    assert narrative(form, text, values, "overall") == []
    for key in ("new", "r3", "r4", "litigation", "valid", "fees"):
        wrong = REPORT_2021.format(**{**figures, key: figures[key] + 1})
        found = narrative(form, wrong, values, "overall")
        assert len(found) == 1, (key, [f.message for f in found])
