"""Where a long table breaks across pages: a group heading keeps two of its rows.

The demo's 统计表 used to end a page on 「三、依申请公开情况 — —」 or 「五、行政诉讼数量」
with its items on the next page; a heading now moves over with its first rows, and a
nested group label (三、本年度办理结果) never ends a page with only one of its rows.
"""

from __future__ import annotations

from govreport_gui.core.draft import Draft
from govreport_gui.core.model import Form, Table
from govreport_gui.core.samples import demo_draft
from govreport_gui.output.fonts import choose_fonts
from govreport_gui.output.glyphs import GlyphMapper
from govreport_gui.output.layout import AREA_WIDTH, Styles
from govreport_gui.output.tables import BlockTable, print_table
from tests.support.helpers import filled_2021_draft


def _block(form: Form, table: Table, draft: Draft) -> BlockTable:
    """The one BlockTable that ``table`` prints as."""
    fonts = choose_fonts()
    printed = print_table(form, table, draft, Styles.build(fonts), GlyphMapper(fonts))
    [block] = [f for f in printed.flowables if isinstance(f, BlockTable)]
    return block


def test_no_page_part_ends_on_a_heading_line(library) -> None:
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    block = _block(form, form.tables[0], draft)
    headings = {ln for ln, _ in block.spec.centre}
    assert len(headings) >= 5  # 一、主动公开情况, （二）…, 二、回应解读情况, 三、…, 八、…, 九、…
    _, full_height = block.wrap(AREA_WIDTH, 10_000)
    checked = 0
    for height in range(80, int(full_height), 7):  # every place a page could end
        parts = block.split(AREA_WIDTH, height)
        if not parts:
            continue
        head = parts[0]
        assert isinstance(head, BlockTable)
        last = head.stop - 1
        assert last not in headings, (height, last)
        assert last - 1 not in headings or _group_ends(block, last - 1) == last, (height, last)
        checked += 1
    assert checked > 50


def _group_ends(block: BlockTable, heading: int) -> int:
    """The last line of the heading's group (lines until the next heading)."""
    headings = sorted(ln for ln, _ in block.spec.centre if ln > heading)
    return (headings[0] if headings else len(block.spec.lines)) - 1


def test_a_nested_group_never_ends_a_page_with_one_row(library) -> None:
    draft = filled_2021_draft(library)
    form = library.get("2021")
    block = _block(form, form.table("t3"), draft)
    starts = {l0 for _, l0, l1, _ in block.spec.groups if l1 > l0}
    assert starts
    _, full_height = block.wrap(AREA_WIDTH, 10_000)
    for height in range(120, int(full_height), 5):
        parts = block.split(AREA_WIDTH, height)
        if parts:
            assert parts[0].stop - 1 not in starts, height


def test_a_row_with_rows_under_it_keeps_two_of_them(library) -> None:
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    block = _block(form, form.tables[0], draft)
    rows = [r for b in form.tables[0].blocks for r in b.rows]
    litigation = next(i for i, r in enumerate(rows) if r.label == "五、行政诉讼数量")
    assert {litigation, litigation + 1} <= block.spec.keep  # 五、 with （一） and （二）
    assert litigation + 2 not in block.spec.keep
    _, full_height = block.wrap(AREA_WIDTH, 10_000)
    for height in range(80, int(full_height), 7):
        parts = block.split(AREA_WIDTH, height)
        if parts:
            assert parts[0].stop - 1 not in {litigation, litigation + 1}, height
