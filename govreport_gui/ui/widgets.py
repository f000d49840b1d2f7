"""Small widgets every page uses: titles, guidance text, an inline message line."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from . import looks

ICON_SIZE = 16
GUIDANCE_STYLE = f"color: {looks.GUIDANCE_TEXT.name()};"


class WrapLabel(QLabel):
    """A word-wrapped label exactly as tall as its text at its current width.

    A plain wrapped QLabel inside a QStackedWidget asks for the height its text needs at
    a guessed narrow width, which leaves blank bands above and below a one-line text.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _height(self) -> int:
        # Before it is laid out (a page not yet shown) a label is 100 px wide; measuring
        # it then would make the window grow for text that will fit on one line.
        width = self.width() if self.isVisible() else 1000
        return super().heightForWidth(max(width, 1))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()


class Page(QWidget):
    """A page of the window: a step of a report, or the 汇总 page."""

    def focus_first(self) -> None:
        """Put the keyboard where the clerk starts on this page."""
        raise NotImplementedError


class ElidedLabel(QLabel):
    """One line whatever its length: cut with … where the width ends, in full as tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        super().setText(shown)


class TextDialog(QDialog):
    """A page of text to read beside the window (使用说明, a table's official notes)."""

    def __init__(
        self, title: str, text: str, parent: QWidget | None = None, *, markdown: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser(self)
        self.view.setOpenExternalLinks(False)
        if markdown:
            self.view.setMarkdown(text)
        else:
            self.view.setPlainText(text)
        self.view.setAccessibleName(title)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.view.toPlainText()


def title_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = WrapLabel(text, parent)
    looks.scale_font(label, 1.3, bold=True)
    label.setAccessibleName(text)
    return label


def guidance_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = WrapLabel(text, parent)
    label.setStyleSheet(GUIDANCE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def guidance_line(text: str, parent: QWidget | None = None) -> ElidedLabel:
    """Guidance on one line (whole in its tooltip), where a table needs the height."""
    label = ElidedLabel(parent)
    label.setStyleSheet(GUIDANCE_STYLE)
    label.setText(text)
    return label


class InlineMessage(QWidget):
    """An icon and a sentence under a field or grid; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        self.icon = QLabel(self)
        self.icon.setFixedWidth(ICON_SIZE + 4)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = WrapLabel("", self)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_message(self, message: str, kind: str = "error") -> None:
        """kind: error, warning, info or ok (chooses the icon; the text says it in words)."""
        if not message:
            self.clear()
            return
        size = looks.icon_px(self)
        self.icon.setPixmap(looks.icon(kind).pixmap(size, size))
        self.icon.setFixedWidth(size + 4)
        self.text.setText(message)
        colour = looks.ERROR_TEXT.name() if kind == "error" else looks.MESSAGE_TEXT.name()
        self.text.setStyleSheet(f"color: {colour};")
        self.setAccessibleName(message)
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.hide()

    def message(self) -> str:
        return "" if self.isHidden() else self.text.text()
