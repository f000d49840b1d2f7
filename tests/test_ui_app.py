"""The application around the wizard: Chinese Qt texts, 关怀模式, remembered window,
saving that fails or is refused, the start-up switch the benchmark uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel

from govreport_gui.core.draft import new_draft, read_draft_file
from govreport_gui.storage.base import MemoryDraftStore, Status, StorageError
from govreport_gui.ui import app as app_module
from govreport_gui.ui import dialogs, looks
from govreport_gui.ui.settings import CARE_SCALE
from govreport_gui.ui.sign_page import SignPage
from govreport_gui.ui.text_page import TextPage

from .support.cli import run, started_app_env
from .support.ui_support import grid_of, make_window, table_page, temp_settings, type_into_cell

ROOT = Path(__file__).resolve().parent.parent


class FlakyStore(MemoryDraftStore):
    """A store whose disk is full until ``full`` is set back to False."""

    def __init__(self) -> None:
        super().__init__()
        self.full = False

    def save(self, draft_id, draft):
        if self.full:
            raise StorageError(  # as long as the real store's message
                "未能保存草稿“测试县测试局 2023 年度”（数据文件夹 C:\\Users\\clerk\\AppData\\"
                "Roaming\\govreport）：磁盘已满。已保存的内容没有受影响；请腾出磁盘空间后再保存。"
            )
        return super().save(draft_id, draft)


@pytest.fixture
def normal_text():
    yield
    looks.apply_text_scale(False)


def test_qt_standard_texts_are_chinese(qapp):
    app_module.create_application()
    assert QCoreApplication.translate("QWizard", "&Next") == "下一步(&N)"
    assert QCoreApplication.translate("QWizard", "< &Back") == "< 上一步(&B)"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QLineEdit", "&Undo").startswith("撤")


def test_care_mode_scales_the_whole_ui_and_is_remembered(qtbot, library, tmp_path, normal_text):
    settings = temp_settings(tmp_path)
    window = make_window(qtbot, library, tmp_path, settings=settings)
    window.open_demo()
    looks.apply_text_scale(False)
    qtbot.wait(10)
    base = QApplication.font().pointSizeF()
    assert base >= looks.MIN_POINT_SIZE
    page = table_page(window, "stats")
    title = page.findChildren(type(page.current_line))[0]
    title_before = title.font().pointSizeF()
    grid_before = page.grids[0].font().pointSizeF()

    window.care_action.trigger()
    qtbot.waitUntil(lambda: page.grids[0].font().pointSizeF() > grid_before)
    assert QApplication.font().pointSizeF() == pytest.approx(base * CARE_SCALE)
    assert page.grids[0].font().pointSizeF() == pytest.approx(base * CARE_SCALE)
    assert title.font().pointSizeF() == pytest.approx(title_before * CARE_SCALE)
    assert window.save_status.label.font().pointSizeF() == pytest.approx(base * CARE_SCALE)
    assert settings.care_mode is True
    assert temp_settings(tmp_path).care_mode is True  # read back from the file

    window.care_action.trigger()
    qtbot.waitUntil(lambda: page.grids[0].font().pointSizeF() == pytest.approx(base))
    assert temp_settings(tmp_path).care_mode is False


def test_window_size_and_position_are_remembered(qtbot, library, tmp_path):
    first = make_window(qtbot, library, tmp_path)
    first.resize(720, 520)  # the offscreen screen is 800×600
    first.move(40, 30)
    qtbot.wait(10)
    first.close()
    second = make_window(qtbot, library, tmp_path, resize=False)
    assert (second.width(), second.height()) == (720, 520)
    assert (second.x(), second.y()) == (first.x(), first.y())


def test_a_failed_save_keeps_the_draft_says_so_and_retries(qtbot, library, tmp_path):
    store = FlakyStore()
    draft_id = store.create(new_draft(library.get("2021"), 2023, "测试县测试局"))
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(draft_id)
    session = window.session
    store.full = True
    window.go_to_cell("t3.new.natural")
    grid = grid_of(table_page(window, "t3"), "t3.new.natural")
    type_into_cell(qtbot, grid, "t3.new.natural", "8")
    width = window.width()
    qtbot.waitUntil(lambda: "未能保存" in window.save_status.text(), timeout=3000)
    assert "磁盘已满" in window.save_status.text()
    assert window.minimumSizeHint().width() <= width  # the long message wraps
    qtbot.wait(100)
    assert window.width() == width  # and the window does not grow
    assert session.dirty and session.draft.value("t3.new.natural") == 8
    assert store.load(draft_id).value("t3.new.natural") is None
    type_into_cell(qtbot, grid, "t3.new.business", "2")  # typing goes on
    store.full = False
    session._retry.setInterval(50)
    qtbot.waitUntil(lambda: not session.dirty, timeout=3000)
    assert window.save_status.text().startswith("已保存")
    assert store.load(draft_id).values == {"t3.new.natural": 8, "t3.new.business": 2}


@pytest.fixture
def unsaved_window(qtbot, library, tmp_path):
    """A window whose disk is full, with a change that could not be saved."""
    store = FlakyStore()
    draft_id = store.create(new_draft(library.get("2021"), 2023, "测试县测试局"))
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(draft_id)
    store.full = True
    window.session.enter("t2.license", "12")
    return window


def test_closing_with_an_unsaved_draft_offers_a_draft_file(
    unsaved_window, library, tmp_path, monkeypatch
):
    window = unsaved_window
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, text: asked.append(text) or "export")
    target = tmp_path / "保存的草稿.json"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: str(target))
    assert window.close()
    assert "磁盘已满" in asked[0]
    assert read_draft_file(target, library).value("t2.license") == 12


def test_closing_can_be_cancelled_when_the_draft_is_unsaved(unsaved_window, monkeypatch):
    window = unsaved_window
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, text: "cancel")
    assert not window.close()
    assert window.isVisible()


def test_a_submitted_report_is_read_only_until_unlocked(qtbot, library, tmp_path, monkeypatch):
    store = MemoryDraftStore()
    draft_id = store.create(new_draft(library.get("2021"), 2023, "测试县测试局"))
    store.set_status(draft_id, Status.SUBMITTED)
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(draft_id)
    session = window.session
    assert session.read_only and window.lock_banner.isVisible()
    grid = grid_of(table_page(window, "t3"), "t3.new.natural")
    index = grid.grid_model.index_of("t3.new.natural")
    assert not grid.grid_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    text_page = next(s.widget for s in window.steps if isinstance(s.widget, TextPage))
    assert text_page.editor.isReadOnly()
    sign = window.page("sign")
    assert isinstance(sign, SignPage) and sign.fields["unit_head"].isReadOnly()

    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    qtbot.mouseClick(window.lock_banner.unlock_button, Qt.MouseButton.LeftButton)
    assert store.info(draft_id).status is Status.DRAFT
    assert not window.lock_banner.isVisible()
    assert grid.grid_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not text_page.editor.isReadOnly()
    assert not sign.fields["unit_head"].isReadOnly()


def test_marking_as_submitted_saves_then_locks(qtbot, library, tmp_path, monkeypatch):
    store = MemoryDraftStore()
    draft_id = store.create(new_draft(library.get("2021"), 2023, "测试县测试局"))
    window = make_window(qtbot, library, tmp_path, store=store)
    window.open_draft(draft_id)
    window.session.enter("t2.license", "3")
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    sign = window.page("sign")
    sign.status.setCurrentIndex(sign.status.findData(Status.SUBMITTED.value))
    sign.status.activated.emit(sign.status.currentIndex())
    assert store.info(draft_id).status is Status.SUBMITTED
    assert store.load(draft_id).value("t2.license") == 3
    assert window.session.read_only and window.lock_banner.isVisible()
    assert not sign.status.isEnabled()


def test_demo_starts_to_a_window_and_can_quit_when_shown(tmp_path):
    done = run("--demo", env=started_app_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(app_module.SHOWN_MARK + " ")
    assert "Traceback" not in done.stderr


def test_keyboard_only_from_a_new_report_into_the_first_table(qtbot, library, tmp_path):
    window = make_window(qtbot, library, tmp_path)
    start = window.start_page
    start.year.setValue(2023)
    start.unit.setFocus()
    start.unit.setText("测试县测试局")
    qtbot.keyClick(start.unit, Qt.Key.Key_Return)  # Enter in the unit field creates the report
    assert window.session is not None
    assert window.current_step().section.id == "preface"
    assert QApplication.focusWidget() is window.current_step().widget.editor
    qtbot.keyClick(  # Ctrl+PgDown: next step (Alt+N mnemonics do not fire under QTest offscreen)
        QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    assert window.current_step().section.id == "overall"
    assert QApplication.focusWidget() is window.current_step().widget.editor
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    step = window.current_step()
    assert step.table is not None and step.table.id == "t2"
    grid = step.widget.grids[0]
    assert QApplication.focusWidget() is grid
    assert grid.current_cell().id == "t2.rules.issued"
    qtbot.keyClick(grid, Qt.Key.Key_Slash)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.session.draft.value("t2.rules.issued") is not None)
    assert grid.current_cell().id == "t2.rules.repealed"


LONG_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import govreport_gui.ui
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

class Pinger(QObject):
    ping = Signal()

app = QApplication([])
widget, pinger = QWidget(), Pinger()
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(30_000):
    widget.setFocus()
    pinger.ping.emit()
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_a_long_session_does_not_run_out_of_none_or_true(tmp_path):
    """PySide6 6.12.0 drops a reference to None on every call that returns nothing and to
    True on every emit; on Python 3.11 this loop aborts the interpreter (none_dealloc).
    pyproject keeps 3.11 below 6.12; a child process, so a crash fails this test only."""
    result = subprocess.run(
        [sys.executable, "-c", LONG_SESSION],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    if sys.version_info < (3, 12):
        none_lost, true_lost = (int(n) for n in result.stdout.split())
        assert none_lost > -1000 and true_lost > -1000, result.stdout


def test_an_error_inside_the_window_is_told_in_chinese_with_a_details_file(monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, text, error=False: told.append(text))
    try:
        raise KeyError("t3.nope")
    except KeyError as exc:
        app_module._tell_about_crash(KeyError, exc, exc.__traceback__)
    assert told and told[0].startswith("程序内部出错（KeyError）")
    path = Path(told[0].split("详细信息已写入 ")[1].split("，")[0])
    try:
        assert "t3.nope" in path.read_text(encoding="utf-8")
        assert "Traceback" in path.read_text(encoding="utf-8")
    finally:
        path.unlink()


def test_care_mode_at_run_time_enlarges_styled_text_too(qtbot, library, tmp_path, normal_text):
    """Guidance, red 错误 lines, notice bars and the sign page's warning have their own
    colours (style sheets); they grow with everything else, without a restart."""
    window = make_window(qtbot, library, tmp_path)
    window.open_demo()
    looks.apply_text_scale(False)
    qtbot.wait(10)
    base = QApplication.font().pointSizeF()
    page = table_page(window, "stats")
    page.findings_panel.set_open(True)
    sign = window.page("sign")
    red = next(r.label for r in page.findings_panel.rows if r.finding.severity.label == "错误")
    styled = {
        "guidance": next(
            w for w in page.findChildren(QLabel) if "color: #4a5563" in w.styleSheet()
        ),
        "red finding": red,
        "current cell's finding": page.current_notes,
        "notice bar": window.notice.text,
        "sign page warning": sign.check_message.text,
    }
    window.care_action.trigger()
    qtbot.waitUntil(lambda: QApplication.font().pointSizeF() > base)
    for name, widget in styled.items():
        assert widget.font().pointSizeF() == pytest.approx(base * CARE_SCALE), name
