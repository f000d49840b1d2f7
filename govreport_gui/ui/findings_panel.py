"""The list of a page's findings under its grid, in the form's own words.

A summary line (folded by default: the table gets the room), and on demand one line per
finding: icon, 错误/提示, the message, a 转到 button that selects the cell, and — when the
core computed a value for a cell — a one-click 填入 17 / 总计改为 17 button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.checks import Summary
from ..core.rules import Finding, Severity
from . import looks
from .widgets import WrapLabel


class _ClickableLabel(WrapLabel):
    clicked = Signal()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class FindingRow(QFrame):
    def __init__(
        self, finding: Finding, text: str, offer: str, panel: FindingsPanel, read_only: bool
    ):
        super().__init__(panel)
        self.finding = finding
        self.key = (finding, text, offer, read_only)  # the panel keeps the row while it holds
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        icon = QLabel(self)
        size = looks.icon_px(self)
        icon.setPixmap(looks.severity_icon(finding.severity).pixmap(size, size))
        icon.setFixedWidth(size + 4)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = _ClickableLabel(text, self)
        self.label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label.setToolTip("点击转到该单元格")
        self.label.clicked.connect(lambda: panel.findingActivated.emit(finding))
        if finding.severity is Severity.ERROR:
            self.label.setStyleSheet(looks.ERROR_STYLE)
        self.go = QPushButton("转到", self)
        self.go.setAccessibleName(f"转到：{text}")
        self.go.clicked.connect(lambda: panel.findingActivated.emit(finding))
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.go, 0, Qt.AlignmentFlag.AlignTop)
        self.accept: QPushButton | None = None
        if offer:
            self.accept = QPushButton(offer, self)
            self.accept.setAccessibleName(f"{offer}：{text}")
            self.accept.setToolTip("改为按各项合计算出的数（可以撤销）")
            self.accept.setEnabled(not read_only)
            self.accept.clicked.connect(lambda: panel.acceptRequested.emit(finding))
            layout.addWidget(self.accept, 0, Qt.AlignmentFlag.AlignTop)


class FindingsPanel(QWidget):
    """One summary line, folded by default so the table keeps the room; 显示 opens the
    list (at most a third of the page tall, scrolling)."""

    findingActivated = Signal(object)  # Finding: select its cell
    acceptRequested = Signal(object)  # Finding: fill in its suggestion

    def __init__(self, offer_text: Callable[[Finding], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer_text = offer_text
        self.setAccessibleName("本页检查结果")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        outer.addLayout(self._build_summary_line())
        self.list = QScrollArea(self)
        self.list.setWidgetResizable(True)
        self.list.setFrameShape(QFrame.Shape.StyledPanel)
        body = QWidget(self.list)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)
        self.list.setWidget(body)
        self.list.hide()
        outer.addWidget(self.list, 1)
        self.rows: list[FindingRow] = []

    def _build_summary_line(self) -> QHBoxLayout:
        line = QHBoxLayout()
        self._icon = QLabel(self)
        self._summary = WrapLabel("", self)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle.toggled.connect(self.set_open)
        line.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self._summary, 1)
        line.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        return line

    def set_open(self, on: bool) -> None:
        """Show or fold the list of findings (the summary line stays)."""
        self.toggle.blockSignals(True)
        self.toggle.setChecked(on)
        self.toggle.blockSignals(False)
        self.list.setVisible(on and bool(self.rows))
        self._show_toggle()

    def is_open(self) -> bool:
        return self.list.isVisibleTo(self)

    def _show_toggle(self) -> None:
        count = len(self.rows)
        self.toggle.setVisible(bool(count))
        self.toggle.setText("收起 ▴" if self.toggle.isChecked() else f"显示 {count} 条 ▾")
        self.toggle.setAccessibleName("收起检查结果" if self.toggle.isChecked() else "显示检查结果")

    def set_findings(
        self, findings: list[Finding], blanks: list[Finding], *, read_only: bool
    ) -> None:
        """``findings`` are listed one by one; ``blanks`` ("未填写") are summed up in one line."""
        self._show_summary(findings, blanks)
        entries = [(f, f"{f.severity.label}：{f.message}") for f in findings]
        if blanks:
            first = blanks[0]
            more = f"等 {len(blanks)} 项" if len(blanks) > 1 else ""
            entries.append((first, f"{first.severity.label}：{first.message}{more}"))
        self._set_rows(entries, read_only)
        self.set_open(self.toggle.isChecked())

    def _set_rows(self, entries: list[tuple[Finding, str]], read_only: bool) -> None:
        """Show one row per entry, keeping the rows already shown for the same entry where
        they are (a commit changes one or two findings; rebuilding and laying out every
        row took most of a commit's time)."""
        keys = [
            (f, text, self.offer_text(f) if f.suggestion is not None else "", read_only)
            for f, text in entries
        ]
        if keys == [row.key for row in self.rows]:
            return
        unused: dict[tuple[Finding, str, str, bool], list[FindingRow]] = {}
        for row in self.rows:
            unused.setdefault(row.key, []).append(row)
        wanted = [unused[key].pop(0) if unused.get(key) else None for key in keys]
        for row in (row for rows in unused.values() for row in rows):
            self._layout.removeWidget(row)
            row.hide()  # deleted later: it may be the sender of the click that led here
            row.deleteLater()
        self.rows = []
        for at, (key, kept) in enumerate(zip(keys, wanted, strict=True)):
            row = kept or FindingRow(key[0], key[1], key[2], self, read_only)
            if self._layout.indexOf(row) != at:
                self._layout.removeWidget(row)
                self._layout.insertWidget(at, row)
            self.rows.append(row)

    def _show_summary(self, findings: list[Finding], blanks: list[Finding]) -> None:
        counts = Summary.of(findings, {})
        parts = []
        if counts.errors:
            parts.append(f"{counts.errors} 个错误")
        if counts.warnings:
            parts.append(f"{counts.warnings} 个提示")
        if blanks:
            parts.append(f"{len(blanks)} 项未填写（没有发生的填 0）")
        self._summary.setText(
            "本页检查结果：" + "，".join(parts) + "。" if parts else "本页检查结果：没有发现问题。"
        )
        kind = "error" if counts.errors else "warning" if parts else "ok"
        size = looks.icon_px(self._summary)
        self._icon.setPixmap(looks.icon(kind).pixmap(size, size))
        self._summary.setStyleSheet(looks.ERROR_STYLE if counts.errors else "")

    def messages(self) -> list[str]:
        return [row.label.text() for row in self.rows]

    def summary(self) -> str:
        return self._summary.text()
