"""The report's file formats besides the PDF, by name: what the command line and the
window offer (``docx``, ``xlsx``, ``html``). Each format's module, and the library it
needs, is imported only when that format is made, so start-up does not grow.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..core.draft import Draft
from ..core.model import Form


@dataclass(frozen=True)
class ExportFormat:
    name: str  # docx, xlsx, html: the command and the file suffix
    module: str  # of this package
    builder: str  # function (form, draft) -> bytes
    what: str  # in Chinese, for messages and menus
    file_filter: str  # for a save dialog


EXPORTS = {
    "docx": ExportFormat("docx", "docx", "docx_bytes", "Word 文档", "Word 文档 (*.docx)"),
    "xlsx": ExportFormat("xlsx", "xlsx", "xlsx_bytes", "Excel 工作簿", "Excel 工作簿 (*.xlsx)"),
    "html": ExportFormat("html", "html", "html_bytes", "网页", "网页 (*.html *.htm)"),
}


def export_bytes(name: str, form: Form, draft: Draft) -> bytes:
    """The report of ``draft`` as the bytes of an ``name`` file (docx, xlsx, html)."""
    fmt = EXPORTS[name]
    module = importlib.import_module(f".{fmt.module}", __package__)
    return getattr(module, fmt.builder)(form, draft)  # type: ignore[no-any-return]
