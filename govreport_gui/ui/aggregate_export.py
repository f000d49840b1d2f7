"""汇总 page → 导出 Excel: the units' figures for the higher office, as
``govreport aggregate --xlsx`` writes them (output/aggregate_xlsx.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..core.aggregate import AggregateResult
from ..core.draft import read_draft_file
from ..core.errors import GovreportError
from ..core.library import FormLibrary
from ..core.safe_output import write_output
from . import dialogs
from .saved_file import choose_output, offer_open

WHAT = "各单位数据工作簿"


def export_units_workbook(
    parent: QWidget, result: AggregateResult, library: FormLibrary, folder: str
) -> Path | None:
    """Ask where, then write the workbook; each unit's file is read again, one at a time."""
    name = f"{result.draft.year}年度各单位数据.xlsx"
    inputs = [row.file for row in result.units]
    chosen = choose_output(
        parent, f"导出{WHAT}", Path(folder) / name, "Excel 工作簿 (*.xlsx)", (".xlsx",), inputs
    )
    if chosen is None:
        return None
    path, force = chosen
    try:
        from ..output.aggregate_xlsx import units_workbook_bytes  # openpyxl loads only now

        drafts = (read_draft_file(row.file, library) for row in result.included)
        write_output(path, units_workbook_bytes(result, drafts), inputs=inputs, force=force)
    except GovreportError as exc:
        dialogs.tell(parent, "导出失败", str(exc), error=True)
        return None
    offer_open(parent, path, WHAT)
    return path
