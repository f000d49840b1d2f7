"""Icons, colours and relative font sizes shared by every page.

A finding is always shown by an icon and a word (错误/提示) as well as a colour, so that
colour-blind clerks and screen readers get the same information.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from ..core.rules import Severity

ERROR_BACKGROUND = QColor("#fbd5d2")
WARNING_BACKGROUND = QColor("#fff1c2")
GROUP_BACKGROUND = QColor("#eef1f5")
LABEL_BACKGROUND = QColor("#f7f8fa")
ERROR_TEXT = QColor("#a4161a")
#: A label's style sheet for error text.
ERROR_STYLE = f"color: {ERROR_TEXT.name()};"
#: The cell an error most likely comes from (a total against its parts): stronger red.
CULPRIT_BACKGROUND = QColor("#f28b82")
#: A translucent band over the current row, so a value is read against its label.
CURRENT_ROW = QColor(30, 100, 200, 28)
#: Last year's figure under a value: grey, smaller, but still readable (contrast ≥ 4.5:1).
PREVIOUS_TEXT = QColor("#5f6b7a")
PREVIOUS_SCALE = 0.85
#: Guidance and notes: dark grey on the light window.
GUIDANCE_TEXT = QColor("#4a5563")
#: An ordinary message line (errors use ERROR_TEXT).
MESSAGE_TEXT = QColor("#1f2933")
#: The bars above a page (已锁定, 汇总说明): a pale blue band.
BANNER_BACKGROUND = QColor("#e8f0fe")

_FONT_SCALE = "govreportFontScale"


def keep_light_scheme(app: QApplication) -> bool:
    """Stay light when Windows 11 is in dark mode; True if the style had to change.

    Every colour above (finding backgrounds, grey notes, banners) is chosen for a light
    window, and the printed report is black on white: the window matches it. The windows11
    style (Qt 6.7+) follows dark mode; Qt 6.8+ lets the application ask for light. Where
    that is missing (Qt 6.7) or ignored, Fusion with its light palette takes over.
    """
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.processEvents()  # the theme's new palette arrives as a window-system event
    if not is_dark(app.palette()):
        return False
    fusion = app.setStyle("Fusion")
    app.setPalette(fusion.standardPalette() if fusion else QPalette(QColor("#f0f0f0")))
    return True


def is_dark(palette: QPalette) -> bool:
    """Light text on a dark window: what a dark colour scheme gives."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


_icons: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """A standard icon of the current style: error, warning, ok, info (made once)."""
    if name not in _icons:
        _icons[name] = _standard_icon(name)
    return _icons[name]


def _standard_icon(name: str) -> QIcon:
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
        "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
        "locked": QStyle.StandardPixmap.SP_MessageBoxInformation,
    }[name]
    return QApplication.style().standardIcon(pixmap)


def icon_px(widget: QWidget) -> int:
    """Icon size in pixels that goes with the widget's text (larger in 关怀模式)."""
    return max(16, widget.fontMetrics().height() - 2)


def severity_icon(severity: Severity) -> QIcon:
    return icon("error" if severity is Severity.ERROR else "warning")


def severity_background(severity: Severity) -> QColor:
    return ERROR_BACKGROUND if severity is Severity.ERROR else WARNING_BACKGROUND


def culprit_font() -> QFont:
    """Bold: the likely culprit of an error reads at a glance, not by colour alone."""
    font = QApplication.font()
    font.setBold(True)
    return font


def scale_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Make a widget's text ``factor`` times the application's; follows 关怀模式 changes."""
    widget.setProperty(_FONT_SCALE, factor)
    font = QFont()
    font.setBold(bold)
    font.setPointSizeF(QApplication.font().pointSizeF() * factor)
    widget.setFont(font)


def rescale_fonts() -> None:
    """After the application font changed, resize every widget marked by :func:`scale_font`."""
    base = QApplication.font().pointSizeF()
    marker = _FONT_SCALE.encode()
    for widget in QApplication.allWidgets():
        if widget.styleSheet():  # a style sheet keeps the font it resolved: resolve again
            widget.setStyleSheet(widget.styleSheet())
        if marker not in widget.dynamicPropertyNames():
            continue
        font = widget.font()
        font.setPointSizeF(base * float(widget.property(_FONT_SCALE)))
        widget.setFont(font)


_base_size: float | None = None  # the normal UI text size, found once
#: The smallest UI text: 五号 (10.5 pt), what clerks read in their documents.
MIN_POINT_SIZE = 10.5


def apply_text_scale(care_mode: bool) -> float:
    """Set the whole UI's text size: normal, or 关怀模式 (CARE_SCALE times larger)."""
    from .settings import CARE_SCALE

    global _base_size
    if _base_size is None:
        _base_size = max(QApplication.font().pointSizeF(), MIN_POINT_SIZE)
    size = _base_size * (CARE_SCALE if care_mode else 1.0)
    font = QApplication.font()
    font.setPointSizeF(size)
    QApplication.setFont(font)
    rescale_fonts()
    return size
