"""开始: open a saved report, or start a new one (unit, year, format, last year's figures)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.draft import Draft, new_draft, read_draft_file
from ..core.errors import GovreportError
from ..core.library import FormLibrary
from ..core.model import Form
from ..core.previous import attach_previous
from ..storage.base import Conflict, DraftInfo, DraftStore, ImportConflictError, ImportResult
from . import dialogs, looks
from .settings import AppSettings
from .widgets import InlineMessage, Page, guidance_label, title_label

FIRST_YEAR = 2008


def _wide_combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.setMinimumContentsLength(20)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class _EnterStarts(QObject):
    """Enter in any field of the 新建报告 form starts the new report (as in a dialog)."""

    def __init__(self, start: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self.start = start

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False  # Enter picks from the open list first
        self.start()
        return True


def form_short_name(form: Form) -> str:
    """How a format is named in lists: by the report years it serves."""
    return f"{form.year_span()}格式"


class DraftListModel(QAbstractTableModel):
    HEADERS = ("填报单位", "年度", "格式", "状态", "最后保存")

    def __init__(self, library: FormLibrary, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.rows: list[DraftInfo] = []

    def set_rows(self, rows: list[DraftInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        info = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return info.unit
        if column == 1:
            return f"{info.year}年度"
        if column == 2:
            form = self.library.forms.get(info.form_id)
            return form_short_name(form) if form else info.form_id
        if column == 3:
            return info.status.label
        return info.saved_at.strftime("%Y-%m-%d %H:%M")


class StartPage(Page):
    openRequested = Signal(str)  # id of a stored draft to open
    aggregateRequested = Signal()  # the 汇总 page

    def __init__(
        self, store: DraftStore, library: FormLibrary, settings: AppSettings, parent=None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.library = library
        self.settings = settings
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(title_label("开始：打开或新建年度报告", self))
        self.saved_box = self._build_saved_box()
        self.new_box = self._build_new_box()
        self._layout.addWidget(self.saved_box, 3)
        self._layout.addWidget(self.new_box, 2)
        self._previous_files: list[Draft] = []
        self.year.valueChanged.connect(self._year_changed)
        self._year_changed(self.year.value())
        self.refresh()

    def _build_saved_box(self) -> QGroupBox:
        saved = QGroupBox("打开已保存的报告", self)
        saved_layout = QVBoxLayout(saved)
        self.model = DraftListModel(self.library, self)
        self.table = self._build_saved_table(saved)
        saved_layout.addWidget(self.table)
        row = QHBoxLayout()
        self.open_button = QPushButton("打开所选报告(&O)", saved)
        self.open_button.clicked.connect(self.open_selected)
        self.import_button = QPushButton("从草稿文件导入(&I)…", saved)
        self.import_button.setToolTip("导入其他电脑或单位发来的草稿文件（.json）")
        self.import_button.clicked.connect(self.import_file)
        self.aggregate_button = QPushButton("汇总各单位报告(&G)…", saved)
        self.aggregate_button.setToolTip("把各单位报来的草稿文件逐项相加，生成汇总报告")
        self.aggregate_button.clicked.connect(self.aggregateRequested)
        self.delete_button = QPushButton("删除所选报告…", saved)
        self.delete_button.clicked.connect(self.delete_selected)
        row.addWidget(self.open_button)
        row.addWidget(self.import_button)
        row.addWidget(self.aggregate_button)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        saved_layout.addLayout(row)
        return saved

    def _build_saved_table(self, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setModel(self.model)
        table.setAccessibleName("已保存的报告")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(DraftListModel.HEADERS)):
            table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        table.activated.connect(lambda _index: self.open_selected())
        return table

    def _build_new_box(self) -> QGroupBox:
        new = QGroupBox("新建报告", self)
        form = QFormLayout(new)
        self.unit = QLineEdit(new)
        self.unit.setAccessibleName("填报单位")
        self.unit.setPlaceholderText("例如：某某县人民政府办公室")
        self.unit.setMaxLength(200)
        self.year = QSpinBox(new)
        self.year.setRange(FIRST_YEAR, QDate.currentDate().year() + 1)
        self.year.setValue(QDate.currentDate().year() - 1)  # reports are written in January
        self.year.setSuffix(" 年度")
        self.year.setAccessibleName("报告年度")
        self.form_choice = _wide_combo(new, "报告格式")
        for item in self.library.ordered():
            self.form_choice.addItem(f"{form_short_name(item)}：{item.title}", item.id)
        self.previous = _wide_combo(new, "上年数")
        self.previous_file = QPushButton("从文件选择(&E)…", new)
        self.previous_file.clicked.connect(self.choose_previous_file)
        previous_row = QHBoxLayout()
        previous_row.addWidget(self.previous, 1)
        previous_row.addWidget(self.previous_file)
        self.create_button = QPushButton("新建报告(&C)", new)
        self.create_button.clicked.connect(self.create_draft)
        self.message = InlineMessage(new)
        form.addRow(self._buddy("填报单位(&U)：", self.unit), self.unit)
        form.addRow(self._buddy("报告年度(&Y)：", self.year), self.year)
        form.addRow(self._buddy("报告格式(&M)：", self.form_choice), self.form_choice)
        form.addRow(self._buddy("上年数（可选）(&L)：", self.previous), previous_row)
        form.addRow(
            "",
            guidance_label(
                "导入上年报告后，可核对“上年结转”等数字，并在填写各部分时查看上年内容。", new
            ),
        )
        form.addRow("", self.create_button)
        form.addRow("", self.message)
        enter = _EnterStarts(self.create_draft, new)
        for field in (self.unit, self.year, self.form_choice, self.previous):
            field.installEventFilter(enter)
        return new

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # -- the saved list ----------------------------------------------------------------

    def focus_first(self) -> None:
        """The saved reports when there are some, otherwise the new report's first field."""
        target = self.table if self.model.rows else self.unit
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def refresh(self) -> None:
        try:
            rows = self.store.list()
        except GovreportError as exc:
            self.message.show_message(str(exc))
            rows = []
        self.model.set_rows(rows)
        has_rows = bool(rows)
        self.open_button.setEnabled(has_rows)
        self.delete_button.setEnabled(has_rows)
        if has_rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._new_first(not has_rows)
        self._fill_previous_choices()

    def _new_first(self, first: bool) -> None:
        """With no saved report, 新建报告 comes first and its button is the obvious one."""
        self._layout.removeWidget(self.new_box)
        self._layout.insertWidget(1 if first else 2, self.new_box, 2)
        self.create_button.setDefault(first)
        looks.scale_font(self.create_button, 1.0, bold=first)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[index.row()].id

    def open_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is not None:
            self.openRequested.emit(draft_id)

    def delete_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        info = self.model.rows[index.row()]
        if not dialogs.confirm(
            self,
            "删除报告",
            f"确实要删除“{info.unit} {info.year}年度”的报告吗？删除后无法在本程序中找回。",
            yes="删除",
        ):
            return
        try:
            self.store.delete(info.id)
        except GovreportError as exc:
            self.message.show_message(str(exc))
        self.refresh()

    def import_file(self) -> None:
        path = dialogs.choose_open_file(
            self, "导入草稿文件", self.settings.last_folder, dialogs.DRAFT_FILES
        )
        if not path:
            return
        self.settings.last_folder = str(Path(path).parent)
        try:
            result = self._import(read_draft_file(Path(path), self.library))
        except GovreportError as exc:
            self.message.show_message(str(exc))
            return
        if result is None:
            return
        self.refresh()
        self.openRequested.emit(result.info.id)

    def _import(self, draft: Draft) -> ImportResult | None:
        """Like ``govreport import``, but a draft of the same unit, year and form asks first."""
        try:
            return self.store.import_draft(draft, Conflict.ASK)
        except ImportConflictError as conflict:
            choice = dialogs.ask_import_conflict(self, conflict.message)
            if choice is None:
                return None
            return self.store.import_draft(conflict.draft, choice)

    # -- a new draft -------------------------------------------------------------------

    def _year_changed(self, year: int) -> None:
        try:
            form = self.library.for_year(year)
        except GovreportError as exc:
            self.message.show_message(str(exc))
        else:
            self.form_choice.setCurrentIndex(self.form_choice.findData(form.id))
            self.message.clear()
        self._fill_previous_choices()

    def _fill_previous_choices(self) -> None:
        last_year = self.year.value() - 1
        self.previous.clear()
        self.previous.addItem("不导入上年数", "")
        try:
            infos = [i for i in self.store.list() if i.year == last_year]
        except GovreportError:
            infos = []
        unit = self.unit.text().strip()
        infos.sort(key=lambda i: i.unit != unit)
        for info in infos:
            self.previous.addItem(
                f"{info.unit} {info.year}年度（已保存的报告）", ("store", info.id)
            )
        for draft in self._previous_files:
            if draft.year == last_year:
                self.previous.addItem(f"{draft.unit} {draft.year}年度（文件）", ("file", draft))

    def choose_previous_file(self) -> None:
        path = dialogs.choose_open_file(
            self, "选择上年报告的草稿文件", self.settings.last_folder, dialogs.DRAFT_FILES
        )
        if not path:
            return
        self.settings.last_folder = str(Path(path).parent)
        try:
            draft = read_draft_file(Path(path), self.library)
        except GovreportError as exc:
            self.message.show_message(str(exc))
            return
        if draft.year != self.year.value() - 1:
            self.message.show_message(
                f"所选文件是 {draft.year} 年度的报告，上年数应来自 {self.year.value() - 1} 年度的报告。"
            )
            return
        self._previous_files.append(draft)
        self._fill_previous_choices()
        self.previous.setCurrentIndex(self.previous.count() - 1)
        self.message.clear()

    def _previous_draft(self) -> Draft | None:
        choice = self.previous.currentData()
        if not choice:
            return None
        kind, item = choice
        return self.store.load(item) if kind == "store" else item

    def create_draft(self) -> str | None:
        """Create the draft from the fields; its id, or None with a message on the page."""
        form_id = self.form_choice.currentData()
        try:
            form = self.library.get(form_id)
            draft = new_draft(form, self.year.value(), self.unit.text())
            last_year = self._previous_draft()
            if last_year is not None:
                attach_previous(draft, last_year)
            draft_id = self.store.create(draft)
        except GovreportError as exc:
            self.message.show_message(str(exc))
            self.unit.setFocus()
            return None
        self.message.clear()
        self.unit.clear()
        self.refresh()
        self.openRequested.emit(draft_id)
        return draft_id
