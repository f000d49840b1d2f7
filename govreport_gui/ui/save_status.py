"""The save state at the bottom of the window: an icon and one line, one widget.

It follows the open report's session: 已打开, 已保存 12:03:04, or 未能保存 with the
store's reason (the draft stays in memory and is retried).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from . import looks


class SaveStatus(QWidget):
    """Icon and text of the save state; never wider than the window allows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel(self)
        self.label = QLabel("", self)
        self.label.setAccessibleName("保存状态")
        self.label.setWordWrap(True)  # a long "未能保存…" must not widen the window
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)

    def text(self) -> str:
        return self.label.text()

    def show_opened(self) -> None:
        self.icon.clear()
        self.label.setStyleSheet("")
        self.label.setText("已打开，修改会自动保存")

    def show_saved(self, when: datetime) -> None:
        self._set_icon("ok")
        self.label.setStyleSheet("")
        self.label.setText(f"已保存 {when:%H:%M:%S}")

    def show_failed(self, message: str) -> None:
        self._set_icon("error")
        self.label.setStyleSheet(f"color: {looks.ERROR_TEXT.name()};")
        self.label.setText(f"未能保存：{message}（修改仍在，稍后自动重试）")

    def _set_icon(self, kind: str) -> None:
        size = looks.icon_px(self.label)
        self.icon.setPixmap(looks.icon(kind).pixmap(size, size))
