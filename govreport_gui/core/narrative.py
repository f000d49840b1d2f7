"""Numbers stated in the narrative, compared with the table cells they describe.

What a sentence must say to be about a cell (phrases, units, the cell or sum of cells)
is declared per format in ``forms/*.toml`` (``[[narrative]]``, see ``forms/README.md``);
this module only reads numbers. It is built for zero false alarms: a number is compared
only within its clause (between ，。；：), only with the right unit, never when it is a
year, date, percentage, phone number, ordinal, approximation (近、余、多) or inside
brackets, quotes or titles, and a number that some matching statement agrees with is
never reported. Zero written without a digit (「未收到…申请」「无…事项」) is a claim of 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .punctuation import FULL_WIDTH

#: Half-width punctuation as written in copies of reports, folded before matching.
_HALF_WIDTH = (*FULL_WIDTH.items(), ("!", "！"), ("?", "？"), ("\n", "。"))
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
_DIGITS = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}(?!\d))")  # the comma first: fast to scan for
_BLANKS = (" ", "\t", "\u3000", "\u00a0", "\r")
_CLAUSE_MARKS = "，。；：！？"
_OPENING, _CLOSING = "（《“「【‘〔", "）》”」】’〕"
_BRACKETED = re.compile(r"（[^（）]*）?")
_NUMERALS = "零〇一二两三四五六七八九十百千"
#: Characters that make a Chinese numeral part of a word (统一, 唯一, 每一, 第一…).
_NUMERAL_WORD_BEFORE = "第每统同唯单之逐专划其万任某"
#: A unit followed by one of these is part of a word (一件事, 一次性, 一条龙).
_UNIT_WORD_AFTER = "事性龙化体"
_APPROXIMATE_BEFORE = ("近", "约", "超过", "超", "逾", "第", "-", "—", "+", "~", "～", "/")
_APPROXIMATE_NUMERAL_BEFORE = ("上", "数", "几", "好")
_NEGATION = re.compile(r"未|没有|无|不存在")
#: Words that begin with a negation but do not deny a count (无法提供, 未经复议…).
_NOT_NEGATION = (
    "无法", "无正当", "无需", "无论", "无误", "无偿", "无关", "未按", "未经", "未达",
    "未及时", "未能", "没有现成", "未予", "无条件", "未完成", "无锡", "无为", "无棣", "无极",
    "无纸", "无缝", "无差别", "无障碍", "无证明", "无死角", "无盲区", "无遗漏", "无延误",
    "无一", "无疑", "无私", "无限", "无形", "未来", "未成年", "未雨绸缪", "未尽",
)  # fmt: skip


@dataclass(frozen=True)
class Statement:
    """One ``[[narrative]]`` entry: what a clause must say to state ``cells``' sum."""

    id: str
    label: str  # how the message names the table figure, e.g. 表三 一、本年新收 总计
    cells: tuple[str, ...]
    units: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]  # every group must have one phrase in the context
    exclude: tuple[str, ...] = ()
    zero: bool = True  # 「未收到…」 written without a digit states 0
    # one regular expression per group: matching runs for every number of every text
    _groups: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _exclude: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_groups", tuple(_any_of(group) for group in self.phrases))
        object.__setattr__(self, "_exclude", _any_of(self.exclude) if self.exclude else None)

    def matches(self, context: str) -> bool:
        if not all(group.search(context) for group in self._groups):
            return False
        return self._exclude is None or self._exclude.search(context) is None


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


@dataclass(frozen=True)
class Claim:
    """A number the text states, with the statements (by index) it may be about."""

    number: int | Decimal
    quote: str  # the words around the number, as the message quotes them
    about: tuple[int, ...]


def normalise(text: str) -> str:
    """Fold full-width digits and half-width punctuation; drop thousands separators, spaces."""
    if "," in text:
        text = _THOUSANDS.sub("", text)
    for half, full in _HALF_WIDTH:
        if half in text:
            text = text.replace(half, full)
    if any(digit in text for digit in _FULL_WIDTH_DIGITS):
        text = text.translate(_DIGITS)
    for blank in _BLANKS:  # str.replace: much faster than a regular expression here
        if blank in text:
            text = text.replace(blank, "")
    return text


def chinese_number(text: str) -> int | None:
    """「五」 5, 「十二」 12, 「一百零三」 103, 「两千」 2000; None if not a plain numeral."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    scales = {"十": 10, "百": 100, "千": 1000}
    total, current = 0, None
    for ch in text:
        if ch in digits:
            if current is not None and current > 0 and text[-1] not in scales:
                return None  # 「一二」: a list, not a number
            current = digits[ch]
        elif ch in scales:
            total += (1 if current is None else current) * scales[ch]
            current = None
        else:
            return None
    return total + (current or 0)


def _number_pattern(units: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(units, key=len, reverse=True)
    unit = "|".join(map(re.escape, ordered))
    # a character class first: much faster to scan for than an alternation
    return re.compile(rf"([0-9{_NUMERALS}][0-9.{_NUMERALS}]*)({unit})")


def _in_brackets(clause: str, at: int) -> bool:
    """Whether ``at`` is inside （…）, 《…》, “…” and the like (counted, not scanned)."""
    opened = sum(clause.count(mark, 0, at) for mark in _OPENING)
    return opened > sum(clause.count(mark, 0, at) for mark in _CLOSING)


_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _value(raw: str, unit: str, money: frozenset[str]) -> int | Decimal | None:
    if raw[0].isdigit():
        if not _ARABIC.fullmatch(raw):
            return None  # 1.2.3, or digits and numerals mixed
        if "." in raw:
            return Decimal(raw) if unit in money else None
        return int(raw)
    return chinese_number(raw)


def _is_counted(clause: str, start: int, end: int, raw: str) -> bool:
    """Not a year, date, ordinal, approximation, phone number or word (一件事)."""
    before = clause[:start]
    if before.endswith(_APPROXIMATE_BEFORE) or clause[end : end + 1] in ("余", "多"):
        return False
    if end < len(clause) and clause[end] in _UNIT_WORD_AFTER:
        return False
    if raw[0].isdigit():
        return not before[-1:].isascii() or not before[-1:].isalnum()
    return not before.endswith(_APPROXIMATE_NUMERAL_BEFORE) and not (
        before[-1:] and before[-1] in _NUMERAL_WORD_BEFORE
    )


def _tail(clause: str, end: int, next_start: int) -> str:
    """Words after the unit that still belong to the number (收到8份…申请)."""
    tail = clause[end:next_start]
    cut = tail.find("、")
    tail = tail if cut < 0 else tail[:cut]
    return _BRACKETED.sub("", tail)  # 「1件(已办结)」: a note on the number, not its subject


class NarrativeReader:
    """Reads the numbers of texts for one form's statements; remembers recent texts.

    The checks run on every keystroke, mostly with the texts unchanged: a text is read
    once, and then each statement's claims are a dictionary lookup.
    """

    CACHED_TEXTS = 64

    def __init__(self, statements: tuple[Statement, ...], money: frozenset[str]) -> None:
        self.statements = statements
        self.money = money
        units = frozenset().union(*(s.units for s in statements)) if statements else frozenset()
        self._pattern = _number_pattern(units) if units else None
        self._read: dict[str, dict[int, list[Claim]]] = {}

    def claims(self, text: str) -> tuple[Claim, ...]:
        """Every number (or zero in words) in ``text`` that some statement may be about."""
        if self._pattern is None or not text:
            return ()
        return tuple(_claims(normalise(text), self._pattern, self.statements, self.money))

    def forget(self) -> None:
        """Read every text afresh (benchmarks of the first check after typing in a text)."""
        self._read.clear()

    def claims_about(self, text: str, index: int) -> list[Claim]:
        """The claims of ``text`` that statement ``index`` may be about."""
        by_statement = self._read.get(text)
        if by_statement is None:
            by_statement = {}
            for claim in self.claims(text):
                for n in claim.about:
                    by_statement.setdefault(n, []).append(claim)
            if len(self._read) >= self.CACHED_TEXTS:
                self._read.pop(next(iter(self._read)))
            self._read[text] = by_statement
        return by_statement.get(index, [])


def _claims(
    text: str, pattern: re.Pattern[str], statements: tuple[Statement, ...], money: frozenset[str]
) -> list[Claim]:
    """Only clauses holding a count or a negation are looked at (most hold neither)."""
    wanted = sorted(
        {m.start() for m in pattern.finditer(text)} | {m.start() for m in _NEGATION.finditer(text)}
    )
    found: list[Claim] = []
    end = -1
    for at in wanted:
        if at < end:
            continue  # in the clause just read
        start = max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1
        ends = [i for i in (text.find(mark, at) for mark in _CLAUSE_MARKS) if i >= 0]
        end = min(ends, default=len(text))
        found.extend(_clause_claims(text[start:end], pattern, statements, money))
    return found


def _clause_claims(
    clause: str, pattern: re.Pattern[str], statements: tuple[Statement, ...], money: frozenset[str]
) -> list[Claim]:
    tokens = list(pattern.finditer(clause))
    found: list[Claim] = []
    previous_end = 0
    for i, token in enumerate(tokens):
        start, end = token.span()
        lead_start, previous_end = previous_end, end
        raw, unit = token.group(1), token.group(2)
        if _in_brackets(clause, start) or not _is_counted(clause, start, end, raw):
            continue
        number = _value(raw, unit, money)
        if number is None:
            continue
        next_start = tokens[i + 1].start() if i + 1 < len(tokens) else len(clause)
        tail = _tail(clause, end, next_start)
        context = clause[lead_start:start] + tail
        about = tuple(n for n, s in enumerate(statements) if unit in s.units and s.matches(context))
        if about:
            quote = (clause[lead_start:end] + tail).lstrip("、")
            found.append(Claim(number, _shorten(quote), about))
    if not tokens:
        found.extend(_zero_claims(clause, statements))
    return found


def _zero_claims(clause: str, statements: tuple[Statement, ...]) -> list[Claim]:
    """「未收到政府信息公开申请」: a zero stated in words, in a clause without any count."""
    for match in _NEGATION.finditer(clause):
        at = match.start()
        if clause.startswith(_NOT_NEGATION, at) or clause[at - 1 : at] == "有":
            continue  # 无法提供, 未经复议, 有无…
        context = clause[match.end() :]
        about = tuple(n for n, s in enumerate(statements) if s.zero and s.matches(context))
        if about:
            return [Claim(0, _shorten(clause[match.start() :]), about)]
    return []


def _shorten(quote: str, limit: int = 36) -> str:
    return quote if len(quote) <= limit else "…" + quote[-limit:]


def disagreements(
    claims_found: Iterable[Claim],
    statements: tuple[Statement, ...],
    index: int,
    figure: Callable[[Statement], int | Decimal | None],
) -> list[tuple[Claim, int | Decimal]]:
    """Claims about statement ``index`` that no matching statement's figure agrees with.

    ``figure`` gives a statement's table value (None when a cell is blank: not compared).
    A claim that several statements match belongs to the first of them the table can check.
    """
    found = []
    for claim in claims_found:
        figures = [(n, figure(statements[n])) for n in claim.about]
        checked = [(n, v) for n, v in figures if v is not None]
        if not checked or checked[0][0] != index:
            continue
        if all(v != claim.number for _, v in checked):
            found.append((claim, checked[0][1]))
    return found
