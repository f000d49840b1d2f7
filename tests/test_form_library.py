"""The form library reads a form file when first needed, and answers as if it read them all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govreport_gui.core.errors import GovreportError
from govreport_gui.core.library import form_dirs, load_library


def _copy(folder: Path, *names: str) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(form_dirs()[0] / name, folder / name)
    return folder


def test_a_form_is_read_from_the_file_named_after_it_alone(tmp_path):
    folder = _copy(tmp_path / "forms", "2019.toml", "2021.toml", "pre2019.toml")
    (folder / "2020.toml").write_text("this is not toml [", encoding="utf-8")
    library = load_library([folder])
    assert library.get("2021").id == "2021"
    assert library._loaded.keys() == {folder / "2021.toml"}  # the others are not compiled
    assert len(library.problems) == 1 and "2020.toml" in library.problems[0]  # all, now
    assert set(library.forms) == {"2019", "2021", "pre2019"}


def test_an_earlier_file_that_declares_the_id_wins_as_when_all_are_read(tmp_path):
    folder = _copy(tmp_path / "forms", "2021.toml")
    shutil.copy(folder / "2021.toml", folder / "2021-new.toml")  # a newer copy, same id
    library = load_library([folder])
    assert library.get("2021").source == folder / "2021-new.toml"  # sorts first, as before
    assert any("重复" in p for p in library.problems)


def test_a_file_named_after_an_id_it_does_not_declare_is_not_taken_for_it(tmp_path):
    folder = _copy(tmp_path / "forms", "2021.toml")
    (folder / "2021.toml").rename(folder / "2019.toml")
    library = load_library([folder])
    with pytest.raises(GovreportError, match="没有编号为 “2019” 的报告格式"):
        library.get("2019")
    assert library.get("2021").source == folder / "2019.toml"
