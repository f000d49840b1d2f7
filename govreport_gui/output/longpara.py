"""Long paragraphs in time linear in their length.

ReportLab splits a paragraph that runs over a page by breaking the rest of it into lines
again, once per page: a paragraph of n characters over n/900 pages costs n²/1800 line
breaking steps (200,000 characters without a line break took 76 s). Here such a paragraph
is broken into lines once, and handed to the page layout as consecutive pieces of
:data:`CHUNK_LINES` lines cut at line ends, each with the same lines: the print is the
same, and each page break only re-breaks one piece.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph

#: Lines per piece: two pages of the 22-line body, so a page break re-breaks little.
CHUNK_LINES = 44
#: Shorter paragraphs are left whole (most paragraphs of a report are far shorter).
MIN_CHARS = 2_000


def in_pieces(para: Paragraph, width: float, text_length: int) -> list[Paragraph]:
    """``para`` as pieces of whole lines that print exactly as it would (see module doc)."""
    if text_length < MIN_CHARS:
        return [para]
    para.wrap(width, 1e9)
    lines = para.blPara.lines
    if len(lines) <= CHUNK_LINES:
        return [para]
    cut = para._get_split_blParaFunc()
    style = para.style
    first = style.clone(f"{style.name}-first", spaceAfter=0)
    middle = style.clone(f"{style.name}-middle", firstLineIndent=0, spaceBefore=0, spaceAfter=0)
    last = style.clone(f"{style.name}-last", firstLineIndent=0, spaceBefore=0)
    pieces: list[Paragraph] = []
    for start in range(0, len(lines), CHUNK_LINES):
        stop = min(start + CHUNK_LINES, len(lines))
        shape = first if start == 0 else (last if stop == len(lines) else middle)
        piece: Any = para.__class__(None, shape, frags=cut(para.blPara, start, stop))
        piece._JustifyLast = stop < len(lines)  # a cut line is a full line: justify it
        pieces.append(piece)
    return pieces
