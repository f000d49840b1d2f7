"""The printed report, read back with poppler and pypdf: content, fonts, geometry, marks."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import reportlab.lib.textsplit as rl_textsplit
from pypdf import PdfReader

from govreport_gui.core.checks import check_draft, unexplained_errors
from govreport_gui.core.draft import SIGNATORIES
from govreport_gui.core.errors import GovreportError
from govreport_gui.core.model import cell_id
from govreport_gui.core.samples import demo_draft
from govreport_gui.core.table_layout import NA_PRINTED, NO_VALUE, printed_value
from govreport_gui.output.layout import (
    AREA_BOTTOM,
    AREA_LEFT,
    AREA_RIGHT,
    AREA_TOP,
    BODY_SIZE,
    PAGE_HEIGHT,
)
from govreport_gui.output.pdf import RenderResult, render_pdf
from tests.support.helpers import filled_2021_draft
from tests.support.pdf_support import Word, pdffonts, pdftotext, words

HANGING = rl_textsplit.ALL_CANNOT_START  # as patched by the layout module


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def demo(library, tmp_path_factory) -> tuple[RenderResult, object]:
    draft = demo_draft(library)
    out = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    return render_pdf(library.get(draft.form_id), draft, out), draft


@pytest.fixture(scope="module")
def full2021(library, tmp_path_factory) -> tuple[RenderResult, object]:
    draft = filled_2021_draft(library)
    out = tmp_path_factory.mktemp("pdf") / "full2021.pdf"
    return render_pdf(library.get("2021"), draft, out), draft


def raw_text(path: Path) -> str:
    """Text in drawing order with all white space removed: table rows read label, unit, value."""
    return squeeze(pdftotext(path, "-raw"))


def body_text(result: RenderResult) -> str:
    """The report's own text in drawing order, the page marks (drawn first) taken out."""
    pages = pdftotext(result.path, "-raw").split("\f")
    text = []
    for number, page in enumerate(pages, 1):
        page = squeeze(page)
        marks = (
            ("草稿" if result.draft_mark else "") + f"—{number}—" + squeeze("".join(result.footer))
        )
        if page:
            assert page.startswith(marks), page[:80]
            text.append(page.removeprefix(marks))
    return "".join(text)


# -- content ----------------------------------------------------------------------------


def test_demo_table_prints_every_label_unit_and_number_in_row_order(demo, library):
    result, draft = demo
    form = library.get(draft.form_id)
    text = raw_text(result.path)
    block = form.table("stats").blocks[0]
    for row in block.rows:
        if row.group:
            expected = row.label + NO_VALUE + NO_VALUE
        else:
            cell = form.cells[cell_id("stats", row.id, "")]
            expected = row.label + cell.unit + printed_value(draft.value(cell.id))
        assert squeeze(expected) in text, expected
    assert "统计指标单位统计数" in text
    assert "政府信息公开情况统计表（2017年度）" in text


def test_demo_prints_title_addressee_sections_and_attachment(demo, library):
    result, draft = demo
    form = library.get(draft.form_id)
    text = body_text(result)
    assert text.startswith("信丰县2017年政府信息公开工作年度报告市政府办公厅：根据")
    for section in form.sections:
        if section.print_title and not section.title.startswith("附件"):
            assert section.title in text
        for line in draft.texts.get(section.id, "").splitlines():
            assert squeeze(line) in text
    assert "附件：政府信息公开情况统计表" in text
    assert "填报单位（盖章）：信丰县人民政府办公室" in text
    assert "信丰县人民政府办公室2018年2月12日" in text  # issuer and date


def test_signatory_labels_and_names_are_printed(demo, full2021):
    for result, draft in (demo, full2021):
        text = raw_text(result.path)
        for key, label in SIGNATORIES.items():
            assert f"{label}：" in text
            value = draft.signatories.get(key, "")
            if value:
                assert f"{label}：{value}" in text


def test_full_2021_tables_print_every_header_label_and_number(full2021, library):
    result, draft = full2021
    form = library.get("2021")
    text = raw_text(result.path)
    for table in form.tables:
        for block in table.blocks:
            if block.caption:
                assert block.caption in text
            for stub in block.stub:
                assert squeeze(stub) in text
            for column in block.columns:
                for label in column.path:
                    assert label in text, label
            for row in block.rows:
                if row.group:
                    assert row.label in text
                    continue
                values = "".join(
                    printed_value(draft.value(cell_id(table.id, row.id, c.id)))
                    for c in block.columns
                )
                assert values, row.id
                assert squeeze(row.label) + values in text, (row.id, values)
    assert "规章" + NA_PRINTED * 3 in text  # 不适用 prints as "/"
    assert "12.35" in text


def test_blank_cells_stay_blank(library, tmp_path):
    form = library.get("2021")
    draft = filled_2021_draft(library)
    draft.set_value("t2.license", None)
    result = render_pdf(form, draft, tmp_path / "blank.pdf")
    text = raw_text(result.path)
    assert "行政许可第二十条第（六）项" in text  # nothing between the label and the next block
    assert "1532" not in text


# -- fonts, pages, geometry -------------------------------------------------------------------


def test_only_embedded_fonts(demo, full2021):
    for result, _ in (demo, full2021):
        fonts = pdffonts(result.path)
        assert fonts
        for font in fonts:
            assert font["emb"] == "yes", font
            assert font["sub"] == "yes", font
        assert not any("STSong" in f["name"] or "Helvetica" in f["name"] for f in fonts)


def test_pages_are_a4_and_print_at_actual_size(demo, full2021):
    for result, _ in (demo, full2021):
        reader = PdfReader(result.path)
        assert len(reader.pages) == result.pages
        for page in reader.pages:
            box = page.mediabox
            assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
        prefs = reader.trailer["/Root"]["/ViewerPreferences"]
        assert prefs["/PrintScaling"] == "/None"


def footer_tokens(result: RenderResult, pages: int) -> set[str]:
    tokens = set()
    for page in range(1, pages + 1):
        tokens |= {"—", str(page)}
    for line in result.footer:
        tokens |= set(line.split())
    return tokens


def outside_area(word: Word) -> bool:
    top = PAGE_HEIGHT - AREA_TOP
    bottom = PAGE_HEIGHT - AREA_BOTTOM
    return (
        word.x0 < AREA_LEFT - 0.5
        or word.x1 > AREA_RIGHT + 0.5
        or word.y0 < top - 0.5
        or word.y1 > bottom + 0.5
    )


def hanging_punctuation(word: Word) -> bool:
    """Like Word's default 允许标点溢出边界: one closing punctuation mark may hang."""
    return (
        word.text[-1] in HANGING
        and word.x0 >= AREA_LEFT - 0.5
        and word.x1 <= AREA_RIGHT + BODY_SIZE + 0.5
        and word.y0 >= PAGE_HEIGHT - AREA_TOP - 0.5
        and word.y1 <= PAGE_HEIGHT - AREA_BOTTOM + 0.5
    )


def test_text_stays_inside_the_gbt9704_type_area(demo, full2021):
    for result, _ in (demo, full2021):
        allowed = footer_tokens(result, result.pages)
        page_words = words(result.path)
        assert page_words
        for word in page_words:
            if not outside_area(word) or hanging_punctuation(word):
                continue
            in_footer = word.y0 > PAGE_HEIGHT - AREA_BOTTOM
            assert in_footer and word.text in allowed, word


def test_footer_footprint_the_extras_are_below_the_area_and_not_more(demo):
    result, _ = demo
    below = [w for w in words(result.path) if w.y0 > PAGE_HEIGHT - AREA_BOTTOM]
    assert {w.text for w in below} <= footer_tokens(result, result.pages)
    assert any(result.fingerprint in w.text for w in below)
    assert result.footer[0].startswith(f"电子文件指纹：{result.fingerprint}")
    assert result.footer[1] == "草稿：尚有 2 项错误未改正或说明，不作为正式报送件"


def test_page_numbers_outside_odd_right_even_left(demo):
    result, _ = demo
    numbers = [
        w
        for w in words(result.path)
        if w.text.isdigit() and w.y0 > PAGE_HEIGHT - AREA_BOTTOM and w.y1 < PAGE_HEIGHT - 56
    ]  # between the type area and the footer lines
    for page in range(1, result.pages + 1):
        (number,) = [w for w in numbers if w.page == page and w.text == str(page)]
        # the dashes' top is 7 mm below the type area: the number's box is roughly there
        assert 10 < number.y0 - (PAGE_HEIGHT - AREA_BOTTOM) < 30
        if page % 2:
            assert number.x1 > AREA_RIGHT - 60
        else:
            assert number.x0 < AREA_LEFT + 60


def test_body_paragraphs_are_indented_two_characters(demo):
    result, draft = demo
    first_line = squeeze(draft.texts["preface"])[:10]
    (word,) = [w for w in words(result.path) if w.text.startswith(first_line)]
    assert abs(word.x0 - (AREA_LEFT + 2 * BODY_SIZE)) < 1.5


# -- marks --------------------------------------------------------------------------------


def test_draft_mark_on_every_page_while_errors_remain(demo, library):
    result, draft = demo
    errors = unexplained_errors(check_draft(library.get(draft.form_id), draft), draft.explanations)
    assert errors and result.draft_mark and result.unexplained_errors == len(errors)
    reader = PdfReader(result.path)
    for page in reader.pages:
        text = page.extract_text()
        assert "草稿" in text
        assert f"尚有 {len(errors)} 项错误未改正或说明" in text


def test_final_print_has_no_draft_mark(full2021):
    result, _ = full2021
    assert not result.draft_mark and result.final
    for page in PdfReader(result.path).pages:
        assert "草稿" not in page.extract_text()


def test_explaining_the_errors_removes_the_draft_mark(library, tmp_path):
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    for finding in unexplained_errors(check_draft(form, draft), draft.explanations):
        draft.explanations[finding.rule] = "原报告如此，已向上级说明。"
    result = render_pdf(form, draft, tmp_path / "explained.pdf")
    assert not result.draft_mark
    assert "草稿" not in pdftotext(result.path)


def test_metadata_names_report_unit_and_form(demo, library):
    result, draft = demo
    meta = PdfReader(result.path).metadata
    assert meta.title == "信丰县2017年政府信息公开工作年度报告"
    assert meta.author == draft.unit
    assert meta.subject == library.get(draft.form_id).title


def test_fingerprint_in_footer_and_qr_code(demo):
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in the test extra")
    import subprocess

    from PIL import Image

    result, draft = demo
    assert re.fullmatch(r"[0-9a-f]{12}", result.fingerprint)
    out = result.path.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(result.path), str(out)],
        check=True,
    )
    (png,) = result.path.parent.glob(out.name + "*.png")
    codes = zxingcpp.read_barcodes(Image.open(png))
    assert [c.text for c in codes] == [
        f"GOVREPORT;form=pre2019;year=2017;unit={draft.unit};hash={result.fingerprint}"
    ]


# -- user text and seal ------------------------------------------------------------------------


def test_user_markup_prints_literally_and_line_breaks_make_paragraphs(library, tmp_path):
    form = library.get("2021")
    draft = filled_2021_draft(library)
    draft.texts["overall"] = '第一段包含<b>&<img src="x">字样。\n\n第二段 A<B & C>D。'
    draft.report["addressee"] = "<i>市政府</i>"
    result = render_pdf(form, draft, tmp_path / "markup.pdf")
    text = pdftotext(result.path)
    assert '第一段包含<b>&<img src="x">字样。' in text
    assert "第二段 A<B & C>D。" in text
    assert "<i>市政府</i>：" in text
    lines = [w for w in words(result.path) if w.text.startswith(("第一段", "第二段"))]
    assert len(lines) == 2
    for word in lines:  # each line of the text is its own indented paragraph
        assert abs(word.x0 - (AREA_LEFT + 2 * BODY_SIZE)) < 1.5


def test_seal_space_is_clear_and_over_issuer_and_date(demo):
    result, _ = demo
    seal = result.seal
    assert seal is not None and seal.diameter >= 45 * 72 / 25.4 - 0.1
    r = seal.diameter / 2
    cx, cy = seal.x, PAGE_HEIGHT - seal.y  # poppler measures from the top
    assert cx - r >= AREA_LEFT and cx + r <= AREA_RIGHT
    page_words = [w for w in words(result.path) if w.page == seal.page]
    inside = [
        w
        for w in page_words
        if math.dist(((w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2), (cx, cy)) < r
        and w.y1 < PAGE_HEIGHT - AREA_BOTTOM
        and w.text not in ("草", "稿", "草稿")  # the watermark lies under everything
    ]
    assert sorted(w.text for w in inside) == ["2018年2月12日", "信丰县人民政府办公室"]
    issuer = next(w for w in inside if w.text == "信丰县人民政府办公室")
    date = next(w for w in inside if w.text != issuer.text)
    assert issuer.y1 < date.y0  # issuer above the date
    assert (issuer.y0 + date.y1) / 2 > cy  # both a little below the seal's centre
    assert abs((date.x0 + date.x1) / 2 - cx) < 1  # seal centred on the date
    assert abs(date.x1 - (AREA_RIGHT - 4 * BODY_SIZE)) < 1  # 成文日期右空四字
    above = [w for w in page_words if w.y1 <= issuer.y0 and w.y0 > PAGE_HEIGHT - AREA_TOP - 1]
    last_text = max(w.y1 for w in above)
    seal_top = cy - r
    assert 0 <= seal_top - last_text <= 29  # the seal's top within one line of the text


def test_missing_date_leaves_blanks_to_fill_by_hand(library, tmp_path):
    draft = demo_draft(library)
    draft.report.pop("issue_date")
    draft.signatories["date"] = ""
    result = render_pdf(library.get(draft.form_id), draft, tmp_path / "nodate.pdf")
    assert "年月日" in raw_text(result.path)
    assert "填报日期：" in raw_text(result.path)


def test_signatory_date_becomes_the_official_date(library, tmp_path):
    draft = demo_draft(library)
    draft.report.pop("issue_date")  # signatories date is 2018.2.12
    result = render_pdf(library.get(draft.form_id), draft, tmp_path / "d.pdf")
    assert "信丰县人民政府办公室2018年2月12日" in raw_text(result.path)


def test_an_issue_date_that_does_not_exist_is_refused_not_printed(library, tmp_path):
    draft = demo_draft(library)
    draft.report["issue_date"] = "2023-02-30"
    with pytest.raises(GovreportError) as caught:
        render_pdf(library.get(draft.form_id), draft, tmp_path / "d.pdf")
    assert "「成文日期」“2023-02-30”不是有效的日期" in caught.value.message
    assert not (tmp_path / "d.pdf").exists()
