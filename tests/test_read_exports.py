"""The app's own Word, Excel and web page exports read back exactly: every value (money
included), the narrative, the signatories and the report's own fields."""

from __future__ import annotations

import pytest

from govreport_gui.core.samples import demo_draft
from govreport_gui.output.docx import docx_bytes
from govreport_gui.output.html import html_bytes
from govreport_gui.output.reading import read_report_file
from govreport_gui.output.xlsx import xlsx_bytes
from tests.support.helpers import filled_2021_draft
from tests.support.report_pages import assert_same_report, filled_draft

BUILDERS = {"docx": docx_bytes, "xlsx": xlsx_bytes, "html": html_bytes}
DRAFTS = {
    "demo": demo_draft,
    "filled 2021": filled_2021_draft,
    "filled 2019": lambda library: filled_draft(library, "2019", 2020, "某某县人民政府"),
}


@pytest.mark.parametrize("kind", list(BUILDERS))
@pytest.mark.parametrize("name", list(DRAFTS))
def test_an_export_reads_back_every_value(tmp_path, library, kind: str, name: str) -> None:
    draft = DRAFTS[name](library)
    form = library.get(draft.form_id)
    path = tmp_path / f"report.{kind}"
    path.write_bytes(BUILDERS[kind](form, draft))
    result = read_report_file(path, library)
    assert_same_report(result, draft)
    assert result.draft.signatories == draft.signatories
    if name != "demo":  # the demo's attachment follows its date
        assert result.draft.report == draft.report
