"""LibreOffice opens our .docx and .xlsx, and its PDF holds every label, number and name.

Slow (LibreOffice starts once per file) but run in CI: .ci/run installs
libreoffice-writer-nogui and libreoffice-calc-nogui.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govreport_gui.core.report_outline import build_outline
from govreport_gui.output.docx import docx_bytes
from govreport_gui.output.xlsx import xlsx_bytes
from tests.support.export_support import export_drafts
from tests.support.pdf_support import pdftotext

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
BUILDERS = {"docx": docx_bytes, "xlsx": xlsx_bytes}


def squeeze(text: str) -> str:
    """Without spaces and quotation marks (a fallback font's “” come out apart)."""
    return re.sub(r"[\s“”‘’\"']+", "", text)


def convert(path: Path, profile: Path) -> str:
    """LibreOffice's PDF of ``path`` as text (a private profile: runs may overlap)."""
    assert SOFFICE, (
        "LibreOffice is needed: apt install libreoffice-writer-nogui libreoffice-calc-nogui"
    )
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = path.with_suffix(".pdf")
    assert pdf.is_file(), f"LibreOffice made no PDF of {path.name}"
    return squeeze(pdftotext(pdf, "-raw"))


@pytest.fixture(scope="module")
def converted(library, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    profile = tmp_path_factory.mktemp("lo-profile")
    out = {}
    for name, draft in export_drafts(library).items():
        form = library.get(draft.form_id)
        for fmt, build in BUILDERS.items():
            path = folder / f"{name}.{fmt}"
            path.write_bytes(build(form, draft))
            out[name, fmt] = (convert(path, profile), form, draft)
    return out


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("name", ["demo", "filled2021"])
def test_every_label_number_and_signatory_is_in_libreoffice_s_pdf(converted, name, fmt):
    text, form, draft = converted[name, fmt]
    outline = build_outline(form, draft)
    wanted = {squeeze(outline.title), squeeze(draft.unit)}
    for table in outline.tables():
        wanted.add(squeeze(table.layout.title))
        wanted |= {squeeze(c.text) for b in table.layout.blocks for c in b.cells()}
    wanted |= {squeeze(value) for _, value in outline.signatories if value}
    wanted |= {squeeze(label) for label, _ in outline.signatories}
    missing = sorted(w for w in wanted if w and w not in text)
    assert missing == []


def test_the_word_pdf_holds_the_narrative_and_the_sign_off(converted):
    text, form, draft = converted["filled2021", "docx"]
    outline = build_outline(form, draft)
    for section in outline.sections:
        for paragraph in section.paragraphs:
            assert squeeze(paragraph) in text
    assert squeeze(outline.issuer) in text and squeeze(outline.date) in text
