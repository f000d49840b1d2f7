"""空白格填 0 as the clerk meets it: one question, one undo step, one sentence after.

Which cells get 0 is the core's decision (``core.filling.zero_fill``); table pages, the
编辑 menu and 签署与打印 all come here.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from ..core.errors import GovreportError
from . import dialogs
from .session import DraftSession


def fill_zero(
    parent: QWidget, session: DraftSession, cell_ids: Iterable[str], where: str
) -> tuple[int, str]:
    """空白格填 0: asks once, fills the cells the core says 0 suits as one undo step.
    Returns how many were filled and a sentence saying so (empty when cancelled)."""
    offer = session.zero_fill_offer(cell_ids)
    if not offer:
        return 0, f"{where}没有可以填 0 的空白格。"
    if not dialogs.confirm(
        parent,
        "空白格填 0",
        f"在{where}的 {len(offer)} 个空白格填入 0（表示没有发生）。\n"
        "不能填 0 的格（如由各项合计决定的总计）保持空白。填后可以用 Ctrl+Z 撤销。",
        yes="填 0",
    ):
        return 0, ""
    try:
        filled = session.set_values(offer, f"空白格填 0（{where}）")
    except GovreportError as exc:
        return 0, str(exc)
    return filled, f"已在{where}的 {filled} 个空白格填 0（可按 Ctrl+Z 撤销）。"
