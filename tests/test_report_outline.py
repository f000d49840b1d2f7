"""The report's parts in print order, shared by Word, the web page and the clipboard."""

from __future__ import annotations

from govreport_gui.core.report_outline import (
    BLANK_DATE,
    build_outline,
    outline_text,
    paragraphs,
    run_in_heading,
)
from govreport_gui.core.samples import demo_draft
from tests.support.helpers import filled_2021_draft


def test_demo_outline_follows_the_printed_order(library):
    draft = demo_draft(library)
    outline = build_outline(library.get(draft.form_id), draft)
    assert outline.title == draft.title(library.get(draft.form_id))
    assert outline.draft_mark and "错误" in outline.draft_reason
    # the 附件说明 names the attachment by its own title (GB/T 9704 7.3.6)
    assert outline.attachment_note == ("附件：政府信息公开情况统计表（2017年度）",)
    assert outline.attachments[0].title == "政府信息公开情况统计表（2017年度）"
    (attachment,) = outline.attachments
    assert attachment.label == "附件" and attachment.title == "政府信息公开情况统计表（2017年度）"
    assert attachment.unit_line == f"填报单位（盖章）：{draft.unit}"
    assert not outline.signatories_after_text  # they go under the attachment's table
    assert outline.date == "2018年2月12日"


def test_final_report_and_blank_date(library):
    draft = filled_2021_draft(library)
    draft.report.pop("issue_date", None)
    draft.signatories["date"] = ""
    outline = build_outline(library.get("2021"), draft)
    assert not outline.draft_mark and outline.date == BLANK_DATE
    assert [s.table.layout.table_id for s in outline.sections if s.table] == ["t2", "t3", "t4"]
    assert outline.signatories_after_text


def test_paragraphs_and_run_in_headings():
    assert paragraphs("  第一段\n\n\u3000\u3000第二段 \n") == ("第一段", "第二段")
    assert run_in_heading("（一）强化组织领导。为全面贯彻") == len("（一）强化组织领导。")
    assert run_in_heading("（2017）年") == 0 and run_in_heading("一、概述") == 0


def test_plain_text_has_every_table_row_tab_separated(library):
    draft = demo_draft(library)
    text = outline_text(build_outline(library.get(draft.form_id), draft))
    assert "2.政府网站公开政府信息数\t条\t41105" in text
    assert text.splitlines()[0] == draft.title(library.get(draft.form_id))
