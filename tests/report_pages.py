"""Published copies of a report as portals and Word users make them, for the reading tests.

Built from the form model independently of the app's own exports, with the quirks real
pages have: labels split over ``<p>``/``<span>``/``<br>`` and ``&nbsp;``, inline styles on
everything, 「1、」 numbering and half-width brackets, full-width digits, thousands
separators, "/" "—" "无" for 不适用, a title row over each table, and a portal's menus,
breadcrumbs, a layout table and a footer around the article.
"""

from __future__ import annotations

import html
import math
from decimal import Decimal
from pathlib import Path

from govreport_gui.core.draft import Draft, new_draft
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.model import Block, Form, Table, cell_id
from govreport_gui.core.values import NA, Value

STYLE = ' style="font-family:仿宋_GB2312;font-size:12pt;mso-spacerun:yes"'
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def filled_draft(library: FormLibrary, form_id: str, year: int, unit: str) -> Draft:
    """Every cell filled with a distinct value (money with decimals, some 不适用, some 0)."""
    form = library.get(form_id)
    draft = new_draft(form, year, unit)
    for n, (cid, cell) in enumerate(form.cells.items()):
        if cell.allow_na and n % 2 == 0:
            value: Value = NA
        elif cell.kind == "money":
            value = Decimal(f"{1000 + 37 * n}.{n % 100:02d}")
        elif cell.kind == "signed":
            value = -(n % 7) if n % 2 else n % 5
        else:
            value = 0 if n % 13 == 0 else 1000 + 17 * n if n % 5 == 0 else n
        draft.values[cid] = value
    for section in form.text_sections():
        draft.texts[section.id] = f"{section.title}：本年度按要求推进（第{year}年）。"
    return draft


# -- cell texts ------------------------------------------------------------------------------


def shown_value(value: Value, n: int, quirks: bool) -> str:
    if value is None:
        return ""
    if value is NA:
        return ("/", "—", "无", "-")[n % 4] if quirks else "/"
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    if quirks and isinstance(value, int) and value >= 1000:
        text = f"{value:,}"
    if quirks and n % 3 == 1:
        text = text.translate(FULL_WIDTH)
    return text


def shown_label(label: str, quirks: bool) -> str:
    """A label as a portal's editor leaves it: split runs, spaces, other numbering."""
    if not quirks:
        return html.escape(label)
    label = label.replace("（", "(", 1).replace("）", ")", 1) if label.startswith("（") else label
    if len(label) > 1 and label[0].isdigit() and label[1] == ".":
        label = label[0] + "、" + label[2:]
    chunks = [label[i : i + 3] for i in range(0, len(label), 3)]
    parts = []
    for k, chunk in enumerate(chunks):
        text = html.escape(chunk)
        parts.append(
            (
                f"<span{STYLE}>{text}</span>",
                f"{text}&nbsp;&nbsp;",
                f"{text}<br/>",
                f"<p{STYLE}>{text}</p>",
            )[k % 4]
        )
    return "".join(parts)


# -- tables ------------------------------------------------------------------------------------


def _label_cols(table: Table) -> int:
    rows = [r for b in table.blocks for r in b.rows]
    if all(not r.label for r in rows):
        return 0
    if any(b.unit_header for b in table.blocks):
        return 1  # the old form indents its labels in one column
    return max(r.level for r in rows) + 1


def table_html(
    form: Form,
    table: Table,
    draft: Draft,
    quirks: bool,
    year: int,
    copies: dict[str, int] | None = None,
) -> str:
    """One table in the official nested layout (labels nest, headers merge)."""
    copies = copies or {}
    labels = _label_cols(table)
    width = math.lcm(*(len(b.columns) for b in table.blocks))
    out = [f'<table border="1" cellspacing="0"{STYLE}><tbody>']
    if quirks:
        title = table.title.format(year=year)
        out.append(
            f'<tr{STYLE}><td colspan="{labels + width}"{STYLE}><b>{html.escape(title)}</b></td></tr>'
        )
    for block in table.blocks:
        out += _block_html(form, table, block, draft, labels, width, quirks, copies)
    out.append("</tbody></table>")
    return "\n".join(out)


def _block_html(
    form: Form,
    table: Table,
    block: Block,
    draft: Draft,
    labels: int,
    width: int,
    quirks: bool,
    copies: dict[str, int],
) -> list[str]:
    out = []
    span = width // len(block.columns)
    if block.caption:
        out.append(
            f"<tr><td colspan={labels + width}{STYLE}>{shown_label(block.caption, quirks)}</td></tr>"
        )
    depth = block.header_depth()
    heads: list[list[str]] = [[] for _ in range(depth)]
    if labels:
        stub = "".join(block.stub)
        heads[0].append(f'<td rowspan="{depth}" colspan="{labels}"{STYLE}>{html.escape(stub)}</td>')
    if block.unit_header:
        heads[0].append(f'<td rowspan="{depth}">{html.escape(block.unit_header)}</td>')
    paths = [c.path for c in block.columns]
    for j, path in enumerate(paths):
        for level, text in enumerate(path):
            prefix = path[: level + 1]
            if j and paths[j - 1][: level + 1] == prefix:
                continue
            end = j
            while end + 1 < len(paths) and paths[end + 1][: level + 1] == prefix:
                end += 1
            rows = depth - level if level == len(path) - 1 else 1
            heads[level].append(
                f'<th colspan="{(end - j + 1) * span}" rowspan="{rows}"{STYLE}>{shown_label(text, quirks)}</th>'
            )
    out += [f"<tr{STYLE}>{''.join(h)}</tr>" for h in heads]
    out += _body_html(form, table, block, draft, labels, span, quirks, copies)
    return out


def _descendants(rows, i: int) -> list[int]:
    found = []
    for j in range(i + 1, len(rows)):
        if rows[j].level <= rows[i].level:
            break
        found.append(j)
    return found


def _body_html(
    form: Form,
    table: Table,
    block: Block,
    draft: Draft,
    labels: int,
    span: int,
    quirks: bool,
    copies: dict[str, int],
) -> list[str]:
    rows = block.rows
    lines: list[list[str]] = []
    line_of: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        if row.group and _descendants(rows, i) and not block.unit_header:
            continue
        cells = _row_cells(form, table, block, draft, i, labels, span, quirks)
        line_of[i] = []
        for _ in range(copies.get(f"{table.id}.{row.id}", 1)):
            line_of[i].append(len(lines))
            lines.append(list(cells))
    prefixes: list[list[str]] = [[] for _ in lines]
    if not block.unit_header:
        for i, row in enumerate(rows):
            covered = [n for j in _descendants(rows, i) for n in line_of.get(j, [])]
            if row.group and covered:
                cell = f'<td rowspan="{max(covered) - min(covered) + 1}"{STYLE}>{shown_label(row.label, quirks)}</td>'
                prefixes[min(covered)].append(cell)
    return [
        f"<tr{STYLE}>{''.join(p)}{''.join(c)}</tr>" for p, c in zip(prefixes, lines, strict=True)
    ]


def _row_cells(
    form: Form,
    table: Table,
    block: Block,
    draft: Draft,
    i: int,
    labels: int,
    span: int,
    quirks: bool,
) -> list[str]:
    row = block.rows[i]
    cells = []
    if block.unit_header:  # the old form: one indented label column and a 单位 column
        pad = "&nbsp;" * (2 * row.level)
        cells.append(f"<td{STYLE}>{pad}{shown_label(row.label, quirks)}</td>")
        units = [
            form.cells[cid].unit
            for c in block.columns
            if (cid := cell_id(table.id, row.id, c.id)) in form.cells
        ]
        cells.append(f"<td>{'—' if row.group else units[0]}</td>")
    elif labels:
        colspan = labels - min(row.level, labels - 1)
        cells.append(f'<td colspan="{colspan}"{STYLE}>{shown_label(row.label, quirks)}</td>')
    for n, column in enumerate(block.columns):
        cid = cell_id(table.id, row.id, column.id)
        text = "—" if row.group else shown_value(draft.value(cid), i + n, quirks)
        cells.append(f'<td colspan="{span}" align="right"{STYLE}><span{STYLE}>{text}</span></td>')
    return cells


# -- whole pages -----------------------------------------------------------------------------


def portal_page(
    form: Form, draft: Draft, *, quirks: bool = True, copies: dict[str, int] | None = None
) -> str:
    """A saved portal article: menus, breadcrumbs and a footer around the report."""
    body = []
    for section in form.sections:
        if section.print_title:
            body.append(
                f"<p{STYLE}><strong><span{STYLE}>{html.escape(section.title)}</span></strong></p>"
            )
        if section.has_text and draft.texts.get(section.id):
            for line in draft.texts[section.id].split("\n"):
                body.append(f"<p{STYLE}>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(line)}</p>")
        if section.table:
            table = table_html(form, form.table(section.table), draft, quirks, draft.year, copies)
            body.append(f'<div align="center"{STYLE}>{table}</div>')
    title = html.escape(f"{draft.unit}{draft.year}年政府信息公开工作年度报告")
    nav = "".join(
        f'<td><a href="/x{n}">{name}</a></td>'
        for n, name in enumerate(("首页", "政务公开", "2023", "12345"))
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_某某县人民政府</title>
<style>.x{{color:red}} td p {{margin:0}}</style><script>var a = "<table><tr><td>1</td></tr></table>";</script></head>
<body><table class="layout" width="100%"><tr><td><div class="nav"><table><tr>{nav}</tr></table></div>
<div class="crumb">您当前的位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<div class="article"><h2{STYLE}>{title}</h2><div class="info">发布时间：{draft.year + 1}-01-20 浏览次数：1024</div>
<div class="TRS_Editor">{"".join(body)}</div></div></td></tr></table>
<div class="footer"><p>主办：某某县人民政府办公室 版权所有 备案号：赣ICP备12345678号</p>
<table><tr><td>访问量</td><td>987654</td></tr></table></div></body></html>"""


def write_page(path: Path, form: Form, draft: Draft, **options: object) -> Path:
    path.write_text(portal_page(form, draft, **options), encoding="utf-8")  # type: ignore[arg-type]
    return path
