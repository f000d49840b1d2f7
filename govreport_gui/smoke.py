"""``govreport --smoke``: prove that this copy of the app works, without a screen.

Meant above all for the frozen one-folder build: a data folder, a module or a Qt file
that PyInstaller left out shows up here, on the build machine, not on a clerk's PC.
Each step uses the same code the app uses: load every form, check the demo report,
save it in a throw-away draft store, render it to a PDF, start Qt offscreen with its
Chinese translation, and import the window's module. One line per step with its time,
then ``OK``; any failure is named (with the reason in Chinese) and the exit code is 1.
Nothing outside a temporary folder is touched.
"""

from __future__ import annotations

import importlib
import io
import os
import platform
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .core.checks import Summary, check_draft, run_checks
from .core.draft import Draft
from .core.errors import GovreportError
from .core.library import FormLibrary, data_root, load_library
from .core.samples import demo_draft

EXIT_OK, EXIT_FAILED = 0, 1

# Where each later layer lives; a missing one is reported by name, never papered over.
STORE_MODULE = "govreport_gui.storage"
PDF_MODULE = "govreport_gui.output.pdf"
EXPORTS = (  # module, builder, the zip member it must hold or how it starts, what it is
    ("govreport_gui.output.docx", "docx_bytes", "word/document.xml", "Word 文档"),
    ("govreport_gui.output.xlsx", "xlsx_bytes", "xl/workbook.xml", "Excel 工作簿"),
    ("govreport_gui.output.html", "html_bytes", "<!DOCTYPE html>", "网页"),
)
UI_MODULE = "govreport_gui.ui.app"
QT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport")


class SmokeFailure(Exception):
    """A step found something wrong; the message says what, in Chinese."""


@dataclass
class Context:
    """What the steps hand on to each other."""

    workdir: Path
    library: FormLibrary | None = None
    demo: Draft | None = None


@dataclass(frozen=True)
class StepResult:
    name: str
    ok: bool
    seconds: float
    detail: str


def require(module: str, what: str, attr: str | None = None) -> Any:
    """A later layer's module (or one name in it), or a failure saying which is missing."""
    try:
        found = importlib.import_module(module)
    except ImportError as exc:
        raise SmokeFailure(
            f"{what}（模块 {module}）不可用：{exc}。这份程序不完整（未合并或未打包该模块）。"
        ) from None
    if attr is None:
        return found
    if not hasattr(found, attr):
        raise SmokeFailure(
            f"{what}：模块 {module} 中没有 {attr}。这份程序不完整（未合并或未打包该功能）。"
        )
    return getattr(found, attr)


def step_forms(ctx: Context) -> str:
    """Every form file loads and every rule runs over an empty draft."""
    folder = data_root("forms")
    library = load_library()
    if library.problems:
        raise SmokeFailure("格式文件有问题：" + "；".join(library.problems))
    if not library.forms:
        raise SmokeFailure(f"文件夹 {folder} 中没有任何报告格式")
    for form in library.ordered():
        run_checks(form, {})
    ctx.library = library
    return f"{len(library.forms)} 个格式（{'、'.join(f.id for f in library.ordered())}），来自 {folder}"


def step_checks(ctx: Context) -> str:
    """The sample report reads and its checks run."""
    library = _needs(ctx.library, "forms")
    demo = demo_draft(library)
    findings = check_draft(library.get(demo.form_id), demo)
    summary = Summary.of(findings, demo.explanations)
    ctx.demo = demo
    return f"示例 {demo.unit} {demo.year} 年度：{summary.errors} 个错误，{summary.warnings} 个提示"


def step_store(ctx: Context) -> str:
    """The demo goes into a new draft store (TinyDB) and comes back unchanged."""
    library, demo = _needs(ctx.library, "forms"), _needs(ctx.demo, "checks")
    open_store = require(STORE_MODULE, "草稿存储", "open_store")
    folder = ctx.workdir / "data"
    store = open_store(folder, library=library)
    try:
        draft_id = store.create(demo)
    finally:
        store.close()
    reopened = open_store(folder, library=library, read_only=True)
    try:
        back = reopened.load(draft_id)
    finally:
        reopened.close()
    if (back.values, back.texts, back.signatories) != (demo.values, demo.texts, demo.signatories):
        raise SmokeFailure("草稿存入后再读出，内容与存入的不一致")
    return f"存入并读回草稿 {draft_id}"


def step_pdf(ctx: Context) -> str:
    """The demo renders to a PDF with an installed Chinese font."""
    library, demo = _needs(ctx.library, "forms"), _needs(ctx.demo, "checks")
    render_pdf = require(PDF_MODULE, "PDF 输出", "render_pdf")
    out = ctx.workdir / "demo.pdf"
    result = render_pdf(library.get(demo.form_id), demo, out)
    if not out.is_file() or not out.read_bytes().startswith(b"%PDF-"):
        raise SmokeFailure(f"没有生成有效的 PDF 文件：{out}")
    return f"{result.pages} 页，{out.stat().st_size // 1024} KB"


def step_exports(ctx: Context) -> str:
    """The demo exports to Word, Excel and a web page, each a file of its kind."""
    library, demo = _needs(ctx.library, "forms"), _needs(ctx.demo, "checks")
    form = library.get(demo.form_id)
    sizes = []
    for module, builder, part, what in EXPORTS:
        payload = require(module, what, builder)(form, demo)
        if not _holds(payload, part, demo.unit):
            raise SmokeFailure(f"没有生成有效的{what}")
        (ctx.workdir / f"demo.{module.rsplit('.', 1)[-1]}").write_bytes(payload)
        sizes.append(f"{what} {len(payload) // 1024} KB")
    return "，".join(sizes)


def _holds(payload: bytes, part: str, unit: str) -> bool:
    """A zipped Office file with its main part, or a web page naming the unit."""
    if part.endswith(".xml"):
        try:
            with zipfile.ZipFile(io.BytesIO(payload)) as archive:
                return part in archive.namelist()
        except zipfile.BadZipFile:
            return False
    return payload.startswith(part.encode()) and unit.encode() in payload


def step_qt(ctx: Context) -> str:
    """Qt starts without a screen and speaks Chinese (下一步, not Next)."""
    if not os.environ.get("QT_QPA_PLATFORM"):  # unset or empty: Qt would look for a screen
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    for name in QT_MODULES:
        require(name, "Qt")
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication, QWizard

    app = QApplication.instance() or QApplication(["govreport"])
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    if not translator.load(chinese, "qtbase", "_", folder):
        raise SmokeFailure(f"找不到 Qt 的中文翻译 qtbase_zh_CN.qm（在 {folder}）")
    app.installTranslator(translator)
    wizard = QWizard()
    try:
        next_text = wizard.buttonText(QWizard.WizardButton.NextButton)
    finally:
        wizard.deleteLater()
        app.removeTranslator(translator)
    if "下一步" not in next_text:
        raise SmokeFailure(f"Qt 中文翻译未生效：按钮文字是 “{next_text}”")
    return f"PySide6 {pyside_version}，{app.platformName()}，按钮 “{next_text}”"


def step_ui(ctx: Context) -> str:
    """The window's code is present and keeps drafts in the data folder (not started)."""
    require(UI_MODULE, "图形界面", "run_gui")
    open_default_store = require(UI_MODULE, "图形界面", "open_default_store")
    store, _ = open_default_store(str(ctx.workdir / "window-data"))
    try:
        if not (ctx.workdir / "window-data").is_dir():
            raise SmokeFailure("窗口没有打开数据文件夹中的草稿库：草稿只在内存中，关闭程序就会丢失")
    finally:
        store.close()
    return f"{UI_MODULE}.run_gui 可用，草稿存入数据文件夹"


STEPS: list[tuple[str, Callable[[Context], str]]] = [
    ("forms", step_forms),
    ("checks", step_checks),
    ("store", step_store),
    ("pdf", step_pdf),
    ("exports", step_exports),
    ("qt", step_qt),
    ("ui", step_ui),
]


def run_steps(ctx: Context) -> list[StepResult]:
    """Every step, even after one failed, so a single run names every problem."""
    results = []
    for name, step in STEPS:
        start = time.perf_counter()
        try:
            detail, ok = step(ctx), True
        except SmokeFailure as exc:
            detail, ok = str(exc), False
        except GovreportError as exc:
            detail, ok = exc.message, False
        except Exception as exc:  # the point of a smoke test: report, don't crash
            where = traceback.extract_tb(exc.__traceback__)[-1]
            detail = f"{type(exc).__name__}: {exc}（{Path(where.filename).name}:{where.lineno}）"
            ok = False
        results.append(StepResult(name, ok, time.perf_counter() - start, detail))
    return results


def run_smoke(out: TextIO | None = None) -> int:
    """Run all steps in a temporary folder, print the table; 0 if all passed, else 1."""
    out = out or sys.stdout
    frozen = "PyInstaller 打包" if getattr(sys, "frozen", False) else "Python 包"
    print(
        f"govreport {__version__} 自检 — Python {platform.python_version()}，"
        f"{platform.system()} {platform.machine()}，{frozen}",
        file=out,
    )
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="govreport-smoke-") as tmp:
        results = run_steps(Context(Path(tmp)))
    total = time.perf_counter() - start
    for r in results:
        print(
            f"  {'OK' if r.ok else 'FAILED':6} {r.name:7} {r.seconds * 1000:8.1f} ms  {r.detail}",
            file=out,
        )
    failed = [r.name for r in results if not r.ok]
    if failed:
        message = (
            f"FAILED: {', '.join(failed)}（{len(failed)}/{len(results)} 步失败，共 {total:.2f} s）"
        )
        print(message, file=out)
        if out is not sys.stderr:
            print(message, file=sys.stderr)
        return EXIT_FAILED
    print(f"OK ({len(results)} steps, {total:.2f} s)", file=out)
    return EXIT_OK


def _needs(value: Any, step: str) -> Any:
    if value is None:
        raise SmokeFailure(f"前一步（{step}）未成功，本步无法进行")
    return value
