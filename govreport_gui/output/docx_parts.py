"""Small pieces of WordprocessingML python-docx has no call for: East Asian font names,
font substitutes, cell borders, table indents, condensed characters.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

#: Official document fonts and what a PC without them should use instead (GB/T 9704 names
#: 仿宋_GB2312 etc.; Windows ships 仿宋, 楷体, 黑体, 宋体 under these names).
SUBSTITUTES = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "华文中宋",
    "黑体": "SimHei",
    "宋体": "SimSun",
}
_FONT_TABLE = "/word/fontTable.xml"
# Schema order matters: Word offers to "repair" a file whose elements are out of order.
_AFTER_TC_BORDERS = (
    "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip
_AFTER_TBL_IND = ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
_AFTER_RPR_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


def set_east_asian(rpr: Any, family: str) -> None:
    """Name ``family`` for Chinese characters too (``w:eastAsia``), not only for Latin."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), family)
    fonts.set(qn("w:hint"), "eastAsia")


def add_run(
    para: Paragraph, text: str, family: str | None = None, size: float | None = None
) -> Run:
    """A run of plain text (never interpreted) in ``family`` at ``size`` points."""
    run = para.add_run(text)
    if family:
        set_east_asian(run._r.get_or_add_rPr(), family)
    if size:
        run.font.size = Pt(size)
    return run


def fonts_with_substitutes(doc: Any) -> None:
    """Declare each official font in the font table with its substitute (``w:altName``)."""
    part = next((p for p in doc.part.package.iter_parts() if p.partname == _FONT_TABLE), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for family, substitute in SUBSTITUTES.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), family)
        alt = etree.SubElement(font, qn("w:altName"))
        alt.set(qn("w:val"), substitute)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family_el = etree.SubElement(font, qn("w:family"))
        family_el.set(qn("w:val"), "modern" if family != "黑体" else "swiss")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_cell_border(cell: Any, *sides: str, size: int = 4) -> None:
    """A single black line on the given sides (top, bottom, left, right) of one cell."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = parse_xml(f"<w:tcBorders {nsdecls('w')}/>")
        tc_pr.insert_element_before(borders, *_AFTER_TC_BORDERS)
    for side in sides:
        borders.append(
            parse_xml(
                f'<w:{side} {nsdecls("w")} w:val="single" w:sz="{size}" w:space="0"'
                ' w:color="000000"/>'
            )
        )


def indent_table(table: Any, points: float) -> None:
    """Move a table in from the left margin (``w:tblInd``, in schema order)."""
    ind = parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{round(points * 20)}" w:type="dxa"/>')
    table._tbl.tblPr.insert_element_before(ind, *_AFTER_TBL_IND)


def condense(rpr: Any, twentieths: int) -> None:
    """Character spacing (``w:spacing``), negative to condense."""
    spacing = parse_xml(f'<w:spacing {nsdecls("w")} w:val="{twentieths}"/>')
    rpr.insert_element_before(spacing, *_AFTER_RPR_SPACING)


_AFTER_SNAP = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def off_grid(ppr: Any) -> None:
    """Lines of this paragraph (or style) keep their own height instead of snapping to the
    page's 22-line grid: tables and small print would otherwise get a body line each."""
    ppr.insert_element_before(parse_xml(f'<w:snapToGrid {nsdecls("w")} w:val="0"/>'), *_AFTER_SNAP)
