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
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ..core.aggregate import (
    DEFAULT_UNIT,
    AggregateError,
    AggregateResult,
    UnitRow,
    aggregate_files,
    expand_paths,
)
from ..core.errors import GovreportError, os_reason
from ..core.filenames import safe_file_name
from ..core.library import FormLibrary
from ..core.safe_output import write_output
from ..output.reading import read_unit_file
from ..output.unit_problems import unit_problems_csv
from ..storage.base import DraftStore
from . import dialogs
from .aggregate_export import export_units_workbook
from .saved_file import choose_output, offer_open
from .settings import AppSettings
from .unit_list import (
    ERRORS,
    FILE,
    SORT_ROLE,
    STATUS,
    UNIT,
    UNREADABLE_NAME,
    WARNINGS,
    YEAR,
    UnitFindingsDialog,
    UnitListModel,
)
from .widgets import ElidedLabel, InlineMessage, Page, guidance_label, title_label

PROBLEMS = "各单位问题清单"


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
        layout.addLayout(self._build_pick_row())
        layout.addLayout(self._build_fields())
        self.summary = InlineMessage(self)
        layout.addWidget(self.summary)
        layout.addWidget(self._build_table(), 1)
        self.selected_line = ElidedLabel(self)  # one line; the whole reason in its tooltip
        layout.addWidget(self.selected_line)
        layout.addLayout(self._build_actions())
        self.message = InlineMessage(self)
        layout.addWidget(self.message)

    def _build_pick_row(self) -> QHBoxLayout:
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
        return pick

    def _build_fields(self) -> QHBoxLayout:
        """The total's name and year on one line: the list of files gets the height."""
        fields = QHBoxLayout()
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
        fields.addWidget(unit_label)
        fields.addWidget(self.unit, 2)
        fields.addSpacing(12)
        fields.addWidget(year_label)
        fields.addWidget(self.year, 1)
        return fields

    def _build_table(self) -> QTableView:
        """One line per file (a county may send thousands): the selected file's whole
        reason is written out under the table, and in the tooltip."""
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
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # a few rows at least; the page's frame scrolls only when even that does not fit,
        # so the list's scroll bar is not beside the page's (one scroll bar at a time)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 5)
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
        return self.table

    def _build_actions(self) -> QHBoxLayout:
        actions = QHBoxLayout()
        self.findings_button = QPushButton("查看所选单位的检查结果(&V)…", self)
        self.findings_button.clicked.connect(self.show_selected_findings)
        self.findings_button.setEnabled(False)
        self.export_button = QPushButton("导出各单位问题清单(&Q)…", self)
        self.export_button.setToolTip(
            "单位、问题和单位写的说明，存为表格（CSV，Excel/WPS 可打开），发回各单位核改"
        )
        self.export_button.clicked.connect(self.export_problems)
        self.export_button.setEnabled(False)
        self.create_button = QPushButton("生成汇总报告(&G)", self)
        self.create_button.setToolTip("把已汇总的各单位数字相加，作为一份新报告保存并打开")
        self.create_button.clicked.connect(self.create_total)
        self.create_button.setEnabled(False)
        self.excel_button = QPushButton("导出 Excel(&X)…", self)
        self.excel_button.setToolTip("每个单位一行、合计一行，另列未汇总的文件及原因，供上级汇总")
        self.excel_button.clicked.connect(self.export_excel)
        self.excel_button.setEnabled(False)
        actions.addWidget(self.findings_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        actions.addWidget(self.excel_button)
        actions.addWidget(self.create_button)
        return actions

    # -- choosing files ----------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = dialogs.choose_folder(self, "选择存放各单位报告文件的文件夹", self._start())
        if folder:
            self.settings.last_folder = folder
            self.set_paths([Path(folder)])

    def choose_files(self) -> None:
        files = dialogs.choose_open_files(
            self, "选择各单位的报告文件", self._start(), dialogs.UNIT_FILES
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
                self.paths,
                self.library,
                unit=self.unit_name(),
                year=self.year.currentData(),
                read=read_unit_file,
            )
        except AggregateError as exc:
            self._show(None, exc.units)
            self.summary.show_message(exc.message, "error")
            return None
        except (GovreportError, OSError) as exc:  # e.g. the folder went away meanwhile
            self._show(None, [])
            reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
            self.summary.show_message(f"无法汇总：{reason}", "error")
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
        self.export_button.setEnabled(any(row.findings for row in rows))
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
            self.selected_line.setText("")
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

    def export_problems(self) -> Path | None:
        """The units' findings and 说明 as a table to send back; where it was written."""
        rows = [row for row in self.model.rows if row.findings]
        if not rows:
            return None
        suggested = Path(self._start() or Path.home()) / safe_file_name(
            f"{self.unit_name()}各单位问题清单.csv"
        )
        inputs = [row.file for row in self.model.rows]
        chosen = choose_output(
            self, f"导出{PROBLEMS}", suggested, dialogs.CSV_FILES, (".csv",), inputs
        )
        if chosen is None:
            return None
        path, force = chosen
        payload, count = unit_problems_csv(rows)
        try:
            write_output(path, payload, inputs=inputs, force=force)
        except GovreportError as exc:
            self.message.show_message(str(exc))
            return None
        self.message.show_message(f"已导出 {len(rows)} 个单位的 {count} 个问题：{path}", "ok")
        offer_open(self, path, PROBLEMS)
        return path

    def focus_first(self) -> None:
        target = self.table if self.model.rows else self.folder_button
        target.setFocus(Qt.FocusReason.TabFocusReason)


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
