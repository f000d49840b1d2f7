"""The title breaks between words, balanced (GB/T 9704 §7.3.1), and keeps a typed newline."""

from __future__ import annotations

import pytest

from govreport_gui.core.draft import new_draft
from govreport_gui.output.fonts import Role, choose_fonts
from govreport_gui.output.layout import AREA_WIDTH, TITLE_SIZE
from govreport_gui.output.pdf import render_pdf
from govreport_gui.output.titlebreak import title_lines
from tests.support.pdf_support import pdftotext

REPORT = "政府信息公开工作年度报告"
#: Twenty realistic unit names, each with the words of it a line must not split.
UNITS = {
    "某某市某某区人民政府办公室": ("某某市", "某某区", "人民政府", "办公室"),
    "信丰县人民政府办公室": ("信丰县", "人民政府", "办公室"),
    "某某县市场监督管理局": ("某某县", "市场监督管理局"),
    "北京市西城区住房和城乡建设委员会": ("北京市", "西城区", "住房和城乡建设委员会"),
    "内蒙古自治区鄂尔多斯市伊金霍洛旗人民政府办公室": (
        "内蒙古自治区", "鄂尔多斯市", "伊金霍洛旗", "人民政府", "办公室",
    ),
    "双江拉祜族佤族布朗族傣族自治县人民政府办公室": (
        "双江拉祜族佤族布朗族傣族自治县", "人民政府", "办公室",
    ),
    "某某市某某区某某街道办事处": ("某某市", "某某区", "街道办事处"),
    "某某县城乡规划局": ("某某县", "城乡规划局"),
    "某某市城市管理综合执法局": ("某某市", "城市管理综合执法局"),
    "某某县人力资源和社会保障局": ("某某县", "人力资源和社会保障局"),
    "某某自治州某某县某某镇人民政府": ("某某自治州", "某某县", "某某镇", "人民政府"),
    "广州市天河区发展和改革局": ("广州市", "天河区", "发展和改革局"),
    "某某市经济技术开发区管理委员会": ("某某市", "经济技术开发区", "管理委员会"),
    "杭州市余杭区卫生健康局": ("杭州市", "余杭区", "卫生健康局"),
    "某某县农业农村局": ("某某县", "农业农村局"),
    "某某市生态环境局某某分局": ("某某市", "生态环境局", "某某分局"),
    "上海市浦东新区人民政府办公室": ("上海市", "浦东新区", "人民政府", "办公室"),
    "某某县退役军人事务局": ("某某县", "退役军人事务局"),
    "某某市公安局交通警察支队": ("某某市", "公安局", "交通警察支队"),
    "新疆维吾尔自治区伊犁哈萨克自治州霍城县人民政府": (
        "新疆维吾尔自治区", "伊犁哈萨克自治州", "霍城县", "人民政府",
    ),
}  # fmt: skip
TITLE_WORDS = ("2020年", "政府信息公开", "工作", "年度", "报告")


@pytest.fixture(scope="module")
def width():
    font = choose_fonts()[Role.TITLE]
    fonts = choose_fonts()
    return lambda text: fonts.width(text, font, TITLE_SIZE)


def split_words(lines: list[str], words: tuple[str, ...]) -> list[str]:
    """The words that a line break falls inside."""
    text = "".join(lines)
    cuts = set()
    pos = 0
    for line in lines[:-1]:
        pos += len(line)
        cuts.add(pos)
    broken = []
    for word in words:
        start = text.find(word)
        assert start >= 0, word
        if any(start < cut < start + len(word) for cut in cuts):
            broken.append(word)
    return broken


@pytest.mark.parametrize("unit", list(UNITS))
def test_titles_break_only_between_words(unit, width):
    title = f"{unit}2020年{REPORT}"
    lines = title_lines(title, width, AREA_WIDTH, TITLE_SIZE)
    assert "".join(lines) == title
    assert all(width(line) <= AREA_WIDTH for line in lines)
    assert len(lines) == 2  # each of these fits two lines
    assert split_words(lines, UNITS[unit] + TITLE_WORDS) == []


def test_a_short_unit_gets_balanced_lines(width):
    lines = title_lines(f"信丰县人民政府办公室2020年{REPORT}", width, AREA_WIDTH, TITLE_SIZE)
    assert lines == ["信丰县人民政府办公室2020年", REPORT]
    long = title_lines(f"某某市某某区人民政府办公室2020年{REPORT}", width, AREA_WIDTH, TITLE_SIZE)
    assert long == ["某某市某某区人民政府办公室", f"2020年{REPORT}"]


def test_a_typed_newline_in_the_title_is_kept(library, tmp_path):
    form = library.get("2021")
    draft = new_draft(form, 2023, "信丰县人民政府办公室")
    draft.report["title"] = "信丰县人民政府办公室\n2023年政府信息公开工作年度报告"
    result = render_pdf(form, draft, tmp_path / "t.pdf")
    lines = pdftotext(result.path, "-raw").splitlines()
    at = lines.index("信丰县人民政府办公室")
    assert lines[at + 1] == "2023年政府信息公开工作年度报告"


def test_without_xiaobiaosong_the_title_is_in_the_ming_face(library, tmp_path):
    # this PC has AR PL UMing (明体) and WenQuanYi Zen Hei (黑体) and no 小标宋
    import pdfplumber

    form = library.get("2021")
    draft = new_draft(form, 2023, "信丰县人民政府办公室")
    result = render_pdf(form, draft, tmp_path / "ming.pdf")
    with pdfplumber.open(result.path) as pdf:
        title = [c for c in pdf.pages[0].chars if c["size"] == TITLE_SIZE]
    assert title and {c["fontname"].partition("+")[2] for c in title} == {"UMingCN-0"}
