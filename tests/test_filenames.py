"""File names from report titles: what Windows refuses never reaches it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport_gui.core.filenames import RESERVED_NAMES, safe_file_name


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("CON", "CON_"),
        ("con", "con_"),
        ("Nul", "Nul_"),
        ("PRN.pdf", "PRN_.pdf"),
        ("aux.报告", "aux_.报告"),
        ("COM1", "COM1_"),
        ("com9.json", "com9_.json"),
        ("LPT1", "LPT1_"),
        ("lpt9", "lpt9_"),
        ("COM¹", "COM¹_"),
        ("NUL .txt", "NUL_.txt"),
        ("CON ", "CON_"),
        ("conin$", "conin$_"),
    ],
)
def test_device_names_are_changed_in_any_case_and_with_any_extension(title, name):
    assert safe_file_name(title) == name


@pytest.mark.parametrize("title", ["COM10", "LPT", "CONSOLE", "NULL", "信丰县CON", "AUXILIARY.pdf"])
def test_names_that_only_look_like_devices_stay(title):
    assert safe_file_name(title) == title


def test_forbidden_characters_and_trailing_dots_go():
    assert safe_file_name('信丰县/政务:局 "2023" <年报>?. ') == "信丰县_政务_局 _2023_ _年报__"
    assert safe_file_name(" .. ") == "报告"


@given(st.text(max_size=30))
def test_no_title_gives_a_name_windows_refuses(title):
    name = safe_file_name(title)
    assert name and name == name.strip(" .")
    assert not any(ch in '\\/:*?"<>|' or ord(ch) < 32 for ch in name)
    assert name.partition(".")[0].rstrip(" ").upper() not in RESERVED_NAMES
