"""What loads only when first used (issue 17): the window starts without the printing,
Word/Excel and 汇总 code, and a command imports only its own module's needs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from govreport_gui.storage.base import MemoryDraftStore
from tests.support.cli import ROOT

#: Never needed before the clerk prints, exports or opens the 汇总 page.
LATER = (
    "tinydb",
    "filelock",
    "reportlab",
    "docx",
    "openpyxl",
    "govreport_gui.core.aggregate",
    "govreport_gui.ui.aggregate_page",
)


def _loaded_after(code: str) -> list[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "", "PYTHONPATH": str(ROOT)},
    )
    return done.stdout.split()


def test_the_window_starts_without_what_it_loads_on_first_use(tmp_path):
    loaded = _loaded_after(
        "from PySide6.QtCore import QSettings\n"
        "from govreport_gui.core.library import default_library\n"
        "from govreport_gui.storage.base import MemoryDraftStore\n"
        "from govreport_gui.ui.app import create_application\n"
        "from govreport_gui.ui.main_window import MainWindow\n"
        "from govreport_gui.ui.settings import AppSettings\n"
        "app = create_application()\n"
        f"settings = AppSettings(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat))\n"
        "window = MainWindow(MemoryDraftStore(), default_library(), settings)\n"
        "window.open_demo()\n"
        "window.show()\n"
        "app.processEvents()\n"
        "window.session.dirty = False\n"
    )
    assert "govreport_gui.ui.main_window" in loaded
    assert [m for m in loaded if m.startswith(LATER)] == []


@pytest.mark.parametrize(
    ("command", "module", "not_loaded"),
    [
        ("check", "drafting", ("PySide6", "reportlab", "tinydb", "govreport_gui.core.aggregate")),
        ("forms", "forms", ("PySide6", "reportlab", "tinydb", "govreport_gui.cli.store")),
    ],
)
def test_a_command_loads_only_what_it_needs(command, module, not_loaded):
    loaded = _loaded_after(f"import govreport_gui.cli as cli\ncli.build_parser([{command!r}])")
    assert f"govreport_gui.cli.{module}" in loaded
    assert [m for m in loaded if m.startswith(not_loaded)] == []


def test_the_demo_window_compiles_only_its_own_form(qtbot, tmp_path):
    from govreport_gui.core.library import load_library
    from govreport_gui.ui.main_window import MainWindow

    from .support.ui_support import temp_settings

    library = load_library()
    window = MainWindow(MemoryDraftStore(), library, temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.open_demo()
    window.show()
    assert window.current_step().kind == "table"
    assert [form.id for form in library._loaded.values()] == ["pre2019"]  # no start page yet
    window.go_to_step(0)  # 开始 lists every format: now they are all read
    assert len(library._loaded) == len(library.forms) == 3
    window.session.dirty = False


def test_every_command_module_is_dispatched_by_name():
    """A command module the dispatch table does not name could never run (it is only
    imported for its own commands): each registers exactly the commands named for it."""
    import argparse
    import importlib
    import pkgutil

    import govreport_gui.cli as cli

    modules = {
        info.name
        for info in pkgutil.iter_modules(cli.__path__)
        if hasattr(importlib.import_module(f"govreport_gui.cli.{info.name}"), "register")
    }
    assert modules == set(cli.COMMANDS.values())
    for module in modules:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"govreport_gui.cli.{module}").register(sub)
        assert set(sub.choices) == {c for c, m in cli.COMMANDS.items() if m == module}
