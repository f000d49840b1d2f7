"""Each layer imports without the ones above it: no Qt below the window, no window in the core."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.cli import ROOT

LAYERS = {
    "govreport_gui.core": (
        "PySide6",
        "reportlab",
        "docx",
        "openpyxl",
        "lxml",
        "reportlab",
        "docx",
        "openpyxl",
        "lxml",
        "govreport_gui.storage",
        "govreport_gui.output",
        "govreport_gui.ui",
        "govreport_gui.cli",
    ),
    "govreport_gui.storage": (
        "PySide6",
        "govreport_gui.output",
        "govreport_gui.ui",
        "govreport_gui.cli",
    ),
    "govreport_gui.output": (
        "PySide6",
        "govreport_gui.storage",
        "govreport_gui.ui",
        "govreport_gui.cli",
    ),
}


@pytest.mark.parametrize("package", list(LAYERS))
def test_layer_imports_without_the_layers_above(package: str) -> None:
    code = f"""
import importlib, pkgutil, sys
import {package} as pkg
for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
    importlib.import_module(info.name)
print("\\n".join(sorted(sys.modules)))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = result.stdout.split()
    above = [m for m in loaded if m.startswith(LAYERS[package])]
    assert above == [], f"{package} pulls in {above[:5]}"
