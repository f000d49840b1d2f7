"""Windows 11 in dark mode: the window stays light, as its fixed colours (finding
backgrounds, grey notes, banners) and the black-on-white printout expect.

Offscreen Qt has no system colour scheme, so dark mode is what the windows11 style gives
then: a dark application palette before the window is built. A child process, so the style
and palette changed here do not reach the other tests.
"""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QColor, QPalette

from govreport_gui.ui import looks

from .support.cli import ROOT

DARK_START = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
app = QApplication([])
dark = QPalette()
for role, colour in [("Window", "#202020"), ("WindowText", "#ffffff"), ("Base", "#2b2b2b"),
                     ("Text", "#ffffff"), ("Button", "#2d2d2d"), ("ButtonText", "#ffffff")]:
    dark.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
app.setPalette(dark)
from govreport_gui.ui import app as app_module, looks
assert looks.is_dark(app.palette())
app_module.create_application()
palette = app.palette()
text = palette.color(QPalette.ColorRole.Text)
print(looks.is_dark(palette), text.lightness(), looks.LABEL_BACKGROUND.lightness())
"""


def test_a_dark_system_palette_gives_way_to_a_light_one():
    done = subprocess.run(
        [sys.executable, "-c", DARK_START],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    dark, text, label_background = done.stdout.split()
    assert dark == "False"
    assert int(label_background) - int(text) > 150  # table labels: dark text on light grey


def test_dark_and_light_palettes_are_told_apart():
    light = QPalette(QColor("#f0f0f0"))
    dark = QPalette(QColor("#2d2d2d"))
    assert not looks.is_dark(light)
    assert looks.is_dark(dark)
