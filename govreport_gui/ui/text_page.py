"""A narrative section: what the format asks for, a plain editor, last year's text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import GovreportError
from ..core.model import Section
from ..core.punctuation import half_width_marks
from .edit_actions import UndoKeys
from .session import DraftSession
from .widgets import InlineMessage, Page, guidance_label, title_label


def count_characters(text: str) -> int:
    """Characters as clerks count 字数: everything but spaces and line breaks."""
    return sum(1 for ch in text if not ch.isspace())


class PreviousTextDialog(QDialog):
    """Last year's text of a section, read-only, beside the editor (not modal)."""

    def __init__(self, title: str, year: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{year}年度 · {title}")
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        self.view = QPlainTextEdit(self)
        self.view.setPlainText(text)
        self.view.setReadOnly(True)
        self.view.setAccessibleName(f"{year}年度“{title}”的内容")
        layout.addWidget(QLabel(f"{year}年度报告中的这一部分（只读，可复制）：", self))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)


class TextPage(Page):
    def __init__(self, session: DraftSession, section: Section, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.section = section
        self._previous_dialog: PreviousTextDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(section.title, self))
        if section.guidance:
            layout.addWidget(guidance_label(f"本部分应写明：{section.guidance}", self))

        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName(section.title)
        self.editor.setAccessibleDescription(section.guidance)
        self.editor.setPlaceholderText("在此输入本部分内容。可从 Word 中复制粘贴（只保留文字）。")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlainText(session.draft.texts.get(section.id, ""))
        self.editor.setUndoRedoEnabled(False)  # one history: the report's undo stack
        self.editor.installEventFilter(UndoKeys(session, self.editor))
        self.editor.textChanged.connect(self._text_changed)
        session.textChanged.connect(self._text_set)
        layout.addWidget(self.editor, 1)

        bar = QHBoxLayout()
        self.count_label = QLabel(self)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.punctuation_button = QPushButton("改为全角标点(&Q)", self)
        self.punctuation_button.setToolTip("把本部分中文文字里的半角 , ( ) : ; 改为全角（可撤销）")
        self.punctuation_button.clicked.connect(self.fix_punctuation)
        bar.addWidget(self.punctuation_button)
        self.previous_button = QPushButton("查看上年内容(&P)", self)
        self.previous_button.clicked.connect(self.show_previous)
        bar.addWidget(self.previous_button)
        layout.addLayout(bar)
        self.message = InlineMessage(self)
        layout.addWidget(self.message)
        self.hints = InlineMessage(self)  # this section's 提示: numbers against the tables…
        layout.addWidget(self.hints)
        session.findingsChanged.connect(self._show_hints)
        self._show_hints()

        previous = session.draft.previous
        self.previous_text = previous.texts.get(section.id, "") if previous else ""
        if not self.previous_text:
            self.previous_button.setEnabled(False)
            self.previous_button.setToolTip(
                "没有导入上年报告" if previous is None else "上年报告中没有这一部分"
            )
        session.statusChanged.connect(self._apply_read_only)
        self._apply_read_only()

    def focus_first(self) -> None:
        self.editor.setFocus(Qt.FocusReason.TabFocusReason)

    def _text_changed(self) -> None:
        self._update_count()
        if self.session.read_only:
            return
        try:
            self.session.set_text(self.section.id, self.editor.toPlainText())
        except GovreportError as exc:
            self.message.show_message(str(exc))

    def _text_set(self, section_id: str) -> None:
        """The session's text changed (undo, redo, a fix): show it, cursor where it changed."""
        text = self.session.draft.texts.get(self.section.id, "")
        if section_id != self.section.id or text == self.editor.toPlainText():
            return
        shown = self.editor.toPlainText()
        at = next(
            (i for i, (a, b) in enumerate(zip(shown, text, strict=False)) if a != b),
            min(len(shown), len(text)),
        )
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        cursor = self.editor.textCursor()
        cursor.setPosition(at)
        self.editor.setTextCursor(cursor)
        self._update_count()

    def _update_count(self) -> None:
        text = self.editor.toPlainText()
        self.count_label.setText(f"共 {count_characters(text)} 字")
        self.punctuation_button.setEnabled(
            not self.session.read_only and bool(half_width_marks(text))
        )

    def _show_hints(self) -> None:
        """The findings about this section's words (not the reminder to write it)."""
        found = [f for f in self.session.findings if f.section == self.section.id]
        found = [f for f in found if not self.session.is_text_reminder(f)]
        found.sort(key=lambda f: not f.cells)  # numbers against the tables first
        more = f"（共 {len(found)} 条，见“审核”）" if len(found) > 1 else ""
        self.hints.show_message(found[0].message + more if found else "", "warning")

    def fix_punctuation(self) -> None:
        count = self.session.fix_punctuation(self.section.id)
        self.message.show_message(f"已把 {count} 处半角标点改为全角（可撤销）", "info")

    def _apply_read_only(self, *_: object) -> None:
        self.editor.setReadOnly(self.session.read_only)
        self._update_count()

    def show_previous(self) -> PreviousTextDialog | None:
        previous = self.session.draft.previous
        if previous is None or not self.previous_text:
            return None
        if self._previous_dialog is None:
            self._previous_dialog = PreviousTextDialog(
                self.section.title, previous.year, self.previous_text, self
            )
        self._previous_dialog.show()
        self._previous_dialog.raise_()
        return self._previous_dialog
