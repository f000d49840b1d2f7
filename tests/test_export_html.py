"""govreport html: one page that the standard library's parser reads back."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from govreport_gui.core.report_outline import build_outline
from govreport_gui.output.html import report_html
from tests.support.export_support import SCRIPT, export_drafts


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("td", "th"):
            self._in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_cell:
            self.cells[-1] += data


@pytest.fixture(scope="module")
def pages(library):
    out = {}
    for name, draft in export_drafts(library).items():
        form = library.get(draft.form_id)
        page = Page()
        page.feed(report_html(form, draft))
        out[name] = (page, draft, form)
    return out


@pytest.mark.parametrize("name", ["demo", "filled2021"])
def test_every_number_and_label_is_in_a_table_cell(pages, name):
    page, draft, form = pages[name]
    outline = build_outline(form, draft)
    for table in outline.tables():
        for cell in (c for b in table.layout.blocks for c in b.cells()):
            if cell.text:
                assert cell.text in page.cells
    assert str(draft.year) in "".join(page.text)


@pytest.mark.parametrize("name", ["demo", "filled2021"])
def test_spans_and_scopes_and_nothing_external(pages, name):
    page = pages[name][0]
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags
    if name == "filled2021":  # nested headers and groups (the old table has no merges)
        assert any("rowspan" in a for t, a in page.tags if t in ("th", "td"))
        assert any("colspan" in a for t, a in page.tags if t in ("th", "td"))
    scopes = {a.get("scope") for t, a in page.tags if t == "th"}
    assert {"col", "row"} <= scopes
    for _, attrs in page.tags:
        for key in ("src", "href"):
            assert key not in attrs


def test_a_script_typed_into_a_narrative_shows_as_text(pages):
    page = pages["filled2021"][0]
    assert SCRIPT in "".join(page.text)
    assert "script" not in [t for t, _ in page.tags]


def test_money_prints_every_decimal(pages):
    assert "13579.246813" in pages["filled2021"][0].cells


def test_a_header_over_headers_heads_a_column_group(library):
    draft = export_drafts(library)["filled2021"]
    page = report_html(library.get("2021"), draft)
    assert re.search(r'<th scope="colgroup"[^>]*>申请人情况</th>', page)
    assert re.search(r'<th scope="col"[^>]*>自然人</th>', page)
    assert re.search(r'<th scope="rowgroup"[^>]*>（三）不予公开</th>', page)
