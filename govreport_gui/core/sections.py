"""The narrative of a report read from a file: its title, and each section under its heading.

A published report prints the form's section headings (一、总体情况 …); the text of a
section is every paragraph after its heading up to the next heading of the form. Headings
are found in the form's order, so a 「一、」 inside a section's text does not start a new
one, and sub-headings written 「（一）」 are text. On a web page the report is one article
among menus and footers: only paragraphs in the container that holds the headings count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .document import Document, Grid, Paragraph, tidy_text
from .draft import SIGNATORIES
from .labels import label_key
from .model import Form, Section
from .values import normalise_text

_NUMERAL = re.compile(r"^([一二三四五六七八九十]+)[、.,]")
_DATE = (
    re.compile(  # 「2024年1月20日」, 「二〇二四年一月二十日」, or 「年　月　日」 to fill in by hand
        r"^([0-9〇零一二三四五六七八九]{4})?年([0-9一二三四五六七八九十]{1,3})?月"
        r"([0-9一二三四五六七八九十]{1,3})?日$"
    )
)
MAX_ISSUER_CHARS = 30
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
# 「…统计表（2017年度）」: a table's or attachment's title with its year after it
_YEAR_TAIL = re.compile(r"[（(]\s*(?:19|20)[0-9]{2}\s*年度?\s*[）)]$")
MAX_HEADING_CHARS = 40
_REPORT_WORDS = ("年度报告", "工作报告", "年报")


def report_title(doc: Document) -> str:
    """The report's title line: the first paragraph or table title naming a 年度报告."""
    candidates = [p.text for p in doc.paragraphs[:60]]
    candidates += [_title_row(g) for g in doc.grids[:3]]
    candidates.append(doc.title)
    for text in candidates:
        if (
            any(w in text for w in _REPORT_WORDS)
            and "政府信息公开" in text
            and _YEAR.search(normalise_text(text))
        ):
            return " ".join(text.split())
    return ""


def _title_row(grid: Grid) -> str:
    """A sheet's title: the first of its top rows holding one text only."""
    for row in grid.texts[:3]:
        filled = {t for t in row if t.strip()}
        if len(filled) == 1:
            return filled.pop()
    return ""


def title_year(title: str) -> int | None:
    found = _YEAR.search(normalise_text(title))
    return int(found.group(1)) if found else None


def title_unit(title: str) -> str:
    """Who reports: the words before the year in 「XX县人民政府2021年政府信息公开工作年度报告」."""
    folded = normalise_text(title)
    found = _YEAR.search(folded)
    if not found:
        return ""
    unit = folded[: found.start()].strip("《》“”\"'：:，,")
    return unit.removeprefix("关于").strip()


_UNIT_LINE = re.compile(r"填报单位(?:[（(]盖章[）)])?[：:][\s\u3000]*([^\s\u3000]+)")


def unit_line(doc: Document) -> str:
    """The unit named on a 「填报单位（盖章）：…」 line (an attachment's or a sheet's)."""
    texts = [p.text for p in doc.paragraphs] + [
        t for g in doc.grids for r in g.texts[:3] for t in r
    ]
    for text in texts:
        found = _UNIT_LINE.search(text)
        if found:
            return found.group(1)
    return ""


def read_sections(form: Form, doc: Document) -> tuple[dict[str, str], dict[str, str]]:
    """Texts of the form's narrative sections by section id (those not found are absent),
    and the sign-off after the last one (落款单位 ``issuer``, 成文日期 ``issue_date``)."""
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    headings = _headings(form.sections, paragraphs)
    if not headings:
        return {}, {}
    scope = _common_scope([paragraphs[i].scope[:-1] for i, _ in headings])
    paragraphs = [p for p in paragraphs if p.scope[: len(scope)] == scope]
    headings = _headings(form.sections, paragraphs)
    paragraphs, sign_off = _sign_off(paragraphs)
    starts = [i for i, _ in headings]
    texts: dict[str, str] = {}
    for k, (i, section) in enumerate(headings):
        if not section.has_text:
            continue
        stop = starts[k + 1] if k + 1 < len(starts) else len(paragraphs)
        texts[section.id] = _join(paragraphs[i + 1 : stop])
    preface = next((s for s in form.sections if s.has_text and not s.print_title), None)
    if preface is not None:
        title = report_title(doc)
        first = next((i for i, p in enumerate(paragraphs) if title and _same(p.text, title)), -1)
        lead = paragraphs[first + 1 : starts[0]]
        if lead and len(lead[0].text) <= MAX_ISSUER_CHARS and lead[0].text.endswith(("：", ":")):
            sign_off["addressee"] = lead[0].text.rstrip("：:")  # 主送机关
            lead = lead[1:]
        texts[preface.id] = _join(lead)
    return {key: text for key, text in texts.items() if text}, sign_off


def _sign_off(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], dict[str, str]]:
    """A report ends with who issues it, the date and the signatory lines; those are
    not the last section's text."""
    found: dict[str, str] = {}
    while paragraphs and _signatory_line(paragraphs[-1].text):
        paragraphs = paragraphs[:-1]
    date = _DATE.match(normalise_text(paragraphs[-1].text)) if paragraphs else None
    if date:
        if all(date.groups()):
            found["issue_date"] = date.group(0)
        paragraphs = paragraphs[:-1]
        last = paragraphs[-1].text.strip() if paragraphs else ""
        if last and len(last) <= MAX_ISSUER_CHARS and last[-1] not in "。；;.:：，,":
            found["issuer"] = last
            paragraphs = paragraphs[:-1]
    return paragraphs, found


def _signatory_line(text: str) -> bool:
    """「单位负责人：王某 填报人：李某 …」, or one such 「填报人：李某」 on a line of its own."""
    labels = SIGNATORIES.values()
    found = sum(f"{label}：" in text or f"{label}:" in text for label in labels)
    alone = any(text.startswith((f"{label}：", f"{label}:")) for label in labels)
    return found >= 2 or (alone and len(text) <= MAX_ISSUER_CHARS)


def signatories_in(doc: Document) -> dict[str, str]:
    """Names on the signatory lines, in paragraphs or a table's cells (blank lines to sign
    on read as empty)."""
    texts = [p.text for p in doc.paragraphs]
    texts += [" ".join(dict.fromkeys(row)) for g in doc.grids for row in g.texts]
    found: dict[str, str] = {}
    for text in texts:
        if not _signatory_line(text):
            continue
        for key, label in SIGNATORIES.items():
            match = re.search(rf"{label}[：:][ \u3000]?([^\s＿_：:]*)", text)
            if match:
                found[key] = match.group(1)
    return found


def _headings(
    sections: Sequence[Section], paragraphs: list[Paragraph]
) -> list[tuple[int, Section]]:
    """(paragraph index, section) of each heading found, in the form's order."""
    titled = [s for s in sections if s.print_title]
    found: list[tuple[int, Section]] = []
    next_section = 0
    for i, paragraph in enumerate(paragraphs):
        text = paragraph.text.strip()
        if len(text) > MAX_HEADING_CHARS:
            continue
        for k in range(next_section, len(titled)):
            if _is_heading(text, titled[k].title):
                found.append((i, titled[k]))
                next_section = k + 1
                break
    return found


def _is_heading(text: str, title: str) -> bool:
    """Same words, or the same 「三、」 numeral and one wording inside the other (the 2019
    format's 「五、政府信息公开工作存在的主要问题及改进情况」 printed as 2021's)."""
    if label_key(text) == label_key(title):
        return True
    untitled = _YEAR_TAIL.sub("", normalise_text(text).strip())
    if untitled != text and label_key(untitled) == label_key(title):
        return True
    mine, theirs = _NUMERAL.match(normalise_text(text)), _NUMERAL.match(normalise_text(title))
    if not (mine and theirs and mine.group(1) == theirs.group(1)):
        return False
    body, wanted = label_key(text[mine.end() :]), label_key(title[theirs.end() :])
    return len(body) >= 4 and (body in wanted or wanted in body)


def _same(text: str, title: str) -> bool:
    return label_key(text) == label_key(title)


def _common_scope(scopes: list[tuple[int, ...]]) -> tuple[int, ...]:
    first = scopes[0]
    n = len(first)
    for scope in scopes[1:]:
        n = min(n, len(scope))
        while n and scope[:n] != first[:n]:
            n -= 1
    return first[:n]


def _join(paragraphs: Sequence[Paragraph]) -> str:
    return "\n".join(text for text in (tidy_text(p.text) for p in paragraphs) if text)
