"""A statistics page: one table of the form, its blocks as grids, its findings below."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import GovreportError
from ..core.model import Cell, Section, Table
from ..core.rules import Finding, Severity
from . import looks
from .findings_panel import FindingsPanel
from .grid_model import BlockModel
from .grid_view import GridView
from .notes_banner import NotesBanner
from .session import DraftSession, offer_text
from .widgets import (
    ElidedLabel,
    InlineMessage,
    Page,
    TextDialog,
    WrapLabel,
    guidance_line,
    title_label,
)
from .zero_fill import fill_zero


class TablePage(Page):
    """One table: heading, its grids (they get the room), the current cell, the findings."""

    #: Cell ids now selected (the window shows their sum in its bottom bar).
    selectionChanged = Signal(list)

    def __init__(
        self, session: DraftSession, table: Table, section: Section | None, parent=None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.table = table
        self.section = section
        self.title = table.title_for(session.draft.year)
        self._notes_dialog: TextDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)  # every line of height goes to the grid
        layout.setSpacing(4)
        layout.addLayout(self._build_heading())
        self.notes_banner = NotesBanner(self)
        self.notes_banner.noteActivated.connect(self.go_to_cell)
        layout.addWidget(self.notes_banner)
        if section is not None and section.guidance:
            layout.addWidget(guidance_line(section.guidance, self))
        if table.note:
            layout.addWidget(guidance_line(table.note, self))
        self.grids: list[GridView] = []
        layout.addWidget(self._build_grids(), 1)
        layout.addWidget(self._build_current_line())
        self.message = InlineMessage(self)
        layout.addWidget(self.message)
        self.findings_panel = FindingsPanel(lambda f: offer_text(session, f), self)
        self.findings_panel.findingActivated.connect(self.go_to_finding)
        self.findings_panel.acceptRequested.connect(self.accept)
        self.findings_panel.set_open(session.findings_open)
        self.findings_panel.toggle.toggled.connect(session.set_findings_open)
        session.findingsOpenChanged.connect(self.findings_panel.set_open)
        layout.addWidget(self.findings_panel)
        self._stale = True
        self._current: Cell | None = None
        self._cell_ids = {cell_id for grid in self.grids for cell_id in grid.grid_model.cell_ids()}
        self._connect_session()
        self.refresh_findings()
        self.refresh_notes()

    def _build_heading(self) -> QHBoxLayout:
        self._heading = heading = QHBoxLayout()
        heading.addWidget(title_label(self.title, self), 1)
        self.fill_button = self._build_fill_button()
        heading.addWidget(self.fill_button, 0, Qt.AlignmentFlag.AlignTop)
        self.previous_button = self._build_previous_button()
        heading.addWidget(self.previous_button, 0, Qt.AlignmentFlag.AlignTop)
        self.notes_button = QToolButton(self)
        self.notes_button.setText("填报说明")
        self.notes_button.setToolTip("本表的官方填报说明及出处（F1）")
        self.notes_button.clicked.connect(self.show_official_notes)
        heading.addWidget(self.notes_button, 0, Qt.AlignmentFlag.AlignTop)
        QShortcut(
            QKeySequence("F1"),
            self,
            self.show_official_notes,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        return heading

    def official_notes_text(self) -> str:
        """What the official documents say about this table, each with its document."""
        notes = self.table.official_notes
        if not notes:
            return (
                f"“{self.title}”没有收录官方的填报说明（未找到注明出处的国家统一说明）。"
                "请按表头和行名填写，并参照上级部门的通知。"
            )
        lines = [f"{i}. {n.text}\n   出处：{n.source}" for i, n in enumerate(notes, 1)]
        return "\n\n".join([f"“{self.title}”的填报说明（摘自官方文件）：", *lines])

    def show_official_notes(self) -> TextDialog:
        if self._notes_dialog is None:
            self._notes_dialog = TextDialog("本表填报说明", self.official_notes_text(), self)
            self._notes_dialog.resize(640, 360)
        self._notes_dialog.show()
        self._notes_dialog.raise_()
        return self._notes_dialog

    def _build_fill_button(self) -> QToolButton:
        """空白格填 0 for the table, the current row or the selected cells."""
        button = QToolButton(self)
        button.setText("空白格填 0")
        button.setToolTip("没有发生的事项填 0（只填允许填 0 的空白格；可以撤销）")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for text, scope in (
            ("本表全部空白格", "table"),
            ("当前行", "row"),
            ("所选单元格", "selection"),
        ):
            menu.addAction(text).triggered.connect(lambda _=False, s=scope: self.fill_zero(s))
        button.setMenu(menu)
        return button

    def _build_grids(self) -> QWidget:
        """The blocks as grids: several, or a few rows, are stacked at their full height."""
        table, session = self.table, self.session
        stacked = len(table.blocks) > 1 or len(table.blocks[0].rows) <= 3
        area = QWidget(self)
        grids_layout = QVBoxLayout(area)
        grids_layout.setContentsMargins(0, 0, 0, 0)
        for index, block in enumerate(table.blocks):
            model = BlockModel(session, table, index, self)
            caption, unit = block.caption, model.uniform_unit()
            if unit:
                caption = f"{caption}（单位：{unit}）" if caption else f"单位：{unit}"
            if caption and len(table.blocks) == 1:  # beside the title: the grid gets the line
                self._heading.insertWidget(
                    1, QLabel(caption, self), 0, Qt.AlignmentFlag.AlignBottom
                )
            elif caption:
                grids_layout.addWidget(WrapLabel(caption, area))
            grid = GridView(model, fit_to_contents=stacked, parent=area)
            grid.refused.connect(self.show_refusal)
            grid.told.connect(self._tell)
            grid.cellFocused.connect(lambda cell, g=grid: self._cell_focused(g, cell))
            grid.selectionModel().selectionChanged.connect(self._selection_changed)
            grids_layout.addWidget(grid, 0 if stacked else 1)
            self.grids.append(grid)
        if not stacked:
            return area
        grids_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(area)
        return scroll

    def _build_current_line(self) -> QWidget:
        """当前单元格 and its findings, with the one-click fix of its error when there is one."""
        line = QWidget(self)
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        # one line for both, each cut with … and whole in its tooltip: the grid keeps the rows
        self.current_line = ElidedLabel(line)
        self.current_notes = ElidedLabel(line)  # red when the cell holds an error
        self.current_offer = QPushButton(line)
        self.current_offer.hide()
        self.current_offer.clicked.connect(self._accept_current_offer)
        row.addWidget(self.current_line, 2)
        row.addWidget(self.current_notes, 3)
        row.addWidget(self.current_offer)
        return line

    def _connect_session(self) -> None:
        session = self.session
        session.findingsChanged.connect(self.refresh_findings)
        session.statusChanged.connect(self.refresh_findings)
        session.valuesChanged.connect(self.message.clear)
        session.previousShownChanged.connect(self._previous_shown)

    def _build_previous_button(self) -> QCheckBox:
        """显示上年数: on every table page, all following the one session setting."""
        button = QCheckBox("显示上年数(&Y)", self)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keys in the grid
        previous = self.session.draft.previous
        if previous is None:
            button.hide()  # nothing to show: the draft was made without last year's report
        else:
            button.setToolTip(
                f"在每个数字下方显示 {previous.year} 年度报告中的数（灰色小字），再按一次隐藏"
            )
            button.setAccessibleName(f"显示{previous.year}年度的数")
        button.setChecked(self.session.show_previous)
        button.toggled.connect(self.session.set_show_previous)
        return button

    def _previous_shown(self, on: bool) -> None:
        self.previous_button.setChecked(on)
        if self._current is not None:  # the grid may have lost focus to the check box
            self._show_current(self._current)

    # -- notes of a 汇总 ---------------------------------------------------------------

    def page_notes(self) -> list[tuple[str, str]]:
        """(cell id, note) of this page's cells that the 汇总 left to the clerk."""
        order = [cid for grid in self.grids for cid in grid.grid_model.cell_ids()]
        return [(cid, self.session.notes[cid]) for cid in order if cid in self.session.notes]

    def refresh_notes(self) -> None:
        self.notes_banner.set_notes(self.page_notes())

    # -- findings ----------------------------------------------------------------------

    def page_findings(self) -> tuple[list[Finding], list[Finding]]:
        """(findings listed one by one, blank-cell reminders) of this page's cells."""
        return self.session.page_findings(self._cell_ids)

    def refresh_findings(self) -> None:
        if not self.isVisible():  # a hidden page catches up when it is shown
            self._stale = True
            return
        self._stale = False
        listed, blanks = self.page_findings()
        self.findings_panel.set_findings(listed, blanks, read_only=self.session.read_only)
        self._show_current(self._current)  # a fix elsewhere may have answered it

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.findings_panel.list.setMaximumHeight(max(self.height() // 3, 80))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_findings()

    def focus_first(self) -> None:
        if self.grids:
            self.grids[0].setFocus(Qt.FocusReason.TabFocusReason)

    def cell_ids(self) -> set[str]:
        return self._cell_ids

    # -- actions -----------------------------------------------------------------------

    def go_to_finding(self, finding: Finding) -> None:
        if finding.cells:
            self.go_to_cell(finding.cells[0])

    def go_to_cell(self, cell_id: str) -> bool:
        """Select a cell and scroll it into view: in its grid, and in every scrolling
        frame around the grid (stacked grids, the window's page frame)."""
        for grid in self.grids:
            if grid.select_cell(cell_id):
                self._reveal(grid, cell_id)
                QTimer.singleShot(0, self, lambda g=grid: self._reveal(g, cell_id))
                return True
        return False

    @staticmethod
    def _reveal(grid: GridView, cell_id: str) -> None:
        rect = grid.visualRect(grid.grid_model.index_of(cell_id))
        parent = grid.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.widget() is not None:
                at = grid.viewport().mapTo(parent.widget(), rect.center())
                parent.ensureVisible(at.x(), at.y(), rect.width(), rect.height())
            parent = parent.parentWidget()

    def accept(self, finding: Finding) -> None:
        try:
            self.session.accept(finding)
        except GovreportError as exc:
            self.show_refusal(str(exc))
            return
        if finding.suggestion is not None:
            self.go_to_cell(finding.suggestion[0])

    # -- selection and 空白格填 0 ---------------------------------------------------------

    def selected_cells(self) -> list[str]:
        """Value cells selected in the page's grids, in reading order."""
        return [
            cell.id
            for grid in self.grids
            for index in sorted(grid.selectedIndexes(), key=lambda i: (i.row(), i.column()))
            if (cell := grid.grid_model.cell_at(index)) is not None
        ]

    def _selection_changed(self, *_: object) -> None:
        self.selectionChanged.emit(self.selected_cells())

    def cells_in(self, scope: str) -> list[str]:
        """The cells of 本表 (table), 当前行 (row) or 所选单元格 (selection)."""
        if scope == "selection":
            return self.selected_cells()
        if scope == "row":
            cell = self._current
            if cell is None:
                return []
            return [
                c.id
                for c in self.session.form.cells_of(self.table.id)
                if c.row_id == cell.row_id and c.block == cell.block
            ]
        return [grid_cell for grid in self.grids for grid_cell in grid.grid_model.cell_ids()]

    def fill_zero(self, scope: str) -> int:
        """空白格填 0 over a scope, asked once, one undo step; how many were filled."""
        where = {"table": "本表", "row": "当前行", "selection": "所选单元格"}[scope]
        filled, note = fill_zero(self, self.session, self.cells_in(scope), where)
        if note:
            self.message.show_message(note, "ok" if filled else "info")
        return filled

    def _tell(self, message: str, kind: str) -> None:
        self.message.show_message(message, kind)

    def show_refusal(self, message: str) -> None:
        self.message.show_message(message, "error")

    def _cell_focused(self, grid: GridView, cell: Cell | None) -> None:
        """One current cell on the page: the other grids let go of theirs."""
        for other in self.grids:
            if other is not grid:
                other.clearSelection()
        self._show_current(cell)

    def _current_offer(self) -> Finding | None:
        cell = self._current
        if cell is None or self.session.read_only:
            return None
        found = self.session.cell_findings(cell.id)
        return next((f for f in found if f.suggestion is not None), None)

    def _accept_current_offer(self) -> None:
        offer = self._current_offer()
        if offer is not None:
            self.accept(offer)

    def _show_current(self, cell: Cell | None) -> None:
        self._current = cell
        offer = self._current_offer()
        self.current_offer.setVisible(offer is not None)
        if offer is not None:
            self.current_offer.setText(offer_text(self.session, offer))
        if cell is None:
            self.current_line.setText("")
            self.current_notes.setText("")
            self.current_notes.hide()
            return
        notes = [f"{f.severity.label}：{f.message}" for f in self.session.cell_findings(cell.id)]
        text = f"当前单元格：{cell.label}（单位：{cell.unit}）"
        if self.session.show_previous:
            text += f"；上年数（{self.session.previous_note(cell.id)}）"
        note = self.session.notes.get(cell.id)
        if note:
            notes.append(f"汇总说明：{note}")
        self.current_line.setText(text)
        self.current_notes.setText("；".join(notes))
        self.current_notes.setVisible(bool(notes))
        error = self.session.cell_severity(cell.id) is Severity.ERROR
        self.current_notes.setStyleSheet(looks.ERROR_STYLE if error else "")
