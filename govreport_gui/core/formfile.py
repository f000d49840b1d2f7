"""Read one ``forms/*.toml`` file into a :class:`~govreport_gui.core.model.Form`.

The file format is documented in ``forms/README.md``. Every problem is reported as
:class:`FormDefinitionError` naming the file and the key, or the line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import FormDefinitionError, os_reason
from .formreader import RULE_ID, Reader, unique
from .formrules import compile_rules, compile_statements
from .model import MONEY_UNITS, UNITS, Block, Cell, Column, Form, Row, Section, Table, cell_id
from .values import MAX_DIGITS, Kind


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
    top = Reader(dict(data), "", source)
    meta = Reader(top.get("form", dict), "form", source)
    form_id = meta.ident("id", pattern=RULE_ID)
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
    unique((t.id for t in tables), "tables[].id", top)
    cells = _collect_cells((cells for _, cells in built), top)
    sections = tuple(_section(r, {t.id for t in tables}) for r in top.children("sections"))
    unique((s.id for s in sections), "sections[].id", top)
    used_tables = [s.table for s in sections if s.table]
    unique(used_tables, "sections[].table", top)
    rules = compile_rules(top.children("rules", required=False), tables, cells, sections, top)
    rules += compile_statements(top.children("narrative", required=False), cells, sections, top)
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


def _section(r: Reader, table_ids: set[str]) -> Section:
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


def _cell_props(r: Reader) -> dict[str, Any]:
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
    if "max_digits" in r.data:
        digits = r.get("max_digits", int)
        if not 1 <= digits <= MAX_DIGITS:
            r.fail(f"{r.where}.max_digits 应在 1 到 {MAX_DIGITS} 之间：{digits!r}")
        props["max_digits"] = digits
    return props


def _table(r: Reader) -> tuple[Table, list[Cell]]:
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
    r: Reader, table_id: str, index: int, table_defaults: dict[str, Any]
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
    unique(col_ids, f"{r.where}.columns[].id", r)
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
    unique((row.id for row in rows), f"{r.where}.rows[].id", r)
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
    r: Reader, table_id: str, index: int, row: Row, column: Column, props: dict[str, Any]
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
        max_digits=props.get("max_digits", MAX_DIGITS),
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


def _collect_cells(cell_lists: Iterable[list[Cell]], top: Reader) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for cell in (c for group in cell_lists for c in group):
        if cell.id in cells:
            top.fail(f"单元格编号重复：{cell.id}")
        cells[cell.id] = cell
    return cells
