"""The main window: a step list on the left, the current step, and the save state below.

Steps are built from the open draft's form: 开始, one step per narrative section and per
table in the form's order, 审核, 签署与打印. Any step can be reached from the list (the
review page jumps straight to a cell), and 上一步/下一步 walk through them in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import GovreportError
from ..core.library import FormLibrary
from ..core.rules import Severity
from ..core.samples import demo_draft
from ..storage.base import DraftStore, Status
from . import dialogs, looks
from .edit_actions import EditActions
from .export_actions import ExportActions
from .help_actions import APP_SHORT_TITLE, APP_TITLE, HelpActions
from .import_actions import ImportActions
from .lock_banner import LockBanner
from .page_frame import PageFrame
from .printing import PdfRenderer, Renderer
from .report_actions import ReportActions
from .save_status import SaveStatus
from .selection_sum import SelectionSum
from .session import DraftSession
from .settings import AppSettings
from .sign_page import SignPage
from .start_page import StartPage
from .step_list import StepList
from .steps import Step, StepKind, build_steps
from .widgets import InlineMessage, Page

if TYPE_CHECKING:
    from ..core.aggregate import AggregateResult
    from .aggregate_page import AggregatePage
    from .review_page import ReviewPage

STEP_CHARS, STEP_CHARS_CARE = 11, 9  # the step list's width in characters


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: DraftStore,
        library: FormLibrary,
        settings: AppSettings,
        *,
        renderer: Renderer | None = None,
        notices: tuple[str, ...] = (),
        keeps_drafts: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``keeps_drafts`` is False for the demo's throw-away store (nothing is saved)."""
        super().__init__(parent)
        self.store = store
        self.library = library
        self.settings = settings
        self.report_actions = ReportActions(
            self, settings, renderer if renderer is not None else PdfRenderer(settings)
        )
        self.export_actions = ExportActions(self, settings)
        self.edit_actions = EditActions(self, lambda: self.current_step().widget)
        self.import_actions = ImportActions(self, settings, self._reopen)
        self.help_actions = HelpActions(self)
        self.session: DraftSession | None = None
        self.keeps_drafts = keeps_drafts
        self.steps: list[Step] = []
        self.setWindowTitle(APP_TITLE)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 4, 6, 4)
        self.notice = InlineMessage(central)
        outer.addWidget(self.notice)
        self._notices = notices
        self._show_notices()
        self.lock_banner = LockBanner(central)
        self.lock_banner.told.connect(lambda text: self.statusBar().showMessage(text, 10000))
        outer.addWidget(self.lock_banner)

        body = QHBoxLayout()
        self.step_list = StepList(central)
        self.step_list.currentRowChanged.connect(self._step_chosen)
        self.stack = QStackedWidget(central)
        body.addWidget(self.step_list)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        outer.addLayout(self._build_bottom_bar(central))
        self.setCentralWidget(central)
        self._build_menus()

        # The start page (it lists every format and draft) is built when first shown or
        # asked for, the 汇总 page and its code too: --demo opens on a table (issue 17).
        self._start_page: StartPage | None = None
        self._start_frame: QScrollArea | None = None
        self._aggregate_step = Step(StepKind.AGGREGATE, "汇总各单位报告", self._new_aggregate)
        self._set_steps([Step(StepKind.START, "开始", lambda: self.start_page)], show=False)
        self._fit_step_list()
        self._restore_geometry()
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=self.next_step)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=self.previous_step)

    # -- building ----------------------------------------------------------------------

    @property
    def start_page(self) -> StartPage:
        if self._start_page is None:
            page = StartPage(self.store, self.library, self.settings, self)
            page.openRequested.connect(self.open_draft)
            page.aggregateRequested.connect(self.show_aggregate)
            self._start_page = page
            self._start_frame = PageFrame(page)
            self.stack.addWidget(self._start_frame)
        return self._start_page

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stack.currentWidget() is None:  # no report was opened before: 开始
            self.go_to_step(0)

    def _new_aggregate(self) -> Page:
        from .aggregate_page import AggregatePage

        page = AggregatePage(self.store, self.library, self.settings, self)
        page.totalCreated.connect(self.open_total)
        return page

    @property
    def aggregate_page(self) -> AggregatePage:
        return cast("AggregatePage", self._aggregate_step.widget)

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
        self.save_status = SaveStatus(parent, keeps_drafts=self.keeps_drafts)
        self.selection_sum = SelectionSum(parent)
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
        bar.addWidget(self.save_status, 1)
        bar.addWidget(self.selection_sum)
        bar.addWidget(self.back_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.finish_button)
        return bar

    def _build_menus(self) -> None:
        """The menu bar. Report outputs live in report_actions.py, changes to cells and
        texts (undo, fills) in edit_actions.py, help in help_actions.py."""
        self.file_menu = self.menuBar().addMenu("文件(&F)")
        start = self.file_menu.addAction("开始页：打开或新建报告(&S)")
        start.triggered.connect(lambda: self.go_to_step(0))
        self.report_actions.add_to_menu(self.file_menu)
        self.import_actions.add_to_menu(self.file_menu)
        self.export_menu = self.export_actions.add_to_menu(self.file_menu)
        aggregate = self.file_menu.addAction("汇总各单位报告(&G)…")
        aggregate.triggered.connect(self.show_aggregate)
        self.file_menu.addSeparator()
        leave = self.file_menu.addAction("退出(&Q)")
        leave.setShortcut(QKeySequence.StandardKey.Quit)
        leave.triggered.connect(self.close)
        self.edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.edit_actions.add_to_menu(self.edit_menu)
        self.view_menu = self.menuBar().addMenu("视图(&V)")
        self.view_menu.addAction(self.care_action)
        self.help_menu = self.menuBar().addMenu("帮助(&H)")
        self.help_actions.add_to_menu(self.help_menu)

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            # Office laptops are often 1366×768: never open taller or wider than the screen.
            available = self.screen().availableGeometry()
            self.resize(min(1280, available.width()), min(800, available.height() - 40))

    # -- steps -------------------------------------------------------------------------

    def _set_steps(self, steps: list[Step], *, show: bool = True) -> None:
        """The steps of the report just opened; ``show`` their first (开始)."""
        for step in self.steps:
            if step.kind is not StepKind.START and step.frame is not None:
                self.stack.removeWidget(step.frame)
                step.frame.deleteLater()
        self.steps = steps
        self.step_list.show_steps(steps)
        self.refresh_step_states()
        if show:
            self.go_to_step(0)

    def _frame_of(self, step: Step) -> QWidget:
        """The step's scrollable frame in the stack, built with its page when first shown."""
        page = step.widget  # first: building it may already have made the frame
        if step.frame is None:
            step.frame = self._start_frame if step.kind is StepKind.START else PageFrame(page)
        assert step.frame is not None
        if self.stack.indexOf(step.frame) < 0:
            self.stack.addWidget(step.frame)
        return step.frame

    def _build_steps(self, session: DraftSession) -> list[Step]:
        steps = build_steps(session, lambda: self.start_page)
        for step in steps:
            step.on_built = self._page_built
        return steps

    def _page_built(self, step: Step) -> None:
        self._frame_of(step)  # in the window at once, even before it is first shown
        if step.kind is StepKind.REVIEW:  # a ReviewPage (its module loads with the page)
            cast("ReviewPage", step.widget).jumpRequested.connect(self.go_to_cell)
        elif isinstance(step.widget, SignPage):
            step.widget.statusRequested.connect(self.set_status)
            step.widget.jumpRequested.connect(self.go_to_cell)
        elif step.kind is StepKind.TABLE:  # a TablePage: the selection's sum below
            step.widget.selectionChanged.connect(  # type: ignore[attr-defined]
                lambda cells: self.selection_sum.show_for(self.session, cells)
            )

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
        self.stack.setCurrentWidget(self._frame_of(self.steps[index]))
        self.selection_sum.hide()
        self.save_status.setVisible(index > 0)  # the start page has no report to save
        self.step_list.select(index)
        last = len(self.steps) - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < last and self.session is not None)
        self.finish_button.setVisible(index == last and self.session is not None)
        if index == 0:
            self.start_page.refresh()
        if focus:
            self.steps[index].widget.focus_first()

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
        self.stack.setCurrentWidget(self._frame_of(self._aggregate_step))
        self.step_list.select(-1)
        self.back_button.setEnabled(True)
        self.next_button.setEnabled(False)
        self.finish_button.setVisible(False)
        self.save_status.hide()
        self.selection_sum.hide()
        self.aggregate_page.focus_first()

    def go_to_cell(self, cell_id: str) -> bool:
        for index, step in enumerate(self.steps):
            if step.kind is StepKind.TABLE and cell_id in step.cells:
                self.go_to_step(index)
                page = step.widget
                from .table_page import TablePage  # loaded by now: the page was just built

                return isinstance(page, TablePage) and page.go_to_cell(cell_id)
        return False

    def show_place(self, place: str) -> None:
        """Show a cell (by id) or a narrative section (by id): where an undo changed."""
        if self.go_to_cell(place):
            return
        index = next(
            (
                i
                for i, s in enumerate(self.steps)
                if s.kind is StepKind.TEXT and s.section is not None and s.section.id == place
            ),
            -1,
        )
        if index >= 0 and index != self.current_index():
            self.go_to_step(index)

    def refresh_step_states(self) -> None:
        self.step_list.show_states(self.steps, self.session)

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

    def _reopen(self) -> None:
        """Rebuild the open report's pages in place (上年数 were just attached)."""
        if self.session is None:
            return
        index = self.current_index()
        if self.open_draft(self.session.draft_id):
            self.go_to_step(index, focus=True)

    def open_session(self, session: DraftSession, step_kind: str | None = None) -> None:
        old = self.session
        self.session = session
        self._set_steps(self._build_steps(session), show=False)  # shows its target below
        if old is not None:
            old.deleteLater()
        session.findingsChanged.connect(self.refresh_step_states)
        session.draftChanged.connect(self.refresh_step_states)
        session.saved.connect(self.save_status.show_saved)
        session.saveFailed.connect(self._save_failed)
        session.storeNotice.connect(lambda text: self.statusBar().showMessage(text, 30000))
        session.statusChanged.connect(self._status_changed)
        session.draftChanged.connect(self._show_title)
        sign = self.page(StepKind.SIGN)
        self.report_actions.attach(session, sign if isinstance(sign, SignPage) else None)
        self.export_actions.attach(session, sign if isinstance(sign, SignPage) else None)
        self.edit_actions.attach(session)
        self.import_actions.attach(session)
        self.lock_banner.attach(session)
        session.undoneAt.connect(self.show_place)
        self._show_title()
        self._show_notices()
        self._status_changed(session.status)
        self.save_status.show_opened()
        target = self.step_index(step_kind) if step_kind else 1
        self.go_to_step(target, focus=True)

    def open_total(self, draft_id: str, result: AggregateResult) -> bool:
        """The total the 汇总 page stored: open it on its first table (its 汇总说明 are
        saved in it, so they show whenever it is opened again)."""
        from .aggregate_page import created_notice

        if not self.open_draft(draft_id, "table") or self.session is None:
            return False
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
            # the report's title already says 政府信息公开工作年度报告: not twice
            self.setWindowTitle(f"{session.draft.title(session.form)} — {APP_SHORT_TITLE}")

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

    def _save_failed(self, message: str) -> None:
        self.save_status.show_failed(message)
        self.statusBar().showMessage(f"未能保存：{message}", 10000)

    # -- window ------------------------------------------------------------------------

    def set_care_mode(self, on: bool) -> None:
        self.settings.care_mode = on
        looks.apply_text_scale(on)
        QApplication.processEvents()  # let the new font reach every widget first
        self._fit_step_list()
        self.refresh_step_states()

    def _fit_step_list(self) -> None:
        self.step_list.fit(STEP_CHARS_CARE if self.settings.care_mode else STEP_CHARS)

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
            if choice == "cancel" or (
                choice == "export" and not self.report_actions.export_draft_file()
            ):
                event.ignore()
                return
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        event.accept()
