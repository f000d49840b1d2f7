"""A web page (a report saved from a government portal, or a browser's clipboard) as a Document.

The page is parsed with the standard library's HTML parser into a small element tree
(closing what old pages leave open: ``<td>``, ``<tr>``, ``<p>``), then walked: a table
holding no other table is a :class:`~govreport_gui.core.document.Grid`, with row and
column spans laid out; a table holding tables is page layout and is read as text. Text
in a cell is joined without separators, so 「三、本」「年度办」「理结果」 split over
``<p>``, ``<span>``, ``<br>`` and ``&nbsp;`` reads 「三、本年度办理结果」. Styles, scripts
and comments are skipped. Each paragraph remembers the containers it sits in, so the
article can be told from the portal's menus around it.
"""

from __future__ import annotations

import email
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..core.document import Document, Grid, Paragraph, Spanned, tidy_text

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
SKIPPED = frozenset(["script", "style", "noscript", "template", "head", "svg", "iframe", "select"])
BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "br",
    ]
)
#: Tags an opening tag closes when still open, up to (not beyond) the barrier tags.
_CLOSES = {
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"td", "th", "tr"}, {"table", "tbody", "thead", "tfoot"}),
    "tbody": ({"td", "th", "tr", "tbody", "thead", "tfoot"}, {"table"}),
    "thead": ({"td", "th", "tr", "tbody", "thead", "tfoot"}, {"table"}),
    "tfoot": ({"td", "th", "tr", "tbody", "thead", "tfoot"}, {"table"}),
    "p": ({"p"}, {"td", "th", "table", "div", "li"}),
    "li": ({"li", "p"}, {"ul", "ol", "table"}),
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    number: int
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """HTML → Node tree, forgiving as browsers are about tags left open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 0)
        self.stack = [self.root]
        self.count = 0
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag == "body":
            self.skipping = 0  # a <head> left open ends here
        if tag in SKIPPED:
            self.skipping += 1
        if self.skipping:
            return
        closes, barriers = _CLOSES.get(tag, (set(), set()))
        while closes and self.stack[-1].tag in closes:
            self.stack.pop()
        if closes and tag in ("td", "th", "tr"):
            self._close_within(closes, barriers)
        self.count += 1
        node = Node(tag, {k: v or "" for k, v in attrs}, self.count)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def _close_within(self, closes: set[str], barriers: set[str]) -> None:
        """Pop an open cell or row left open further up, stopping at the table."""
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in barriers:
                return
            if tag in closes:
                del self.stack[i:]
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not self.skipping and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipping:
            self.skipping -= tag in SKIPPED
            return
        if tag in SKIPPED:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if tag in ("table", "tr") and self.stack[i].tag == "table":
                return  # never close past an enclosing table

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skipping:
            self.stack[-1].children.append(data)


def parse_html(text: str, name: str = "网页") -> Document:
    """Turn page text into a Document (never raises on bad markup)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    walker = _Walker()
    walker.walk(builder.root, ())
    walker.flush(())
    title = " ".join("".join(builder.title).split())
    return Document(walker.blocks, title, name)


def decode_page(raw: bytes) -> str:
    """Saved pages are UTF-8, or GBK on older portals; a byte-order mark says which."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def page_from_mhtml(raw: bytes) -> str:
    """The page inside a 「网页，单个文件」 (.mht/.mhtml) save: its first text/html part."""
    message = email.message_from_bytes(raw)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset:
                    try:
                        return payload.decode(charset, errors="replace")
                    except LookupError:
                        pass
                return decode_page(payload)
    return ""


class _Walker:
    """Tree → paragraphs and grids, in reading order."""

    def __init__(self) -> None:
        self.blocks: list[Paragraph | Grid] = []
        self.line: list[str] = []
        self.tables = 0

    def flush(self, scope: tuple[int, ...]) -> None:
        text = tidy_text("".join(self.line))
        if text:
            self.blocks.append(Paragraph(text, scope))
        self.line = []

    def walk(self, node: Node, scope: tuple[int, ...]) -> None:
        if node.tag == "table" and not _has_table(node):
            self.flush(scope)
            self.tables += 1
            self.blocks.append(_grid(node, f"第{self.tables}个表格"))
            return
        block = node.tag in BLOCKS
        inner = (*scope, node.number) if block and node.tag != "br" else scope
        if block:
            self.flush(scope)
        for child in node.children:
            if isinstance(child, str):
                self.line.append(child)
            else:
                self.walk(child, inner)
        if block:
            self.flush(inner)


def _has_table(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag == "table" or _has_table(c)) for c in node.children)


def _rows(node: Node) -> list[Node]:
    """The table's rows in order, through thead/tbody/tfoot but not into cells."""
    rows: list[Node] = []
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag not in ("td", "th"):
                rows.extend(_rows(child))
    return rows


def _cells(row: Node) -> list[Node]:
    cells: list[Node] = []
    for child in row.children:
        if isinstance(child, Node):
            if child.tag in ("td", "th"):
                cells.append(child)
            elif child.tag != "tr":
                cells.extend(_cells(child))
    return cells


def _grid(table: Node, name: str) -> Grid:
    rows: list[list[Spanned]] = [
        [(_text(cell), _span(cell, "rowspan"), _span(cell, "colspan")) for cell in _cells(row)]
        for row in _rows(table)
    ]
    return Grid.from_spanned(rows, name)


def _span(cell: Node, name: str) -> int:
    digits = "".join(ch for ch in cell.attrs.get(name, "1") if ch.isdigit())
    return int(digits) if digits else 1


def _text(node: Node) -> str:
    parts: list[str] = []

    def collect(n: Node) -> None:
        for child in n.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                collect(child)

    collect(node)
    return "".join(parts).replace("\xa0", " ").strip()
