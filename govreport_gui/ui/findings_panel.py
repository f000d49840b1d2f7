"""The list of a page's findings under its grid, in the form's own words.

Each line: icon, 错误/提示, the message, a 转到 button that selects the cell, and — when
the core computed the value of a blank total — a one-click 填入 button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.checks import Summary
from ..core.rules import Finding, Severity
from ..core.values import display
from . import looks
from .widgets import WrapLabel


class _ClickableLabel(WrapLabel):
    clicked = Signal()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class FindingRow(QFrame):
    def __init__(self, finding: Finding, text: str, panel: FindingsPanel, read_only: bool):
        super().__init__(panel)
        self.finding = finding
        self.key = (finding, text, read_only)  # the panel keeps the row while this holds
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
            self.label.setStyleSheet(f"color: {looks.ERROR_TEXT.name()};")
        self.go = QPushButton("转到", self)
        self.go.setAccessibleName(f"转到：{text}")
        self.go.clicked.connect(lambda: panel.findingActivated.emit(finding))
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.go, 0, Qt.AlignmentFlag.AlignTop)
        self.accept: QPushButton | None = None
        if finding.suggestion is not None:
            value = display(finding.suggestion[1])
            self.accept = QPushButton(f"填入 {value}", self)
            self.accept.setAccessibleName(f"填入计算值 {value}：{text}")
            self.accept.setToolTip("把按各项合计算出的数填入空着的单元格")
            self.accept.setEnabled(not read_only)
            self.accept.clicked.connect(lambda: panel.acceptRequested.emit(finding))
            layout.addWidget(self.accept, 0, Qt.AlignmentFlag.AlignTop)


class FindingsPanel(QScrollArea):
    findingActivated = Signal(object)  # Finding: select its cell
    acceptRequested = Signal(object)  # Finding: fill in its suggestion

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("本页检查结果")
        body = QWidget(self)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(2)
        self._summary = WrapLabel("", body)
        self._layout.addWidget(self._summary)
        self._layout.addStretch(1)
        self.setWidget(body)
        self.rows: list[FindingRow] = []

    def set_findings(
        self, findings: list[Finding], blanks: list[Finding], *, read_only: bool
    ) -> None:
        """``findings`` are listed one by one; ``blanks`` ("未填写") are summed up in one line."""
        self._set_summary(findings, blanks)
        entries = [(f, f"{f.severity.label}：{f.message}") for f in findings]
        if blanks:
            first = blanks[0]
            more = f"等 {len(blanks)} 项" if len(blanks) > 1 else ""
            entries.append((first, f"{first.severity.label}：{first.message}{more}"))
        self._set_rows(entries, read_only)

    def _set_rows(self, entries: list[tuple[Finding, str]], read_only: bool) -> None:
        """Show one row per entry, keeping the rows already shown for the same entry where
        they are (a commit changes one or two findings; rebuilding and laying out every
        row took most of a commit's time)."""
        keys = [(finding, text, read_only) for finding, text in entries]
        if keys == [row.key for row in self.rows]:
            return
        unused: dict[tuple[Finding, str, bool], list[FindingRow]] = {}
        for row in self.rows:
            unused.setdefault(row.key, []).append(row)
        wanted = [unused[key].pop(0) if unused.get(key) else None for key in keys]
        for row in (row for rows in unused.values() for row in rows):
            self._layout.removeWidget(row)
            row.hide()  # deleted later: it may be the sender of the click that led here
            row.deleteLater()
        self.rows = []
        for at, (key, kept) in enumerate(zip(keys, wanted, strict=True), start=1):
            row = kept or FindingRow(key[0], key[1], self, read_only)
            if self._layout.indexOf(row) != at:
                self._layout.removeWidget(row)
                self._layout.insertWidget(at, row)
            self.rows.append(row)

    def _set_summary(self, findings: list[Finding], blanks: list[Finding]) -> None:
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

    def messages(self) -> list[str]:
        return [row.label.text() for row in self.rows]

    def summary(self) -> str:
        return self._summary.text()
