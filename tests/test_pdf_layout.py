"""Table layout decisions: landscape pages for wide tables, long tables repeat their header."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from govreport_gui.core.dates import official_date
from govreport_gui.core.draft import new_draft
from govreport_gui.core.errors import ValueInputError
from govreport_gui.core.formfile import build_form
from govreport_gui.output.pdf import render_pdf
from tests.pdf_support import pdftotext

COLUMNS = 24


def wide_form(columns: int = COLUMNS, rows: int = 3):
    return build_form(
        {
            "form": {
                "id": "wide",
                "title": "测试格式",
                "report_title": "测试报告",
                "years": [2020],
                "version": 1,
            },
            "sections": [
                {"id": "intro", "title": "一、情况", "guidance": ""},
                {"id": "numbers", "title": "二、数字", "table": "t"},
                {"id": "end", "title": "三、其他", "guidance": ""},
            ],
            "tables": [
                {
                    "id": "t",
                    "title": "二、数字",
                    "unit": "件",
                    "blocks": [
                        {
                            "stub": ["项目"],
                            "columns": [
                                {"id": f"c{i}", "path": ["合计", f"第{i}列数量"]}
                                for i in range(columns)
                            ],
                            "rows": [{"id": f"r{i}", "label": f"第{i}行"} for i in range(rows)],
                        }
                    ],
                }
            ],
        },
        "test",
    )


def test_table_too_wide_for_portrait_goes_on_a_landscape_page(tmp_path):
    form = wide_form()
    draft = new_draft(form, 2021, "某单位")
    for i in range(COLUMNS):
        draft.set_value(f"t.r0.c{i}", 1000 + i)
    draft.texts["intro"] = "正文。"
    result = render_pdf(form, draft, tmp_path / "wide.pdf")
    assert result.wide_pages
    reader = PdfReader(result.path)
    for number, page in enumerate(reader.pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if number in result.wide_pages:
            assert width > height
            assert "二、数字" in page.extract_text()
        else:
            assert width < height
    text = "".join(pdftotext(result.path, "-raw").split())
    assert "".join(str(1000 + i) for i in range(COLUMNS)) in text
    assert "三、其他" in text  # back to portrait after the table


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
