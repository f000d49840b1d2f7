"""A statistics page: one table of the form, its blocks as grids, its findings below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import GovreportError
from ..core.model import Cell, Section, Table
from ..core.rules import Finding
from .findings_panel import FindingsPanel
from .grid_model import BlockModel
from .grid_view import GridView
from .notes_banner import NotesBanner
from .session import DraftSession
from .widgets import InlineMessage, Page, WrapLabel, guidance_label, title_label


class TablePage(Page):
    def __init__(
        self, session: DraftSession, table: Table, section: Section | None, parent=None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.table = table
        self.section = section
        self.title = table.title_for(session.draft.year)
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(title_label(self.title, self), 1)
        self.previous_button = self._build_previous_button()
        heading.addWidget(self.previous_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading)
        self.notes_banner = NotesBanner(self)
        self.notes_banner.noteActivated.connect(self.go_to_cell)
        layout.addWidget(self.notes_banner)
        if section is not None and section.guidance:
            layout.addWidget(guidance_label(section.guidance, self))
        if table.note:
            layout.addWidget(guidance_label(table.note, self))

        self.grids: list[GridView] = []
        # several blocks, or a block of a few rows: grids as tall as their rows, stacked
        stacked = len(table.blocks) > 1 or len(table.blocks[0].rows) <= 3
        grids_area = QWidget(self)
        grids_layout = QVBoxLayout(grids_area)
        grids_layout.setContentsMargins(0, 0, 0, 0)
        for index, block in enumerate(table.blocks):
            model = BlockModel(session, table, index, self)
            caption = block.caption
            unit = model.uniform_unit()
            if unit:
                caption = f"{caption}（单位：{unit}）" if caption else f"单位：{unit}"
            if caption:
                label = WrapLabel(caption, grids_area)
                grids_layout.addWidget(label)
            grid = GridView(model, fit_to_contents=stacked, parent=grids_area)
            grid.refused.connect(self.show_refusal)
            grid.told.connect(self._tell)
            grid.cellFocused.connect(self._show_current)
            grids_layout.addWidget(grid, 0 if stacked else 1)
            self.grids.append(grid)
        if stacked:
            grids_layout.addStretch(1)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(grids_area)
            top: QWidget = scroll
        else:
            top = grids_area

        self.current_line = WrapLabel("", self)
        self.message = InlineMessage(self)
        self.findings_panel = FindingsPanel(self)
        self.findings_panel.findingActivated.connect(self.go_to_finding)
        self.findings_panel.acceptRequested.connect(self.accept)

        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.current_line)
        bottom_layout.addWidget(self.message)
        bottom_layout.addWidget(self.findings_panel, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.findings_panel.setMinimumHeight(self.fontMetrics().height() * 7)
        layout.addWidget(splitter, 1)

        self._stale = True
        self._current: Cell | None = None
        self._cell_ids = {cell_id for grid in self.grids for cell_id in grid.grid_model.cell_ids()}
        session.findingsChanged.connect(self.refresh_findings)
        session.statusChanged.connect(self.refresh_findings)
        session.valuesChanged.connect(self.message.clear)
        session.previousShownChanged.connect(self._previous_shown)
        session.notesChanged.connect(self.refresh_notes)
        self.refresh_findings()
        self.refresh_notes()

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
        current = next((g.current_cell() for g in self.grids if g.hasFocus()), None)
        if current is not None:
            self._show_current(current)

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
        return any(grid.select_cell(cell_id) for grid in self.grids)

    def accept(self, finding: Finding) -> None:
        try:
            self.session.accept(finding)
        except GovreportError as exc:
            self.show_refusal(str(exc))
            return
        if finding.suggestion is not None:
            self.go_to_cell(finding.suggestion[0])

    def _tell(self, message: str, kind: str) -> None:
        self.message.show_message(message, kind)

    def show_refusal(self, message: str) -> None:
        self.message.show_message(message, "error")

    def _show_current(self, cell: Cell | None) -> None:
        self._current = cell
        if cell is None:
            self.current_line.clear()
            return
        notes = [f"{f.severity.label}：{f.message}" for f in self.session.cell_findings(cell.id)]
        text = f"当前单元格：{cell.label}（单位：{cell.unit}）"
        if self.session.show_previous:
            text += f"；上年数（{self.session.previous_note(cell.id)}）"
        note = self.session.notes.get(cell.id)
        if note:
            notes.append(f"汇总说明：{note}")
        self.current_line.setText("\n".join([text, *notes]))
