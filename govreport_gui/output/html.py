"""The report as one self-contained web page for a government portal's editor.

UTF-8, no script, no external resource (no stylesheet, font or image link), minimal
inline CSS on the elements themselves (portal editors often drop ``<style>`` blocks).
Tables are real ``<table>``s from :mod:`govreport_gui.core.table_layout`: header cells
are ``<th scope="col|colgroup">``, row labels ``<th scope="row|rowgroup">``, merges are
``rowspan``/``colspan``, numbers right-aligned. Every user text is escaped, so a
``<script>`` typed into a narrative shows as text. A 草稿 says so at the top.
"""

from __future__ import annotations

from html import escape

from ..core.draft import Draft
from ..core.model import Form
from ..core.report_outline import OutlineTable, ReportOutline, build_outline
from ..core.table_layout import BlockLayout, CellKind, LayoutCell

__all__ = ["html_bytes", "report_html"]

BODY_FONT = "font-family:仿宋_GB2312,仿宋,FangSong,serif;font-size:16pt;line-height:1.8"
TITLE = (
    "text-align:center;font-family:方正小标宋简体,华文中宋,serif;font-size:22pt;font-weight:normal"
)
HEADING = "font-family:黑体,SimHei,sans-serif;font-size:16pt;font-weight:normal;text-indent:2em"
PARA = "text-indent:2em;margin:0"
TABLE = "border-collapse:collapse;margin:0.5em auto;font-size:12pt;line-height:1.4"
CELL = "border:1px solid #000;padding:2px 4px;vertical-align:middle"
DRAFT = "color:#a00;border:1px solid #a00;padding:4px;text-align:center"


def html_bytes(form: Form, draft: Draft) -> bytes:
    """The page as UTF-8 bytes (written by the caller, see core.safe_output)."""
    return report_html(form, draft).encode("utf-8")


def report_html(form: Form, draft: Draft) -> str:
    """The whole page: ``<!DOCTYPE html>`` to ``</html>``."""
    outline = build_outline(form, draft)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(outline.title)}</title>\n</head>\n"
        f'<body style="{BODY_FONT}">\n{report_body(outline)}</body>\n</html>\n'
    )


def report_body(outline: ReportOutline) -> str:
    """The report's elements, without the page around them (what the clipboard carries)."""
    out: list[str] = []
    if outline.draft_mark:
        out.append(_p(f"草稿：{outline.draft_reason}，不作为正式报送件", DRAFT))
    out.append(f'<h1 style="{TITLE}">{escape(outline.title)}</h1>')
    if outline.addressee:
        out.append(_p(outline.addressee, "margin:0"))
    for section in outline.sections:
        if section.heading:
            out.append(f'<h2 style="{HEADING}">{escape(section.heading)}</h2>')
        out += [_p(text, PARA) for text in section.paragraphs]
        if section.table:
            out.append(_table(section.table))
    if outline.attachment_note:
        out.append(_p("<br>".join(escape(t) for t in outline.attachment_note), PARA, raw=True))
    out.append(_p(outline.issuer, "text-align:right;margin:2em 4em 0 0"))
    out.append(_p(outline.date, "text-align:right;margin:0 4em 0 0"))
    if outline.signatories_after_text:
        out.append(_signatories(outline))
    for attachment in outline.attachments:
        out.append(f'<h2 style="{HEADING};text-indent:0">{escape(attachment.label)}</h2>')
        out.append(f'<h1 style="{TITLE}">{escape(attachment.title)}</h1>')
        out.append(_p(attachment.unit_line, "margin:0"))
        out += [_p(text, PARA) for text in attachment.paragraphs]
        if attachment.table:
            out.append(_table(attachment.table))
        out.append(_signatories(outline))
    return "\n".join(out) + "\n"


def _p(text: str, style: str, raw: bool = False) -> str:
    return f'<p style="{style}">{text if raw else escape(text)}</p>'


def _signatories(outline: ReportOutline) -> str:
    items = [
        f"{escape(label)}：{escape(value) if value else '＿＿＿＿＿＿'}"
        for label, value in outline.signatories
    ]
    return _p("　　".join(items), "margin:1em 0 0 2em", raw=True)


def _table(table: OutlineTable) -> str:
    out: list[str] = []
    if table.title:
        out.append(f'<h2 style="{HEADING}">{escape(table.title)}</h2>')
    if table.note:
        out.append(_p(table.note, "font-size:12pt;margin:0"))
    out += [_block(block) for block in table.layout.blocks]
    return "\n".join(out)


def _block(block: BlockLayout) -> str:
    rows = ["<thead>"]
    top = block.header_rows
    for cells in block.header:
        rows.append("<tr>" + "".join(_cell(c, top) for c in cells) + "</tr>")
    rows.append("</thead>\n<tbody>")
    for line in block.lines:
        rows.append("<tr>" + "".join(_cell(c, top) for c in line.cells) + "</tr>")
    rows.append("</tbody>")
    return f'<table style="{TABLE}">\n' + "\n".join(rows) + "\n</table>"


def _cell(cell: LayoutCell, header_rows: int) -> str:
    tag, scope = _role(cell, header_rows)
    attrs = f' scope="{scope}"' if scope else ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    style = f"{CELL};text-align:{cell.align.value}"
    if cell.indent:
        style += f";padding-left:{cell.indent + 0.3:g}em"
    if tag == "th":
        style += ";font-weight:normal"
    return f'<{tag}{attrs} style="{style}">{escape(cell.text)}</{tag}>'


def _role(cell: LayoutCell, header_rows: int) -> tuple[str, str]:
    """Element and scope: a header with headers under it heads a column group, one that
    reaches the last header row heads a column; labels head rows; the rest is data."""
    if cell.kind is CellKind.CAPTION:
        return "th", "colgroup"
    if cell.kind is CellKind.COLUMN and cell.row + cell.rowspan < header_rows:
        return "th", "colgroup"
    if cell.is_header:
        return "th", "col"
    if cell.kind is CellKind.GROUP:
        return "th", "rowgroup"
    if cell.kind is CellKind.LABEL:
        return "th", "row"
    return "td", ""
