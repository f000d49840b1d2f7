"""Helpers for the PDF tests: a fully filled 2021 draft, and reading a PDF back."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from govreport_gui.core.draft import Draft, new_draft
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.model import cell_id
from govreport_gui.core.values import NA

T3_PARTS = ("natural", "business", "research", "public_welfare", "legal", "other")


def filled_2021_draft(library: FormLibrary, year: int = 2023) -> Draft:
    """Every cell of the 2021 format filled, all sums and balances right (no 错误)."""
    form = library.get("2021")
    draft = new_draft(form, year, "某某县人民政府办公室")
    v = draft.values
    v["t2.rules.issued"] = NA
    v["t2.rules.repealed"] = NA
    v["t2.rules.valid"] = NA
    v["t2.normative.issued"], v["t2.normative.repealed"], v["t2.normative.valid"] = 12, 3, 87
    v["t2.license"], v["t2.penalty"], v["t2.coercion"] = 1532, 418, 27
    v["t2.fees"] = Decimal("12.35")
    t3 = form.table("t3").blocks[0]
    result_rows = [r.id for r in t3.rows if not r.group and r.id.startswith("r")]
    for n, col in enumerate(T3_PARTS):
        total = 0
        for k, row in enumerate(result_rows):
            value = (3 * k + 7 * n + 1) % 11
            v[cell_id("t3", row, col)] = value
            total += value
        v[cell_id("t3", "total", col)] = total
        v[cell_id("t3", "carry_in", col)] = n + 2
        v[cell_id("t3", "new", col)] = total + 5 + n
        v[cell_id("t3", "carry_out", col)] = 7 + 2 * n
    for row in (*result_rows, "total", "new", "carry_in", "carry_out"):
        v[cell_id("t3", row, "total")] = sum(v[cell_id("t3", row, c)] for c in T3_PARTS)
    for group, base in (("review", 1), ("direct", 2), ("after", 3)):
        parts = [base, base + 1, base + 2, base + 3]
        for name, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            v[f"t4.{group}_{name}"] = value
        v[f"t4.{group}_total"] = sum(parts)
    for section in form.text_sections():
        draft.texts[section.id] = f"{section.title}的情况说明。本年度工作稳步推进，成效明显。"
    draft.signatories.update(unit_head="王某某", reviewer="", preparer="李某", phone="0797-1234567")
    draft.report.update(issue_date="2024年1月20日", addressee="县人民政府")
    return draft


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float  # points from the left edge
    y0: float  # points from the top edge
    x1: float
    y1: float
    page_width: float
    page_height: float


def pdftotext(path: Path, *args: str) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "poppler-utils (pdftotext) is needed: apt install poppler-utils"
    return subprocess.run(
        [exe, "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def words(path: Path) -> list[Word]:
    """Every word poppler finds, with its box (pdftotext -bbox)."""
    html = pdftotext(path, "-bbox")
    result = []
    page = 0
    width = height = 0.0
    for line in html.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page += 1
            width, height = float(m[1]), float(m[2])
            continue
        m = re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
            line,
        )
        if m:
            text = m[5].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            text = text.replace("&amp;", "&")
            result.append(Word(page, text, *(float(m[i]) for i in range(1, 5)), width, height))
    return result


def pdffonts(path: Path) -> list[dict[str, str]]:
    exe = shutil.which("pdffonts")
    assert exe, "poppler-utils (pdffonts) is needed"
    out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type...] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows
