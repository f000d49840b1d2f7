"""govreport docx: the Word document read back with python-docx."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from govreport_gui.core.table_layout import build_layout
from govreport_gui.output.docx import docx_bytes
from tests.support.export_support import SCRIPT, export_drafts


@pytest.fixture(scope="module")
def documents(library):
    drafts = export_drafts(library)
    return {
        name: (docx.Document(io.BytesIO(docx_bytes(library.get(d.form_id), d))), d)
        for name, d in drafts.items()
    }


@pytest.mark.parametrize("name", ["demo", "filled2021"])
def test_page_is_a4_with_gbt9704_margins(documents, name):
    s = documents[name][0].sections[0]
    mm = {k: getattr(s, k).mm for k in ("page_width", "page_height", "top_margin", "left_margin")}
    assert mm == pytest.approx(
        {"page_width": 210, "page_height": 297, "top_margin": 37, "left_margin": 28}, abs=0.05
    )
    # type area 156 × 225 mm
    assert s.page_width.mm - s.left_margin.mm - s.right_margin.mm == pytest.approx(156, abs=0.05)
    assert s.page_height.mm - s.top_margin.mm - s.bottom_margin.mm == pytest.approx(225, abs=0.05)


def test_body_text_has_an_east_asian_fangsong_font_and_exact_spacing(documents):
    doc, draft = documents["filled2021"]
    body = [p for p in doc.paragraphs if p.style.name == "govreport 正文" and p.text]
    assert body
    style = body[0].style
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert "仿宋" in fonts.get(qn("w:eastAsia"))
    assert style.font.size.pt == 16
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing.pt == pytest.approx(225 / 22 * 72 / 25.4, abs=0.05)
    texts = "\n".join(p.text for p in doc.paragraphs)
    for section_text in draft.texts.values():
        for line in section_text.splitlines():
            if line.strip():
                assert line.strip() in texts
    assert SCRIPT in texts  # user text is text


def test_footer_holds_a_page_field_on_odd_and_even_pages(documents):
    doc = documents["demo"][0]
    section = doc.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert "—" in footer.paragraphs[0].text


def test_draft_is_marked_like_the_pdf(documents):
    demo = documents["demo"][0]  # the demo has unexplained 错误
    assert "草稿" in demo.sections[0].header._element.xml
    assert "不作为正式报送件" in demo.sections[0].footer._element.xml
    final = documents["filled2021"][0]
    assert "草稿" not in final.sections[0].header._element.xml


def _merged(table) -> int:
    xml = table._tbl.xml
    return xml.count("w:gridSpan") + xml.count('w:vMerge w:val="restart"')


def test_tables_three_and_four_have_merged_repeating_headers(documents, library):
    doc, draft = documents["filled2021"]
    form = library.get("2021")
    by_first_row = {}
    for table in doc.tables:
        by_first_row.setdefault(table.rows[0].cells[-1].text, table)
    for table_id, top_right in (("t3", "申请人情况"), ("t4", "行政诉讼")):
        table = by_first_row[top_right]
        assert _merged(table) > 0
        layout = build_layout(form, form.table(table_id), draft)
        header_rows = layout.blocks[0].header_rows
        for row in table.rows[:header_rows]:
            assert row._tr.trPr.find(qn("w:tblHeader")) is not None
        values = [c.text for c in layout.value_cells()]
        cells = {c.text for row in table.rows for c in row.cells}
        assert set(values) <= cells
