"""Half-width punctuation in Chinese text (PUNCT): what is found, what is left alone, the fix."""

from __future__ import annotations

import pytest

from govreport_gui.core.checks import check_draft, run_checks
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.punctuation import half_width_marks, to_full_width
from govreport_gui.core.rules import Severity
from govreport_gui.core.samples import demo_draft


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("坚持以公开为常态,不公开为例外", "坚持以公开为常态，不公开为例外"),
        ("各乡(镇)政府", "各乡（镇）政府"),
        ("主要表现在:一是思想上不够重视", "主要表现在：一是思想上不够重视"),
        ("公开及时;解读到位", "公开及时；解读到位"),
        ("2017年, 各乡镇", "2017年， 各乡镇"),  # only the mark changes, not the space
        ("(一)强化组织领导", "（一）强化组织领导"),
        ("议(提)案", "议（提）案"),
    ],
)
def test_half_width_marks_in_chinese_text_are_found_and_fixed(text: str, fixed: str) -> None:
    assert half_width_marks(text)
    assert to_full_width(text) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "网址为www.xinfeng.gov.cn/xxgk/index.html;",  # URL (the ; follows Latin text)
        "详见http://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm",
        "电子邮箱:xxgk@xinfeng.gov.cn",  # e-mail (the colon before it is Chinese)
        "收费金额为1,234,567.89元",  # thousands separators and decimals
        "受理时间为09:30至17:30",  # times
        "咨询电话(0797)3312345",  # a phone number's area code
        "咨询电话0797-1234567",
        "江西省信丰县嘉定镇(341600)",  # a post code
        "依据GB/T 15834-2011 (Punctuation marks), see p. 3; ok",  # Latin-script text
    ],
)
def test_exceptions_are_left_alone(text: str) -> None:
    kept = {
        "电子邮箱:xxgk@xinfeng.gov.cn": "电子邮箱：xxgk@xinfeng.gov.cn",
    }
    assert to_full_width(text) == kept.get(text, text)


def test_a_url_followed_by_chinese_keeps_the_url_and_fixes_the_comma() -> None:
    text = "网址www.xinfeng.gov.cn,欢迎访问"
    assert to_full_width(text) == "网址www.xinfeng.gov.cn，欢迎访问"


def test_the_fix_changes_nothing_but_the_marks(library: FormLibrary) -> None:
    draft = demo_draft(library)
    for text in draft.texts.values():
        fixed = to_full_width(text)
        assert len(fixed) == len(text)
        changed = [(a, b) for a, b in zip(text, fixed, strict=True) if a != b]
        assert all(a in ",;:()" and b in "，；：（）" for a, b in changed)
        assert half_width_marks(fixed) == ()


def test_the_finding_names_the_section_and_quotes_a_short_context(library: FormLibrary) -> None:
    form = library.get("2021")
    texts = {"overall": "本机关坚持以公开为常态,不公开为例外,全面推进。", "other": "无。"}
    (found,) = [f for f in run_checks(form, {}, None, texts) if f.rule.startswith("PUNCT")]
    assert (found.rule, found.section, found.severity) == (
        "PUNCT[overall]",
        "overall",
        Severity.WARNING,
    )
    assert found.message.startswith("「一、总体情况」有 2 处半角的逗号、括号、冒号或分号")
    assert "“…坚持以公开为常态,不公开为例外,全…”" in found.message


def test_the_demo_text_has_many(library: FormLibrary) -> None:
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    sections = {f.section for f in check_draft(form, draft) if f.rule.startswith("PUNCT")}
    assert {"preface", "overview", "active", "problems"} <= sections
