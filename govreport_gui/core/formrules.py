"""Compile the ``[[rules]]`` and ``[[narrative]]`` of a form file into :class:`Rule` objects.

The keys are documented in ``forms/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .formreader import RULE_ID, Reader, unique
from .model import Cell, Section, Table
from .narrative import NarrativeReader, Statement
from .rules import (
    DEFAULT_MESSAGES,
    SAME_TEXT_MESSAGE,
    Check,
    Narrative,
    Rule,
    Severity,
    Term,
    fill_template,
)

_TEXT_CHECKS = (Check.WRITTEN, Check.PUNCTUATION)


def compile_rules(
    readers: list[Reader],
    tables: tuple[Table, ...],
    cells: dict[str, Cell],
    sections: tuple[Section, ...],
    top: Reader,
) -> tuple[Rule, ...]:
    compiled: list[Rule] = []
    ids: list[str] = []
    by_table = {t.id: t for t in tables}
    for r in readers:
        rule_id = r.ident("id", pattern=RULE_ID)
        ids.append(rule_id)
        if r.data.get("check") in _TEXT_CHECKS or (
            r.data.get("check") == Check.SAME and "texts" in r.data
        ):
            compiled.extend(_text_rules(r, rule_id, sections))
        else:
            compiled.extend(_rule(r, rule_id, by_table, cells))
        r.done()
    unique(ids, "rules[].id", top)
    return tuple(compiled)


def _expansion(r: Reader, tables: Mapping[str, Table]) -> list[tuple[str, str]]:
    """The (substitute, label) pairs a rule repeats over; one empty pair when it does not."""
    each = r.get("each", (str, list), None)
    if each is None:
        return [("", "")]
    if isinstance(each, list):
        return [(str(item), str(item)) for item in r.strings("each")]
    match = re.match(r"^(rows|columns):(\w+)$", each)
    if not match or match.group(2) not in tables:
        r.fail(f"{r.where}.each 应为 rows:表编号、columns:表编号 或编号列表：{each!r}")
    blocks = tables[match.group(2)].blocks
    if match.group(1) == "columns":
        return [(c.id, c.short) for b in blocks for c in b.columns]
    return [(w.id, "".join(w.path)) for b in blocks for w in b.rows if not w.group]


def _rule(
    r: Reader, rule_id: str, tables: Mapping[str, Table], cells: dict[str, Cell]
) -> list[Rule]:
    check_name = r.get("check", str)
    if check_name not in Check._value2member_map_:
        r.fail(f"{r.where}.check 只能是 {', '.join(Check)}：{check_name!r}")
    check = Check(check_name)
    if check is Check.NARRATIVE:
        r.fail(f"{r.where}.check：narrative 写在 [[narrative]] 中，不在 [[rules]] 中")
    severity = r.severity()
    description = r.get("description", str)
    message = r.get("message", str, DEFAULT_MESSAGES[check])
    left_label_t = r.get("left_label", str, None)
    right_label_t = r.get("right_label", str, None)

    if check is Check.SUM:
        left_raw, right_raw = [r.get("total", str)], r.strings("parts")
    elif check in (Check.FILLED, Check.SAME, Check.PRECISION):
        left_raw, right_raw = _filled_cells(r, tables, cells), []
        if check is Check.PRECISION:
            left_raw = [c for c in left_raw if c not in cells or cells[c].places is not None]
    else:
        left_raw, right_raw = r.strings("left"), r.strings("right")

    rules = []
    for item, item_label in _expansion(r, tables):
        key = f"{rule_id}[{item}]" if item else rule_id
        left = [_term(r, text.replace("*", item), cells) for text in left_raw]
        right = [_term(r, text.replace("*", item), cells) for text in right_raw]
        labels = {t.cell: cells[t.cell].label for t in (*left, *right)}
        fields = {"each": item_label}
        rules.append(
            Rule(
                key=key,
                base_id=rule_id,
                check=check,
                severity=severity,
                description=description,
                left=tuple(left),
                right=tuple(right),
                labels=labels,
                left_label=_fill(left_label_t, fields)
                or ("表格中的数字" if check is Check.SAME else _side_label(left, cells)),
                right_label=_fill(right_label_t, fields) or _side_label(right, cells),
                message=fill_template(message, fields),  # {each} is known now
                places={
                    t.cell: (cells[t.cell].places or 0, cells[t.cell].unit)
                    for t in left
                    if check is Check.PRECISION
                },
            )
        )
    return rules


def _text_rules(r: Reader, rule_id: str, sections: tuple[Section, ...]) -> list[Rule]:
    """One instance per narrative section (``written``, ``same_as_previous``), keyed ``ID[section]``."""
    titles = {s.id: s.title for s in sections if s.has_text}
    spec = r.get("texts", (str, list))
    if spec == "all":
        chosen = list(titles)
    elif isinstance(spec, list):
        chosen = r.strings("texts")
    else:
        r.fail(f"{r.where}.texts 应为 all 或有文字的部分编号列表：{spec!r}")
    for section in chosen:
        if section not in titles:
            r.fail(f"{r.where}.texts 引用了不存在或没有文字的部分：{section!r}")
    check = Check(r.get("check", str))
    severity = r.severity()
    description = r.get("description", str)
    default = SAME_TEXT_MESSAGE if check is Check.SAME else DEFAULT_MESSAGES[check]
    message = r.get("message", str, default)
    return [
        Rule(
            key=f"{rule_id}[{section}]",
            base_id=rule_id,
            check=check,
            severity=severity,
            description=description,
            left=(),
            right=(),
            labels={},
            left_label=titles[section],
            right_label="",
            message=message,
            texts=(section,),
            text_labels={section: titles[section]},
        )
        for section in chosen
    ]


def _fill(template: str | None, fields: Mapping[str, str]) -> str:
    return fill_template(template, fields) if template else ""


def _filled_cells(r: Reader, tables: Mapping[str, Table], cells: dict[str, Cell]) -> list[str]:
    spec = r.get("cells", (str, list))
    if spec == "all":
        return list(cells)
    if isinstance(spec, str):
        match = re.match(r"^table:(\w+)$", spec)
        if not match or match.group(1) not in tables:
            r.fail(f"{r.where}.cells 应为 all、table:表编号 或编号列表：{spec!r}")
        return [cid for cid, c in cells.items() if c.table == match.group(1)]
    return r.strings("cells")


def _term(r: Reader, text: str, cells: Mapping[str, Cell]) -> Term:
    term = Term.parse(text)
    if term.cell not in cells:
        r.fail(f"{r.where} 引用了不存在的单元格：{term.cell!r}")
    return term


def _side_label(terms: list[Term], cells: Mapping[str, Cell]) -> str:
    """Name a side of a rule by what tells its cells apart, as the table prints them."""
    if not terms:
        return ""
    picked = [cells[t.cell] for t in terms]
    if len(picked) == 1:
        prefix = "上年" if terms[0].previous else ""
        return prefix + picked[0].label
    if len({c.row for c in picked}) == 1 and all(c.column_short for c in picked):
        shorts = [c.column_short.split("·") for c in picked]
        common = 0
        while all(len(s) > common + 1 and s[common] == shorts[0][common] for s in shorts):
            common += 1
        head = [part for part in ("".join(picked[0].row), *shorts[0][:common]) if part]
        names = ["·".join(s[common:]) for s in shorts]
        return "".join(f"{part}·" for part in head) + _join(terms, names)
    if len({c.column for c in picked}) == 1:
        names = [c.row_label for c in picked]
        suffix = f"（{picked[0].column_short}）" if picked[0].column_short else ""
        return _join(terms, names) + suffix
    return _join(terms, [c.label for c in picked])


def _join(terms: list[Term], names: list[str]) -> str:
    text = ""
    plus = "、" if all(t.sign > 0 for t in terms) else " + "  # once: a rule may have 100 terms
    for i, (term, name) in enumerate(zip(terms, names, strict=True)):
        name = ("上年" if term.previous else "") + name
        if term.sign < 0:
            text += f" − {name}"
        else:
            text += (plus if i else "") + name
    return text


# -- narrative ---------------------------------------------------------------------------

_STATEMENT_PREFIX = "NARRATIVE"
_MAX_UNIT_CHARS = 2


def compile_statements(
    readers: list[Reader], cells: Mapping[str, Cell], sections: tuple[Section, ...], top: Reader
) -> tuple[Rule, ...]:
    """One ``narrative`` rule per ``[[narrative]]`` entry, reading every text section."""
    statements = tuple(_statement(r, cells) for r in readers)
    unique((s.id for s in statements), "narrative[].id", top)
    money = frozenset(
        unit for s in statements for unit in s.units if cells[s.cells[0]].places is not None
    )
    titles = {s.id: s.title for s in sections if s.has_text}
    reader = NarrativeReader(statements, money)
    return tuple(
        Rule(
            key=statement.id,
            base_id=statement.id,
            check=Check.NARRATIVE,
            severity=Severity.WARNING,  # words against figures is never a definite 错误
            description=f"叙述部分中的数字应与{statement.label}一致",
            left=tuple(Term(cid) for cid in statement.cells),
            right=(),
            labels={cid: cells[cid].label for cid in statement.cells},
            left_label=statement.label,
            right_label="",
            message=DEFAULT_MESSAGES[Check.NARRATIVE],
            texts=tuple(titles),
            text_labels=titles,
            narrative=Narrative(reader, index),
        )
        for index, statement in enumerate(statements)
    )


def _statement(r: Reader, cells: Mapping[str, Cell]) -> Statement:
    statement_id = r.ident("id", pattern=RULE_ID)
    if not statement_id.startswith(_STATEMENT_PREFIX):
        r.fail(f"{r.where}.id 应以 {_STATEMENT_PREFIX} 开头：{statement_id!r}")
    targets = r.strings("cells")
    if not targets:
        r.fail(f"{r.where}.cells 至少要有一个单元格")
    for cid in targets:
        if cid not in cells:
            r.fail(f"{r.where}.cells 引用了不存在的单元格：{cid!r}")
    if len({cells[cid].unit for cid in targets}) > 1:
        r.fail(f"{r.where}.cells 中的单元格计量单位不同，不能相加")
    units = r.strings("units")
    if not units or any(not 0 < len(u) <= _MAX_UNIT_CHARS for u in units):
        r.fail(f"{r.where}.units 应为一至两个字的计量单位列表：{units!r}")
    unit = cells[targets[0]].unit
    if cells[targets[0]].places is not None and units != [unit]:
        r.fail(f"{r.where}.units：金额单元格只能比较以 {unit} 为单位的数字")
    statement = Statement(
        id=statement_id,
        label=r.get("label", str),
        cells=tuple(targets),
        units=frozenset(units),
        phrases=_phrase_groups(r),
        exclude=tuple(r.strings("exclude", [])),
        zero=r.get("zero", bool, True),
    )
    r.done()
    return statement


def _phrase_groups(r: Reader) -> tuple[tuple[str, ...], ...]:
    """``phrases``: groups that must each occur; a group is a phrase or a list of phrases."""
    raw = r.get("phrases", list)
    groups = []
    for i, group in enumerate(raw):
        items = [group] if isinstance(group, str) else group
        if not isinstance(items, list) or not items:
            r.fail(f"{r.where}.phrases[{i}] 应为文字或非空的文字列表：{group!r}")
        if not all(isinstance(p, str) and p for p in items):
            r.fail(f"{r.where}.phrases[{i}] 中每一项都应为非空文字：{group!r}")
        groups.append(tuple(items))
    if not groups:
        r.fail(f"{r.where}.phrases 不能为空")
    return tuple(groups)
