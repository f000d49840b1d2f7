"""Page geometry and type of GB/T 9704-2012 《党政机关公文格式》, as ReportLab styles.

A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; body 3号仿宋 with 22 lines of 28
characters filling the type area. 28 characters of 16 pt (448 pt) do not fit 156 mm
(442.2 pt) and ReportLab's CJK line breaker ignores ``charSpace``, so the body is set at
15.75 pt. Title 2号 (22 pt), page numbers 4号 (14 pt) "— 1 —" 7 mm below the type area,
odd pages right and even pages left, one character in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from .fonts import FontSet, Role
from .linebreak import CANNOT_END, CANNOT_START

__all__ = ["CANNOT_END", "CANNOT_START", "Para", "Styles"]

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
AREA_WIDTH = 156 * mm
AREA_HEIGHT = 225 * mm
AREA_LEFT = LEFT_MARGIN
AREA_BOTTOM = PAGE_HEIGHT - TOP_MARGIN - AREA_HEIGHT  # 35 mm
AREA_RIGHT = AREA_LEFT + AREA_WIDTH  # right margin 26 mm
AREA_TOP = PAGE_HEIGHT - TOP_MARGIN

#: A table too wide for the portrait type area is printed turned on a portrait sheet: the
#: type area is the portrait one turned, 225 × 156 mm, the table's head at the left edge.
WIDE_PAGE = landscape(A4)
WIDE_AREA_WIDTH = AREA_HEIGHT
WIDE_AREA_HEIGHT = AREA_WIDTH
WIDE_AREA_LEFT = AREA_BOTTOM
WIDE_AREA_BOTTOM = WIDE_PAGE[1] - LEFT_MARGIN - WIDE_AREA_HEIGHT

ROUNDING = 1e-6  # points: heights closer than this are equal
LINES_PER_PAGE = 22
BODY_SIZE = 15.75  # 3号 is 16 pt; see the module docstring
LEADING = AREA_HEIGHT / LINES_PER_PAGE  # 28.99 pt: 22 lines fill the type area
TITLE_SIZE = 22  # 2号
PAGE_NUMBER_SIZE = 14  # 4号
PAGE_NUMBER_GAP = 7 * mm  # from the bottom of the type area to the top of the dashes
#: 小四, 五号, 小五: the largest that fits the portrait type area is used; a table turns to
#: a landscape type area only when even 小五 (9 pt, the smallest table type) does not fit.
TABLE_SIZES = (12, 10.5, 9)
SEAL_DIAMETER = 45 * mm  # county-level seals are 4.5 cm (国发〔1999〕25号)


class Para(Paragraph):
    """A paragraph that splits with the lines that fit, float rounding notwithstanding.

    ReportLab counts the lines that fit as ``int(availHeight / leading)``: with 22 lines of
    225 mm / 22, 57.98138869004989 pt available for 57.98138869005011 pt needed gives one
    line, not two, and a page ends two lines short.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return super().split(availWidth, availHeight + ROUNDING)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one print, bound to the fonts chosen for it."""

    fonts: FontSet
    title: ParagraphStyle
    body: ParagraphStyle
    addressee: ParagraphStyle
    heading: ParagraphStyle
    attachment_label: ParagraphStyle
    attachment_title: ParagraphStyle
    unit_line: ParagraphStyle
    note: ParagraphStyle

    @classmethod
    def build(cls, fonts: FontSet) -> Styles:
        body_font = fonts[Role.BODY].name
        body = ParagraphStyle(
            "body",
            fontName=body_font,
            fontSize=BODY_SIZE,
            leading=LEADING,
            firstLineIndent=2 * BODY_SIZE,
            alignment=TA_JUSTIFY,
            wordWrap="CJK",
            allowOrphans=1,  # 22 lines fill every page: a paragraph may start on its last line
            allowWidows=1,
        )
        title = ParagraphStyle(
            "title",
            parent=body,
            fontName=fonts[Role.TITLE].name,
            fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.5,
            firstLineIndent=0,
            alignment=TA_CENTER,
            spaceAfter=LEADING,  # 标题下空一行
        )
        return cls(
            fonts=fonts,
            title=title,
            body=body,
            addressee=ParagraphStyle(
                "addressee", parent=body, firstLineIndent=0, alignment=TA_LEFT
            ),
            heading=ParagraphStyle(
                "heading", parent=body, fontName=fonts[Role.HEADING].name, keepWithNext=1
            ),
            attachment_label=ParagraphStyle(
                "attachment_label",
                parent=body,
                fontName=fonts[Role.HEADING].name,
                firstLineIndent=0,
                alignment=TA_LEFT,
            ),
            attachment_title=ParagraphStyle(
                "attachment_title", parent=title, spaceBefore=0, spaceAfter=LEADING / 2
            ),
            unit_line=ParagraphStyle(
                "unit_line", parent=body, firstLineIndent=0, alignment=TA_LEFT, fontSize=14
            ),
            note=ParagraphStyle("note", parent=body, fontSize=12, leading=18, firstLineIndent=0),
        )

    def cell(
        self, size: float, align: str = "left", indent: float = 0, hang: float = 0
    ) -> ParagraphStyle:
        """Style of a table cell at ``size`` points; ``hang`` sets wrapped lines that much
        further in than the first (a hanging indent under the text after "（一）")."""
        alignment = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}[align]
        return ParagraphStyle(
            f"cell-{size}-{align}-{indent}-{hang}",
            fontName=self.fonts[Role.BODY].name,
            fontSize=size,
            leading=size * 1.3,
            alignment=alignment,
            leftIndent=indent + hang,
            firstLineIndent=-hang,
            wordWrap="CJK",
        )
