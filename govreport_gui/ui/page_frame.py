"""The frame each page of the window is shown in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class PageFrame(QScrollArea):
    """Scrolls a page only when the page cannot shrink to the window (关怀模式 on a
    1366×768 screen), never beside a list that scrolls by itself.

    Qt's resizable scroll area makes a page with wrapped text as tall as it would like to
    be, so a page holding a list showed the page's scroll bar beside the list's; here the
    page is as tall as the window, or its minimum when that is more.
    """

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(page)
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._fit)
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        page = self.widget()
        if page is None:
            return
        room = self.viewport().size()
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        page.resize(max(room.width(), least.width()), max(room.height(), least.height()))
