"""Screenshots of every step of the wizard, at normal and large (关怀模式) text size.

    python scripts/screenshots.py [--out FOLDER] [--size 1366x768] [--readme]
    python scripts/screenshots.py --screens [--readme]

``--screens`` shoots the four pages clerks meet first (table 三 of a 2021 report,
签署与打印, 开始, 汇总) as on three screens: a 1366×768 laptop in normal text and in
关怀模式, and a 1920×1080 screen at 150 % scaling (QT_SCALE_FACTOR=1.5) in 关怀模式; each
screen runs in a process of its own, since the scale is fixed when Qt starts. The window
is as large as a maximised window there (the taskbar and title bar taken off).

Every step goes to FOLDER (default: govreport-screenshots in the temp folder) as
``normal/`` and ``large/``; ``--readme`` also copies the few shown in the README to
``docs/screenshots/``.

Runs headless (Qt's offscreen platform) with a throw-away settings file, on the demo
(Xinfeng 2017, old format) and on a partly filled 2021-format report so that the new
format's tables (merged headers of table 三 and 四) are covered too; then table 三 of a
report with last year's figures shown (显示上年数), and the 汇总 page over a folder of
generated unit files (a duplicate, a file of another year and a damaged one among them)
with the total it makes, in the 2021 format and in the old one (cells left to the clerk).
"""

from __future__ import annotations

import argparse
import os
import random
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

from govreport_gui.core.draft import new_draft, write_draft_file  # noqa: E402
from govreport_gui.core.library import FormLibrary, default_library  # noqa: E402
from govreport_gui.core.previous import attach_previous  # noqa: E402
from govreport_gui.core.samples import demo_draft  # noqa: E402
from govreport_gui.storage.base import MemoryDraftStore  # noqa: E402
from govreport_gui.ui import looks  # noqa: E402
from govreport_gui.ui.app import create_application  # noqa: E402
from govreport_gui.ui.main_window import MainWindow  # noqa: E402
from govreport_gui.ui.settings import AppSettings  # noqa: E402
from govreport_gui.ui.table_page import TablePage  # noqa: E402
from tests.support.helpers import consistent_2021_values, filled_2021_draft  # noqa: E402

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
    ("normal", "previous-t3.png"),
    ("normal", "aggregate-2021.png"),
)

UNIT_NAMES = (
    "县教育局",
    "县公安局",
    "县民政局",
    "县财政局",
    "县人力资源和社会保障局",
    "县自然资源局",
    "县住房和城乡建设局",
    "城关镇人民政府",
    "河口乡人民政府",
    "石桥镇人民政府",
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


def unit_files(folder: Path, library: FormLibrary) -> Path:
    """2023 reports of ten units in the 2021 format, one sent twice (a later correction),
    one of them without 收费, a 2022 report and a damaged file."""
    folder.mkdir(parents=True, exist_ok=True)
    form = library.get("2021")
    rng = random.Random(2023)
    for at, unit in enumerate(UNIT_NAMES):
        draft = new_draft(form, 2023, unit)
        draft.values = consistent_2021_values(form, rng)
        if at == 2:
            del draft.values["t2.fees"]
        write_draft_file(draft, folder / f"{at + 1:02d}-{unit}.json")
        os.utime(folder / f"{at + 1:02d}-{unit}.json", (1_700_000_000 + at,) * 2)
    corrected = new_draft(form, 2023, "县 教育局")
    corrected.values = consistent_2021_values(form, rng)
    write_draft_file(corrected, folder / "11-县教育局（更正）.json")
    other_year = new_draft(form, 2022, "县卫生健康委员会")
    other_year.values = consistent_2021_values(form, rng)
    write_draft_file(other_year, folder / "12-县卫生健康委员会.json")
    (folder / "13-县市场监管局.json").write_text('{"kind": "govreport-draft", ', "utf-8")
    return folder


def old_unit_files(folder: Path, library: FormLibrary) -> Path:
    """Three units' 2017 reports in the old format (the Xinfeng sample, renamed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for at, unit in enumerate(("县政府办公室", "县发展和改革委员会", "城关镇人民政府")):
        draft = demo_draft(library)
        draft.unit = unit
        write_draft_file(draft, folder / f"{at + 1:02d}-{unit}.json")
    return folder


def shoot_previous(window: MainWindow, app: QApplication, folder: Path) -> list[Path]:
    """Table 三 of a 2023 report with its 2022 figures shown under this year's."""
    library, store = window.library, window.store
    last = filled_2021_draft(library, 2022)
    this = filled_2021_draft(library, 2023)
    for cell_id, value in (("t3.new.natural", 23), ("t3.r1.natural", 9), ("t3.new.total", 40)):
        this.values[cell_id] = value
    attach_previous(this, last)
    window.open_draft(store.create(this))
    window.go_to_cell("t3.new.natural")
    assert window.session is not None
    window.session.set_show_previous(True)
    settle(app)
    path = folder / "previous-t3.png"
    save(window, path)
    return [path]


def shoot_aggregate(
    window: MainWindow, app: QApplication, folder: Path, units: Path, name: str, prefix: str
) -> list[Path]:
    """The 汇总 page over ``units``, one unit's findings, and the total's first table."""
    window.show_aggregate()
    page = window.aggregate_page
    page.unit.setText(name)
    page.set_paths([units])
    settle(app)
    written = [folder / f"{prefix}.png"]
    save(window, written[-1])
    rows = page.model.rows
    busiest = max(range(len(rows)), key=lambda r: (rows[r].errors or 0) + (rows[r].warnings or 0))
    page.table.setCurrentIndex(page.proxy.mapFromSource(page.model.index(busiest, 0)))
    dialog = page.show_selected_findings()
    if dialog is not None:
        settle(app)
        written.append(folder / f"{prefix}-unit.png")
        dialog.grab().save(str(written[-1]), "PNG", 0)
        dialog.close()
    page.create_total()
    settle(app)
    written.append(folder / f"{prefix}-total.png")
    save(window, written[-1])
    page = window.current_step().widget
    if isinstance(page, TablePage) and page.notes_banner.isVisible():
        page.notes_banner.toggle.setChecked(True)  # the notes, listed
        settle(app)
        written.append(folder / f"{prefix}-total-notes.png")
        save(window, written[-1])
    return written


def take_all(out: Path, width: int, height: int) -> list[Path]:
    app = create_application()
    settings_file = Path(tempfile.mkdtemp(prefix="govreport-shots-")) / "settings.ini"
    library = default_library()
    written: list[Path] = []
    units = unit_files(settings_file.parent / "units", library)
    old_units = old_unit_files(settings_file.parent / "units-2017", library)
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
        written += shoot_previous(window, app, out / mode)
        written += shoot_aggregate(
            window, app, out / mode, units, "某某县（汇总）", "aggregate-2021"
        )
        written += shoot_aggregate(
            window, app, out / mode, old_units, "新丰县（汇总）", "aggregate-2017"
        )
        window.close()
        window.deleteLater()
        settle(app)
    return written


#: name, screen size in pixels, scale factor, 关怀模式
SCREENS = (
    ("laptop", (1366, 768), 1.0, False),
    ("laptop-care", (1366, 768), 1.0, True),
    ("fullhd-150-care", (1920, 1080), 1.5, True),
)
#: The taskbar and the title bar of a maximised window, in pixels at 100 %.
WINDOW_CHROME = 70


def screen_shots(out: Path, name: str, care: bool) -> list[Path]:
    """Table 三 of a 2021 report, 签署与打印, 开始 and 汇总 in a maximised-size window."""
    width, height = (int(n) for n in os.environ["GOVREPORT_SHOT_SCREEN"].split("x"))
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    app = create_application()
    folder = Path(tempfile.mkdtemp(prefix="govreport-shots-"))
    library = default_library()
    looks.apply_text_scale(care)
    settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.care_mode = care
    store = MemoryDraftStore()
    window = MainWindow(store, library, settings)
    window.resize(round(width / scale), round(height / scale) - WINDOW_CHROME)
    window.show()
    settle(app)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / f"{name}-start.png"]
    save(window, written[-1])
    form = library.get("2021")
    draft = new_draft(form, 2023, "某某县人民政府办公室")
    for cell_id, text in SAMPLE_2021.items():
        draft.enter(form, cell_id, text)
    window.open_draft(store.create(draft))
    window.go_to_cell("t3.new.natural")
    settle(app)
    written.append(out / f"{name}-table3.png")
    save(window, written[-1])
    window.go_to_step(window.step_index("sign"))
    settle(app)
    written.append(out / f"{name}-sign.png")
    save(window, written[-1])
    window.show_aggregate()
    window.aggregate_page.unit.setText("某某县（汇总）")
    window.aggregate_page.set_paths([unit_files(folder / "units", library)])
    settle(app)
    written.append(out / f"{name}-aggregate.png")
    save(window, written[-1])
    window.close()
    return written


def run_screens(out: Path) -> list[Path]:
    """Each screen in a child process (QT_SCALE_FACTOR is read once, at start)."""
    import subprocess

    written = []
    for name, (width, height), scale, care in SCREENS:
        env = dict(os.environ, GOVREPORT_SHOT_SCREEN=f"{width}x{height}")
        env["QT_SCALE_FACTOR"] = str(scale)
        command = [sys.executable, __file__, "--out", str(out), "--one-screen", name]
        if care:
            command.append("--care")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        written += [Path(line) for line in done.stdout.split()]
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(tempfile.gettempdir()) / "govreport-screenshots"
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--size", default="1366x768", help="window size, e.g. 1366x768")
    parser.add_argument("--readme", action="store_true", help="copy README shots to docs/")
    parser.add_argument("--screens", action="store_true", help="the pages on three screens")
    parser.add_argument("--one-screen", help=argparse.SUPPRESS)
    parser.add_argument("--care", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_screen:
        for path in screen_shots(args.out, args.one_screen, args.care):
            print(path)
        return 0
    if args.screens:
        written = run_screens(args.out)
        for path in written:
            print(path)
        if args.readme:
            docs = ROOT / "docs" / "screenshots"
            for path in written:
                shutil.copyfile(path, docs / path.name)
        return 0
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
