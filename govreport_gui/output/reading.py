"""Which reader a file needs (by its content, not its name), and reading a report from it.

The kinds: a web page (.html saved from a browser), a Word/WPS .docx, an Excel .xlsx,
tab-separated text, and the app's own draft file (.json), which is read as it is.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..core.document import Document
from ..core.draft import Draft, loads
from ..core.errors import GovreportError
from ..core.library import FormLibrary
from ..core.previous import attach_previous
from ..core.reading import ReadResult, read_document
from ..core.safe_input import read_regular_file
from .read_html import decode_page, page_from_mhtml, parse_html
from .read_tsv import parse_tsv

MAX_BYTES = 30 * 1024 * 1024
_OLD_OFFICE = b"\xd0\xcf\x11\xe0"


def file_kind(path: Path, raw: bytes) -> str:
    """``docx``, ``xlsx``, ``html``, ``mhtml``, ``draft`` or ``tsv``; raises GovreportError
    for others."""
    head = raw[:8192]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            raise GovreportError(f"{path.name} 已损坏，无法打开") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise GovreportError(f"{path.name} 既不是 Word 文档（.docx）也不是 Excel 工作簿（.xlsx）")
    if head.startswith(_OLD_OFFICE):
        raise GovreportError(
            f"{path.name} 是旧版 Word/Excel 文件（.doc/.xls），请在 Word/WPS 或 Excel 中"
            "“另存为” .docx 或 .xlsx 后再读"
        )
    text = decode_page(head).lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        return "draft"
    if "MIME-Version:" in text[:2048] and "multipart/related" in text[:4096]:
        return "mhtml"  # a page saved as 「网页，单个文件」
    lowered = text[:4096].lower()
    if lowered.startswith("<") or "<table" in lowered or "<html" in lowered:
        return "html"
    return "tsv"


def _raw(path: Path) -> bytes:
    """The file's bytes: a regular file only (never a FIFO or a device), within the limit."""
    return read_regular_file(path, MAX_BYTES, what="报告文件")


def read_document_file(path: Path) -> Document:
    """The file as a Document; a draft file is refused (it needs no reading)."""
    path = Path(path)
    raw = _raw(path)
    kind = file_kind(path, raw)
    if kind == "docx":
        from .read_docx import read_docx

        return read_docx(raw, path.name)
    if kind == "xlsx":
        from .read_xlsx import read_xlsx

        return read_xlsx(raw, path.name)
    if kind == "draft":
        raise GovreportError(f"{path.name} 是本程序的草稿文件，可以直接打开，无需读取")
    if kind == "mhtml":
        return parse_html(page_from_mhtml(raw))
    text = decode_page(raw)
    return parse_html(text) if kind == "html" else parse_tsv(text, path.name)


def read_report_file(
    path: Path,
    library: FormLibrary,
    *,
    year: int | None = None,
    form_id: str | None = None,
    unit: str | None = None,
    fallback_year: int | None = None,
) -> ReadResult:
    """Read a published report (page, Word, Excel, text) into a draft with its findings."""
    doc = read_document_file(path)
    return read_document(
        doc,
        library,
        year=year,
        form_id=form_id,
        unit=unit,
        fallback_year=fallback_year,
        shown=Path(path).name,
    )


def read_any_report(
    path: Path, library: FormLibrary, fallback_year: int | None = None
) -> tuple[Draft, ReadResult | None]:
    """A draft file as it is, any other report read (``fallback_year`` if it names none)."""
    path = Path(path)
    raw = _raw(path)
    if file_kind(path, raw) == "draft":
        return loads(raw, library, path.name), None
    result = read_report_file(path, library, fallback_year=fallback_year)
    return result.draft, result


def attach_last_year(draft: Draft, path: Path, library: FormLibrary) -> ReadResult | None:
    """Attach last year's report from a draft, page, Word or Excel file to ``draft``.

    Returns what reading found (None for a draft file), so the caller can say which of
    last year's cells were not found; raises GovreportError in Chinese.
    """
    last, result = read_any_report(path, library, fallback_year=draft.year - 1)
    attach_previous(draft, last)
    return result


def read_unit_file(path: Path, library: FormLibrary) -> Draft:
    """A unit's report for 汇总: its draft file, or its workbook in the app's own layout.

    A workbook from which any value cell cannot be read is refused, naming the cells, so
    that a half-read unit is never summed as if it had reported blanks.
    """
    path = Path(path)
    raw = _raw(path)
    if file_kind(path, raw) == "draft":
        return loads(raw, library, path.name)
    result = read_report_file(path, library)
    if not result.complete:
        lines = result.problem_messages
        more = f" 等 {len(lines)} 处" if len(lines) > 1 else ""
        raise GovreportError(f"{path.name} 中有单元格没有读出：{lines[0]}{more}")
    return result.draft
