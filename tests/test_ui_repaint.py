"""A committed cell repaints the cells whose value or marks changed, one by one, and no others."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govreport_gui.storage.base import MemoryDraftStore

from .support.helpers import filled_2021_draft
from .support.ui_support import grid_of, make_window, table_page

SHOWN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole)


def _looks(model) -> dict[str, tuple]:
    return {
        cell_id: tuple(model.data(model.index_of(cell_id), role) for role in SHOWN)
        for cell_id in model.cell_ids()
    }


def _place(model, cell_id: str) -> tuple[int, int]:
    index = model.index_of(cell_id)
    return index.row(), index.column()


def test_a_commit_repaints_exactly_the_cells_that_look_different(qtbot, library, tmp_path):
    store = MemoryDraftStore()
    draft_id = store.create(filled_2021_draft(library))
    window = make_window(qtbot, library, tmp_path, store=store)
    assert window.open_draft(draft_id)
    model = grid_of(table_page(window, "t3"), "t3.r1.natural").grid_model
    repainted: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, *_: repainted.append((a.row(), a.column(), b.row(), b.column()))
    )
    for cell_id, typed in (("t3.r1.natural", "99"), ("t3.r1.natural", ""), ("t3.new.legal", "0")):
        before = _looks(model)
        repainted.clear()
        assert model.setData(model.index_of(cell_id), typed)
        after = _looks(model)
        differ = {c for c in after if after[c] != before[c]}
        places = {(r, c) for r, c, r2, c2 in repainted if (r, c) == (r2, c2)}
        assert len(places) == len(repainted)  # one cell per signal, never the whole block
        painted = {c for c in after if _place(model, c) in places}
        assert cell_id in differ
        assert differ <= painted  # every cell that looks different is repainted
        assert len(painted) < len(after) // 2  # and not the table
    window.session.dirty = False


def test_the_findings_list_keeps_the_rows_of_findings_that_stayed(qtbot, library, tmp_path):
    store = MemoryDraftStore()
    draft_id = store.create(filled_2021_draft(library))
    window = make_window(qtbot, library, tmp_path, store=store)
    assert window.open_draft(draft_id)
    window.go_to_cell("t3.r1.natural")
    page = table_page(window, "t3")
    model = grid_of(page, "t3.r1.natural").grid_model
    assert model.setData(model.index_of("t3.r1.natural"), "99")  # breaks two sums
    panel = page.findings_panel
    first = list(panel.rows)
    assert first
    assert model.setData(model.index_of("t3.r2.legal"), "99")  # two more, the first two stay
    assert all(row in panel.rows for row in first)
    assert len(panel.rows) > len(first)
    listed, _ = page.page_findings()
    assert panel.messages() == [f"{f.severity.label}：{f.message}" for f in listed]
    window.session.dirty = False
