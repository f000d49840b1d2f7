"""Checks declared in the form files, compiled to plain objects and evaluated on values.

The check types and their keys are documented in ``forms/README.md`` (nothing is ever
``eval``-ed). Rules with ``prev:`` terms and ``same_as_previous`` rules run only when
last year's report is attached (:class:`LastYear`); a ``prev:`` cell last year's report
does not hold leaves the comparison undecided. Narrative and punctuation rules read the
texts through :mod:`.narrative` and :mod:`.punctuation`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from . import punctuation
from .narrative import NarrativeReader, Statement, disagreements
from .values import NA, Value, decimal_places, numeric


class Severity(StrEnum):
    ERROR = "error"  # 错误: a definite contradiction
    WARNING = "warning"  # 提示: plausibility, or something still to fill

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提示"


class Check(StrEnum):
    SUM = "sum"
    EQUAL = "equal"
    LE = "le"
    FILLED = "filled"
    SAME = "same_as_previous"
    WRITTEN = "written"
    PRECISION = "precision"
    NARRATIVE = "narrative"  # declared as [[narrative]], not [[rules]]
    PUNCTUATION = "punctuation"


#: Texts shorter than this (after removing spaces), e.g. "无", are not compared with last year's.
MIN_COMPARED_TEXT = 20
_DIGITS = re.compile(r"[0-9]+")
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Term:
    cell: str
    sign: int = 1
    previous: bool = False

    @classmethod
    def parse(cls, text: str) -> Term:
        sign = 1
        if text.startswith("-"):
            sign, text = -1, text[1:]
        previous = text.startswith("prev:")
        if previous:
            text = text[len("prev:") :]
        return cls(text.strip(), sign, previous)


@dataclass(frozen=True)
class LastYear:
    """Last year's report as the year-on-year rules see it; the years name both in messages."""

    values: Mapping[str, Value]
    texts: Mapping[str, str] = field(default_factory=dict)
    year: int | None = None  # the year of last year's report
    this_year: int | None = None  # the year of the report being checked

    def fields(self) -> dict[str, str]:
        return {
            "last_year": f"{self.year}年度" if self.year else "上年度",
            "this_year": f"{self.this_year}年度" if self.this_year else "本年度",
        }


@dataclass(frozen=True)
class Finding:
    rule: str  # rule instance key, e.g. "T3-COL[new]"; explanations are keyed by it
    severity: Severity
    cells: tuple[str, ...]
    message: str
    #: A cell and the value its sum gives: a blank total or part, or a total that disagrees.
    suggestion: tuple[str, Value] | None = None
    section: str | None = None  # a text section the finding is about (no cells)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule,
            "severity": str(self.severity),
            "cells": list(self.cells),
            "message": self.message,
        }
        if self.section:
            data["section"] = self.section
        return data


@dataclass(frozen=True)
class Narrative:
    """What a ``narrative`` rule compares: the form's statements, and which one is its own."""

    reader: NarrativeReader
    index: int


@dataclass(frozen=True)
class Rule:
    """One compiled rule instance; ``labels`` maps cell ids to message labels."""

    key: str
    base_id: str
    check: Check
    severity: Severity
    description: str
    left: tuple[Term, ...]  # sum: (total,); filled: the cells
    right: tuple[Term, ...]  # sum: the parts
    labels: Mapping[str, str]
    left_label: str
    right_label: str
    message: str  # template; placeholders are listed in forms/README.md
    texts: tuple[str, ...] = ()  # same_as_previous: the text sections compared
    text_labels: Mapping[str, str] = field(default_factory=dict)  # section id -> title
    places: Mapping[str, tuple[int, str]] = field(default_factory=dict)  # cell -> (decimals, unit)
    narrative: Narrative | None = None  # narrative: every statement of the form, and this one

    @property
    def cells(self) -> tuple[str, ...]:
        seen = dict.fromkeys(t.cell for t in (*self.left, *self.right) if not t.previous)
        return tuple(seen)

    @property
    def uses_previous(self) -> bool:
        return self.check is Check.SAME or any(t.previous for t in (*self.left, *self.right))

    def evaluate(
        self,
        values: Mapping[str, Value],
        previous: LastYear | Mapping[str, Value] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> list[Finding]:
        """Findings of this rule; ``previous`` may be a bare mapping of last year's values."""
        if previous is not None and not isinstance(previous, LastYear):
            previous = LastYear(previous)
        if self.uses_previous and previous is None:
            return []
        if self.check is Check.FILLED:
            return self._filled(values)
        if self.check is Check.SUM:
            return self._sum(values)
        if self.check is Check.WRITTEN:
            return self._written(texts or {})
        if self.check is Check.PRECISION:
            return self._precision(values)
        if self.check is Check.NARRATIVE:
            return self._narrative(values, texts or {})
        if self.check is Check.PUNCTUATION:
            return self._punctuation(texts or {})
        if self.check is Check.SAME:
            assert previous is not None
            return self._same_figures(values, previous) + self._same_texts(texts or {}, previous)
        return self._compare(values, previous or LastYear({}))

    # -- the check types -------------------------------------------------------------

    def _filled(self, values: Mapping[str, Value]) -> list[Finding]:
        return [
            self._finding((t.cell,), self.message, label=self.labels[t.cell])
            for t in self.left
            if values.get(t.cell) is None
        ]

    def _precision(self, values: Mapping[str, Value]) -> list[Finding]:
        found = []
        for cell, (places, unit) in self.places.items():
            value = values.get(cell)
            if isinstance(value, Decimal) and decimal_places(value) > places:
                fields = {"label": self.labels[cell], "value": _fmt(value), "unit": unit}
                message = fill_template(self.message, fields | {"places": str(places)})
                found.append(Finding(self.key, self.severity, (cell,), message))
        return found

    def _narrative(self, values: Mapping[str, Value], texts: Mapping[str, str]) -> list[Finding]:
        assert self.narrative is not None
        reader, index = self.narrative.reader, self.narrative.index

        def figure(statement: Statement) -> int | Decimal | None:
            found = [values.get(cid) for cid in statement.cells]
            if any(v is None or v is NA for v in found):
                return None  # only a figure the table holds is compared
            return sum(map(numeric, found))

        findings = []
        for section in self.texts:
            text = texts.get(section, "")
            if not text:
                continue
            said = reader.claims_about(text, index)
            for claim, shown in disagreements(said, reader.statements, index, figure):
                fields = {
                    "label": self.text_labels.get(section, section),
                    "quote": claim.quote,
                    "left": _fmt(claim.number),
                    "right_label": self.left_label,
                    "right": _fmt(shown),
                }
                findings.append(
                    Finding(
                        self.key,
                        self.severity,
                        self.cells,
                        fill_template(self.message, fields),
                        section=section,
                    )
                )
        return findings

    def _punctuation(self, texts: Mapping[str, str]) -> list[Finding]:
        findings = []
        for section in self.texts:
            text = texts.get(section, "")
            marks = punctuation.half_width_marks(text) if text else ()
            if marks:
                fields = {
                    "label": self.text_labels.get(section, section),
                    "count": str(len(marks)),
                    "context": punctuation.context(text, marks[0]),
                }
                message = fill_template(self.message, fields)
                findings.append(Finding(self.key, self.severity, (), message, section=section))
        return findings

    def _written(self, texts: Mapping[str, str]) -> list[Finding]:
        return [
            Finding(
                self.key,
                self.severity,
                (),
                fill_template(self.message, {"label": self.text_labels.get(section, section)}),
                section=section,
            )
            for section in self.texts
            if not texts.get(section, "").strip()
        ]

    def _sum(self, values: Mapping[str, Value]) -> list[Finding]:
        total_id = self.left[0].cell
        total = values.get(total_id)
        parts = [(t.cell, values.get(t.cell)) for t in self.right]
        blank = [cid for cid, v in parts if v is None]
        filled_sum = sum((t.sign * numeric(values.get(t.cell)) for t in self.right), 0)
        shown = _fmt(filled_sum)
        if total is None:
            if blank:
                return self._blank_total(filled_sum)
            return [
                self._finding(
                    self.cells,
                    "{left_label} 为空，但 {right_label} 合计为 {right}",
                    right=shown,
                    suggestion=(total_id, filled_sum),
                )
            ]
        total_n = numeric(total)
        if not blank:
            if total_n == filled_sum:
                return []
            # the total is the likely slip (one cell against several): offer the parts' sum
            offer = (total_id, filled_sum) if filled_sum >= 0 else None
            return [
                self._finding(
                    self.cells, self.message, suggestion=offer, left=_fmt(total_n), right=shown
                )
            ]
        if filled_sum > total_n and all(t.sign > 0 for t in self.right):
            return [
                self._finding(
                    self.cells,
                    "{left_label} 为 {left}，但 {right_label} 中已填各项合计已达 {right}",
                    left=_fmt(total_n),
                    right=shown,
                )
            ]
        if len(blank) == 1 and total is not NA:
            rest = total_n - filled_sum
            return [
                Finding(
                    self.key,
                    Severity.WARNING,
                    (blank[0],),
                    f"{self.labels[blank[0]]} 未填写，按 {self.left_label} {_fmt(total_n)} "
                    f"推算应为 {_fmt(rest)}",
                    (blank[0], rest),
                )
            ]
        return []

    def _blank_total(self, filled_sum: int | Decimal) -> list[Finding]:
        """A blank total beside filled parts already above 0: the printed table contradicts itself."""
        if filled_sum <= 0 or any(t.sign < 0 for t in self.right):
            return []
        return [
            self._finding(
                self.cells, "{left_label} 为空，但 已填各项合计已达 {right}", right=_fmt(filled_sum)
            )
        ]

    def _compare(self, values: Mapping[str, Value], previous: LastYear) -> list[Finding]:
        terms: dict[str, str] = {}

        def side(terms_of_side: Sequence[Term], prefix: str) -> int | Decimal | None:
            total: int | Decimal = 0
            for i, term in enumerate(terms_of_side, 1):
                value = (previous.values if term.previous else values).get(term.cell)
                if value is None:
                    return None
                terms[f"{prefix}{i}"] = _fmt(numeric(value))
                total += term.sign * numeric(value)
            return total

        left, right = side(self.left, "l"), side(self.right, "r")
        if left is None or right is None:
            return []
        broken = left != right if self.check is Check.EQUAL else left > right
        if not broken:
            return []
        fields = previous.fields() if self.uses_previous else {}
        numbers = {"left": _fmt(left), "right": _fmt(right), **terms, **fields}
        return [self._finding_of(self.cells, self.message, numbers)]

    def _same_figures(self, values: Mapping[str, Value], previous: LastYear) -> list[Finding]:
        ids = [t.cell for t in self.left]
        now = {cid: values[cid] for cid in ids if values.get(cid) is not None}
        then = {cid: previous.values[cid] for cid in ids if previous.values.get(cid) is not None}
        if not now or now != then or all(numeric(v) == 0 for v in now.values()):
            return []
        numbers = {"count": str(len(now)), "label": self.left_label, **previous.fields()}
        return [self._finding_of(tuple(now), self.message, numbers)]

    def _same_texts(self, texts: Mapping[str, str], previous: LastYear) -> list[Finding]:
        findings = []
        for section in self.texts:
            now, then = (
                _comparable(texts.get(section, "")),
                _comparable(previous.texts.get(section, "")),
            )
            if len(now) < MIN_COMPARED_TEXT or len(then) < MIN_COMPARED_TEXT:
                continue
            if now == then:
                how = "完全相同"
            elif _DIGITS.sub("", now) == _DIGITS.sub("", then):
                how = "除数字外完全相同"
            else:
                continue
            fields = {
                "left_label": self.left_label,
                "right_label": self.right_label,
                "label": self.text_labels.get(section, section),
                "how": how,
                **previous.fields(),
            }
            findings.append(
                Finding(
                    self.key,
                    self.severity,
                    (),
                    fill_template(self.message, fields),
                    section=section,
                )
            )
        return findings

    def _finding(
        self,
        cells: tuple[str, ...],
        template: str,
        *,
        suggestion: tuple[str, Value] | None = None,
        **numbers: str,
    ) -> Finding:
        return self._finding_of(cells, template, numbers, suggestion)

    def _finding_of(
        self,
        cells: tuple[str, ...],
        template: str,
        numbers: Mapping[str, str],
        suggestion: tuple[str, Value] | None = None,
    ) -> Finding:
        fields = {"left_label": self.left_label, "right_label": self.right_label, **numbers}
        return Finding(self.key, self.severity, cells, fill_template(template, fields), suggestion)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill_template(template: str, fields: Mapping[str, str]) -> str:
    """Substitute ``{name}`` placeholders; unknown names stay as written (no format())."""
    return _PLACEHOLDER.sub(lambda m: str(fields.get(m.group(1), m.group(0))), template)


def _comparable(text: str) -> str:
    """A text as compared with last year's: width-folded, without any spaces or line breaks."""
    return _BLANKS.sub("", unicodedata.normalize("NFKC", text))


def _fmt(number: int | Decimal) -> str:
    if isinstance(number, Decimal):
        return (
            format(number.normalize(), "f")
            if number == number.to_integral()
            else format(number, "f")
        )
    return str(number)


DEFAULT_MESSAGES = {
    Check.SUM: "{left_label} 为 {left}，但 {right_label} 合计为 {right}",
    Check.EQUAL: "{left_label} 为 {left}，但 {right_label} 为 {right}，两者应相等",
    Check.LE: "{left_label} 为 {left}，大于 {right_label} {right}",
    Check.FILLED: "{label} 未填写",
    Check.SAME: "{label}与{last_year}报告完全相同（{count} 项数字），请确认不是照抄上年",
    Check.WRITTEN: "「{label}」还没有填写内容（没有需要报告的事项时写“无”）",
    Check.NARRATIVE: "{label}：“{quote}” 与 {right_label} {right} 不一致",
    Check.PUNCTUATION: "「{label}」有 {count} 处半角的逗号、括号、冒号或分号，如“{context}”；"
    "中文文字应使用全角标点（GB/T 15834）",
    Check.PRECISION: "{label} 为 {value} {unit}，超过 {places} 位小数（{unit}精确到分）；"
    "合计和汇总按所填数字精确计算",
}
#: Default message of a ``same_as_previous`` rule over text sections.
SAME_TEXT_MESSAGE = "「{label}」的文字与{last_year}报告{how}，请确认不是照抄上年"
