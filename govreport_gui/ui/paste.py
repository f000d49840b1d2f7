"""Ctrl+V on a table page: the clipboard's block (Excel, WPS, a browser) into the report.

The clipboard is read here (tab-separated text and, when there is one, the HTML version
with its merged cells and labels); what goes where is decided by core.paste; the change
is one undo step through ``DraftSession.set_values``.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData

from ..core.document import Grid
from ..core.paste import PastePlan, plan_paste
from ..output.read_html import parse_html
from ..output.read_tsv import tsv_rows
from .grid_model import BlockModel

SHOWN_PROBLEMS = 6


def clipboard_tables(mime: QMimeData) -> tuple[Grid, list[Grid]]:
    """The plain block (tab-separated text) and the HTML version's tables, if any."""
    labelled = parse_html(mime.html()).grids if mime.hasHtml() else []
    if mime.hasText():
        block = Grid.plain(tsv_rows(mime.text()), "粘贴内容")
    elif labelled:
        block = labelled[0]
    else:
        block = Grid.plain([], "粘贴内容")
    return block, labelled


def paste_into(model: BlockModel, start: tuple[int, int], mime: QMimeData) -> tuple[str, str]:
    """Paste into the report; returns (message, kind) for the page's message line.

    Raises GovreportError when the report cannot be changed (locked)."""
    block, labelled = clipboard_tables(mime)
    session = model.session
    plan = plan_paste(
        session.form,
        model.table.id,
        model.value_places(),
        (model.rowCount(), model.columnCount()),
        start,
        block,
        labelled,
    )
    changed = session.set_values(plan.values, f"粘贴 {len(plan.values)} 格") if plan.values else 0
    return paste_report(plan, changed)


def paste_report(plan: PastePlan, changed: int) -> tuple[str, str]:
    how = "按表格中的标签" if plan.by_label else "从当前格起"
    lead = (
        f"已{how}粘贴 {len(plan.values)} 格（{changed} 格有变化，可撤销）"
        if plan.values
        else "没有粘贴任何格"
    )
    if not plan.problems:
        return lead, "ok"
    shown = plan.problems[:SHOWN_PROBLEMS]
    more = (
        f"\n……另有 {len(plan.problems) - SHOWN_PROBLEMS} 处"
        if len(plan.problems) > SHOWN_PROBLEMS
        else ""
    )
    return f"{lead}；以下 {len(plan.problems)} 处没有粘贴：\n" + "\n".join(shown) + more, "warning"
