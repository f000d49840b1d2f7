"""The program's own log and crash traces in the data folder, and a start-up failure told
in Chinese (the windowed build has no console; PyInstaller's own box is English)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from govreport_gui.core.atomicfile import sync_folder
from govreport_gui.storage import logfile
from govreport_gui.ui import app as app_module
from govreport_gui.ui import dialogs, printing

from .support.cli import ROOT, run, started_app_env
from .support.ui_support import make_window


@pytest.fixture
def logging_to(tmp_path):
    yield tmp_path / "data"
    logfile.stop_logging()


def test_package_log_lines_reach_the_log_file(logging_to, tmp_path):
    folder = logfile.start_logging(logging_to)
    assert folder == logging_to / "logs" == logfile.current_log_folder()
    sync_folder(tmp_path / "gone")  # logs "cannot open ... to fsync it" at INFO
    text = (folder / logfile.LOG_NAME).read_text(encoding="utf-8")
    assert "cannot open" in text and str(tmp_path / "gone") in text
    assert " INFO govreport_gui.core.atomicfile: " in text


def test_starting_twice_logs_each_line_once(logging_to):
    folder = logfile.start_logging(logging_to)
    logfile.start_logging(logging_to)
    logfile.logging.getLogger("govreport_gui.storage.backups").info("could not back up x")
    text = (folder / logfile.LOG_NAME).read_text(encoding="utf-8")
    assert text.count("could not back up x") == 1


def test_an_unwritable_data_folder_only_means_no_log(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    assert logfile.start_logging(blocker) is None


CRASH = """
import sys, faulthandler
from govreport_gui.storage.logfile import start_logging
start_logging(sys.argv[1])
faulthandler._sigsegv()
"""


def test_a_native_crash_leaves_a_trace_in_the_log_folder(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert done.returncode != 0
    trace = (tmp_path / "logs" / logfile.CRASH_NAME).read_text(encoding="utf-8")
    assert trace.startswith("--- started ")
    assert "Fatal Python error" in trace and "<string>" in trace


def test_the_window_logs_in_the_data_folder(tmp_path):
    data = tmp_path / "data"
    done = run("--demo", env=started_app_env(tmp_path, GOVREPORT_DATA_DIR=str(data)))
    assert done.returncode == 0, done.stderr
    log = (data / "logs" / logfile.LOG_NAME).read_text(encoding="utf-8")
    assert "starting the window" in log
    assert (data / "logs" / logfile.CRASH_NAME).exists()


def test_an_os_error_while_the_store_opens_is_told_in_chinese(logging_to, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored afterwards
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "tell", lambda _p, title, text, error=False: told.append((title, text))
    )

    def refuse(data_dir):
        assert sys.excepthook is app_module._tell_about_crash  # installed before the store
        raise PermissionError(13, "拒绝访问", str(Path(data_dir) / "drafts.json"))

    monkeypatch.setattr(app_module, "open_default_store", refuse)
    code = app_module.run_gui(argparse.Namespace(demo=False, data_dir=str(logging_to)))

    assert code == 70
    assert [title for title, _ in told] == ["程序无法启动"]
    text = told[0][1]
    assert text.startswith("程序无法启动（PermissionError）")
    details = Path(text.split("详细信息已写入 ")[1].split("，")[0])
    try:
        assert "drafts.json" in details.read_text(encoding="utf-8")
    finally:
        details.unlink()
    log = (logging_to / "logs" / logfile.LOG_NAME).read_text(encoding="utf-8")
    assert "PermissionError" in log and "Traceback" in log


def test_help_opens_the_log_folder(qtbot, library, tmp_path, logging_to, monkeypatch):
    folder = logfile.start_logging(logging_to)
    opened: list[Path] = []
    monkeypatch.setattr(printing, "open_with_system_viewer", lambda p: opened.append(p) or True)
    window = make_window(qtbot, library, tmp_path)
    titles = [a.text() for a in window.help_menu.actions()]
    assert "打开日志文件夹(&L)" in titles
    window.help_actions.logs_action.trigger()
    assert opened == [folder]


def test_store_commands_log_in_the_data_folder(tmp_path):
    data = tmp_path / "data"
    (data / "drafts").mkdir(parents=True)
    (data / "drafts" / ".tmp-left-by-a-crash.json").write_text("{")  # a save cut short
    done = run("drafts", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    log = (data / "logs" / logfile.LOG_NAME).read_text(encoding="utf-8")
    assert "temporary files left by an interrupted save" in log


def test_without_a_log_file_an_error_prints_no_traceback(tmp_path):
    code = "from govreport_gui.crashlog import crash_message\ncrash_message(ValueError('x'))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)},
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == ""
