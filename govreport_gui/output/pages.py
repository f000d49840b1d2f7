"""The pages of a print and writing the file: portrait pages, turned pages for wide tables.

A wide table is printed on a portrait sheet turned so its head is at the left edge (订口
of odd pages, 切口 of even ones, GB/T 9704 §8), with page number and marks where every
other page has them. The file is written beside the target and published in one step;
every PDF asks the viewer to print at 100 % and double-sided (GB/T 9704 6.2).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.doctemplate import LayoutError

from ..core.atomicfile import publish
from ..core.draft import Draft
from ..core.errors import GovreportError, os_reason
from ..core.model import Form
from .layout import (
    AREA_BOTTOM,
    AREA_HEIGHT,
    AREA_LEFT,
    AREA_WIDTH,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    WIDE_AREA_BOTTOM,
    WIDE_AREA_HEIGHT,
    WIDE_AREA_LEFT,
    WIDE_AREA_WIDTH,
)
from .marks import PageMarks

PORTRAIT_AREA = (AREA_LEFT, AREA_BOTTOM, AREA_WIDTH, AREA_HEIGHT)
WIDE_AREA = (WIDE_AREA_LEFT, WIDE_AREA_BOTTOM, WIDE_AREA_WIDTH, WIDE_AREA_HEIGHT)
SHEET = (PAGE_WIDTH, PAGE_HEIGHT)


def print_options(canv) -> None:  # type: ignore[no-untyped-def]
    """Print at 100 % (forms must not be scaled), double-sided as GB/T 9704 6.2 asks."""
    canv.setViewerPreference("PrintScaling", "None")
    canv.setViewerPreference("Duplex", "DuplexFlipLongEdge")


def _frame(area: tuple[float, float, float, float], name: str) -> Frame:
    x, y, w, h = area
    return Frame(x, y, w, h, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def page_templates(marks: PageMarks, wide_pages: list[int]) -> list[PageTemplate]:
    """The portrait template and the turned one; ``wide_pages`` collects the turned pages."""

    def on_portrait(canv, doc) -> None:  # type: ignore[no-untyped-def]
        print_options(canv)
        marks.draw(canv, SHEET, PORTRAIT_AREA)

    def on_wide(canv, doc) -> None:  # type: ignore[no-untyped-def]
        print_options(canv)
        wide_pages.append(canv.getPageNumber())
        marks.draw(canv, SHEET, PORTRAIT_AREA)
        canv.saveState()  # the type area turned 90° counter-clockwise
        canv.translate(PAGE_WIDTH, 0)
        canv.rotate(90)

    def on_wide_end(canv, doc) -> None:  # type: ignore[no-untyped-def]
        canv.restoreState()

    return [
        PageTemplate(
            "portrait", [_frame(PORTRAIT_AREA, "body")], onPage=on_portrait, pagesize=SHEET
        ),
        PageTemplate(
            "wide",
            [_frame(WIDE_AREA, "wide")],
            onPage=on_wide,
            onPageEnd=on_wide_end,
            pagesize=SHEET,
        ),
    ]


def build_document(
    out_path: Path,
    story: list[Flowable],
    marks: PageMarks,
    form: Form,
    draft: Draft,
    invariant: bool,
) -> tuple[int, list[int]]:
    """Lay ``story`` out into ``out_path``; (pages, the turned pages)."""
    wide_pages: list[int] = []
    tmp = _temporary_file(out_path)
    doc = BaseDocTemplate(
        tmp,
        pagesize=SHEET,
        pageTemplates=page_templates(marks, wide_pages),
        title=draft.title(form),
        author=draft.unit,
        subject=form.title,
        creator="govreport",
        keywords=f"govreport {marks.footer}",
        invariant=1 if invariant else 0,
        initialFontName=marks.fonts.body.name,  # else every page references Helvetica
    )
    try:
        doc.build(story)
        publish(tmp, Path(out_path))  # output permissions: umask, or the old file's
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        _raise_readable(exc, out_path)
        raise
    return doc.page, wide_pages


def _temporary_file(out_path: Path) -> str:
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=out_path.parent)
        os.close(fd)
    except OSError as exc:
        raise GovreportError(f"无法在 {out_path.parent} 中写文件：{os_reason(exc)}") from None
    return tmp


def _raise_readable(exc: BaseException, out_path: Path) -> None:
    """A layout or file error said in Chinese; anything else is left to the caller."""
    if isinstance(exc, LayoutError):
        raise GovreportError(f"排版失败：有内容超过一页的大小，无法放入页面（{exc}）") from None
    if isinstance(exc, PermissionError):
        raise GovreportError(
            f"无法写入 {out_path}：文件可能正被其他程序（如 PDF 阅读器）打开，请关闭后重试。"
        ) from None
    if isinstance(exc, OSError):
        raise GovreportError(f"无法写入文件 {out_path}：{os_reason(exc)}") from None


def _template(flowable: Flowable) -> str | None:
    action = getattr(flowable, "action", ())
    return action[1] if isinstance(flowable, NextPageTemplate) and len(action) > 1 else None


def no_blank_pages(story: list[Flowable]) -> list[Flowable]:
    """Two wide tables in a row turn straight from one to the next, without the empty
    portrait page between them that "back to portrait, then wide again" would print."""
    out: list[Flowable] = []
    for flowable in story:
        out.append(flowable)
        tail = out[-4:]
        if (
            len(tail) == 4
            and _template(tail[0]) == "portrait"
            and isinstance(tail[1], PageBreak)
            and _template(tail[2]) == "wide"
            and isinstance(tail[3], PageBreak)
        ):
            del out[-4:-2]
    return out
