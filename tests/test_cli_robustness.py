"""The command as scripts and clerks meet it when things go wrong: never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from govreport_gui.cli import EXIT_BROKEN_PIPE, EXIT_INTERNAL, main
from tests.cli import ROOT


def test_a_reader_that_stops_reading_gets_no_traceback() -> None:
    """``govreport form 2021 --json | head -1``: the JSON is longer than the pipe takes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport_gui", "form", "2021", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == EXIT_BROKEN_PIPE
    assert stderr == ""


def test_an_unexpected_error_is_one_chinese_sentence_and_a_log_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise KeyError("a bug")

    monkeypatch.setattr("govreport_gui.cli.drafting.check_command", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["check", "whatever.json"]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "程序内部出错" in err and "Traceback" not in err
    [log] = tmp_path.glob("govreport-error-*.txt")
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "check whatever.json" in text and "Traceback" in text and "a bug" in text
