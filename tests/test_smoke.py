"""``govreport --smoke``: the self-test the frozen build runs (here from source)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from govreport_gui import smoke
from tests.support.cli import run

STEP_NAMES = [name for name, _ in smoke.STEPS]


def test_smoke_passes_every_step_and_touches_no_user_data(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run(
        "--smoke",
        cwd=tmp_path,
        env={"HOME": str(home), "XDG_DATA_HOME": str(home / "xdg"), "GOVREPORT_DATA_DIR": ""},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith(f"OK ({len(STEP_NAMES)} steps"), lines[-1]
    step_lines = [line.split() for line in lines[1:-1]]
    assert [(fields[0], fields[1]) for fields in step_lines] == [
        ("OK", name) for name in STEP_NAMES
    ]
    assert "下一步" in result.stdout  # Qt's own buttons are in Chinese
    assert "exports" in STEP_NAMES and "Word 文档" in result.stdout  # issue 10
    assert not home.exists()  # the draft store went to a temporary folder


def test_a_failing_step_is_named_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(ctx: smoke.Context) -> str:
        raise ValueError("磁盘坏了")

    monkeypatch.setattr(
        smoke,
        "STEPS",
        [("forms", smoke.step_forms), ("boom", broken), ("checks", smoke.step_checks)],
    )
    out = io.StringIO()
    assert smoke.run_smoke(out) == smoke.EXIT_FAILED
    text = out.getvalue()
    assert "FAILED boom" in " ".join(text.split())
    assert "ValueError: 磁盘坏了" in text
    assert "OK     checks" in text  # ran after the failure
    assert text.splitlines()[-1].startswith("FAILED: boom（1/3")


def test_a_later_step_says_which_earlier_step_it_needed(tmp_path: Path) -> None:
    for step in (smoke.step_checks, smoke.step_store, smoke.step_pdf):
        with pytest.raises(smoke.SmokeFailure, match=r"前一步（forms）未成功"):
            step(smoke.Context(tmp_path))


def test_missing_module_or_name_is_reported_as_incomplete_program() -> None:
    with pytest.raises(smoke.SmokeFailure, match=r"govreport_gui\.no_such_layer.*不完整"):
        smoke.require("govreport_gui.no_such_layer", "某功能")
    with pytest.raises(smoke.SmokeFailure, match=r"没有 no_such_name.*不完整"):
        smoke.require("govreport_gui.core.checks", "检查", "no_such_name")
    assert smoke.require("govreport_gui.core.checks", "检查", "run_checks") is smoke.run_checks


def test_a_broken_form_file_fails_the_forms_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "forms"
    extra.mkdir()
    (extra / "broken.toml").write_text('id = "x"\n[[section', encoding="utf-8")
    monkeypatch.setenv("GOVREPORT_FORMS_DIR", str(extra))
    with pytest.raises(smoke.SmokeFailure, match=r"broken\.toml"):
        smoke.step_forms(smoke.Context(tmp_path))


def test_qt_step_loads_the_chinese_translation_and_leaves_the_app_as_it_was(qapp) -> None:
    before = qapp.translate("QWizard", "&Next")
    detail = smoke.step_qt(smoke.Context(Path(".")))
    assert "下一步" in detail
    assert qapp.translate("QWizard", "&Next") == before
