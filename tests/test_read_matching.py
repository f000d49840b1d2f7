"""Finding the form's cells in tables by their printed label paths (core.matching)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport_gui.core.document import Document, Grid, Paragraph
from govreport_gui.core.errors import GovreportError
from govreport_gui.core.labels import label_key
from govreport_gui.core.matching import match_grids
from govreport_gui.core.reading import read_document
from govreport_gui.core.values import NA


@pytest.mark.parametrize(
    ("printed", "official"),
    [
        ("1、属于国家秘密", "1.属于国家秘密"),
        ("１．属于国家秘密", "1.属于国家秘密"),
        (
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        ('3.危及"三安全一稳定"', "3.危及“三安全一稳定”"),
        ("统 计\u3000指\xa0标", "统计指标"),
        ("本年收费金额(单位:万元)", "本年收费金额（单位：万元）"),
        ("采购总金额（元）", "采购总金额"),  # the unit the printed header adds
        ("采购总金额 (万元)", "采购总金额"),
    ],
)
def test_spellings_of_a_label_share_one_key(printed: str, official: str) -> None:
    assert label_key(printed) == label_key(official)


def test_numbering_and_words_still_tell_labels_apart() -> None:
    assert label_key("1.属于国家秘密") != label_key("2.属于国家秘密")
    assert label_key("（七）总计") != label_key("总计")


def _old_form_grid(rows: list[tuple[str, str, str]]) -> Grid:
    return Grid.plain([("统 计 指 标", "单 位", "统计数"), *rows], "统计表")


def test_same_label_under_two_headings_is_told_apart_by_the_rows_above(library) -> None:
    form = library.get("pre2019")
    grid = _old_form_grid(
        [
            ("四、行政复议数量", "件", "6"),
            ("（一）维持具体行政行为数", "件", "3"),
            ("（二）被依法纠错数", "件", "2"),
            ("（三）其他情形数", "件", "1"),
            ("五、行政诉讼数量", "件", "9"),
            ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "4"),
            ("（二）被依法纠错数", "件", "5"),
        ]
    )
    matched = match_grids(form, [grid])
    assert matched.values["stats.review_corrected"] == 2
    assert matched.values["stats.lit_corrected"] == 5
    assert "（二）被依法纠错数" in matched.found["stats.lit_corrected"].path
    assert matched.found["stats.lit_corrected"].place == "统计表第8行第3列"


def test_same_label_without_the_rows_that_tell_it_apart_is_ambiguous(library) -> None:
    form = library.get("pre2019")
    grid = _old_form_grid([("（二）被依法纠错数", "件", "2")])
    matched = match_grids(form, [grid])
    assert set(matched.ambiguous) == {"stats.review_corrected", "stats.lit_corrected"}
    assert "stats.review_corrected" not in matched.values


def test_nested_labels_give_the_full_path(library) -> None:
    form = library.get("2021")
    rows = [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 2, 3),
            ("申请人情况", 1, 2),
        ],
        [("自然人", 1, 1), ("总计", 1, 1)],
        [
            ("三、本年度办理结果", 3, 1),
            ("（三）不予公开", 2, 1),
            ("1.属于国家秘密", 1, 1),
            ("4", 1, 1),
            ("7", 1, 1),
        ],
        [("2.其他法律行政法规禁止公开", 1, 1), ("0", 1, 1), ("1", 1, 1)],
        [("（七）总计", 1, 2), ("9", 1, 1), ("30", 1, 1)],
    ]
    matched = match_grids(form, [Grid.from_spanned(rows, "表三")])
    assert matched.values["t3.r3_1.natural"] == 4
    assert matched.values["t3.r3_2.total"] == 1
    assert matched.values["t3.total.total"] == 30
    assert matched.found["t3.r3_1.natural"].path == (
        "三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 × 申请人情况 › 自然人"
    )
    assert "t3.r3_1.business" in matched.missing


def test_a_shortened_label_is_read_as_the_one_row_it_can_be_and_said(library) -> None:
    form = library.get("2021")
    grid = Grid.plain([("", "自然人"), ("（二）部分公开", "4"), ("（一）", "5")], "表三")
    matched = match_grids(form, [grid])
    assert matched.values == {"t3.r2.natural": 4}
    assert any("按本格式的「（二）部分公开（区分处理的" in p for p in matched.problems)
    assert any("「（一）」不是本格式表格中的行" in p for p in matched.problems)


def test_a_table_split_in_two_reads_its_second_part_with_the_first_ones_header(library) -> None:
    form = library.get("2021")
    first = Grid.plain(
        [("", "自然人", "总计"), ("一、本年新收政府信息公开申请数量", "1", "2")], "表1"
    )
    second = Grid.plain([("四、结转下年度继续办理", "3", "4")], "表2")
    matched = match_grids(form, [first, second])
    assert matched.values == {
        "t3.new.natural": 1,
        "t3.new.total": 2,
        "t3.carry_out.natural": 3,
        "t3.carry_out.total": 4,
    }


@pytest.mark.parametrize(
    ("rows", "values"),
    [
        pytest.param(
            [
                [("行政诉讼", 1, 2), ("行政复议", 1, 2)],
                [
                    ("复议后起诉", 1, 1),
                    ("未经复议直接起诉", 1, 1),
                    ("总计", 2, 1),
                    ("结果维持", 2, 1),
                ],
                [("总计", 1, 1), ("结果纠正", 1, 1)],
                [("8", 1, 1), ("3", 1, 1), ("12", 1, 1), ("5", 1, 1)],
            ],
            {
                "t4.after_total": 8,
                "t4.direct_corrected": 3,
                "t4.review_total": 12,
                "t4.review_upheld": 5,
            },
            id="header columns in another order, found by their labels",
        ),
        pytest.param(
            [
                [("项目", 2, 1), ("行政复议", 1, 2)],
                [("结果维持", 1, 1), ("总计", 1, 1)],
                [("数量（件）", 1, 1), ("2", 1, 1), ("6", 1, 1)],
            ],
            {"t4.review_upheld": 2, "t4.review_total": 6},
            id="a label column of its own",
        ),
    ],
)
def test_table_four_reads_by_its_header_labels(
    rows: list[list[tuple[str, int, int]]], values: dict[str, int], library
) -> None:
    form = library.get("2021")
    matched = match_grids(form, [Grid.from_spanned(rows, "表四")])
    assert matched.values == values


def test_a_value_that_does_not_parse_is_reported_with_its_text_and_place(library) -> None:
    form = library.get("2021")
    grid = Grid.plain(
        [
            ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            ("规章", "/", "—", "无"),
            ("行政规范性文件", "1,204", "约3件", "８７"),
        ],
        "表二",
    )
    matched = match_grids(form, [grid])
    assert matched.values["t2.rules.issued"] is NA
    assert matched.values["t2.rules.valid"] is NA
    assert matched.values["t2.normative.issued"] == 1204
    assert matched.values["t2.normative.valid"] == 87
    assert "t2.normative.repealed" not in matched.values
    assert "表二第3行第3列「约3件」" in matched.unreadable["t2.normative.repealed"]
    assert not matched.complete


def test_money_reads_exactly_and_a_printed_unit_is_dropped(library) -> None:
    form = library.get("2019")
    grid = Grid.plain(
        [("信息内容", "采购项目数量", "采购总金额"), ("政府集中采购", "3", "251000.55元")], "表"
    )
    matched = match_grids(form, [grid])
    assert matched.values["t2.procurement.amount"] == Decimal("251000.55")
    assert matched.values["t2.procurement.projects"] == 3


def test_a_row_with_numbers_that_is_not_in_the_form_is_reported(library) -> None:
    form = library.get("2021")
    grid = Grid.plain(
        [("信息内容", "本年处理决定数量"), ("行政许可", "5"), ("行政奖励", "9")], "表二"
    )
    matched = match_grids(form, [grid])
    assert matched.values["t2.license"] == 5
    assert any("「行政奖励」不是本格式表格中的行" in p for p in matched.problems)


def test_a_document_without_the_forms_tables_cannot_be_read(library) -> None:
    doc = Document([Paragraph("某县2021年政府信息公开工作年度报告")], "", "网页")
    with pytest.raises(GovreportError, match="没有表格"):
        read_document(doc, library)
    doc.blocks.append(Grid.plain([("日期", "访问量"), ("2022-01-01", "15")], "第1个表格"))
    with pytest.raises(GovreportError, match="没有找到"):
        read_document(doc, library)


def test_the_form_and_unit_come_from_the_title(library) -> None:
    grid = Grid.plain([("行政复议",), ("结果维持",), ("5",)], "表四")
    doc = Document([Paragraph("某某县财政局2020年政府信息公开工作年度报告"), grid], "", "网页")
    result = read_document(doc, library)
    assert (result.form.id, result.draft.year, result.draft.unit) == ("2019", 2020, "某某县财政局")
    forced = read_document(doc, library, year=2022, unit="乙局")
    assert (forced.form.id, forced.draft.year, forced.draft.unit) == ("2021", 2022, "乙局")
    assert forced.draft.values == {"t4.review_upheld": 5}
    with pytest.raises(GovreportError, match="看不出报告年度"):
        read_document(Document([grid], "", "表格文字"), library)


def test_the_attachment_heading_is_found_with_its_year_after_it(library) -> None:
    from govreport_gui.core.sections import read_sections

    form = library.get("pre2019")
    paragraphs = [
        Paragraph("一、概述"),
        Paragraph("正文。"),
        Paragraph("附件：政府信息公开情况统计表（2017年度）"),
        Paragraph("填报单位（盖章）：某县"),
    ]
    texts, _ = read_sections(form, Document(blocks=paragraphs, title="", kind="Word 文档"))
    assert "附件" not in "".join(texts.values())
