"""Breaking the report title into lines the way GB/T 9704 §7.3.1 asks: words kept whole.

A title too long for one line (22 pt, 20 characters a line) is broken only between
words (词意完整), and its lines are balanced (梯形 or 菱形). The words of a title are
found without a dictionary of every unit: known words of government names and of the
report's name (人民政府, 办公室, 市场监督管理局, 政府信息公开, 工作, 年度, 报告 …) are
matched longest first, the year (2020年) is one word, a run of other characters ending
in a place suffix (某某市, 伊金霍洛旗) is a place name, and any other run stays whole.
Where the break goes is scored: between the unit and the year is best, then after the
year, then between the words of the unit's name, and last inside the report's name.
A newline the clerk typed into 报告标题 is always a break. Pure Python: the caller says
how wide a text is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

#: Words of government bodies, matched longest first (they hold 市, 区, 乡 … that are not
#: place suffixes here: 市场, 城乡, 城区).
ORG_WORDS = (
    "人民代表大会常务委员会", "人民政府", "办公室", "办公厅", "街道办事处", "办事处", "委员会",
    "管理委员会", "市场监督管理局", "市场监管局", "住房和城乡建设局", "住房和城乡建设委员会",
    "发展和改革委员会", "发展和改革局", "生态环境局", "自然资源局", "自然资源和规划局",
    "卫生健康委员会", "卫生健康局", "人力资源和社会保障局", "农业农村局", "交通运输局",
    "文化广电旅游局", "文化和旅游局", "文化广电体育和旅游局", "应急管理局", "医疗保障局",
    "退役军人事务局", "教育局", "教育体育局", "公安局", "民政局", "司法局", "财政局",
    "审计局", "统计局", "水利局", "水务局", "商务局", "林业局", "林业和草原局", "城市管理局",
    "城市管理综合执法局", "综合行政执法局", "行政审批局", "行政审批服务局",
    "政务服务数据管理局", "政务服务中心", "数据资源管理局", "经济技术开发区",
    "高新技术产业开发区", "工业园区", "管委会", "工业和信息化局", "科学技术局",
    "税务局", "供销合作社联合社", "社区居民委员会", "村民委员会",
)  # fmt: skip
#: Words of the report's own name.
REPORT_WORDS = ("政府信息公开", "信息公开", "工作", "年度", "报告", "年报", "情况", "关于", "的")
PLACE_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "街道", "省", "市", "区",
    "县", "旗", "州", "盟", "镇", "乡",
)  # fmt: skip
#: Pairs that look like "place suffix + next" but are one word: no break after the suffix.
BOUND = ("市场", "区域", "县域", "乡村", "镇村", "城乡", "城市", "城区", "社区", "园区", "地区")
_YEAR = re.compile(r"\d{4}\s*年度?")


@dataclass(frozen=True)
class Token:
    text: str
    kind: str  # year, report, org, place, other


#: What a break between two kinds of word costs (the lower, the better the break).
def _break_cost(left: Token, right: Token) -> float:
    if right.kind == "year":
        return 0.0  # 某某县人民政府办公室 / 2020年政府信息公开工作年度报告
    if left.kind == "year":
        return 1.0  # 某某县人民政府办公室2020年 / 政府信息公开工作年度报告
    if left.kind == "report" and right.kind == "report":
        if left.text == "年度" and right.text == "报告":
            return 8.0  # 年度报告 is read as one word
        return 4.0
    if "report" in (left.kind, right.kind):
        return 5.0
    return 2.0  # between the words of the unit's name


def _longest(text: str, i: int, words: tuple[str, ...]) -> str:
    return max((w for w in words if text.startswith(w, i)), key=len, default="")


def tokens(text: str) -> list[Token]:
    """The words of a title line, in order; joined they give ``text`` back."""
    result: list[Token] = []
    run = ""

    def flush(kind: str = "other") -> None:
        nonlocal run
        if run:
            result.append(Token(run, kind))
            run = ""

    i = 0
    while i < len(text):
        year = _YEAR.match(text, i)
        word = _longest(text, i, ORG_WORDS) or _longest(text, i, REPORT_WORDS)
        if year or word:
            flush()
            found = year.group() if year else word
            kind = "year" if year else ("org" if word in ORG_WORDS else "report")
            result.append(Token(found, kind))
            i += len(found)
            continue
        run += text[i]
        i += 1
        suffix = next((s for s in PLACE_SUFFIXES if run.endswith(s) and len(run) > len(s)), "")
        bound = text[i - 1 : i + 1] in BOUND or run[-2:] in BOUND
        named = text[i : i + 1] in ("省", "市", "县", "区")  # 广州市, 湖州市: 州 is in the name
        if suffix and not bound and not named:
            flush("place")
    flush()
    return result


def _splits(count: int, max_lines: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut ``count`` tokens into at most ``max_lines`` lines (cut positions)."""
    for lines in range(1, min(count, max_lines) + 1):
        yield from _choose(1, count, lines - 1)


def _choose(start: int, stop: int, k: int) -> Iterator[tuple[int, ...]]:
    if k == 0:
        yield ()
        return
    for cut in range(start, stop - k + 1):
        for rest in _choose(cut + 1, stop, k - 1):
            yield (cut, *rest)


def _shape_cost(widths: list[float], em: float) -> float:
    """Balance: a 2-line title as even as may be; 3 lines a trapezoid or a diamond."""
    if len(widths) == 1:
        return 0.0
    spread = (max(widths) - min(widths)) / em
    if len(widths) >= 3:
        middle = widths[1:-1]
        diamond = min(middle) >= max(widths[0], widths[-1])
        monotone = widths == sorted(widths) or widths == sorted(widths, reverse=True)
        if not (diamond or monotone):
            spread += 6
    return spread * 0.5


def break_line(text: str, width: Callable[[str], float], available: float, em: float) -> list[str]:
    """``text`` cut between words into the fewest lines that fit, best balanced."""
    if width(text) <= available:
        return [text]
    words = tokens(text)
    best: tuple[float, list[str]] | None = None
    for cuts in _splits(len(words), 4):
        bounds = [0, *cuts, len(words)]
        lines = ["".join(t.text for t in words[a:b]) for a, b in pairwise(bounds)]
        widths = [width(line) for line in lines]
        if max(widths) > available:
            continue
        cost = 100 * len(lines) + _shape_cost(widths, em)
        cost += sum(_break_cost(words[c - 1], words[c]) for c in cuts)
        if best is None or cost < best[0]:
            best = (cost, lines)
    return best[1] if best else [text]  # a word wider than the line: let the paragraph wrap it


def title_lines(
    title: str, width: Callable[[str], float], available: float, em: float
) -> list[str]:
    """The printed lines of a title: the clerk's own line breaks, each line broken at words."""
    lines: list[str] = []
    for line in title.splitlines():
        line = line.strip(" \t\u3000")
        if line:
            lines += break_line(line, width, available, em)
    return lines
