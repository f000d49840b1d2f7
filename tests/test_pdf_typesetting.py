"""The text block holds every body and title character; full pages have 22 lines; 禁则
hold across a font change; numbers are not broken (issue 12.4)."""

from __future__ import annotations

from itertools import pairwise

import pdfplumber
import pytest
from reportlab.lib.units import mm

from govreport_gui.core.samples import demo_draft
from govreport_gui.output.fontfinder import find_fonts
from govreport_gui.output.fonts import FontSet, Role, choose_fonts, register
from govreport_gui.output.layout import (
    AREA_HEIGHT,
    AREA_LEFT,
    AREA_WIDTH,
    BODY_SIZE,
    CANNOT_END,
    CANNOT_START,
    LINES_PER_PAGE,
    PAGE_HEIGHT,
    TITLE_SIZE,
    Para,
    Styles,
)
from govreport_gui.output.pdf import render_pdf
from tests.support.helpers import filled_2021_draft

TOP = 37 * mm  # from the top edge


def body_pages(path):
    """Per portrait page: the body/title characters (3号 and 2号), by line."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            if page.width > page.height:
                continue
            chars = [
                c
                for c in page.chars
                if abs(c["size"] - BODY_SIZE) < 0.1 or abs(c["size"] - TITLE_SIZE) < 0.1
            ]
            yield page.page_number, chars


@pytest.fixture(scope="module")
def printed(library, tmp_path_factory):
    folder = tmp_path_factory.mktemp("typeset")
    demo = demo_draft(library)
    paths = [render_pdf(library.get(demo.form_id), demo, folder / "demo.pdf").path]
    filled = filled_2021_draft(library)
    paths.append(render_pdf(library.get("2021"), filled, folder / "2021.pdf").path)
    return paths


def test_no_body_or_title_character_outside_the_text_block(printed):
    right = AREA_LEFT + AREA_WIDTH
    for path in printed:
        for number, chars in body_pages(path):
            outside = [
                (c["text"], round(c["x1"] / mm, 1))
                for c in chars
                if c["x0"] < AREA_LEFT - 0.01
                or c["x1"] > right + 0.01
                or c["top"] < TOP - 0.5
                or c["bottom"] > TOP + AREA_HEIGHT + 0.5
            ]
            assert outside == [], (path.name, number)


def test_a_page_that_ends_inside_a_paragraph_has_22_lines(printed):
    right = AREA_LEFT + AREA_WIDTH
    full = 0
    for path in printed:
        pages = list(body_pages(path))
        for (number, chars), (_, following) in pairwise(pages):
            body = [c for c in chars if abs(c["size"] - BODY_SIZE) < 0.1]
            titled = any(abs(c["size"] - TITLE_SIZE) < 0.1 for c in chars)
            if not body or not following or titled:
                continue
            lines = sorted({round(c["top"], 1) for c in body})
            last = [c for c in body if round(c["top"], 1) == lines[-1]]
            first_next = min(following, key=lambda c: (round(c["top"], 1), c["x0"]))
            indented = first_next["x0"] > AREA_LEFT + BODY_SIZE  # a new paragraph starts
            if max(c["x1"] for c in last) > right - BODY_SIZE and not indented:
                full += 1
                assert len(lines) == LINES_PER_PAGE, (path.name, number)
    assert full >= 3  # the demo has several pages of running text


def test_the_page_height_holds_exactly_22_lines():
    assert pytest.approx(AREA_HEIGHT) == AREA_HEIGHT / LINES_PER_PAGE * LINES_PER_PAGE
    assert PAGE_HEIGHT > AREA_HEIGHT


def mixed_lines(text: str, head: int) -> list[str]:
    """Lines of a body paragraph whose first ``head`` characters are in another font."""
    zen = register(next(f for f in find_fonts() if f.matches("WenQuanYi Zen Hei")))
    base = choose_fonts()
    fonts = FontSet({**base.roles, Role.KAI: zen}, find_fonts())
    styles = Styles.build(fonts)
    source = f'<font name="{zen.name}">{text[:head]}</font>{text[head:]}'
    para = Para(source, styles.body.clone("plain", firstLineIndent=0))
    para.wrap(AREA_WIDTH, 1000)
    lines = []
    for line in para.blPara.lines:
        if isinstance(line, tuple | list):  # one font: (free space, [text])
            assert line[0] >= -1e-6
            lines.append("".join(line[1]))
        else:
            assert line.currentWidth <= AREA_WIDTH + 1e-6
            lines.append("".join(w.text for w in line.words))
    return lines


@pytest.mark.parametrize("mark", list("《（“"))
def test_opening_marks_never_end_a_line_across_a_font_change(mark):
    text = "（一）强化组织领导。" + "一" * 17 + mark + "二" * 40
    lines = mixed_lines(text, 10)
    assert "".join(lines) == text
    assert not any(line.endswith(tuple(CANNOT_END)) for line in lines[:-1]), lines


@pytest.mark.parametrize("mark", list("、。，"))
def test_closing_marks_do_not_hang_into_the_margin(mark):
    text = "（一）强化组织领导。" + "一" * 18 + mark + "二" * 40
    lines = mixed_lines(text, 10)
    assert "".join(lines) == text
    assert not any(line.startswith(tuple(CANNOT_START)) for line in lines[1:]), lines
    assert len(lines[0]) == 27  # the character before the mark went down with it


def test_numbers_are_not_broken_across_lines():
    text = "一" * 27 + "2017年1月1日起" + "二" * 30  # "20" would still fit the first line
    lines = mixed_lines(text, 0)
    assert lines[0].endswith("一") and lines[1].startswith("2017年")


def test_a_paragraph_never_ends_with_one_character_alone():
    lines = mixed_lines("一" * 28 + "二", 0)  # 29 characters: 28 would fit the first line
    assert lines == ["一" * 27, "一二"]


def paragraph_lines(para) -> list[str]:
    out = []
    for line in para.blPara.lines:
        if isinstance(line, tuple | list):
            out.append("".join(line[1]))
        else:
            out.append("".join(w.text for w in line.words))
    return out


@pytest.mark.parametrize("table_id", ["t3", "t4"])
def test_table_three_labels_leave_no_character_alone(library, table_id):
    from govreport_gui.output.glyphs import GlyphMapper
    from govreport_gui.output.tables import BlockTable, print_table

    form = library.get("2021")
    fonts = choose_fonts()
    printed = print_table(
        form,
        form.table(table_id),
        filled_2021_draft(library),
        Styles.build(fonts),
        GlyphMapper(fonts),
    )
    checked = 0
    for block in (f for f in printed.flowables if isinstance(f, BlockTable)):
        block.wrap(AREA_WIDTH, 10_000)
        cells = [c for row in block.spec.header + block.spec.lines for c in row]
        cells += [label for *_, label in block.spec.groups]
        for cell in cells:
            if isinstance(cell, Para.__mro__[1]) and hasattr(cell, "blPara"):
                lines = paragraph_lines(cell)
                if len(lines) > 1:
                    checked += 1
                    assert len(lines[-1].strip()) > 1, lines
    assert checked > 3


def label_starts(path, size: float = 12) -> dict[str, float]:
    """Row label (first 6 characters) → where its first character starts, table pages."""
    starts: dict[str, float] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines: dict[int, list] = {}
            for c in page.chars:
                if abs(c["size"] - size) < 0.1:
                    lines.setdefault(round(c["top"]), []).append(c)
            for chars in lines.values():
                chars.sort(key=lambda c: c["x0"])
                starts.setdefault("".join(c["text"] for c in chars)[:6], chars[0]["x0"])
    return starts


def test_table_labels_line_up_as_their_levels_say(printed):
    demo = next(p for p in printed if p.name == "demo.pdf")
    starts = label_starts(demo)
    em = 12
    # 其中 items under the word after 「其中：」
    assert starts["涉及商业秘密"] == pytest.approx(starts["其中：涉及国"] + 3 * em)
    # 「1.」 one character in from its parent 「（一）」, whose bracket's empty half is taken back
    assert starts["1.当面申请"] - starts["（一）收到申"] == pytest.approx(1.5 * em)


def test_short_headers_and_group_labels_wrap_between_words():
    from govreport_gui.output.tables import _pairs

    assert _pairs("商业企业") == ["商业", "企业"]
    assert _pairs("社会公益组织") == ["社会", "公益", "组织"]
    assert _pairs("三、本年度办理结果") == ["三、", "本年度", "办理", "结果"]
    assert _pairs("（三）不予公开") == ["（三）", "不予", "公开"]
    assert _pairs("自然人") == [] and _pairs("四、结转下年度继续办理") == []
