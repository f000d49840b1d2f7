"""The report as an editable Word document (python-docx), laid out as the PDF is.

GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; body 3号 仿宋_GB2312
(the font table names 仿宋 as its substitute) with exact line spacing on a line grid of
22 lines, characters condensed by ¼ pt so that 28 fill a line; title 2号 小标宋; headings
黑体, run-in headings （一）… 楷体; page numbers "— 1 —" as a PAGE field, 4号 宋体, on
the outer side (odd pages right, even pages left, one character in). The East Asian font
name (``w:eastAsia``) is set on every style, not only the Latin one. Word cannot repeat
a row group's label on the next page as the PDF does: short groups stay on one page.

The statistics tables are drawn from :mod:`govreport_gui.core.table_layout` (merged
headers, header rows repeated on every page, numbers right-aligned, 不适用 as "/"). A
草稿 carries the PDF's marks: "草稿" across every page (a Word text watermark) and the
reason in the footer. User text is inserted as text runs, never interpreted.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..core.draft import Draft
from ..core.model import Form
from ..core.report_outline import (
    OutlineTable,
    ReportOutline,
    build_outline,
    document_text,
    run_in_heading,
)
from .docx_parts import (
    add_run,
    condense,
    fonts_with_substitutes,
    indent_table,
    off_grid,
    set_cell_border,
    set_east_asian,
)
from .docx_tables import add_layout_table

__all__ = ["docx_bytes"]

BODY_SIZE = 16  # 3号
TITLE_SIZE = 22  # 2号
NUMBER_SIZE = 14  # 4号
NOTE_SIZE = 12
SIGNATORY_SIZE = 14
TABLE_SIGNATORY_SIZE = 12
SIGN_CHARS = 6  # room to sign a name
CELL_LEADING = 1.3  # line height of table text, in multiples of its size (as in the PDF)
TABLE_SIZES = (12, 10.5)  # 小四, 五号
AREA_WIDTH_MM = 156
AREA_WIDTH = AREA_WIDTH_MM / 25.4 * 72  # points
LINE = Pt(225 / 22 * 72 / 25.4)  # 22 lines fill the 225 mm type area: 28.99 pt
#: 28 characters of 16 pt (448 pt) overfill 156 mm (442 pt): condense each by 1/4 pt
CONDENSE = -5  # twentieths of a point
FOOTER_SIZE = 8

STYLES = {  # name → (font role family, size, bold)
    "govreport 正文": ("仿宋_GB2312", BODY_SIZE),
    "govreport 标题": ("方正小标宋简体", TITLE_SIZE),
    "govreport 一级标题": ("黑体", BODY_SIZE),
    "govreport 表格": ("仿宋_GB2312", TABLE_SIZES[0]),
}
KAI = "楷体_GB2312"
NUMBER_FONT = "宋体"
_VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'


def docx_bytes(form: Form, draft: Draft) -> bytes:
    """The whole report as a .docx file's bytes (written by the caller, see core.safe_output)."""
    outline = build_outline(form, draft)
    doc = Document()
    _setup(doc, outline, draft)
    writer = _Writer(doc)
    writer.report(outline)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _setup(doc, outline: ReportOutline, draft: Draft) -> None:  # type: ignore[no-untyped-def]
    props = doc.core_properties
    props.title = outline.title
    props.author = document_text(draft.unit)
    props.subject = "政府信息公开工作年度报告"
    props.comments = "govreport"
    section = doc.sections[0]
    _page(section)
    _styles(doc)
    fonts_with_substitutes(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    _footers(section, outline)


def _page(section) -> None:  # type: ignore[no-untyped-def]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.right_margin = Mm(210 - 28 - AREA_WIDTH_MM)  # 26 mm
    section.bottom_margin = Mm(297 - 37 - 225)  # 35 mm
    section.footer_distance = Mm(22)  # "— 1 —" about 7 mm below the type area
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = parse_xml(f"<w:docGrid {nsdecls('w')}/>")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE.pt * 20)))


def _styles(doc) -> None:  # type: ignore[no-untyped-def]
    normal = doc.styles["Normal"]
    _font(normal, "仿宋_GB2312", BODY_SIZE)
    condense(normal.element.get_or_add_rPr(), CONDENSE)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    for name, (family, size) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _font(style, family, size)
    body = doc.styles["govreport 正文"].paragraph_format
    body.first_line_indent = Pt(2 * BODY_SIZE)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    title = doc.styles["govreport 标题"].paragraph_format
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.line_spacing = Pt(TITLE_SIZE * 1.5)
    title.space_after = LINE  # 标题下空一行
    heading = doc.styles["govreport 一级标题"].paragraph_format
    heading.first_line_indent = Pt(2 * BODY_SIZE)
    heading.keep_with_next = True
    cell = doc.styles["govreport 表格"].paragraph_format
    cell.line_spacing = CELL_LEADING  # as the PDF's tables; off the body's line grid
    cell.widow_control = False
    off_grid(doc.styles["govreport 表格"].element.get_or_add_pPr())


def _font(style, family: str, size: float) -> None:  # type: ignore[no-untyped-def]
    style.font.name = family
    style.font.size = Pt(size)
    set_east_asian(style.element.get_or_add_rPr(), family)


def _footers(section, outline: ReportOutline) -> None:  # type: ignore[no-untyped-def]
    """Page number on the outer side; a 草稿 adds its reason below and a watermark."""
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        para = footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if odd:
            para.paragraph_format.right_indent = Pt(NUMBER_SIZE)
        else:
            para.paragraph_format.left_indent = Pt(NUMBER_SIZE)
        add_run(para, "— ", NUMBER_FONT, NUMBER_SIZE)
        _page_field(para)
        add_run(para, " —", NUMBER_FONT, NUMBER_SIZE)
        if outline.draft_mark:
            note = footer.add_paragraph()
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER
            note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            run = add_run(
                note, f"草稿：{outline.draft_reason}，不作为正式报送件", None, FOOTER_SIZE
            )
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    if outline.draft_mark:
        for header in (section.header, section.even_page_header):
            header.paragraphs[0]._p.append(_watermark())


def _page_field(para: Paragraph) -> None:
    """A PAGE field (fldChar begin / instrText / separate / result / end), 4号宋体."""
    parts = [
        f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>',
        None,
        f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>',
    ]
    for xml in parts:
        run = add_run(para, "1" if xml is None else "", NUMBER_FONT, NUMBER_SIZE)
        if xml is not None:
            run._r.append(parse_xml(xml))


def _watermark():  # type: ignore[no-untyped-def]
    """Word's own text watermark: "草稿" in light grey across the page, behind the text."""
    return parse_xml(
        f"<w:r {nsdecls('w')} {_VML}><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
        ' path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/></v:shapetype>'
        '<v:shape id="govreport-draft" o:spid="_x0000_s2049" type="#_x0000_t136"'
        ' style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:150pt;'
        "rotation:325;z-index:-251654144;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        'mso-position-vertical-relative:margin" fillcolor="#d1d1d1" stroked="f">'
        '<v:fill opacity=".6"/><v:textpath style="font-family:&quot;黑体&quot;;font-size:1pt"'
        ' string="草稿"/></v:shape></w:pict></w:r>'
    )


def _signatory_widths(
    items: list[tuple[str, str]], size: float, avail: float
) -> tuple[int, list[float]]:
    """Pairs per row and column widths: three pairs when a signature still fits, else two."""
    for per_row in (3, 2):
        labels = [  # + cell margins
            max(len(label) + 1 for label, _ in items[k::per_row]) * size + 16
            for k in range(per_row)
        ]
        value = (avail - sum(labels)) / per_row
        if value >= SIGN_CHARS * size:
            break
    return per_row, [w for label in labels for w in (label, value)]


class _Writer:
    """Appends the outline's parts to the document body in order."""

    def __init__(self, doc) -> None:  # type: ignore[no-untyped-def]
        self.doc = doc
        self.ids: dict[str, str] = {}

    def para(self, text: str, style: str = "govreport 正文") -> Paragraph:
        para = self.doc.add_paragraph()
        para._p.style = self.style_id(style)  # by id: lookups by name scan every style
        if text:
            para.add_run(text)
        return para

    def separator(self) -> None:
        """A paragraph one point high between two blocks of a table."""
        para = self.para("")
        fmt = para.paragraph_format
        fmt.line_spacing = Pt(1)
        fmt.first_line_indent = Pt(0)
        fmt.keep_with_next = True
        off_grid(para._p.get_or_add_pPr())

    def style_id(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self.doc.styles[name].style_id
        return self.ids[name]

    def body(self, text: str) -> Paragraph:
        """A narrative paragraph; a leading （一）…。 run-in heading is set in 楷体."""
        para = self.para("")
        end = run_in_heading(text)
        if end:
            add_run(para, text[:end], KAI)
        para.add_run(text[end:])
        return para

    def report(self, outline: ReportOutline) -> None:
        self.para(outline.title, "govreport 标题")
        if outline.addressee:
            self.para(outline.addressee).paragraph_format.first_line_indent = Pt(0)
        for section in outline.sections:
            if section.heading:
                self.para(section.heading, "govreport 一级标题")
            for text in section.paragraphs:
                self.body(text)
            if section.table:
                self.table(section.table)
        self.attachment_note(outline.attachment_note)
        self.signoff(outline)
        if outline.signatories_after_text:
            self.signatories(outline, SIGNATORY_SIZE, indent=2 * BODY_SIZE)
        for attachment in outline.attachments:
            self.attachment(attachment, outline)

    def attachment_note(self, lines: tuple[str, ...]) -> None:
        """附件：… under the text after a blank line, further names aligned under the first."""
        if lines:
            self.para("")
        for i, line in enumerate(lines):
            para = self.para(line)
            if i:
                para.paragraph_format.first_line_indent = Pt(5 * BODY_SIZE)

    def signoff(self, outline: ReportOutline) -> None:
        """Issuer centred over the date, date 右空四字, two blank lines for the seal above.

        The last text line stays with them on one page, as in the PDF.
        """
        last = self.doc.paragraphs[-1]
        if last.paragraph_format.keep_with_next is None:
            last.paragraph_format.keep_with_next = True
        for _ in range(2):
            self.para("").paragraph_format.keep_with_next = True
        chars = len(outline.date) - len(outline.issuer)
        for text, right in ((outline.issuer, 4 + max(chars, 0) / 2), (outline.date, 4)):
            para = self.para(text)
            fmt = para.paragraph_format
            fmt.first_line_indent = Pt(0)
            fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(right * BODY_SIZE)
            fmt.keep_with_next = True

    def signatories(self, outline: ReportOutline, size: float, indent: float = 0) -> None:
        """单位负责人 / 审核人 / 填报人 / 联系电话 / 填报日期, a line to sign where empty."""
        items = list(outline.signatories)
        per_row, widths = _signatory_widths(items, size, AREA_WIDTH - indent)
        table = self.doc.add_table(rows=(len(items) + per_row - 1) // per_row, cols=2 * per_row)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Pt(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Pt(width)
        for n, (label, value) in enumerate(items):
            cells = table.rows[n // per_row].cells
            col = 2 * (n % per_row)
            self.signatory_cell(cells[col], f"{label}：", size)
            self.signatory_cell(cells[col + 1], value, size)
            if not value:
                set_cell_border(cells[col + 1], "bottom")
        for row in table.rows[:-1]:  # the block stays on one page with the date above it
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        if indent:
            indent_table(table, indent)

    def signatory_cell(self, cell, text: str, size: float) -> None:  # type: ignore[no-untyped-def]
        para = cell.paragraphs[0]
        para._p.style = self.style_id("govreport 表格")
        if text:
            add_run(para, text, None, size)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM

    def attachment(self, attachment, outline: ReportOutline) -> None:  # type: ignore[no-untyped-def]
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        label = self.para(attachment.label, "govreport 一级标题")
        label.paragraph_format.first_line_indent = Pt(0)
        self.para("")
        self.para(attachment.title, "govreport 标题").paragraph_format.space_after = Pt(LINE.pt / 2)
        unit = self.para(attachment.unit_line)
        unit.paragraph_format.first_line_indent = Pt(0)
        unit.runs[0].font.size = Pt(14)
        for text in attachment.paragraphs:
            self.body(text)
        if attachment.table:
            self.table(attachment.table)
            for cell in self.doc.tables[-1].rows[-1].cells:  # the signatories follow the
                cell.paragraphs[0].paragraph_format.keep_with_next = True  # table's last row
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        spacer = self.para("").paragraph_format
        spacer.line_spacing = Pt(8)
        spacer.keep_with_next = True
        self.signatories(outline, TABLE_SIGNATORY_SIZE)

    def table(self, table: OutlineTable) -> None:
        if table.title:
            self.para(table.title, "govreport 一级标题")
        if table.note:
            note = self.para(table.note)
            fmt = note.paragraph_format
            fmt.first_line_indent = Pt(0)
            fmt.line_spacing = Pt(18)
            note.runs[0].font.size = Pt(NOTE_SIZE)
        size = TABLE_SIZES[0] if table.layout.value_cols <= 8 else TABLE_SIZES[1]
        for i, block in enumerate(table.layout.blocks):
            if i:  # tables that touch become one in Word, repeating the first one's header
                self.separator()
            add_layout_table(self.doc, table.layout, block, size)
        spacer = self.para("")
        spacer.paragraph_format.line_spacing = Pt(LINE.pt / 2)
