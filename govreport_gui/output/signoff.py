"""Issuer, date and room for the seal; the signatory lines.

GB/T 9704-2012 7.3.5.1 (one issuer, sealed): the date is right-indented four characters,
the issuer is centred over the date, and the seal, upright, centred, presses on both so
that they sit a little below its centre; its top is within one line of the text above.
A county seal is 45 mm, so the block reserves about 50 mm. No seal is ever drawn: the
paper is sealed by hand. Dates print as 2018年2月12日 (no zero padding, 7.3.5.4).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..core.draft import SIGNATORIES, Draft
from .fonts import FontSet, Role
from .glyphs import GlyphMapper, Segment
from .layout import BODY_SIZE, LEADING, SEAL_DIAMETER, Styles
from .marks import draw_runs, runs_width

SEAL_TOP_GAP = 3 * mm  # seal top below the last text line ("一行之内")
SEAL_OFFSET = 3 * mm  # issuer and date sit this much below the seal's centre
BLOCK_HEIGHT = SEAL_TOP_GAP + SEAL_DIAMETER + 2 * mm
BLANK_DATE = "　　　　年　　月　　日"
SIGN_LINE_CHARS = 5


@dataclass
class SealPlace:
    """Where the seal goes, in PDF points on page ``page`` (1-based)."""

    page: int
    x: float  # centre
    y: float
    diameter: float


class SignOff(Flowable):
    """Issuer name and date with clear space for the seal (nothing is drawn for it)."""

    def __init__(self, issuer: str, date: str, fonts: FontSet, glyphs: GlyphMapper) -> None:
        super().__init__()
        body = fonts[Role.BODY]
        self.issuer: list[Segment] = glyphs.segments(issuer, body, "落款单位")
        self.date: list[Segment] = glyphs.segments(date or BLANK_DATE, body, "成文日期")
        self.place: SealPlace | None = None
        self.size = BODY_SIZE
        self.issuer_size = BODY_SIZE

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = BLOCK_HEIGHT
        issuer_w = runs_width(self.issuer, self.size)
        if issuer_w > availWidth:  # a very long unit name: shrink it onto one line
            self.issuer_size = self.size * availWidth / issuer_w
        return availWidth, BLOCK_HEIGHT

    def _layout(self) -> tuple[float, float, float, float, float]:
        """(issuer x, date x, centre x, issuer baseline, date baseline) in block coordinates."""
        size = self.size
        date_w = runs_width(self.date, size)
        issuer_w = runs_width(self.issuer, self.issuer_size)
        date_x = self.width - 4 * BODY_SIZE - date_w  # 右空四字
        cx = date_x + date_w / 2
        issuer_x = max(min(cx - issuer_w / 2, self.width - issuer_w), 0)
        centre_y = self.height - SEAL_TOP_GAP - SEAL_DIAMETER / 2
        middle = centre_y - SEAL_OFFSET  # between the issuer and the date lines
        ascent = 0.38 * size  # CJK glyphs are centred about 0.38 em above the baseline
        issuer_y = middle + LEADING / 2 - ascent
        date_y = middle - LEADING / 2 - ascent
        return issuer_x, date_x, cx, issuer_y, date_y

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, y, _sW)
        cx = self._layout()[2]
        centre_y = self.height - SEAL_TOP_GAP - SEAL_DIAMETER / 2
        self.place = SealPlace(canvas.getPageNumber(), x + cx, y + centre_y, SEAL_DIAMETER)

    def draw(self) -> None:
        canv = self.canv
        issuer_x, date_x, _, issuer_y, date_y = self._layout()
        canv.setFillColor(colors.black)
        draw_runs(canv, self.issuer, issuer_x, issuer_y, self.issuer_size)
        draw_runs(canv, self.date, date_x, date_y, self.size)


def signatory_table(
    draft: Draft, styles: Styles, glyphs: GlyphMapper, width: float, size: float
) -> Table:
    """单位负责人 / 审核人 / 填报人 / 联系电话 / 填报日期, with a line to sign where empty."""
    items = [(label, draft.signatories.get(key, "").strip()) for key, label in SIGNATORIES.items()]
    style = styles.cell(size, "left")
    body = styles.fonts[Role.BODY]
    font = body.name
    for per_row in (3, 2):
        label_w = [
            max(stringWidth(f"{label}：", font, size) for label, _ in items[k::per_row]) + 1
            for k in range(per_row)
        ]
        value_w = (width - sum(label_w)) / per_row
        if value_w >= SIGN_LINE_CHARS * size:
            break
    rows: list[list[object]] = []
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font, size),  # empty cells too: no stray Helvetica
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), size * 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for start in range(0, len(items), per_row):
        row: list[object] = []
        for label, value in items[start : start + per_row]:
            col = len(row)
            row.append(Paragraph(glyphs.markup(f"{label}：", body, label), style))
            row.append(Paragraph(glyphs.markup(value, body, label), style) if value else "")
            if not value:
                r = len(rows)
                commands.append(("LINEBELOW", (col + 1, r), (col + 1, r), 0.6, colors.black))
        row += [""] * (2 * per_row - len(row))
        rows.append(row)
    widths = [w for k in range(per_row) for w in (label_w[k], value_w)]
    return Table(rows, colWidths=widths, style=TableStyle(commands), hAlign="LEFT")
