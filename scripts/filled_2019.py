"""Write a fully filled 2019-format draft (every cell, all checks passing) to a file.

Usage: python scripts/filled_2021.py OUT.json — used by render_demo_png.sh and the bench.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreport_gui.core.draft import write_draft_file  # noqa: E402
from govreport_gui.core.library import default_library  # noqa: E402
from tests.support.helpers import filled_2019_draft  # noqa: E402

if __name__ == "__main__":
    write_draft_file(filled_2019_draft(default_library()), Path(sys.argv[1]))
