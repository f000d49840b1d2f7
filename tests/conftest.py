"""Shared fixtures: the installed form library, the demo draft, headless Qt."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from govreport_gui.core.library import FormLibrary, default_library


@pytest.fixture(scope="session")
def library() -> FormLibrary:
    lib = default_library()
    assert not lib.problems, lib.problems
    return lib
