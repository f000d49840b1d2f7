"""关怀模式 on a 1366×768 laptop: table 三 keeps the room, every button can be reached."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from govreport_gui.core.draft import new_draft
from govreport_gui.storage.base import MemoryDraftStore
from govreport_gui.ui import looks

from .support.ui_support import make_window, table_page, temp_settings

#: A maximised window on a 1366×768 screen (taskbar and title bar taken off).
LAPTOP = (1366, 698)


@pytest.fixture
def care_window(qtbot, library, tmp_path):
    settings = temp_settings(tmp_path)
    settings.care_mode = True
    looks.apply_text_scale(True)
    store = MemoryDraftStore()
    draft_id = store.create(new_draft(library.get("2021"), 2023, "某某县人民政府办公室"))
    window = make_window(qtbot, library, tmp_path, store=store, settings=settings, resize=False)
    window.resize(*LAPTOP)
    window.open_draft(draft_id)
    yield window
    looks.apply_text_scale(False)


def test_table_three_shows_eight_rows_of_values_with_the_findings_folded(qtbot, care_window):
    window = care_window
    window.session.enter("t3.new.total", "5")  # an error: the findings have something to say
    window.go_to_cell("t3.new.natural")
    qtbot.wait(50)
    page = table_page(window, "t3")
    assert not page.findings_panel.is_open()
    grid = page.grids[0]
    model = grid.grid_model
    viewport = grid.viewport().rect()
    shown = [
        r
        for r in range(model.rowCount())
        if not model.block.rows[r].group and viewport.contains(grid.visualRect(model.index(r, 1)))
    ]
    assert len(shown) >= 8, shown


def test_every_button_of_the_sign_page_is_on_screen(qtbot, care_window):
    window = care_window
    window.go_to_step(window.step_index("sign"))
    QApplication.processEvents()
    sign = window.current_step().widget
    frame = window.current_step().frame.viewport()
    for button in sign.findChildren(QPushButton):
        if not button.isVisibleTo(sign):
            continue
        corner = button.mapTo(frame, button.rect().bottomRight())
        assert frame.rect().contains(corner), button.text()


def test_the_aggregate_page_scrolls_its_list_not_itself(qtbot, care_window, tmp_path, library):
    from .test_ui_aggregate import unit_folder

    folder = tmp_path / "units"
    folder.mkdir()
    unit_folder(folder, library)
    window = care_window
    window.show_aggregate()
    window.aggregate_page.set_paths([folder])
    qtbot.wait(50)
    frame = window.current_step().frame
    assert not frame.verticalScrollBar().isVisible()  # one scroll bar: the list's
    assert window.aggregate_page.create_button.isVisible()
