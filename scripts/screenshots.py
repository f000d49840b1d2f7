"""Screenshots of every step of the wizard, at normal and large (关怀模式) text size.

    python scripts/screenshots.py [--out FOLDER] [--size 1366x768] [--readme]

Every step goes to FOLDER (default: govreport-screenshots in the temp folder) as
``normal/`` and ``large/``; ``--readme`` also copies the few shown in the README to
``docs/screenshots/``.

Runs headless (Qt's offscreen platform) with a throw-away settings file, on the demo
(Xinfeng 2017, old format) and on a partly filled 2021-format report so that the new
format's tables (merged headers of table 三 and 四) are covered too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from govreport_gui.core.draft import new_draft  # noqa: E402
from govreport_gui.core.library import default_library  # noqa: E402
from govreport_gui.storage.base import MemoryDraftStore  # noqa: E402
from govreport_gui.ui import looks  # noqa: E402
from govreport_gui.ui.app import create_application  # noqa: E402
from govreport_gui.ui.main_window import MainWindow  # noqa: E402
from govreport_gui.ui.settings import AppSettings  # noqa: E402

#: A few figures for the 2021 report: a wrong total and a blank total the parts determine.
SAMPLE_2021 = {
    "t2.rules.issued": "/",
    "t2.normative.issued": "12",
    "t2.normative.repealed": "3",
    "t2.normative.valid": "85",
    "t3.new.natural": "14",
    "t3.new.business": "2",
    "t3.new.research": "0",
    "t3.new.public_welfare": "0",
    "t3.new.legal": "1",
    "t3.new.other": "0",
    "t3.new.total": "18",
    "t3.r1.natural": "9",
    "t3.r1.business": "1",
    "t4.review_upheld": "1",
    "t4.review_corrected": "0",
    "t4.review_other": "0",
    "t4.review_pending": "0",
}


#: (size, file) of the screenshots the README shows.
README_SHOTS = (
    ("normal", "demo-10-table.png"),
    ("normal", "2021-04-table.png"),
    ("normal", "demo-11-review.png"),
    ("large", "2021-04-table.png"),
)


def save(window: MainWindow, path: Path) -> None:
    window.grab().save(str(path), "PNG", 0)  # 0: the smallest file


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(window: MainWindow, app: QApplication, folder: Path, prefix: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, step in enumerate(window.steps):
        window.go_to_step(index)
        settle(app)
        path = folder / f"{prefix}-{index:02d}-{step.kind}.png"
        save(window, path)
        written.append(path)
    return written


def take_all(out: Path, width: int, height: int) -> list[Path]:
    app = create_application()
    settings_file = Path(tempfile.mkdtemp(prefix="govreport-shots-")) / "settings.ini"
    library = default_library()
    written: list[Path] = []
    for mode, care in (("normal", False), ("large", True)):
        looks.apply_text_scale(care)
        settings = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        settings.care_mode = care
        store = MemoryDraftStore()
        window = MainWindow(store, library, settings)
        window.resize(width, height)
        window.show()
        settle(app)
        window.go_to_step(0)
        window.open_demo()
        settle(app)
        written += shoot(window, app, out / mode, "demo")

        form = library.get("2021")
        draft = new_draft(form, 2023, "某某县人民政府办公室")
        for cell_id, text in SAMPLE_2021.items():
            draft.enter(form, cell_id, text)
        window.open_draft(store.create(draft))
        settle(app)
        written += shoot(window, app, out / mode, "2021")
        window.go_to_step(0)
        settle(app)
        path = out / mode / "start-with-list.png"
        save(window, path)
        written.append(path)
        window.close()
        window.deleteLater()
        settle(app)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(tempfile.gettempdir()) / "govreport-screenshots"
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--size", default="1366x768", help="window size, e.g. 1366x768")
    parser.add_argument("--readme", action="store_true", help="copy README shots to docs/")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    for path in take_all(args.out, width, height):
        print(path)
    if args.readme:
        docs = ROOT / "docs" / "screenshots"
        docs.mkdir(parents=True, exist_ok=True)
        for mode, name in README_SHOTS:
            shutil.copyfile(args.out / mode / name, docs / f"{mode}-{name}")
            print(docs / f"{mode}-{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
