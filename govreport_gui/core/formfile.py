"""Read one ``forms/*.toml`` file into a :class:`~govreport_gui.core.model.Form`.

Every problem is reported as :class:`FormDefinitionError` naming the file and the key
(``tables[2].rows[5].unit``) or, for syntax errors, the line. See ``forms/README.md``
for the file format.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NoReturn

from .errors import FormDefinitionError, os_reason
from .model import MONEY_UNITS, UNITS, Block, Cell, Column, Form, Row, Section, Table, cell_id
from .rules import (
    DEFAULT_MESSAGES,
    SAME_TEXT_MESSAGE,
    Check,
    Rule,
    Severity,
    Term,
    fill_template,
)
from .values import Kind

_ID = re.compile(r"^[a-z0-9_]*$")
_RULE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


class _Reader:
    """Typed access to one TOML table, remembering where it is for messages."""

    def __init__(self, data: Any, where: str, source: str) -> None:
        self.source = source
        self.where = where
        if not isinstance(data, dict):
            self.fail(f"{where} 应为表（键值对），实际是 {type(data).__name__}")
        self.data: dict[str, Any] = data
        self.used: set[str] = set()

    def fail(self, problem: str) -> NoReturn:
        raise FormDefinitionError(f"格式文件 {self.source} 有误：{problem}")

    def _key(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        self.used.add(key)
        if key not in self.data:
            if default is ...:
                self.fail(f"缺少必填键 {self._key(key)}")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, (int,))):
            self.fail(f"{self._key(key)} 的类型不对：{value!r}")
        return value

    def strings(self, key: str, default: Any = ...) -> list[str]:
        values = self.get(key, list, default)
        for i, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(f"{self._key(key)}[{i}] 应为文字：{value!r}")
        return list(values)

    def children(self, key: str, required: bool = True) -> list[_Reader]:
        items = self.get(key, list, ... if required else [])
        where = self._key(key)
        return [_Reader(item, f"{where}[{i}]", self.source) for i, item in enumerate(items)]

    def ident(self, key: str, default: Any = ..., pattern: re.Pattern[str] = _ID) -> str:
        value = self.get(key, str, default)
        if not pattern.match(value):
            self.fail(f"{self._key(key)} 只能用小写字母、数字和下划线：{value!r}")
        return value

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            self.fail(f"{self.where or '顶层'} 有不认识的键：{', '.join(unknown)}")


def load_form(path: Path) -> Form:
    """Load, validate and compile one form file."""
    source = str(path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise FormDefinitionError(f"无法读取格式文件 {source}：{os_reason(exc)}") from None
    try:
        data = tomllib.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise FormDefinitionError(f"格式文件 {source} 不是 UTF-8 编码") from None
    except tomllib.TOMLDecodeError as exc:
        raise FormDefinitionError(f"格式文件 {source} 语法错误：{_toml_problem(exc)}") from None
    return build_form(data, source, path)


def _toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    text = re.sub(r"\s*\(at .*\)$", "", str(exc))
    if match:
        return f"第 {match.group(1)} 行第 {match.group(2)} 列：{text}"
    return text


def build_form(data: Mapping[str, Any], source: str, path: Path | None = None) -> Form:
    top = _Reader(dict(data), "", source)
    meta = _Reader(top.get("form", dict), "form", source)
    form_id = meta.get("id", str)
    if not re.match(r"^[A-Za-z0-9_-]+$", form_id):
        meta.fail(f"form.id 只能用字母、数字、- 和 _：{form_id!r}")
    years = meta.get("years", list)
    if not (1 <= len(years) <= 2) or not all(isinstance(y, int) for y in years):
        meta.fail(f"form.years 应为 [起始年] 或 [起始年, 截止年]：{years!r}")
    first, last = years[0], (years[1] if len(years) == 2 else None)
    if last is not None and last < first:
        meta.fail(f"form.years 截止年早于起始年：{years!r}")
    title = meta.get("title", str)
    report_title = meta.get("report_title", str)
    version = meta.get("version", int)
    basis = meta.get("basis", str, "")
    meta.done()

    built = [_table(r) for r in top.children("tables")]
    tables = tuple(table for table, _ in built)
    _unique((t.id for t in tables), "tables[].id", top)
    cells = _collect_cells((cells for _, cells in built), top)
    sections = tuple(_section(r, {t.id for t in tables}) for r in top.children("sections"))
    _unique((s.id for s in sections), "sections[].id", top)
    used_tables = [s.table for s in sections if s.table]
    _unique(used_tables, "sections[].table", top)
    rules = _rules(top.children("rules", required=False), tables, cells, sections, top)
    top.done()
    return Form(
        id=form_id,
        title=title,
        report_title=report_title,
        years=(first, last),
        version=version,
        basis=basis,
        sections=sections,
        tables=tables,
        cells=cells,
        rules=rules,
        source=path,
    )


def _unique(ids: Iterable[str], what: str, reader: _Reader) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            reader.fail(f"{what} 重复：{item!r}")
        seen.add(item)


def _section(r: _Reader, table_ids: set[str]) -> Section:
    table = r.get("table", str, None)
    if table is not None and table not in table_ids:
        r.fail(f"{r.where}.table 引用了不存在的表：{table!r}")
    section = Section(
        id=r.ident("id"),
        title=r.get("title", str),
        guidance=r.get("guidance", str, ""),
        table=table,
        has_text=r.get("text", bool, table is None),
        print_title=r.get("print_title", bool, True),
    )
    r.done()
    return section


# -- tables ------------------------------------------------------------------------------


def _cell_props(r: _Reader) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if "unit" in r.data:
        unit = r.get("unit", str)
        if unit not in UNITS:
            r.fail(f"{r.where}.unit 不是认可的计量单位（{'/'.join(UNITS)}）：{unit!r}")
        props["unit"] = unit
    if "kind" in r.data:
        kind = r.get("kind", str)
        if kind not in Kind._value2member_map_:
            r.fail(f"{r.where}.kind 只能是 count、signed 或 money：{kind!r}")
        props["kind"] = Kind(kind)
    for flag in ("na", "additive"):
        if flag in r.data:
            props[flag] = r.get(flag, bool)
    return props


def _table(r: _Reader) -> tuple[Table, list[Cell]]:
    table_id = r.ident("id")
    if not table_id:
        r.fail(f"{r.where}.id 不能为空")
    defaults = _cell_props(r)
    blocks, cells = [], []
    for index, b in enumerate(r.children("blocks")):
        block, block_cells = _block(b, table_id, index, defaults)
        blocks.append(block)
        cells.extend(block_cells)
    table = Table(
        id=table_id,
        title=r.get("title", str),
        note=r.get("note", str, ""),
        blocks=tuple(blocks),
    )
    r.done()
    return table, cells


def _block(
    r: _Reader, table_id: str, index: int, table_defaults: dict[str, Any]
) -> tuple[Block, list[Cell]]:
    defaults = {**table_defaults, **_cell_props(r)}
    columns_raw = r.children("columns")
    if not columns_raw:
        r.fail(f"{r.where}.columns 至少要有一列")
    paths, col_ids, col_props = [], [], []
    for c in columns_raw:
        col_ids.append(c.ident("id"))
        path = tuple(c.strings("path"))
        if not path:
            c.fail(f"{c.where}.path 不能为空")
        paths.append(path)
        col_props.append(_cell_props(c))
        c.done()
    _unique(col_ids, f"{r.where}.columns[].id", r)
    shorts = _shortest_unique_suffixes(paths)
    columns = tuple(Column(i, p, s) for i, p, s in zip(col_ids, paths, shorts, strict=True))

    rows, row_props = [], []
    stack: list[str] = []
    for w in r.children("rows"):
        level = w.get("level", int, 0)
        if level < 0 or level > len(stack):
            w.fail(f"{w.where}.level 跳级了：{level}（上一层级只有 {len(stack)}）")
        label = w.get("label", str, "")
        group = w.get("group", bool, False)
        stack = [*stack[:level], label]
        rows.append(Row(w.ident("id"), label, tuple(s for s in stack if s), level, group))
        row_props.append({} if group else _cell_props(w))
        w.done()
    _unique((row.id for row in rows), f"{r.where}.rows[].id", r)
    block = Block(
        caption=r.get("caption", str, ""),
        stub=tuple(r.strings("stub", [])),
        unit_header=r.get("unit_header", str, ""),
        columns=columns,
        rows=tuple(rows),
    )
    r.done()
    cells = []
    for row, r_props in zip(block.rows, row_props, strict=True):
        if row.group:
            continue
        for column, c_props in zip(block.columns, col_props, strict=True):
            props = {**defaults, **c_props, **r_props}
            cells.append(_cell(r, table_id, index, row, column, props))
    return block, cells


def _cell(
    r: _Reader, table_id: str, index: int, row: Row, column: Column, props: dict[str, Any]
) -> Cell:
    cid = cell_id(table_id, row.id, column.id)
    unit = props.get("unit")
    if unit is None:
        r.fail(f"{r.where} 中单元格 {cid} 没有计量单位（unit）")
    kind = props.get("kind") or (Kind.MONEY if unit in MONEY_UNITS else Kind.COUNT)
    if kind is Kind.MONEY and unit not in MONEY_UNITS:
        r.fail(f"{r.where} 中单元格 {cid} 是金额，但单位是 {unit}")
    row_text = "".join(row.path)
    sep = "·" if row_text and column.short else ""
    return Cell(
        id=cid,
        table=table_id,
        block=index,
        row_id=row.id,
        column_id=column.id,
        row=row.path,
        column=column.path,
        unit=unit,
        kind=kind,
        allow_na=props.get("na", False),
        additive=props.get("additive", True),
        label=row_text + sep + column.short,
        column_short=column.short,
        row_label=row.label,
    )


def _shortest_unique_suffixes(paths: list[tuple[str, ...]]) -> list[str]:
    if len(paths) == 1:
        return [""]
    result = []
    for path in paths:
        for n in range(1, len(path) + 1):
            suffix = path[-n:]
            if sum(1 for p in paths if p[-n:] == suffix) == 1 or n == len(path):
                result.append("·".join(suffix))
                break
    return result


def _collect_cells(cell_lists: Iterable[list[Cell]], top: _Reader) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for cell in (c for group in cell_lists for c in group):
        if cell.id in cells:
            top.fail(f"单元格编号重复：{cell.id}")
        cells[cell.id] = cell
    return cells


# -- rules -------------------------------------------------------------------------------


def _rules(
    readers: list[_Reader],
    tables: tuple[Table, ...],
    cells: dict[str, Cell],
    sections: tuple[Section, ...],
    top: _Reader,
) -> tuple[Rule, ...]:
    compiled: list[Rule] = []
    ids: list[str] = []
    by_table = {t.id: t for t in tables}
    for r in readers:
        rule_id = r.ident("id", pattern=_RULE_ID)
        ids.append(rule_id)
        if r.data.get("check") == Check.WRITTEN or (
            r.data.get("check") == Check.SAME and "texts" in r.data
        ):
            compiled.extend(_text_rules(r, rule_id, sections))
        else:
            compiled.extend(_rule(r, rule_id, by_table, cells))
        r.done()
    _unique(ids, "rules[].id", top)
    return tuple(compiled)


def _expansion(r: _Reader, tables: Mapping[str, Table]) -> list[tuple[str, str]]:
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
    r: _Reader, rule_id: str, tables: Mapping[str, Table], cells: dict[str, Cell]
) -> list[Rule]:
    check_name = r.get("check", str)
    if check_name not in Check._value2member_map_:
        r.fail(f"{r.where}.check 只能是 {', '.join(Check)}：{check_name!r}")
    check = Check(check_name)
    severity_name = r.get("severity", str)
    if severity_name not in Severity._value2member_map_:
        r.fail(f"{r.where}.severity 只能是 error 或 warning：{severity_name!r}")
    description = r.get("description", str)
    message = r.get("message", str, DEFAULT_MESSAGES[check])
    left_label_t = r.get("left_label", str, None)
    right_label_t = r.get("right_label", str, None)

    if check is Check.SUM:
        left_raw, right_raw = [r.get("total", str)], r.strings("parts")
    elif check in (Check.FILLED, Check.SAME):
        left_raw, right_raw = _filled_cells(r, tables, cells), []
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
                severity=Severity(severity_name),
                description=description,
                left=tuple(left),
                right=tuple(right),
                labels=labels,
                left_label=_fill(left_label_t, fields)
                or ("表格中的数字" if check is Check.SAME else _side_label(left, cells)),
                right_label=_fill(right_label_t, fields) or _side_label(right, cells),
                message=fill_template(message, fields),  # {each} is known now
            )
        )
    return rules


def _text_rules(r: _Reader, rule_id: str, sections: tuple[Section, ...]) -> list[Rule]:
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
    severity_name = r.get("severity", str)
    if severity_name not in Severity._value2member_map_:
        r.fail(f"{r.where}.severity 只能是 error 或 warning：{severity_name!r}")
    description = r.get("description", str)
    default = SAME_TEXT_MESSAGE if check is Check.SAME else DEFAULT_MESSAGES[check]
    message = r.get("message", str, default)
    return [
        Rule(
            key=f"{rule_id}[{section}]",
            base_id=rule_id,
            check=check,
            severity=Severity(severity_name),
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


def _filled_cells(r: _Reader, tables: Mapping[str, Table], cells: dict[str, Cell]) -> list[str]:
    spec = r.get("cells", (str, list))
    if spec == "all":
        return list(cells)
    if isinstance(spec, str):
        match = re.match(r"^table:(\w+)$", spec)
        if not match or match.group(1) not in tables:
            r.fail(f"{r.where}.cells 应为 all、table:表编号 或编号列表：{spec!r}")
        return [cid for cid, c in cells.items() if c.table == match.group(1)]
    return r.strings("cells")


def _term(r: _Reader, text: str, cells: Mapping[str, Cell]) -> Term:
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
