"""审核: every 错误 and 提示 of the report by section, each a jump to its cell, with 说明.

A finding left as it is (the figures are right, e.g. a 提示 on an unusual year) gets a
说明 the clerk writes here; it is kept in the draft under the finding's rule key, so one
说明 covers every place the same rule fires.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import GovreportError
from ..core.model import Section
from ..core.rules import Finding, Severity
from . import looks
from .session import DraftSession
from .widgets import InlineMessage, Page, WrapLabel, guidance_label, title_label

_GROUP_ROLE = Qt.ItemDataRole.UserRole + 10
_FINDING_ROLE = Qt.ItemDataRole.UserRole + 11
_SECTION_ROLE = Qt.ItemDataRole.UserRole + 12
_EMPTY_ROLE = Qt.ItemDataRole.UserRole + 13


def _new_item(texts: list[str]) -> QTreeWidgetItem:
    """An item with every custom role set, so that reading one never meets an empty value."""
    item = QTreeWidgetItem(texts)
    for role in (_GROUP_ROLE, _FINDING_ROLE, _SECTION_ROLE):
        item.setData(0, role, "")
    item.setData(0, _EMPTY_ROLE, False)
    return item


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: QTreeView does not measure wrapped items."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self.tree.columnWidth(index.column())
        if index.column() == 0:
            width -= self.tree.indentation() * (depth + 1) + self.tree.iconSize().width() + 12
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        bounds = QFontMetrics(font).boundingRect(
            QRect(0, 0, max(width, 40), 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 6))


@dataclass
class RuleGroup:
    """The findings of one rule key in one section; they share one 说明."""

    key: str
    severity: Severity
    findings: list[Finding] = field(default_factory=list)


class ReviewPage(Page):
    jumpRequested = Signal(str)  # cell id

    def __init__(self, session: DraftSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self._descriptions = {rule.key: rule.description for rule in session.form.rules}
        self._group: RuleGroup | None = None
        self._stale = True
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("审核：全部检查结果", self))
        layout.addWidget(
            guidance_label(
                "下面按报告的各部分列出全部错误和提示。双击或按回车可转到对应的单元格修改；"
                "数据确实无误、不需要修改的，请选中后在下方写明说明。",
                self,
            )
        )
        self.summary = InlineMessage(self)
        layout.addWidget(self.summary)

        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["检查结果", "说明"])
        self.tree.setAccessibleName("全部检查结果")
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemActivated.connect(self._activated)

        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_text = WrapLabel("选中一项检查结果后，可转到单元格或填写说明。", detail)
        buttons = QHBoxLayout()
        self.go_button = QPushButton("转到单元格(&G)", detail)
        self.go_button.clicked.connect(self._go)
        buttons.addWidget(self.detail_text, 1)
        buttons.addWidget(self.go_button, 0, Qt.AlignmentFlag.AlignTop)
        detail_layout.addLayout(buttons)
        explain_label = QLabel("说明(&S)：", detail)
        self.explanation = QPlainTextEdit(detail)
        self.explanation.setPlaceholderText(
            "数据确实无误、不需要修改时，在此写明原因（随报告保存，报送时供上级审阅）"
        )
        self.explanation.setAccessibleName("说明")
        self.explanation.setTabChangesFocus(True)
        self.explanation.textChanged.connect(self._explanation_changed)
        explain_label.setBuddy(self.explanation)
        detail_layout.addWidget(explain_label)
        detail_layout.addWidget(self.explanation, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        session.findingsChanged.connect(self._findings_changed)
        session.statusChanged.connect(lambda *_: self._set_detail(self._group))
        self._set_detail(None)

    # -- building ----------------------------------------------------------------------

    def focus_first(self) -> None:
        self.tree.setFocus(Qt.FocusReason.TabFocusReason)

    def sections(self) -> list[tuple[Section | None, list[RuleGroup]]]:
        """Sections in form order with their findings grouped by rule key."""
        grouped: dict[str | None, dict[str, RuleGroup]] = {}
        for finding in self.session.findings:
            section = self.session.section_of(finding)
            groups = grouped.setdefault(section.id if section else None, {})
            group = groups.setdefault(finding.rule, RuleGroup(finding.rule, finding.severity))
            group.findings.append(finding)
        result: list[tuple[Section | None, list[RuleGroup]]] = [
            (s, list(grouped.get(s.id, {}).values())) for s in self.session.form.sections
        ]
        if None in grouped:
            result.append((None, list(grouped[None].values())))
        return result

    def rebuild(self) -> None:
        self._stale = False
        selected_key = self._group.key if self._group else None
        self.tree.clear()
        icon = looks.icon_px(self.tree)
        self.tree.setIconSize(QSize(icon, icon))
        reselect: QTreeWidgetItem | None = None
        texts: QTreeWidgetItem | None = None
        for section, groups in self.sections():
            if section is not None and section.table is None and not groups:
                if texts is None:
                    texts = _new_item(["", ""])
                    self.tree.addTopLevelItem(texts)
                texts.addChild(self._section_item(section, groups))
                continue
            top = self._section_item(section, groups)
            self.tree.addTopLevelItem(top)
            for group in groups:
                item = self._group_item(group)
                top.addChild(item)
                if group.key == selected_key and reselect is None:
                    reselect = item
            top.setExpanded(any(g.severity is Severity.ERROR for g in groups) or len(groups) < 6)
        if texts is not None:
            self._summarise_texts(texts)
        self._update_summary()
        if reselect is not None:
            self.tree.setCurrentItem(reselect)
        else:
            self._set_detail(None)

    def _section_item(self, section: Section | None, groups: list[RuleGroup]) -> QTreeWidgetItem:
        title = section.title if section else "其他"
        errors = sum(len(g.findings) for g in groups if g.severity is Severity.ERROR)
        warnings = sum(len(g.findings) for g in groups) - errors
        if section is not None and section.table is None:
            written = bool(self.session.draft.texts.get(section.id, "").strip())
            status, kind = ("已填写", "ok") if written else ("未填写", "info")
        elif errors:
            status, kind = (
                f"{errors} 个错误" + (f"，{warnings} 个提示" if warnings else ""),
                "error",
            )
        elif warnings:
            status, kind = f"{warnings} 个提示", "warning"
        else:
            status, kind = "没有发现问题", "ok"
        item = _new_item([f"{title}　—　{status}", ""])
        item.setData(0, _EMPTY_ROLE, status == "未填写")
        item.setIcon(0, looks.icon(kind))
        item.setData(0, _SECTION_ROLE, section.id if section else "")
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title}：{status}")
        if section is None or section.table is not None:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        return item

    def _summarise_texts(self, item: QTreeWidgetItem) -> None:
        """One line for all narrative sections; expanded when some are still empty."""
        count = item.childCount()
        empty = [item.child(i) for i in range(count) if item.child(i).data(0, _EMPTY_ROLE)]
        if empty:
            status, kind = f"{len(empty)} 部分未填写", "info"
        else:
            status, kind = "全部已填写", "ok"
        text = f"文字部分（共 {count} 部分）　—　{status}"
        item.setText(0, text)
        item.setIcon(0, looks.icon(kind))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, text)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setExpanded(bool(empty))

    def _group_item(self, group: RuleGroup) -> QTreeWidgetItem:
        label = group.severity.label
        if len(group.findings) == 1:
            text = f"{label}：{group.findings[0].message}"
        else:
            description = self._descriptions.get(group.key, group.key)
            text = f"{label}：{description}（{len(group.findings)} 处）"
        item = _new_item([text, self._explained_text(group)])
        item.setIcon(0, looks.severity_icon(group.severity))
        item.setData(0, _GROUP_ROLE, group)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, text)
        item.setToolTip(0, text)
        if len(group.findings) == 1:
            item.setData(0, _FINDING_ROLE, group.findings[0])
        else:
            for finding in group.findings:
                child = _new_item([f"{label}：{finding.message}", ""])
                child.setIcon(0, looks.severity_icon(finding.severity))
                child.setData(0, _GROUP_ROLE, group)
                child.setData(0, _FINDING_ROLE, finding)
                child.setToolTip(0, finding.message)
                item.addChild(child)
        return item

    def _explained_text(self, group: RuleGroup) -> str:
        if self.session.draft.explanations.get(group.key, "").strip():
            return "已说明"
        return "未说明" if group.severity is Severity.ERROR else ""

    def _update_summary(self) -> None:
        summary = self.session.summary()
        errors, warnings, open_errors = summary.errors, summary.warnings, summary.unexplained
        if open_errors:
            self.summary.show_message(
                f"共 {errors} 个错误、{warnings} 个提示。其中 {open_errors} 个错误既未改正也未说明，"
                "打印的报告将带“草稿”字样。",
                "error",
            )
        elif errors:
            self.summary.show_message(
                f"共 {errors} 个错误（均已写明说明）、{warnings} 个提示。", "warning"
            )
        elif warnings:
            self.summary.show_message(f"没有错误；有 {warnings} 个提示，请逐项核对。", "warning")
        else:
            self.summary.show_message("没有发现错误或提示。", "ok")

    # -- interaction -------------------------------------------------------------------

    def _findings_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.rebuild()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    def _selected(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        group = item.data(0, _GROUP_ROLE) if item is not None else None
        self._set_detail(group if isinstance(group, RuleGroup) else None, item)

    def _set_detail(self, group: RuleGroup | None, item: QTreeWidgetItem | None = None) -> None:
        self._group = group
        self.explanation.blockSignals(True)
        if group is None:
            self.detail_text.setText("选中一项检查结果后，可转到单元格或填写说明。")
            self.explanation.setPlainText("")
        else:
            finding = item.data(0, _FINDING_ROLE) if item is not None else None
            shown = finding.message if isinstance(finding, Finding) else None
            lines = [shown] if shown else [f.message for f in group.findings[:5]]
            if not shown and len(group.findings) > 5:
                lines.append(f"……共 {len(group.findings)} 处")
            self.detail_text.setText("\n".join(lines))
            self.explanation.setPlainText(self.session.draft.explanations.get(group.key, ""))
            self.explanation.setAccessibleName(f"说明：{lines[0]}")
        self.explanation.blockSignals(False)
        enabled = group is not None
        self.go_button.setEnabled(enabled)
        self.explanation.setEnabled(enabled)
        self.explanation.setReadOnly(self.session.read_only)

    def _current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        finding = item.data(0, _FINDING_ROLE)
        if isinstance(finding, Finding):
            return finding
        group = item.data(0, _GROUP_ROLE)
        return group.findings[0] if isinstance(group, RuleGroup) and group.findings else None

    def _go(self) -> None:
        finding = self._current_finding()
        if finding is not None and finding.cells:
            self.jumpRequested.emit(finding.cells[0])

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if isinstance(item.data(0, _GROUP_ROLE), RuleGroup):
            self._go()

    def _explanation_changed(self) -> None:
        if self._group is None or self.session.read_only:
            return
        try:
            self.session.set_explanation(self._group.key, self.explanation.toPlainText())
        except GovreportError as exc:
            self.summary.show_message(str(exc), "error")
            return
        self._refresh_explained_marks()
        self._update_summary()

    def _refresh_explained_marks(self) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                item = top.child(j)
                group = item.data(0, _GROUP_ROLE)
                if isinstance(group, RuleGroup):
                    item.setText(1, self._explained_text(group))

    # -- for tests and the main window ------------------------------------------------

    def select_rule(self, key: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                group = top.child(j).data(0, _GROUP_ROLE)
                if isinstance(group, RuleGroup) and group.key == key:
                    self.tree.setCurrentItem(top.child(j))
                    return True
        return False

    def listed_messages(self) -> list[str]:
        messages = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                group = top.child(j).data(0, _GROUP_ROLE)
                if isinstance(group, RuleGroup):
                    messages += [f.message for f in group.findings]
        return messages
