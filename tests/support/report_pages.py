"""Published copies of a report as portals and Word users make them, for the reading tests.

Built from the form model independently of the app's own exports, with the quirks real
pages have: labels split over ``<p>``/``<span>``/``<br>`` and ``&nbsp;``, inline styles on
everything, 「1、」 numbering and half-width brackets, full-width digits, thousands
separators, "/" "—" "无" for 不适用, a title row over each table, and a portal's menus,
breadcrumbs, a layout table and a footer around the article.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from govreport_gui.core.draft import Draft, new_draft
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.model import Form, Table
from govreport_gui.core.table_layout import CellKind, build_layout
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


def assert_same_report(result, draft, *, texts: bool = True) -> None:
    """What was read is the report that was printed: every value, and its identity."""
    assert result.complete, result.problem_messages
    assert result.draft.values == draft.values
    read = (result.draft.form_id, result.draft.year, result.draft.unit)
    assert read == (draft.form_id, draft.year, draft.unit)
    if texts:
        assert result.draft.texts == draft.texts


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


@dataclass
class TCell:
    """One printed cell: text, spans, and whether it is a label (split by the quirks)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    label: bool = True


def table_rows(
    form: Form, table: Table, draft: Draft, quirks: bool, copies: dict[str, int] | None = None
) -> list[list[TCell]]:
    """The app's printed layout of a table (core.table_layout), with an extra title row and
    rows left out (``copies[cell row] = 0``) or printed twice (``= 2``)."""
    layout = build_layout(form, table, draft)
    out: list[list[TCell]] = []
    if quirks:
        out.append([TCell(layout.title, 1, layout.ncols)])
    for block in layout.blocks:
        out += [[_tcell(c, quirks) for c in row] for row in block.header]
        top = block.header_rows
        times = [(copies or {}).get(f"{table.id}.{line.row_id}", 1) for line in block.lines]
        for k, line in enumerate(block.lines):
            for n in range(times[k]):
                cells = [c for c in line.cells if n == 0 or c.rowspan == 1]
                out.append([_tcell(c, quirks, _rows(c, times, top)) for c in cells])
    return out


def _rows(cell, times: list[int], top: int) -> int:
    """Lines a group label spans once lines are left out or doubled."""
    if cell.rowspan == 1:
        return 1
    return sum(times[cell.row - top : cell.row - top + cell.rowspan])


def _tcell(cell, quirks: bool, rowspan: int | None = None) -> TCell:
    rows = cell.rowspan if rowspan is None else rowspan
    if cell.kind is CellKind.VALUE:
        n = sum(map(ord, cell.cell_id or ""))
        return TCell(shown_value(cell.value, n, quirks), rows, cell.colspan, label=False)
    return TCell("\u3000" * cell.indent + cell.text, rows, cell.colspan)


def table_html(form: Form, table: Table, draft: Draft, quirks: bool, copies=None) -> str:
    out = [f'<table border="1" cellspacing="0"{STYLE}><tbody>']
    for row in table_rows(form, table, draft, quirks, copies):
        cells = "".join(
            f'<td rowspan="{c.rowspan}" colspan="{c.colspan}"{STYLE}>'
            + (
                shown_label(c.text, quirks)
                if c.label
                else f"<span{STYLE}>{html.escape(c.text)}</span>"
            )
            + "</td>"
            for c in row
        )
        out.append(f"<tr{STYLE}>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


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
            table = table_html(form, form.table(section.table), draft, quirks, copies)
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


# -- Word copies -------------------------------------------------------------------------------


def word_copy(
    path: Path,
    form: Form,
    draft: Draft,
    *,
    quirks: bool = True,
    copies: dict[str, int] | None = None,
) -> Path:
    """The report as a clerk's Word file: headings, text, merged table cells, split runs."""
    import docx

    document = docx.Document()
    document.add_paragraph(f"{draft.unit}{draft.year}年政府信息公开工作年度报告")
    for section in form.sections:
        if section.print_title:
            document.add_paragraph().add_run(section.title).bold = True
        for line in draft.texts.get(section.id, "").split("\n") if section.has_text else []:
            document.add_paragraph("\u3000\u3000" + line)
        if section.table:
            _word_table(
                document, table_rows(form, form.table(section.table), draft, quirks, copies), quirks
            )
    document.add_paragraph(f"{draft.unit}办公室")  # issued by another name than the unit's
    document.add_paragraph(f"{draft.year + 1}年1月20日")
    document.save(str(path))
    return path


def _word_table(document, rows: list[list[TCell]], quirks: bool) -> None:
    width = sum(c.colspan for c in rows[0])
    table = document.add_table(rows=len(rows), cols=width)
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            first = table.cell(r, col)
            last = table.cell(r + cell.rowspan - 1, col + cell.colspan - 1)
            merged = first.merge(last) if (cell.rowspan, cell.colspan) != (1, 1) else first
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, col + dc))
            _word_text(merged, cell, quirks)
            col += cell.colspan


def _word_text(target, cell: TCell, quirks: bool) -> None:
    paragraph = target.paragraphs[0]
    if not (quirks and cell.label) or len(cell.text) < 4:
        paragraph.add_run(
            cell.text.translate(FULL_WIDTH) if quirks and not cell.label else cell.text
        )
        return
    text = cell.text
    if text[0].isdigit() and text[1] == ".":
        text = text[0] + "、" + text[2:]
    chunks = [text[i : i + 3] for i in range(0, len(text), 3)]
    paragraph.add_run(chunks[0])
    for k, chunk in enumerate(chunks[1:]):
        if k % 2:
            target.add_paragraph(chunk)  # a label broken over lines with Enter
        else:
            target.paragraphs[-1].add_run(chunk).bold = k % 3 == 0


# -- Excel copies ------------------------------------------------------------------------------


def workbook_copy(
    path: Path, form: Form, draft: Draft, *, copies: dict[str, int] | None = None
) -> Path:
    """A unit's workbook: a title sheet, then one sheet per table with merged cells."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append([f"{draft.unit}{draft.year}年政府信息公开工作年度报告"])
    for section in form.sections:
        if section.table:
            sheet = book.create_sheet(section.title[:20])
            _write_sheet(sheet, table_rows(form, form.table(section.table), draft, False, copies))
    book.save(path)
    return path


def _write_sheet(sheet, rows: list[list[TCell]]) -> None:
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows, start=1):
        col = 1
        for cell in row:
            while (r, col) in taken:
                col += 1
            sheet.cell(r, col, int(cell.text) if cell.text.isdigit() else cell.text)
            if (cell.rowspan, cell.colspan) != (1, 1):
                sheet.merge_cells(
                    start_row=r,
                    start_column=col,
                    end_row=r + cell.rowspan - 1,
                    end_column=col + cell.colspan - 1,
                )
            taken.update(
                (r + dr, col + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            )
            col += cell.colspan
