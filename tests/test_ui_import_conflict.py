"""The window's 导入草稿文件 asks like ``govreport import`` does; its save dialogs ask
before replacing a draft file (issue 13.1, 15.2)."""

from __future__ import annotations

import pytest

from govreport_gui.core.draft import read_draft_file, write_draft_file
from govreport_gui.core.samples import demo_draft
from govreport_gui.storage.base import Conflict
from govreport_gui.ui import dialogs

from .support.ui_support import make_window


@pytest.fixture
def window_with_stored_demo(qtbot, library, store, tmp_path, monkeypatch):
    draft = demo_draft(library)
    store.create(draft)
    incoming = demo_draft(library)
    incoming.unit = draft.unit[:3] + "\u200b" + draft.unit[3:]  # looks the same: same unit
    section = next(iter(library.get(draft.form_id).text_sections())).id
    incoming.texts[section] = "导入的文件里的概述"
    path = tmp_path / "收到的.json"
    write_draft_file(incoming, path)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: str(path))
    asked: list[str] = []
    window = make_window(qtbot, library, tmp_path, store=store)
    return window, store, asked, section


@pytest.mark.parametrize("choice", [None, Conflict.KEEP_BOTH, Conflict.REPLACE])
def test_importing_a_unit_year_form_already_stored_asks(
    window_with_stored_demo, monkeypatch, choice
) -> None:
    window, store, asked, section = window_with_stored_demo
    (before,) = store.list()

    def answer(parent, text: str) -> Conflict | None:
        asked.append(text)
        return choice

    monkeypatch.setattr(dialogs, "ask_import_conflict", answer)
    window.start_page.import_file()
    assert window.start_page.message.message() == ""
    assert len(asked) == 1 and "已有" in asked[0] and f"编号 {before.id}" in asked[0]
    infos = store.list()
    if choice is None:
        assert infos == [before]
        assert store.load(before.id).texts.get(section) != "导入的文件里的概述"
    elif choice is Conflict.KEEP_BOTH:
        assert len(infos) == 2
    else:
        assert [i.id for i in infos] == [before.id]
        assert store.load(before.id).texts[section] == "导入的文件里的概述"
        assert [h.event for h in store.history(before.id)] == ["replaced"]


def test_an_import_without_a_match_does_not_ask(qtbot, library, store, tmp_path, monkeypatch):
    path = tmp_path / "new.json"
    write_draft_file(demo_draft(library), path)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: str(path))
    monkeypatch.setattr(dialogs, "ask_import_conflict", lambda *a: pytest.fail("asked"))
    window = make_window(qtbot, library, tmp_path, store=store)
    window.start_page.import_file()
    assert len(store.list()) == 1


@pytest.mark.parametrize("replace", [False, True])
def test_exporting_onto_a_draft_file_asks_first(
    qtbot, library, store, tmp_path, monkeypatch, replace
) -> None:
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_demo()
    other = demo_draft(library)
    other.unit = "别的单位"
    target = tmp_path / "别的单位.json"
    write_draft_file(other, target)
    before = target.read_bytes()
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(target))
    monkeypatch.setattr(
        dialogs, "confirm", lambda parent, title, text, yes="": questions.append(text) or replace
    )
    assert window.report_actions.export_draft_file() is replace
    assert len(questions) == 1 and "草稿文件" in questions[0]
    if replace:
        assert read_draft_file(target, library).unit != "别的单位"
    else:
        assert target.read_bytes() == before


def test_a_folder_or_link_is_never_a_save_target(qtbot, library, store, tmp_path, monkeypatch):
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_demo()
    real = tmp_path / "real.json"
    real.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    told: list[str] = []
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(link))
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, text, error=False: told.append(text))
    assert window.report_actions.export_draft_file() is False
    assert "符号链接" in told[0] and link.is_symlink() and real.read_text("utf-8") == "keep"


@pytest.mark.parametrize(
    ("button", "expected"),
    [("两份都保留", Conflict.KEEP_BOTH), ("替换原有草稿", Conflict.REPLACE), ("Cancel", None)],
)
def test_the_conflict_question_answers_with_the_button_clicked(qtbot, button, expected):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        texts = {b.text().replace("&", ""): b for b in box.buttons()}
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        (cancel if button == "Cancel" else texts[button]).click()

    QTimer.singleShot(50, click)
    assert dialogs.ask_import_conflict(None, "已有同一单位的草稿") == expected
