"""Drafts the export tests share: the demo and a filled 2021 report with money to the fen."""

from __future__ import annotations

from decimal import Decimal

from govreport_gui.core.draft import Draft
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.samples import demo_draft
from tests.support.helpers import filled_2021_draft

FEES = Decimal("13579.246813")  # 万元 to the fen, as real reports state it (issue 14)
SCRIPT = "<script>alert('x')</script> & <b>粗</b>"


def filled_with_fees(library: FormLibrary) -> Draft:
    """Every 2021 cell filled, 行政事业性收费 13579.246813 万元, a script typed into a text."""
    draft = filled_2021_draft(library)
    draft.values["t2.fees"] = FEES
    draft.texts["other"] = draft.texts.get("other", "") + "\n" + SCRIPT
    return draft


def export_drafts(library: FormLibrary) -> dict[str, Draft]:
    return {"demo": demo_draft(library), "filled2021": filled_with_fees(library)}
