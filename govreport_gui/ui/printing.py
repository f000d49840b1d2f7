"""PDF and printing, through one injectable renderer.

The PDF itself is made by :func:`govreport_gui.output.pdf.render_pdf` (imported only when
the clerk asks for a PDF, so start-up stays fast). Printing hands that PDF to the
system's PDF viewer, whose print dialog the clerk knows and which prints vector text:
PySide6-Essentials has no QtPdf to rasterise pages for QPrinter, and a raster print of an
A4 page at 300 dpi is worse and slower than the viewer's.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ..core.draft import Draft
from ..core.errors import GovreportError
from ..core.model import Form
from .settings import AppSettings

#: ``renderer(form, draft, out_path)`` writes the PDF; raises GovreportError on failure.
Renderer = Callable[[Form, Draft, Path], object]


def _output():
    try:
        from ..output import fonts, pdf
    except ImportError as exc:
        raise GovreportError(
            f"本程序缺少生成 PDF 的组件（{exc.name or 'govreport_gui.output.pdf'}），"
            "无法保存或打印 PDF。请重新安装完整的程序。"
        ) from None
    return fonts, pdf


class PdfRenderer:
    """The real renderer, with the print font the clerk chose (文件 → 打印字体)."""

    def __init__(self, settings: AppSettings) -> None:
        self.settings = settings

    def font_path(self) -> Path | None:
        return Path(self.settings.print_font) if self.settings.print_font else None

    def __call__(
        self, form: Form, draft: Draft, out_path: Path, *, allow_missing: bool = False
    ) -> object:
        _, pdf = _output()
        return pdf.render_pdf(
            form, draft, out_path, font_path=self.font_path(), allow_missing=allow_missing
        )


def missing_characters(error: Exception) -> bool:
    """Whether a render failed only because the fonts lack some characters."""
    return bool(getattr(error, "missing", None))


def describe_fonts(font_path: Path | None) -> str:
    """Which font prints what, in one line per role; raises GovreportError if unusable."""
    fonts, _ = _output()
    chosen = fonts.choose_fonts(font_path)
    return "\n".join(f"{role}：{name}" for role, name in chosen.describe().items())


def print_folder() -> Path:
    """Where the PDF handed to the viewer for printing is written."""
    folder = Path(tempfile.gettempdir()) / "govreport-print"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


#: A print handed to the viewer is kept this long at least, so that a viewer still starting
#: up (a double click on 打印) finds its file; older ones go at the next print.
KEEP_PRINTS_SECONDS = 600


def new_print_file(file_name: str, folder: Path) -> Path:
    """A file name no earlier print used, after clearing out old prints.

    A new name each time because Acrobat Reader locks the PDF it shows: writing the same
    name again after a correction failed while the first print was still open.
    """
    remove_old_prints(folder)
    stem = Path(file_name).stem
    stamp = datetime.now().strftime("%H%M%S")
    candidate = folder / f"{stem} {stamp}.pdf"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem} {stamp}-{number}.pdf"
    return candidate


def remove_old_prints(folder: Path) -> None:
    """Delete earlier prints; one a viewer still holds (Windows refuses) is left for later."""
    oldest_kept = time.time() - KEEP_PRINTS_SECONDS
    for old in folder.glob("*.pdf"):
        with contextlib.suppress(OSError):  # held open, or gone already: next print tries again
            if old.stat().st_mtime <= oldest_kept:
                old.unlink()


def open_with_system_viewer(path: Path) -> bool:
    """Open a file with the program the system uses for it; False when there is none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
