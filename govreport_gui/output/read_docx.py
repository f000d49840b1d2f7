"""A Word or WPS document (.docx) as a Document: its paragraphs and tables in order.

python-docx opens the file; the tables are laid out from their XML, because a merged
cell is written as ``gridSpan`` (across) and ``vMerge`` (down, continued in the cells
below), and a continued cell must read as the same cell as the one it continues.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..core.document import Document, Grid, Paragraph, tidy_text
from ..core.errors import GovreportError


def read_docx(raw: bytes, name: str) -> Document:
    """Read a .docx file's bytes; raises GovreportError (in Chinese) when it cannot be opened."""
    import docx  # python-docx: only loaded when a Word file is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile, SyntaxError):
        # SyntaxError: damaged XML inside (lxml's XMLSyntaxError); the library's words are English
        raise GovreportError(f"无法打开 Word 文档 {name}：文件已损坏或不完整") from None
    blocks: list[Paragraph | Grid] = []
    _body(document.element.body, blocks)
    title = document.core_properties.title or ""
    return Document(blocks, title, "Word 文档")


def _body(parent: Any, blocks: list[Paragraph | Grid]) -> None:
    """Paragraphs and tables in document order, also inside content controls (w:sdt)."""
    for element in parent.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = tidy_text(_text(element))
            if text:
                blocks.append(Paragraph(text))
        elif tag == "tbl":
            tables = sum(isinstance(b, Grid) for b in blocks)
            blocks.append(_grid(element, f"第{tables + 1}个表格"))
        elif tag in ("sdt", "sdtContent"):
            _body(element, blocks)


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(_w("t")))


def _grid(table: Any, name: str) -> Grid:
    texts: list[list[str]] = []
    anchors: list[list[int]] = []
    anchor = 0
    for tr in table.iterchildren(_w("tr")):
        line_t: list[str] = []
        line_a: list[int] = []
        before = _val(tr.find(f"{_w('trPr')}/{_w('gridBefore')}"), 0)
        for _ in range(before):
            line_t.append("")
            line_a.append(anchor)
            anchor += 1
        for tc in tr.iterchildren(_w("tc")):
            props = tc.find(_w("tcPr"))
            span = _val(props.find(_w("gridSpan")) if props is not None else None, 1)
            merge = props.find(_w("vMerge")) if props is not None else None
            col = len(line_t)
            continued = merge is not None and merge.get(_w("val")) in (None, "continue")
            if continued and texts and col < len(texts[-1]):
                text, mine = texts[-1][col], anchors[-1][col]
            else:
                text, mine = "".join(_text(p) for p in tc.iterchildren(_w("p"))), anchor
                anchor += 1
            line_t += [text.strip()] * span
            line_a += [mine] * span
        texts.append(line_t)
        anchors.append(line_a)
    width = max((len(t) for t in texts), default=0)
    for line_t, line_a in zip(texts, anchors, strict=True):
        for _ in range(width - len(line_t)):
            line_t.append("")
            line_a.append(anchor)
            anchor += 1
    return Grid(tuple(map(tuple, texts)), tuple(map(tuple, anchors)), name)


def _val(element: Any, default: int) -> int:
    if element is None:
        return default
    raw = element.get(_w("val")) or ""
    return int(raw) if raw.isdigit() else default
