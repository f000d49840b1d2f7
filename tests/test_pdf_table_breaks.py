"""Where a long table breaks across pages: never right after a heading line.

The demo's 统计表 used to end page 10 on 「三、依申请公开情况 — —」 with its items on the
next page; a heading now moves over with its first item.
"""

from __future__ import annotations

from govreport_gui.core.samples import demo_draft
from govreport_gui.output.fonts import choose_fonts
from govreport_gui.output.glyphs import GlyphMapper
from govreport_gui.output.layout import AREA_WIDTH, Styles
from govreport_gui.output.tables import BlockTable, print_table


def test_no_page_part_ends_on_a_heading_line(library) -> None:
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    fonts = choose_fonts()
    printed = print_table(form, form.tables[0], draft, Styles.build(fonts), GlyphMapper(fonts))
    [block] = [f for f in printed.flowables if isinstance(f, BlockTable)]
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
        assert last not in headings or head.stop - head.first == 1, (height, last)
        checked += 1
    assert checked > 50
