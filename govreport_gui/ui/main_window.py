"""The main window: a step list on the left, the current step, and the save state below.

Steps are built from the open draft's form: 开始, one step per narrative section and per
table in the form's order, 审核, 签署与打印. Any step can be reached from the list (the
review page jumps straight to a cell), and 上一步/下一步 walk through them in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDir, QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.aggregate import AggregateResult
from ..core.checks import Summary
from ..core.draft import write_draft_file
from ..core.errors import GovreportError
from ..core.library import FormLibrary
from ..core.model import Section, Table
from ..core.rules import Severity
from ..core.samples import demo_draft
from ..storage.base import DraftStore, Status
from . import dialogs, looks, printing
from .aggregate_page import AggregatePage, created_notice, notes_of
from .printing import PdfRenderer, Renderer, describe_fonts, missing_characters
from .review_page import ReviewPage
from .session import DraftSession
from .settings import AppSettings
from .sign_page import SignPage, safe_file_name
from .start_page import StartPage
from .table_page import TablePage
from .text_page import TextPage
from .widgets import ICON_SIZE, InlineMessage

APP_TITLE = "政府信息公开工作年度报告 填报助手"


@dataclass
class Step:
    kind: str  # start, text, table, review, sign; aggregate (outside the step list)
    title: str
    widget: QWidget
    section: Section | None = None
    table: Table | None = None
    frame: QScrollArea | None = None  # what the stack holds: the page, scrollable


def _scrollable(page: QWidget) -> QScrollArea:
    """Pages scroll when the window is small (关怀模式 on a 1366×768 screen)."""
    frame = QScrollArea()
    frame.setWidgetResizable(True)
    frame.setFrameShape(QFrame.Shape.NoFrame)
    frame.setWidget(page)
    return frame


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: DraftStore,
        library: FormLibrary,
        settings: AppSettings,
        *,
        renderer: Renderer | None = None,
        notices: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.library = library
        self.settings = settings
        self.renderer: Renderer = renderer if renderer is not None else PdfRenderer(settings)
        self.session: DraftSession | None = None
        self.steps: list[Step] = []
        self.setWindowTitle(APP_TITLE)
        self._blank_icon = _blank_icon()

        central = QWidget(self)
        outer = QVBoxLayout(central)
        self.notice = InlineMessage(central)
        outer.addWidget(self.notice)
        self._notices = notices
        self._show_notices()
        self.lock_banner = self._build_lock_banner(central)
        outer.addWidget(self.lock_banner)

        body = QHBoxLayout()
        self.step_list = QListWidget(central)
        self.step_list.setAccessibleName("填报步骤")
        self.step_list.setWordWrap(True)
        self.step_list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.step_list.setSpacing(2)
        self.step_list.currentRowChanged.connect(self._step_chosen)
        self.stack = QStackedWidget(central)
        body.addWidget(self.step_list)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        outer.addLayout(self._build_bottom_bar(central))
        self.setCentralWidget(central)
        self._build_menus()

        self.start_page = StartPage(store, library, settings, self)
        self.start_page.openRequested.connect(self.open_draft)
        self.start_page.aggregateRequested.connect(self.show_aggregate)
        self._start_frame = _scrollable(self.start_page)
        self.aggregate_page = AggregatePage(store, library, settings, self)
        self.aggregate_page.totalCreated.connect(self.open_total)
        self._aggregate_step = Step(
            "aggregate",
            "汇总各单位报告",
            self.aggregate_page,
            frame=_scrollable(self.aggregate_page),
        )
        self.stack.addWidget(self._aggregate_step.frame)
        self._set_steps([Step("start", "开始", self.start_page)])
        self._size_step_list()
        self._restore_geometry()
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=self.next_step)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=self.previous_step)

    # -- building ----------------------------------------------------------------------

    def _build_lock_banner(self, parent: QWidget) -> QFrame:
        banner = QFrame(parent)
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setStyleSheet("QFrame { background: #e8f0fe; }")
        layout = QHBoxLayout(banner)
        icon = QLabel(banner)
        icon.setPixmap(looks.icon("locked").pixmap(ICON_SIZE, ICON_SIZE))
        self.lock_text = QLabel("该报告已报送，已锁定，只能查看。需要修改时请先解锁。", banner)
        self.lock_text.setWordWrap(True)
        self.unlock_button = QPushButton("解锁(&U)", banner)
        self.unlock_button.setAccessibleName("解锁报告以便修改")
        self.unlock_button.clicked.connect(self.unlock)
        layout.addWidget(icon)
        layout.addWidget(self.lock_text, 1)
        layout.addWidget(self.unlock_button)
        banner.hide()
        return banner

    def _build_bottom_bar(self, parent: QWidget) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.care_action = QAction("关怀模式（大字）(&L)", self)
        self.care_action.setCheckable(True)
        self.care_action.setChecked(self.settings.care_mode)
        self.care_action.toggled.connect(self.set_care_mode)
        care_button = QToolButton(parent)
        care_button.setDefaultAction(self.care_action)
        care_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        care_button.setAccessibleName("关怀模式：放大全部文字")
        self.save_icon = QLabel(parent)
        self.saved_label = QLabel("", parent)
        self.saved_label.setAccessibleName("保存状态")
        self.saved_label.setWordWrap(True)  # a long "未能保存…" must not widen the window
        self.saved_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.back_button = QPushButton("上一步(&B)", parent)
        self.back_button.clicked.connect(self.previous_step)
        self.next_button = QPushButton("下一步(&N)", parent)
        self.next_button.clicked.connect(self.next_step)
        self.next_button.setDefault(False)
        self.finish_button = QPushButton("完成", parent)
        self.finish_button.setToolTip("保存报告并回到开始页")
        self.finish_button.clicked.connect(self.finish)
        bar.addWidget(care_button)
        bar.addSpacing(12)
        bar.addWidget(self.save_icon)
        bar.addWidget(self.saved_label, 1)
        bar.addWidget(self.back_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.finish_button)
        return bar

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        start = file_menu.addAction("开始页：打开或新建报告(&S)")
        start.triggered.connect(lambda: self.go_to_step(0))
        self.export_action = file_menu.addAction("导出草稿文件(&E)…")
        self.export_action.triggered.connect(self.export_draft_file)
        self.export_action.setEnabled(False)
        fonts = file_menu.addAction("打印字体(&T)…")
        fonts.triggered.connect(self.choose_print_font)
        aggregate = file_menu.addAction("汇总各单位报告(&G)…")
        aggregate.triggered.connect(self.show_aggregate)
        file_menu.addSeparator()
        leave = file_menu.addAction("退出(&Q)")
        leave.setShortcut(QKeySequence.StandardKey.Quit)
        leave.triggered.connect(self.close)
        view_menu = self.menuBar().addMenu("视图(&V)")
        view_menu.addAction(self.care_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = help_menu.addAction("关于(&A)")
        about.triggered.connect(self._about)

    def _size_step_list(self) -> None:
        icon = looks.icon_px(self.step_list)
        self.step_list.setIconSize(QSize(icon, icon))
        self._blank_icon = _blank_icon(icon)
        width = self.step_list.fontMetrics().horizontalAdvance("字" * 11) + icon + 40
        self.step_list.setFixedWidth(width)

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            # Office laptops are often 1366×768: never open taller or wider than the screen.
            available = self.screen().availableGeometry()
            self.resize(min(1280, available.width()), min(800, available.height() - 40))

    # -- steps -------------------------------------------------------------------------

    def _set_steps(self, steps: list[Step]) -> None:
        for step in self.steps:
            if step.widget is not self.start_page and step.frame is not None:
                self.stack.removeWidget(step.frame)
                step.frame.deleteLater()
        self.steps = steps
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for step in steps:
            if step.widget is self.start_page:
                step.frame = self._start_frame
            if step.frame is None:
                step.frame = _scrollable(step.widget)
            if self.stack.indexOf(step.frame) < 0:
                self.stack.addWidget(step.frame)
            item = QListWidgetItem(self._blank_icon, step.title)
            self.step_list.addItem(item)
        self.step_list.blockSignals(False)
        self.refresh_step_states()
        self.go_to_step(0)

    def _build_steps(self, session: DraftSession) -> list[Step]:
        steps = [Step("start", "开始", self.start_page)]
        form = session.form
        for section in form.sections:
            if section.has_text:
                steps.append(Step("text", section.title, TextPage(session, section), section))
            if section.table:
                table = form.table(section.table)
                page = TablePage(session, table, section)
                steps.append(Step("table", section.title, page, section, table))
        listed = {s.table.id for s in steps if s.table is not None}
        for table in form.tables:  # tables no section prints (none today): still editable
            if table.id not in listed:
                page = TablePage(session, table, None)
                steps.append(Step("table", page.title, page, None, table))
        review = ReviewPage(session)
        review.jumpRequested.connect(self.go_to_cell)
        steps.append(Step("review", "审核", review))
        sign = SignPage(session, font_note=partial(printing.font_note, self.settings))
        sign.pdfRequested.connect(self.save_pdf)
        sign.printRequested.connect(self.print_report)
        sign.statusRequested.connect(self.set_status)
        steps.append(Step("sign", "签署与打印", sign))
        return steps

    def step_index(self, kind: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.kind == kind)

    def current_index(self) -> int:
        """The step shown; -1 while the 汇总 page (not a step of a report) is shown."""
        frame = self.stack.currentWidget()
        return next((i for i, s in enumerate(self.steps) if s.frame is frame), -1)

    def current_step(self) -> Step:
        index = self.current_index()
        return self.steps[index] if index >= 0 else self._aggregate_step

    def page(self, kind: str) -> QWidget:
        return self.steps[self.step_index(kind)].widget

    def go_to_step(self, index: int, *, focus: bool = False) -> None:
        """Show a step; ``focus`` puts the keyboard in its first field (not when the
        clerk is moving through the step list with the arrow keys)."""
        if not 0 <= index < len(self.steps):
            return
        if index > 0 and self.session is None:
            return
        if self.session is not None and index != self.current_index():
            self.session.save_now()
        frame = self.steps[index].frame
        assert frame is not None
        self.stack.setCurrentWidget(frame)
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(index)
        self.step_list.blockSignals(False)
        last = len(self.steps) - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < last and self.session is not None)
        self.finish_button.setVisible(index == last and self.session is not None)
        if index == 0:
            self.start_page.refresh()
        if focus:
            self._focus_page(self.steps[index].widget)

    @staticmethod
    def _focus_page(page: QWidget) -> None:
        target: QWidget | None = None
        if isinstance(page, StartPage):
            target = page.table if page.model.rows else page.unit
        elif isinstance(page, TextPage):
            target = page.editor
        elif isinstance(page, TablePage):
            target = page.grids[0] if page.grids else None
        elif isinstance(page, ReviewPage):
            target = page.tree
        elif isinstance(page, SignPage):
            target = page.unit
        elif isinstance(page, AggregatePage):
            page.focus_first()
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def _step_chosen(self, row: int) -> None:
        if row >= 0 and self.session is None and row > 0:
            self.step_list.setCurrentRow(0)
            return
        if row >= 0:
            self.go_to_step(row)

    def next_step(self) -> None:
        index = self.current_index()
        if index >= 0:
            self.go_to_step(index + 1, focus=True)

    def previous_step(self) -> None:
        index = self.current_index()
        self.go_to_step(index - 1 if index > 0 else 0, focus=True)

    def show_aggregate(self) -> None:
        """The 汇总 page: outside the steps of the open report, which stays open."""
        if self.session is not None:
            self.session.save_now()
        self.stack.setCurrentWidget(self._aggregate_step.frame)
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(-1)
        self.step_list.blockSignals(False)
        self.back_button.setEnabled(True)
        self.next_button.setEnabled(False)
        self.finish_button.setVisible(False)
        self.aggregate_page.focus_first()

    def go_to_cell(self, cell_id: str) -> bool:
        for index, step in enumerate(self.steps):
            if isinstance(step.widget, TablePage) and cell_id in step.widget.cell_ids():
                self.go_to_step(index)
                return step.widget.go_to_cell(cell_id)
        return False

    def refresh_step_states(self) -> None:
        session = self.session
        for index, step in enumerate(self.steps):
            item = self.step_list.item(index)
            if session is None:
                enabled = index == 0
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if enabled
                    else Qt.ItemFlag.NoItemFlags
                )
                item.setIcon(self._blank_icon)
                continue
            state, kind = self._step_state(step, session)
            item.setIcon(looks.icon(kind) if kind else self._blank_icon)
            item.setToolTip(f"{step.title}：{state}" if state else step.title)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{step.title}，{state}" if state else step.title,
            )

    def _step_state(self, step: Step, session: DraftSession) -> tuple[str, str]:
        if step.kind == "text" and step.section is not None:
            written = bool(session.draft.texts.get(step.section.id, "").strip())
            return ("已填写", "ok") if written else ("未填写", "")
        if step.kind == "table" and isinstance(step.widget, TablePage):
            listed, blanks = step.widget.page_findings()
            errors = Summary.of(listed, {}).errors
            if errors:
                return f"{errors} 个错误", "error"
            if listed:
                return f"{len(listed)} 个提示", "warning"
            if blanks:
                return f"{len(blanks)} 项未填写", "warning"
            return "已填写，没有发现问题", "ok"
        if step.kind == "review":
            open_errors = len(session.unexplained_errors())
            if open_errors:
                return f"{open_errors} 个错误未处理", "error"
            return ("有提示", "warning") if session.findings else ("没有问题", "ok")
        return "", ""

    # -- drafts ------------------------------------------------------------------------

    def open_draft(self, draft_id: str, step_kind: str | None = None) -> bool:
        if self.session is not None:
            self.session.flush()
        try:
            draft = self.store.load(draft_id)
            status = self.store.info(draft_id).status
            form = self.library.get(draft.form_id)
        except GovreportError as exc:
            self.start_page.message.show_message(str(exc))
            return False
        session = DraftSession(
            self.store, draft_id, draft, form, status, self, library=self.library
        )
        self.open_session(session, step_kind)
        return True

    def open_session(self, session: DraftSession, step_kind: str | None = None) -> None:
        old = self.session
        self.session = session
        self._set_steps(self._build_steps(session))
        if old is not None:
            old.deleteLater()
        session.findingsChanged.connect(self.refresh_step_states)
        session.draftChanged.connect(self.refresh_step_states)
        session.saved.connect(self._saved)
        session.saveFailed.connect(self._save_failed)
        session.statusChanged.connect(self._status_changed)
        session.draftChanged.connect(self._show_title)
        self.export_action.setEnabled(True)
        self._show_title()
        self._show_notices()
        self._status_changed(session.status)
        self.saved_label.setText("已打开，修改会自动保存")
        self.save_icon.clear()
        target = self.step_index(step_kind) if step_kind else 1
        self.go_to_step(target, focus=True)

    def open_total(self, draft_id: str, result: AggregateResult) -> bool:
        """The total the 汇总 page stored: open it on its first table, with its notes."""
        if not self.open_draft(draft_id, "table") or self.session is None:
            return False
        self.session.set_notes(notes_of(result))
        self._show_notices(created_notice(result))
        return True

    def _show_notices(self, *extra: str) -> None:
        """The notices of the start (data folder, forms) and of the report just opened."""
        lines = [*self._notices, *extra]
        if lines:
            self.notice.show_message("\n".join(lines), "info")
        else:
            self.notice.clear()

    def _show_title(self) -> None:
        """The report's title in the window title; follows a renamed unit or a new title."""
        session = self.session
        if session is not None:
            self.setWindowTitle(f"{session.draft.title(session.form)} — {APP_TITLE}")

    def open_demo(self) -> None:
        """The Xinfeng 2017 sample on its statistics table, where its two errors show."""
        draft_id = self.store.create(demo_draft(self.library))
        if not self.open_draft(draft_id, "table") or self.session is None:
            return
        first_error = next(
            (f for f in self.session.findings if f.severity is Severity.ERROR and f.cells), None
        )
        if first_error is not None:  # scrolled into view: the sample's errors are its point
            self.go_to_cell(first_error.cells[0])

    def finish(self) -> None:
        if self.session is not None and self.session.flush():
            self.statusBar().showMessage("报告已保存。", 8000)
        self.go_to_step(0, focus=True)

    def unlock(self) -> None:
        if self.session is None:
            return
        if not dialogs.confirm(
            self,
            "解锁报告",
            "该报告已报送。解锁后可以修改，修改后需要重新审核和报送。确定解锁吗？",
            yes="解锁",
        ):
            return
        try:
            self.session.unlock()
        except GovreportError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def set_status(self, status: Status) -> None:
        if self.session is None:
            return
        if status is Status.SUBMITTED and not dialogs.confirm(
            self,
            "标记为已报送",
            "标记为“已报送”后报告将锁定，不能再修改；需要修改时须先解锁。确定吗？",
        ):
            self._status_changed(self.session.status)
            return
        try:
            self.session.set_status(status)
        except GovreportError as exc:
            self.statusBar().showMessage(str(exc), 10000)
            self._status_changed(self.session.status)

    def _status_changed(self, status: Status) -> None:
        self.lock_banner.setVisible(status is Status.SUBMITTED)

    def _saved(self, when) -> None:
        size = looks.icon_px(self.saved_label)
        self.save_icon.setPixmap(looks.icon("ok").pixmap(size, size))
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(f"已保存 {when:%H:%M:%S}")

    def _save_failed(self, message: str) -> None:
        size = looks.icon_px(self.saved_label)
        self.save_icon.setPixmap(looks.icon("error").pixmap(size, size))
        self.saved_label.setStyleSheet(f"color: {looks.ERROR_TEXT.name()};")
        self.saved_label.setText(f"未能保存：{message}（修改仍在，稍后自动重试）")
        self.statusBar().showMessage(f"未能保存：{message}", 10000)

    # -- files and output --------------------------------------------------------------

    def _documents_folder(self) -> str:
        return (
            self.settings.last_folder
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or QDir.homePath()
        )

    def export_draft_file(self) -> bool:
        if self.session is None:
            return False
        name = safe_file_name(self.session.draft.title(self.session.form)) + ".json"
        path = dialogs.choose_save_file(
            self, "导出草稿文件", str(Path(self._documents_folder()) / name), dialogs.DRAFT_FILES
        )
        if not path:
            return False
        try:
            write_draft_file(self.session.draft, Path(path))
        except GovreportError as exc:
            dialogs.tell(self, "导出失败", str(exc), error=True)
            return False
        self.settings.last_folder = str(Path(path).parent)
        self.statusBar().showMessage(f"草稿文件已导出：{path}", 10000)
        return True

    def _render(self, path: Path) -> bool:
        session = self.session
        sign = self.page("sign")
        assert session is not None and isinstance(sign, SignPage)
        session.flush()
        try:
            self.renderer(session.form, session.draft, path)
        except GovreportError as exc:
            if not (missing_characters(exc) and self._print_missing_anyway(str(exc))):
                sign.show_result(str(exc), "error")
                return False
            try:
                self.renderer(session.form, session.draft, path, allow_missing=True)  # type: ignore[call-arg]
            except GovreportError as again:
                sign.show_result(str(again), "error")
                return False
        except Exception as exc:  # the renderer is another layer: never show a traceback
            sign.show_result(f"生成 PDF 时出错：{exc}", "error")
            return False
        return True

    def _print_missing_anyway(self, message: str) -> bool:
        return dialogs.confirm(
            self,
            "字体缺字",
            f"{message}\n\n仍然生成 PDF 吗？缺的字会印成“〓”，打印后请手写补上；"
            "也可以在“文件 → 打印字体”中换一种字体。",
            yes="仍然生成",
        )

    def choose_print_font(self) -> None:
        """Let the clerk pick the body font file; check it can print before keeping it."""
        current = self.settings.print_font
        path = dialogs.choose_open_file(
            self,
            "选择打印用的中文字体（留空取消则使用本机自动找到的字体）",
            str(Path(current).parent) if current else "",
            "TrueType 字体 (*.ttf *.ttc *.TTF *.TTC);;所有文件 (*)",
        )
        if not path:
            if current and dialogs.confirm(
                self,
                "打印字体",
                f"现在使用的是：{current}\n改回自动查找本机字体吗？",
                yes="改回自动",
            ):
                self.settings.print_font = ""
            return
        try:
            described = describe_fonts(Path(path))
        except GovreportError as exc:
            dialogs.tell(self, "不能使用这个字体", str(exc), error=True)
            return
        self.settings.print_font = path
        dialogs.tell(self, "打印字体", f"以后生成的 PDF 使用：\n{described}")

    def save_pdf(self) -> Path | None:
        if self.session is None:
            return None
        sign = self.page("sign")
        assert isinstance(sign, SignPage)
        suggested = str(Path(self._documents_folder()) / sign.default_file_name())
        chosen = dialogs.choose_save_file(self, "保存PDF", suggested, dialogs.PDF_FILES)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if not self._render(path):
            return None
        self.settings.last_folder = str(path.parent)
        draft_note = (
            "（带“草稿”字样：还有未处理的错误）" if self.session.unexplained_errors() else ""
        )
        sign.show_result(f"PDF 已保存：{path}{draft_note}", "ok")
        return path

    def print_report(self) -> Path | None:
        if self.session is None:
            return None
        sign = self.page("sign")
        assert isinstance(sign, SignPage)
        try:
            path = printing.print_folder() / sign.default_file_name()
        except OSError as exc:
            sign.show_result(f"无法准备打印文件：{exc}", "error")
            return None
        if not self._render(path):
            return None
        if printing.open_with_system_viewer(path):
            sign.show_result(f"已用 PDF 阅读器打开报告，请在阅读器中选择“打印”。文件：{path}", "ok")
        else:
            sign.show_result(
                f"没有找到可以打开 PDF 的程序。PDF 已保存在：{path}，请用 PDF 阅读器打开后打印。",
                "warning",
            )
        return path

    # -- window ------------------------------------------------------------------------

    def set_care_mode(self, on: bool) -> None:
        self.settings.care_mode = on
        looks.apply_text_scale(on)
        QApplication.processEvents()  # let the new font reach every widget first
        self._size_step_list()
        self.refresh_step_states()

    def _about(self) -> None:
        dialogs.tell(
            self,
            "关于",
            f"{APP_TITLE}\n\n填写、检查、保存和打印政府信息公开工作年度报告。"
            "所有数据只保存在本机，不需要联网。",
        )

    def save_before_quit(self) -> None:
        """The application is quitting without closing this window (logout, shutdown)."""
        if self.session is not None:
            self.session.flush()
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None and not self.session.flush():
            choice = dialogs.ask_unsaved(
                self,
                f"报告未能保存到数据文件夹：{self.session.last_error}\n"
                "可以先把报告另存为草稿文件，以后再从开始页导入。",
            )
            if choice == "cancel" or (choice == "export" and not self.export_draft_file()):
                event.ignore()
                return
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        event.accept()


def _blank_icon(size: int = ICON_SIZE) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
