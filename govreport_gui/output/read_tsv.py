"""Tab-separated text, as Excel, WPS and browsers put a copied block on the clipboard."""

from __future__ import annotations

import csv
import io

from ..core.document import Document, Grid


def tsv_rows(text: str) -> list[list[str]]:
    """Rows of cells; a cell holding a line break comes quoted, as Excel writes it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if not text:
        return []
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter="\t")]


def parse_tsv(text: str, name: str = "粘贴的表格") -> Document:
    return Document([Grid.plain(tsv_rows(text), name)], "", "表格文字")
