"""govreport docx / xlsx / html on the command line: files, the no-overwrite rule, imports."""

from __future__ import annotations

import subprocess
import sys

import docx
import pytest

from govreport_gui.core.draft import write_draft_file
from tests.support.cli import ROOT, run
from tests.support.helpers import filled_2021_draft

MAGIC = {"docx": b"PK", "xlsx": b"PK", "html": b"<!DOCTYPE html>"}


@pytest.fixture
def draft_file(library, tmp_path):
    path = tmp_path / "report.json"
    write_draft_file(filled_2021_draft(library), path)
    return path


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_writes_the_file_and_refuses_to_overwrite_a_draft(draft_file, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = run(fmt, str(draft_file), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(MAGIC[fmt])
    before = draft_file.read_bytes()
    onto_input = run(fmt, str(draft_file), "-o", str(draft_file))
    assert onto_input.returncode == 2 and "就是本命令要读取的文件" in onto_input.stderr
    other = tmp_path / "other.json"
    other.write_bytes(before)
    onto_draft = run(fmt, str(draft_file), "-o", str(other))
    assert onto_draft.returncode == 2 and "--force" in onto_draft.stderr
    assert other.read_bytes() == before and draft_file.read_bytes() == before
    forced = run(fmt, str(draft_file), "-o", str(other), "--force")
    assert forced.returncode == 0 and other.read_bytes().startswith(MAGIC[fmt])


def test_an_existing_export_is_replaced_keeping_its_permissions(draft_file, tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old")
    out.chmod(0o640)
    assert run("html", str(draft_file), "-o", str(out)).returncode == 0
    assert out.read_bytes().startswith(MAGIC["html"])
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_symlink_as_target_is_refused(draft_file, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep")
    link = tmp_path / "link.docx"
    link.symlink_to(target)
    result = run("docx", str(draft_file), "-o", str(link))
    assert result.returncode == 2 and target.read_text() == "keep"


def test_the_command_line_and_window_start_without_the_export_libraries():
    code = (
        "import sys\n"
        "from govreport_gui.cli import build_parser\n"
        "build_parser()\n"
        "import govreport_gui.ui.app\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'openpyxl', 'lxml')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"


def test_control_characters_pasted_into_a_draft_do_not_break_word_or_excel(library, tmp_path):
    draft = filled_2021_draft(library)
    draft.texts["other"] = "坏\x01字\x0b符"
    draft.signatories["unit_head"] = "王\x07某"
    draft.unit = "某县\x1f办公室"
    path = tmp_path / "ctl.json"
    write_draft_file(draft, path)
    for fmt in ("docx", "xlsx", "html"):
        out = tmp_path / f"ctl.{fmt}"
        result = run(fmt, str(path), "-o", str(out))
        assert result.returncode == 0, result.stderr
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "ctl.docx")).paragraphs)
    assert "坏字符" in text
