"""What every page carries besides the report: page number, fingerprint, QR code, 草稿 mark.

The fingerprint ties a signed paper to its electronic file: the first 12 hex digits of
the SHA-256 of the draft's canonical JSON (keys sorted, no spaces), so the receiving
office can recompute it from the file it was sent (:func:`fingerprint`). The QR code
carries form id, year, unit and fingerprint as UTF-8 bytes behind an explicit ECI 26
marker, so phone scanners do not guess Shift-JIS.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..core.draft import Draft, draft_to_json
from .fonts import FontSet, Role
from .glyphs import GlyphMapper, Segment
from .layout import PAGE_NUMBER_GAP, PAGE_NUMBER_SIZE

FINGERPRINT_CHARS = 12
QR_SIZE = 14 * mm
QR_FORM = "govreport-qr"
FOOTER_SIZE = 8
WATERMARK = "草稿"
WATERMARK_SIZE = 110
EM_DASH_HEIGHT = 0.4  # the top of "—" sits about 0.4 em above the baseline in CJK fonts


def fingerprint(draft: Draft) -> str:
    """Short hash of everything in the draft file; equal drafts give equal fingerprints."""
    canonical = json.dumps(
        draft_to_json(draft), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_CHARS]


def qr_payload(draft: Draft, digest: str) -> str:
    return f"GOVREPORT;form={draft.form_id};year={draft.year};unit={draft.unit};hash={digest}"


def qr_code(payload: str, size: float = QR_SIZE) -> QrCode:
    """The QR flowable (drawn straight on the canvas: no Helvetica enters the PDF)."""
    raw = payload.encode("utf-8")
    data = [qrencoder.QRECI(26), qrencoder.QR8bitByte(raw)]
    return QrCode(data, width=size, height=size, qrLevel="M", qrBorder=2, qrVersion=qr_version(raw))


def qr_version(raw: bytes, level: str = "M") -> int:
    """Smallest QR version holding an ECI header and ``raw`` as bytes.

    ReportLab's own choice counts the ECI segment as 4 bits instead of 12 and then
    fails with "code length overflow" for some payload lengths.
    """
    ec = getattr(qrencoder.QRErrorCorrectLevel, level)
    byte_mode = qrencoder.QR8bitByte(raw)
    for version in range(1, 41):
        capacity = 8 * sum(b.dataCount for b in qrencoder.QRRSBlock.getRSBlocks(version, ec))
        needed = (4 + 8) + 4 + byte_mode.getLengthBits(version) + 8 * len(raw)
        if needed <= capacity:
            return version
    raise ValueError("QR payload too long")


def draw_runs(canv: Canvas, runs: list[Segment], x: float, y: float, size: float) -> float:
    """Draw font runs from ``x`` on baseline ``y``; returns the width drawn."""
    start = x
    for font, text in runs:
        canv.setFont(font.name, size)
        canv.drawString(x, y, text)
        x += canv.stringWidth(text, font.name, size)
    return x - start


def runs_width(runs: list[Segment], size: float) -> float:
    return sum(stringWidth(text, font.name, size) for font, text in runs)


@dataclass
class PageMarks:
    """Draws the furniture of every page; ``area`` is (left, bottom, width, height)."""

    fonts: FontSet
    glyphs: GlyphMapper
    footer: str
    reason: str  # why this print is a 草稿; empty for a final print
    qr: QrCode
    _qr_drawn: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        """The footer lines: fingerprint, and for a 草稿 why it is one."""
        reason = (f"草稿：{self.reason}，不作为正式报送件",) if self.reason else ()
        return (self.footer, *reason)

    def draw(
        self, canv: Canvas, page_size: tuple[float, float], area: tuple[float, float, float, float]
    ) -> None:
        canv.saveState()
        width, _ = page_size
        left, bottom, area_w, area_h = area
        number = canv.getPageNumber()
        odd = number % 2 == 1
        if self.reason:
            self._watermark(canv, left + area_w / 2, bottom + area_h / 2)
        self._page_number(canv, number, odd, left, bottom, area_w)
        # QR on the inner side, opposite the page number
        qr_x = left if odd else left + area_w - QR_SIZE
        self._draw_qr(canv, qr_x, 6 * mm)
        canv.setFillColor(colors.Color(0.35, 0.35, 0.35))
        body = self.fonts[Role.BODY]
        y = 14 * mm
        for text in self.lines:
            runs = self.glyphs.segments(text, body, "页脚")
            w = runs_width(runs, FOOTER_SIZE)
            draw_runs(canv, runs, (width - w) / 2, y, FOOTER_SIZE)
            y -= FOOTER_SIZE * 1.5
        canv.restoreState()

    def _draw_qr(self, canv: Canvas, x: float, y: float) -> None:
        """The QR code, encoded and drawn once per document as a form XObject that every page
        reuses (ReportLab re-encodes a QrCode each time it is drawn: 0.1 s a page)."""
        if not self._qr_drawn:
            canv.beginForm(QR_FORM)
            self.qr.drawOn(canv, 0, 0)
            canv.endForm()
            self._qr_drawn = True
        canv.saveState()
        canv.translate(x, y)
        canv.doForm(QR_FORM)
        canv.restoreState()

    def _page_number(
        self, canv: Canvas, number: int, odd: bool, left: float, bottom: float, area_w: float
    ) -> None:
        """ "— 1 —": 4号宋体, dashes 7 mm below the type area, odd right / even left, one char in."""
        text = f"— {number} —"
        runs = self.glyphs.segments(text, self.fonts[Role.NUMBER], "页码")
        y = bottom - PAGE_NUMBER_GAP - EM_DASH_HEIGHT * PAGE_NUMBER_SIZE
        w = runs_width(runs, PAGE_NUMBER_SIZE)
        x = left + area_w - PAGE_NUMBER_SIZE - w if odd else left + PAGE_NUMBER_SIZE
        canv.setFillColor(colors.black)
        draw_runs(canv, runs, x, y, PAGE_NUMBER_SIZE)

    def _watermark(self, canv: Canvas, cx: float, cy: float) -> None:
        canv.saveState()
        canv.setFillColor(colors.Color(0.82, 0.82, 0.82))
        canv.translate(cx, cy)
        canv.rotate(35)
        runs = self.glyphs.segments(WATERMARK, self.fonts[Role.HEADING], "水印")
        w = runs_width(runs, WATERMARK_SIZE)
        draw_runs(canv, runs, -w / 2, -WATERMARK_SIZE * 0.35, WATERMARK_SIZE)
        canv.restoreState()
