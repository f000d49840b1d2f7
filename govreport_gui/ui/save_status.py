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

    def __init__(self, parent: QWidget | None = None, *, keeps_drafts: bool = True) -> None:
        super().__init__(parent)
        #: False for the demo's throw-away store: nothing is saved, so never say 已保存.
        self.keeps_drafts = keeps_drafts
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel(self)
        self.label = QLabel("", self)
        self.label.setAccessibleName("保存状态")
        self.label.setWordWrap(True)  # a long "未能保存…" must not widen the window
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)  # hidden on 开始: the buttons keep their place
        self.setSizePolicy(policy)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)

    def text(self) -> str:
        return self.label.text()

    def show_opened(self) -> None:
        self.icon.clear()
        self.label.setStyleSheet("")
        self.label.setText(
            "已打开，修改会自动保存" if self.keeps_drafts else "示例报告：修改不会保存"
        )

    def show_saved(self, when: datetime) -> None:
        if not self.keeps_drafts:
            return
        self._set_icon("ok")
        self.label.setStyleSheet("")
        self.label.setText(f"已保存 {when:%H:%M:%S}")

    def show_failed(self, message: str) -> None:
        self._set_icon("error")
        self.label.setStyleSheet(looks.ERROR_STYLE)
        self.label.setText(f"未能保存：{message}（修改仍在，稍后自动重试）")

    def _set_icon(self, kind: str) -> None:
        size = looks.icon_px(self.label)
        self.icon.setPixmap(looks.icon(kind).pixmap(size, size))
