"""汇总: add up the report files the units sent, see every file's status, make the total.

The clerk picks a folder (its ``.json`` files) or some files; the core reads, checks and
sums them (:mod:`..core.aggregate`) and says of every file whether it was summed and why
not. The page only shows that: the total becomes a new draft in the store that opens in
the wizard like any other, and what the sums leave to the clerk (cells that are not
additive, cells some units left blank) is shown on its table pages as 汇总说明.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.aggregate import (
    DEFAULT_UNIT,
    AggregateError,
    AggregateResult,
    UnitRow,
    UnitStatus,
    aggregate_files,
    expand_paths,
)
from ..core.checks import section_of
from ..core.errors import GovreportError, os_reason
from ..core.library import FormLibrary
from ..core.rules import Finding
from ..storage.base import DraftStore
from . import dialogs, looks
from .aggregate_export import export_units_workbook
from .settings import AppSettings
from .widgets import InlineMessage, Page, WrapLabel, guidance_label, title_label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
UNIT, FILE, YEAR, ERRORS, WARNINGS, STATUS = range(6)
UNREADABLE_NAME = "（无法读取）"


def status_icon(row: UnitRow) -> str:
    """ok: summed; error: the file could not be read; warning: read but left out."""
    if row.included:
        return "ok"
    return "error" if row.status is UnitStatus.UNREADABLE else "warning"


class UnitListModel(QAbstractTableModel):
    """The files of one 汇总, one row each, as the core describes them."""

    HEADERS = ("单位", "文件", "年度", "错误", "提示", "汇总情况")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[UnitRow] = []

    def set_rows(self, rows: list[UnitRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, index.row(), column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return looks.icon(status_icon(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.file}\n{row.reason}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ERRORS, WARNINGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == ERRORS and row.errors:
            return looks.ERROR_TEXT
        return None

    @staticmethod
    def _text(row: UnitRow, column: int) -> str:
        if column == UNIT:
            return row.unit or UNREADABLE_NAME
        if column == FILE:
            return row.file.name
        if column == YEAR:
            return "" if row.year is None else str(row.year)
        if column == ERRORS:
            return "" if row.errors is None else str(row.errors)
        if column == WARNINGS:
            return "" if row.warnings is None else str(row.warnings)
        return row.reason

    @staticmethod
    def _sort_key(row: UnitRow, at: int, column: int) -> object:
        if column == UNIT:
            return row.unit
        if column == FILE:
            return row.file.name
        if column == YEAR:
            return row.year or 0
        if column == ERRORS:
            return -1 if row.errors is None else row.errors
        if column == WARNINGS:
            return -1 if row.warnings is None else row.warnings
        return (1_000_000 if row.included else 0) + at  # left out first, then file order


class UnitFindingsDialog(QDialog):
    """One unit's own check results, by section, in the form's words (not modal)."""

    def __init__(self, row: UnitRow, library: FormLibrary, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        name = row.unit or row.file.name
        self.setWindowTitle(f"{name}的检查结果")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        form = library.forms.get(row.form_id) if row.form_id else None
        facts = [f"文件：{row.file}"]
        if row.year is not None and form is not None:
            facts.append(f"{row.year}年度，{form.year_span()}格式")
        facts.append(f"汇总情况：{row.reason}")
        self.facts = WrapLabel("\n".join(facts), self)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName(f"{name}的检查结果")
        layout.addWidget(self.list, 1)
        self._fill(row, form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def _fill(self, row: UnitRow, form) -> None:
        if row.errors is None:
            self._note("该文件无法读取，没有检查结果。")
            return
        if not row.findings:
            self._note("没有发现错误或提示。")
            return
        self._note(f"共 {row.errors} 个错误，{row.warnings} 个提示：")
        groups: dict[str, list[Finding]] = {}
        for finding in row.findings:
            section = section_of(form, finding) if form is not None else None
            groups.setdefault(section.title if section else "其他", []).append(finding)
        for title, findings in groups.items():
            heading = self._note(title)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            for finding in findings:
                item = QListWidgetItem(
                    looks.severity_icon(finding.severity),
                    f"{finding.severity.label}：{finding.message}",
                )
                self.list.addItem(item)

    def _note(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.list.addItem(item)
        return item

    def messages(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class AggregatePage(Page):
    totalCreated = Signal(str, object)  # id of the new draft, AggregateResult

    def __init__(
        self, store: DraftStore, library: FormLibrary, settings: AppSettings, parent=None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.library = library
        self.settings = settings
        self.paths: list[Path] = []
        self.result: AggregateResult | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("汇总各单位报告", self))
        layout.addWidget(
            guidance_label(
                "把各单位报来的报告草稿文件（.json）逐项相加，生成一份新的汇总报告，"
                "然后像其他报告一样继续填写、审核和打印。可以选择存放这些文件的文件夹，"
                "也可以选择若干文件。同一单位有几份文件的，只汇总修改时间最新的一份；"
                "其他年度、其他格式和无法读取的文件不汇总，都在下表中写明原因。",
                self,
            )
        )

        pick = QHBoxLayout()
        self.folder_button = QPushButton("选择文件夹(&D)…", self)
        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button = QPushButton("选择文件(&F)…", self)
        self.files_button.clicked.connect(self.choose_files)
        self.reread_button = QPushButton("重新读取(&R)", self)
        self.reread_button.setToolTip("各单位改过文件后，重新读取并汇总")
        self.reread_button.clicked.connect(self.run)
        self.reread_button.setEnabled(False)
        self.chosen = QLabel("尚未选择文件", self)
        self.chosen.setWordWrap(True)
        pick.addWidget(self.folder_button)
        pick.addWidget(self.files_button)
        pick.addWidget(self.reread_button)
        pick.addWidget(self.chosen, 1)
        layout.addLayout(pick)

        fields = QFormLayout()
        self.unit = QLineEdit(self)
        self.unit.setAccessibleName("汇总报告的填报单位")
        self.unit.setPlaceholderText("例如：某某县（汇总）")
        self.unit.setMaxLength(200)
        self.unit.editingFinished.connect(self._unit_finished)
        self.year = QComboBox(self)
        self.year.setAccessibleName("汇总年度")
        self.year.addItem("文件最多的年度", None)
        self.year.activated.connect(lambda _i: self.run())
        unit_label = QLabel("汇总报告的填报单位(&U)：", self)
        unit_label.setBuddy(self.unit)
        year_label = QLabel("汇总年度(&Y)：", self)
        year_label.setBuddy(self.year)
        fields.addRow(unit_label, self.unit)
        fields.addRow(year_label, self.year)
        layout.addLayout(fields)

        self.summary = InlineMessage(self)
        layout.addWidget(self.summary)
        self.model = UnitListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("各单位的报告")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One line per file (a county may send thousands): the selected file's whole
        # reason is written out under the table, and in the tooltip.
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)  # widths from a sample of the rows
        for column in (YEAR, ERRORS, WARNINGS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (UNIT, FILE):  # as wide as their names, up to a limit (they wrap)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(lambda _index: self.show_selected_findings())
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        layout.addWidget(self.table, 1)
        self.selected_line = WrapLabel("", self)
        self.selected_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.selected_line)

        actions = QHBoxLayout()
        self.findings_button = QPushButton("查看所选单位的检查结果(&V)…", self)
        self.findings_button.clicked.connect(self.show_selected_findings)
        self.findings_button.setEnabled(False)
        self.create_button = QPushButton("生成汇总报告(&G)", self)
        self.create_button.setToolTip("把已汇总的各单位数字相加，作为一份新报告保存并打开")
        self.create_button.clicked.connect(self.create_total)
        self.create_button.setEnabled(False)
        self.excel_button = QPushButton("导出 Excel(&X)…", self)
        self.excel_button.setToolTip("每个单位一行、合计一行，另列未汇总的文件及原因，供上级汇总")
        self.excel_button.clicked.connect(self.export_excel)
        self.excel_button.setEnabled(False)
        actions.addWidget(self.findings_button)
        actions.addStretch(1)
        actions.addWidget(self.excel_button)
        actions.addWidget(self.create_button)
        layout.addLayout(actions)
        self.message = InlineMessage(self)
        layout.addWidget(self.message)

    # -- choosing files ----------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = dialogs.choose_folder(self, "选择存放各单位报告文件的文件夹", self._start())
        if folder:
            self.settings.last_folder = folder
            self.set_paths([Path(folder)])

    def choose_files(self) -> None:
        files = dialogs.choose_open_files(
            self, "选择各单位的报告文件", self._start(), dialogs.DRAFT_FILES
        )
        if files:
            self.settings.last_folder = str(Path(files[0]).parent)
            self.set_paths([Path(f) for f in files])

    def _start(self) -> str:
        return self.settings.last_folder

    def set_paths(self, paths: list[Path]) -> None:
        """Read and sum these files or folders (the year choice starts again)."""
        self.paths = list(paths)
        self.year.setCurrentIndex(0)
        if len(paths) == 1 and paths[0].is_dir():
            self.chosen.setText(f"文件夹：{paths[0]}")
        else:
            self.chosen.setText(f"已选择 {len(paths)} 个文件")
        self.reread_button.setEnabled(bool(paths))
        self.run()

    # -- the 汇总 ----------------------------------------------------------------------

    def unit_name(self) -> str:
        return self.unit.text().strip() or DEFAULT_UNIT

    def run(self) -> AggregateResult | None:
        """Read, check and sum the chosen files again; every file gets a row, whatever happens."""
        if not self.paths:
            return None
        self.message.clear()
        try:
            found = expand_paths(self.paths)
        except OSError as exc:  # a folder that cannot be listed
            found = []
            problem = f"无法读取“{exc.filename}”：{os_reason(exc)}"
        else:
            problem = "所选文件夹中没有报告草稿文件（.json）"
        if not found:
            self._show(None, [])
            self.summary.show_message(problem, "error")
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = aggregate_files(
                self.paths, self.library, unit=self.unit_name(), year=self.year.currentData()
            )
        except AggregateError as exc:
            self._show(None, exc.units)
            self.summary.show_message(exc.message, "error")
            return None
        except (GovreportError, OSError) as exc:  # e.g. the folder went away meanwhile
            self._show(None, [])
            self.summary.show_message(f"无法汇总：{exc}", "error")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._show(result, result.units)
        self.summary.show_message(*self._summary_text(result))
        return result

    def _show(self, result: AggregateResult | None, rows: list[UnitRow]) -> None:
        self.result = result
        self.model.set_rows(rows)
        self._fill_years(rows)
        self.findings_button.setEnabled(bool(rows))
        self.create_button.setEnabled(result is not None and bool(result.included))
        self.excel_button.setEnabled(result is not None and bool(result.included))
        self._size_name_columns()
        if rows:
            self.table.selectRow(0)

    def _size_name_columns(self) -> None:
        """Unit and file names as wide as they are, but leaving room for the reasons."""
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
        widest = metrics.horizontalAdvance("字" * 11) + 16
        for column in (UNIT, FILE):
            self.table.resizeColumnToContents(column)
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)

    def _show_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.selected_line.clear()
            return
        row = self.model.rows[self.proxy.mapToSource(current).row()]
        self.selected_line.setText(
            f"所选：{row.unit or UNREADABLE_NAME}（{row.file}）：{row.reason}"
        )

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:  # 关怀模式
            self._size_name_columns()

    def _fill_years(self, rows: list[UnitRow]) -> None:
        chosen = self.year.currentData()
        years = sorted({row.year for row in rows if row.year is not None}, reverse=True)
        self.year.clear()
        self.year.addItem("文件最多的年度", None)
        for year in years:
            self.year.addItem(f"{year}年度", year)
        at = self.year.findData(chosen)
        self.year.setCurrentIndex(at if at >= 0 else 0)

    @staticmethod
    def _summary_text(result: AggregateResult) -> tuple[str, str]:
        left_out = len(result.left_out)
        summary = result.summary
        text = (
            f"{result.draft.year}年度（{result.form.year_span()}格式）：共 {len(result.units)} "
            f"个文件，汇总 {len(result.included)} 个单位"
        )
        if left_out:
            text += f"，{left_out} 个文件未汇总（原因见下表“汇总情况”）"
        text += f"。汇总结果：错误 {summary.errors} 项，提示 {summary.warnings} 项"
        left = _left_for_clerk(result)
        if left:
            text += f"；{left}"
        if not result.included:
            return text + "。没有可以汇总的单位。", "error"
        return text + "。", "warning" if left_out else "info"

    def _unit_finished(self) -> None:
        """A new name for the total may turn an earlier total among the files into a unit."""
        if self.result is not None and self.result.draft.unit != self.unit_name():
            self.run()

    def create_total(self) -> str | None:
        """Store the total as a new draft and hand it to the window; its id, or None."""
        if not self.unit.text().strip():
            self.message.show_message(
                "请填写汇总报告的填报单位，例如“某某县（汇总）”；报告标题和落款都用这个名称。"
            )
            self.unit.setFocus()
            return None
        if self.result is None or self.result.draft.unit != self.unit_name():
            self.run()
        result = self.result
        if result is None or not result.included:
            self.message.show_message("没有可以汇总的单位，未生成汇总报告。")
            return None
        try:
            draft_id = self.store.create(result.draft)
        except GovreportError as exc:
            self.message.show_message(str(exc))
            return None
        self.message.clear()
        self.totalCreated.emit(draft_id, result)
        return draft_id

    # -- one unit ----------------------------------------------------------------------

    def export_excel(self) -> Path | None:
        if self.result is None:
            return None
        return export_units_workbook(self, self.result, self.library, self._start())

    def selected_row(self) -> UnitRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(index).row()]

    def show_selected_findings(self) -> UnitFindingsDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        dialog = UnitFindingsDialog(row, self.library, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def focus_first(self) -> None:
        target = self.table if self.model.rows else self.folder_button
        target.setFocus(Qt.FocusReason.TabFocusReason)


def notes_of(result: AggregateResult) -> dict[str, str]:
    """Cell id → what the clerk should know there: not additive first, then units' blanks."""
    notes = {cell.cell: cell.message for cell in result.clerk_cells}
    for blank in result.blanks:
        notes.setdefault(blank.cell, blank.message)
    return notes


def created_notice(result: AggregateResult) -> str:
    """The line above the window after the total was made."""
    left_out = len(result.left_out)
    text = f"已生成汇总报告“{result.draft.unit}”：汇总了 {len(result.included)} 个单位的报告"
    if left_out:
        text += f"（另有 {left_out} 个文件未汇总）"
    text += "。"
    left = _left_for_clerk(result)
    if left:
        text += f"其中 {left}，已在相关表格页上方的“汇总说明”中列出。"
    return text + "各部分的文字和签署栏请另行填写。"


def _left_for_clerk(result: AggregateResult) -> str:
    """ "2 项需要人工填写，5 项有单位未填写" (only the parts that are not zero)."""
    parts = []
    if result.clerk_cells:
        parts.append(f"{len(result.clerk_cells)} 项不能逐单位相加、需要人工填写")
    if result.blanks:
        parts.append(f"{len(result.blanks)} 项有单位未填写")
    return "，".join(parts)
