"""打印 again while the PDF viewer still shows the last print.

Acrobat Reader locks the PDF it shows: Windows then refuses to replace or delete it. The
lock is simulated here: ``os.replace`` onto the held file and deleting it raise
PermissionError, as they do on Windows.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from govreport_gui.core.atomicfile import write_atomically
from govreport_gui.ui import printing
from govreport_gui.ui.sign_page import SignPage

from .support.ui_support import make_window

AGED = time.time() - printing.KEEP_PRINTS_SECONDS - 60


class ViewerLocks:
    """Files the PDF viewer holds open, with Windows' refusals for them."""

    def __init__(self, monkeypatch) -> None:
        self.held: set[Path] = set()
        real_replace, real_unlink = os.replace, Path.unlink

        def replace(source, target, **kwargs):
            if Path(target) in self.held:
                raise PermissionError(13, "The process cannot access the file", str(target))
            return real_replace(source, target, **kwargs)

        def unlink(path: Path, missing_ok: bool = False) -> None:
            if path in self.held:
                raise PermissionError(13, "The process cannot access the file", str(path))
            real_unlink(path, missing_ok=missing_ok)

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(Path, "unlink", unlink)


def write_pdf(form, draft, out_path: Path) -> object:
    """Writes as the real renderer does: a temporary file renamed over the target."""
    write_atomically(out_path, f"%PDF-fake {draft.unit}".encode(), suffix=".pdf")
    return out_path


@pytest.fixture
def sign_page(qtbot, library, tmp_path, monkeypatch):
    folder = tmp_path / "govreport-print"
    folder.mkdir()
    monkeypatch.setattr(printing, "print_folder", lambda: folder)
    window = make_window(qtbot, library, tmp_path, renderer=write_pdf)
    window.open_demo()
    window.go_to_step(window.step_index("sign"))
    sign = window.current_step().widget
    assert isinstance(sign, SignPage)
    return sign


def test_printing_again_while_the_viewer_holds_the_first_pdf(qtbot, sign_page, monkeypatch):
    locks = ViewerLocks(monkeypatch)
    opened: list[Path] = []
    monkeypatch.setattr(printing, "open_with_system_viewer", lambda p: opened.append(p) or True)

    qtbot.mouseClick(sign_page.print_button, Qt.MouseButton.LeftButton)
    locks.held.add(opened[0])
    os.utime(opened[0], (AGED, AGED))  # old enough to be cleaned up, were it not held
    qtbot.mouseClick(sign_page.print_button, Qt.MouseButton.LeftButton)

    assert len(opened) == 2 and opened[0] != opened[1]
    assert all(p.read_bytes().startswith(b"%PDF-fake") for p in opened)
    assert "已用 PDF 阅读器打开报告" in sign_page.result.message()
    assert str(opened[1]) in sign_page.result.message()
    assert opened[1].name.startswith(sign_page.default_file_name().removesuffix(".pdf"))

    locks.held.clear()  # the viewer was closed: the next print removes the old files
    os.utime(opened[1], (AGED, AGED))
    qtbot.mouseClick(sign_page.print_button, Qt.MouseButton.LeftButton)
    assert sorted(opened[2].parent.glob("*.pdf")) == [opened[2]]


def test_a_print_just_handed_to_the_viewer_is_kept(tmp_path):
    first = printing.new_print_file("报告.pdf", tmp_path)
    first.write_bytes(b"%PDF")
    second = printing.new_print_file("报告.pdf", tmp_path)
    assert second != first and first.exists()  # a viewer may still be opening it
    second.write_bytes(b"%PDF")
    third = printing.new_print_file("报告.pdf", tmp_path)
    assert len({first, second, third}) == 3
    assert third.suffix == ".pdf" and third.name.startswith("报告 ")


def test_old_prints_go_and_other_files_stay(tmp_path):
    old, note = tmp_path / "旧报告 101010.pdf", tmp_path / "说明.txt"
    for path in (old, note):
        path.write_bytes(b"x")
        os.utime(path, (AGED, AGED))
    printing.remove_old_prints(tmp_path)
    assert not old.exists() and note.exists()


def test_a_print_folder_that_cannot_be_made_is_told_in_chinese(qtbot, sign_page, monkeypatch):
    def refused() -> Path:
        raise PermissionError(13, "Permission denied", "/tmp/govreport-print")

    monkeypatch.setattr(printing, "print_folder", refused)
    qtbot.mouseClick(sign_page.print_button, Qt.MouseButton.LeftButton)
    message = sign_page.result.message()
    assert message.startswith("无法准备打印文件：")
    assert "Permission denied" not in message and "Errno" not in message
