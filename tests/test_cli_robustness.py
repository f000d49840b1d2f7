"""The command as scripts and clerks meet it when things go wrong: never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from govreport_gui.cli import EXIT_BROKEN_PIPE, EXIT_INTERNAL, main
from govreport_gui.core.draft import new_draft, write_draft_file
from tests.support.cli import ROOT, run


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


def test_wildcards_a_windows_shell_leaves_alone_are_expanded(tmp_path: Path, library) -> None:
    """``govreport import D:\\报送\\*.json`` in cmd.exe arrives as the literal pattern."""
    folder = tmp_path / "各单位 报送"
    folder.mkdir()
    for unit in ("县教育局", "县卫健委"):
        write_draft_file(new_draft(library.get("2021"), 2023, unit), folder / f"{unit}.json")
    (folder / "说明.txt").write_text("不是草稿", encoding="utf-8")
    pattern = str(folder / "*.json")

    imported = run("import", pattern, "--json", "--data-dir", str(tmp_path / "data"))
    assert imported.returncode == 0, imported.stderr
    rows = json.loads(imported.stdout)
    assert sorted(r["unit"] for r in rows) == sorted(["县教育局", "县卫健委"])
    summed = run("aggregate", pattern, "--json")
    assert summed.returncode in (0, 1), summed.stderr
    assert {u["unit"] for u in json.loads(summed.stdout)["units"]} == {"县教育局", "县卫健委"}

    nothing = run("import", str(folder / "*.xml"), "--data-dir", str(tmp_path / "data"))
    assert nothing.returncode == 2
    assert "*.xml" in nothing.stderr and "Traceback" not in nothing.stderr


def test_pdf_font_problems_name_the_command_line_options(tmp_path: Path, library) -> None:
    """The renderer's advice speaks of the window's settings; a script user needs the options."""
    draft = new_draft(library.get("2021"), 2023, "县教育局")
    draft.signatories["preparer"] = "刘\U00020bb7"  # 𠮷: in no font CI installs
    path = tmp_path / "d.json"
    write_draft_file(draft, path)

    missing = run("pdf", str(path), "-o", str(tmp_path / "d.pdf"))
    assert missing.returncode == 2
    assert "U+20BB7" in missing.stderr and "--allow-missing" in missing.stderr
    assert not (tmp_path / "d.pdf").exists()

    no_font = run(
        "pdf", str(path), "-o", str(tmp_path / "d.pdf"), "--font", str(tmp_path / "x.ttf")
    )
    assert no_font.returncode == 2
    assert "找不到字体文件" in no_font.stderr and "--font" in no_font.stderr


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("frobnicate",)])
def test_help_and_usage_errors_are_in_chinese(args: tuple[str, ...]) -> None:
    done = run(*args)
    shown = done.stdout + done.stderr
    assert done.returncode == (0 if "--help" in args else 2)
    assert shown.startswith("用法：govreport")
    for english in ("usage:", "positional arguments", "options:", "show this help", "choose from"):
        assert english not in shown


def test_smoke_runs_without_a_screen_even_with_an_empty_platform_variable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="", HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "govreport_gui", "--smoke"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout.splitlines()[-1]
