"""Helpers for the PDF tests: a fully filled 2021 draft, and reading a PDF back."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


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
