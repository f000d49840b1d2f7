"""Start the window: Qt application, Chinese translations and font, store, main window.

``GOVREPORT_EXIT_AFTER_SHOW=1`` makes the app quit as soon as its window is shown and
print ``govreport-shown <unix time>`` on stdout; ``bench/bench_startup.py`` uses it to
measure start-up time.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..core.errors import GovreportError
from ..core.library import default_library
from ..crashlog import crash_message, show_native_box
from ..storage.base import DraftStore, MemoryDraftStore
from ..storage.logfile import start_logging
from . import dialogs, looks
from .main_window import MainWindow
from .settings import AppSettings

EXIT_AFTER_SHOW = "GOVREPORT_EXIT_AFTER_SHOW"
SHOWN_MARK = "govreport-shown"
#: The command line's exit codes (cli/__init__.py): the store refused to open; a bug.
EXIT_BAD_INPUT, EXIT_INTERNAL = 2, 70

log = logging.getLogger(__name__)

#: UI fonts that cover Simplified Chinese, best first (Windows, then UOS/Kylin/Debian).
CHINESE_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimSun",
    "AR PL UMing CN",
)

_ready = False  # translations and font installed

#: Seconds to wait for a ``govreport drafts``/``export`` run that holds the data folder briefly.
STORE_WAIT = 2.0

DEMO_NOTICE = "这是示例报告（信丰县2017年度）：可以随意修改，修改不会保存。"


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with Qt's own zh_CN texts and a Chinese UI font."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    global _ready
    if _ready:
        return app
    _ready = True
    app.setApplicationName("govreport")
    app.setApplicationDisplayName("政府信息公开工作年度报告")
    app.setOrganizationName("govreport")
    looks.keep_light_scheme(app)
    install_qt_translations(app)
    choose_ui_font(app)
    return app


def install_qt_translations(app: QApplication) -> bool:
    """Standard buttons and dialogs in Chinese (下一步, 取消, 撤消...)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(locale)
    loaded = False
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            loaded = True
    return loaded


def choose_ui_font(app: QApplication) -> str:
    """Use the first installed Chinese UI font; keep Qt's choice when none is found."""
    families = set(QFontDatabase.families())
    family = next((f for f in CHINESE_FONTS if f in families), "")
    font = QFont(app.font())
    if family:
        font.setFamily(family)
    font.setPointSizeF(max(font.pointSizeF(), looks.MIN_POINT_SIZE))
    app.setFont(font)
    return family


def open_default_store(data_dir: str | None) -> tuple[DraftStore, tuple[str, ...]]:
    """The TinyDB store of the data folder and what opening it found, for the clerk."""
    from ..storage.tinystore import open_store  # not needed by the demo (issue 17)

    store = open_store(data_dir, wait=STORE_WAIT)
    return store, tuple(store.take_notices())


def run_gui(args: argparse.Namespace) -> int:
    """``govreport`` without a subcommand: the window; ``--demo`` with the sample open.

    The crash handler comes first, so that any failure while starting (an OSError while
    the store opens) is told in Chinese rather than in PyInstaller's English box.
    """
    sys.excepthook = _tell_about_crash
    try:
        logs = start_logging(getattr(args, "data_dir", None))
        log.info("govreport %s starting the window; log folder %s", __version__, logs)
        app = create_application()
        opened = _open_window(args)
    except Exception as exc:
        _tell_start_failure(exc)
        return EXIT_INTERNAL
    if opened is None:
        return EXIT_BAD_INPUT
    window, store = opened
    app.aboutToQuit.connect(window.save_before_quit)
    window.show()
    if os.environ.get(EXIT_AFTER_SHOW):
        QTimer.singleShot(0, lambda: _report_shown_and_quit(app))
    try:
        return app.exec()
    finally:
        store.close()


def _open_window(args: argparse.Namespace) -> tuple[MainWindow, DraftStore] | None:
    """The main window on its store; None (after saying why) when the store cannot open."""
    settings = AppSettings(QSettings())
    looks.apply_text_scale(settings.care_mode)
    library = default_library()
    notices: tuple[str, ...] = tuple(f"格式文件有误，已跳过：{p}" for p in library.problems)
    if getattr(args, "demo", False):
        store: DraftStore = MemoryDraftStore()
        notices += (DEMO_NOTICE,)
    else:
        try:
            store, store_notices = open_default_store(getattr(args, "data_dir", None))
        except GovreportError as exc:
            dialogs.tell(None, "无法打开草稿数据", str(exc), error=True)
            return None
        notices += store_notices
    demo = bool(getattr(args, "demo", False))
    window = MainWindow(store, library, settings, notices=notices, keeps_drafts=not demo)
    if getattr(args, "demo", False):
        window.open_demo()
    return window, store


def _tell_about_crash(
    kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """An exception in a Qt slot: the windowed build has no console, so say it in a box.

    The window keeps running; what was typed is kept by autosave.
    """
    dialogs.tell(
        None,
        "程序出错",
        crash_message(exc, tb) + "\n已输入的内容会自动保存，可以继续使用。",
        error=True,
    )


def _tell_start_failure(exc: BaseException) -> None:
    """The window could not start: say so in Chinese, with Qt if it runs, else natively."""
    text = crash_message(exc, lead="程序无法启动") + "\n已保存的草稿不受影响。"
    if isinstance(QApplication.instance(), QApplication):  # a box without one aborts Qt
        try:
            dialogs.tell(None, "程序无法启动", text, error=True)
            return
        except Exception:
            pass
    if not show_native_box("程序无法启动", text):
        print(text, file=sys.stderr)


def _report_shown_and_quit(app: QApplication) -> None:
    QGuiApplication.sync()
    print(f"{SHOWN_MARK} {time.time():.6f}", flush=True)
    app.quit()
