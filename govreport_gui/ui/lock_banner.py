"""The bar above a report marked 已报送: it is locked, and 解锁 is the way back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..core.errors import GovreportError
from . import dialogs, looks
from .session import DraftSession
from .widgets import ICON_SIZE


class LockBanner(QFrame):
    told = Signal(str)  # why unlocking failed (the window's status bar says it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame {{ background: {looks.BANNER_BACKGROUND.name()}; }}")
        layout = QHBoxLayout(self)
        icon = QLabel(self)
        icon.setPixmap(looks.icon("locked").pixmap(ICON_SIZE, ICON_SIZE))
        self.text = QLabel("该报告已报送，已锁定，只能查看。需要修改时请先解锁。", self)
        self.text.setWordWrap(True)
        self.unlock_button = QPushButton("解锁(&U)", self)
        self.unlock_button.setAccessibleName("解锁报告以便修改")
        self.unlock_button.clicked.connect(self.unlock)
        self.session: DraftSession | None = None
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.unlock_button)
        self.hide()

    def attach(self, session: DraftSession) -> None:
        self.session = session

    def unlock(self) -> None:
        """Ask, then take the report back from 已报送 to 草稿."""
        if self.session is None or not dialogs.confirm(
            self,
            "解锁报告",
            "该报告已报送。解锁后可以修改，修改后需要重新审核和报送。确定解锁吗？",
            yes="解锁",
        ):
            return
        try:
            self.session.unlock()
        except GovreportError as exc:
            self.told.emit(str(exc))
