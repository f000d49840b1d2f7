"""Table layout decisions: landscape pages for wide tables, long tables repeat their header."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from pypdf import PdfReader

from govreport_gui.core.dates import official_date
from govreport_gui.core.draft import new_draft
from govreport_gui.core.errors import ValueInputError
from govreport_gui.core.formfile import build_form
from govreport_gui.output.layout import (
    AREA_BOTTOM,
    AREA_LEFT,
    AREA_WIDTH,
    PAGE_HEIGHT,
    PAGE_NUMBER_SIZE,
    PAGE_WIDTH,
)
from govreport_gui.output.pdf import render_pdf
from tests.support.pdf_support import pdftotext

COLUMNS = 24


def wide_table(tid: str, title: str, columns: int, rows: int) -> dict:
    """A table of ``columns`` number columns under one 合计 header, and ``rows`` rows."""
    return {
        "id": tid,
        "title": title,
        "unit": "件",
        "blocks": [
            {
                "stub": ["项目"],
                "columns": [
                    {"id": f"c{i}", "path": ["合计", f"第{i}列数量"]} for i in range(columns)
                ],
                "rows": [{"id": f"r{i}", "label": f"第{i}行"} for i in range(rows)],
            }
        ],
    }


def small_form(form_id: str, title: str, sections: list[dict], tables: list[dict]):
    """A one-year (2020) form of ``sections`` and ``tables``, built as forms/ files are."""
    header = {"id": form_id, "title": title, "report_title": "测试报告", "years": [2020]}
    return build_form(
        {"form": {**header, "version": 1}, "sections": sections, "tables": tables}, "test"
    )


def wide_form(columns: int = COLUMNS, rows: int = 3):
    sections = [
        {"id": "intro", "title": "一、情况", "guidance": ""},
        {"id": "numbers", "title": "二、数字", "table": "t"},
        {"id": "end", "title": "三、其他", "guidance": ""},
    ]
    return small_form("wide", "测试格式", sections, [wide_table("t", "二、数字", columns, rows)])


def test_table_too_wide_for_portrait_goes_on_a_landscape_page(tmp_path):
    form = wide_form()
    draft = new_draft(form, 2021, "某单位")
    for i in range(COLUMNS):
        draft.set_value(f"t.r0.c{i}", 1000 + i)
    draft.texts["intro"] = "正文。"
    result = render_pdf(form, draft, tmp_path / "wide.pdf")
    assert result.wide_pages == (2,)
    reader = PdfReader(result.path)
    for page in reader.pages:  # every sheet portrait: the wide table is turned on its page
        assert float(page.mediabox.width) < float(page.mediabox.height)
    with pdfplumber.open(result.path) as pdf:
        turned = [c for c in pdf.pages[1].chars if not c["upright"]]
        upright = [c for c in pdf.pages[1].chars if c["upright"]]
        assert "".join(c["text"] for c in turned).count("数量") == COLUMNS
        # the table's head toward the left edge, inside the portrait type area
        assert min(c["x0"] for c in turned) >= AREA_LEFT - 0.5
        assert max(c["x1"] for c in turned) <= AREA_LEFT + AREA_WIDTH + 0.5
        # the page number where every even page has it: "— 2 —" at the bottom left
        number = [c for c in upright if c["text"] == "2" and c["size"] == PAGE_NUMBER_SIZE]
        assert number and number[0]["x0"] < PAGE_WIDTH / 2
        assert number[0]["top"] > PAGE_HEIGHT - AREA_BOTTOM
    text = "".join(pdftotext(result.path, "-raw").split())
    assert "".join(str(1000 + i) for i in range(COLUMNS)) in text
    assert "三、其他" in text  # back to portrait after the table


def test_a_smaller_type_comes_before_turning_the_table(tmp_path):
    form = wide_form(columns=16)  # too wide at 五号 (10.5 pt), fits at 小五 (9 pt)
    draft = new_draft(form, 2021, "某单位")
    for i in range(16):
        draft.set_value(f"t.r0.c{i}", 1234)
    result = render_pdf(form, draft, tmp_path / "sixteen.pdf")
    assert not result.wide_pages
    with pdfplumber.open(result.path) as pdf:
        chars = [c for p in pdf.pages for c in p.chars if c["text"] == "4" and c["size"] > 8.5]
        sizes = {round(c["size"], 1) for c in chars}  # (the 8 pt footer aside)
    assert sizes == {9.0}  # 小五, the smallest table type


def test_two_wide_tables_in_a_row_have_no_blank_page_between(tmp_path):
    sections = [
        {"id": "a", "title": "一、甲", "table": "t"},
        {"id": "b", "title": "二、乙", "table": "u"},
        {"id": "end", "title": "三、其他", "guidance": ""},
    ]
    tables = [
        wide_table(tid, title, COLUMNS, 1) for tid, title in (("t", "一、甲"), ("u", "二、乙"))
    ]
    form2 = small_form("wide2", "测试", sections, tables)
    draft = new_draft(form2, 2021, "某单位")
    result = render_pdf(form2, draft, tmp_path / "two.pdf")
    pages = pdftotext(result.path, "-raw").split("\f")
    assert result.wide_pages == (2, 3)
    assert all("第0列数量" in "".join(pages[n - 1].split()) for n in result.wide_pages)


def test_long_table_repeats_its_header_on_every_page(tmp_path):
    form = wide_form(columns=3, rows=90)
    draft = new_draft(form, 2021, "某单位")
    result = render_pdf(form, draft, tmp_path / "long.pdf")
    assert not result.wide_pages
    pages = pdftotext(result.path, "-raw").split("\f")
    with_rows = [p for p in pages if re.search(r"第\d+行", p)]
    assert len(with_rows) >= 3
    for page in with_rows:
        assert "第0列数量" in "".join(page.split())
    found = re.findall(r"第(\d+)行", "".join(pages))
    assert [int(n) for n in found] == list(range(90))  # every row once, in order


def test_official_date_format():
    assert official_date("2018.2.12") == "2018年2月12日"
    assert official_date("2024-01-05") == "2024年1月5日"
    assert official_date("2024年01月05日") == "2024年1月5日"
    assert official_date("20240105") == "2024年1月5日"
    assert official_date("二〇二四年一月") == "二〇二四年一月"


@pytest.mark.parametrize(
    ("typed", "why"), [("2023-02-30", "2023年2月没有30日"), ("2024.13.1", "没有13月")]
)
def test_a_day_that_does_not_exist_is_refused_with_the_reason(typed, why):
    with pytest.raises(ValueInputError) as caught:
        official_date(typed, "成文日期")
    assert caught.value.message == f"「成文日期」“{typed}”不是有效的日期：{why}"
