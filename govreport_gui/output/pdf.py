"""The print-ready report: one PDF per draft, laid out as an official document.

Order on paper (GB/T 9704-2012): title, addressee, the sections with their tables, the
附件说明 line, issuer and date with room for the seal, the signatory lines, then each
attachment on a new page ("附件", its title, 填报单位（盖章）, the table, the signatory
lines). While an 错误 is neither fixed nor explained every page carries a 草稿 mark and
the footer says why. Fonts are embedded subsets; a character no font of the PC has
stops the print (:class:`MissingGlyphsError`) unless ``allow_missing`` prints 〓 instead.
"""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Indenter,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from ..core.atomicfile import publish
from ..core.checks import check_draft, unexplained_errors
from ..core.dates import issue_date
from ..core.draft import Draft
from ..core.errors import GovreportError, os_reason
from ..core.model import Form, Section
from ..core.report_outline import (
    ATTACHMENT,
    addressee_line,
    attachment_name,
    attachment_note,
    is_attachment,
    issuer,
    paragraphs,
    run_in_heading,
)
from .fonts import FontSet, Role, choose_fonts, find_fonts, missing_glyphs
from .glyphs import PLACEHOLDER, GlyphMapper, MissingChar, MissingGlyphsError, missing_message
from .layout import (
    AREA_BOTTOM,
    AREA_HEIGHT,
    AREA_LEFT,
    AREA_WIDTH,
    BODY_SIZE,
    LEADING,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    WIDE_AREA_BOTTOM,
    WIDE_AREA_HEIGHT,
    WIDE_AREA_LEFT,
    WIDE_AREA_WIDTH,
    WIDE_PAGE,
    Styles,
)
from .longpara import in_pieces
from .marks import PageMarks, fingerprint, qr_code, qr_payload
from .signoff import SealPlace, SignOff, signatory_table
from .tables import print_table

__all__ = [
    "MissingChar",
    "MissingGlyphsError",
    "RenderResult",
    "find_fonts",
    "missing_glyphs",
    "render_pdf",
]

SIGNATORY_SIZE = 14  # 4号 at the end of the report
TABLE_SIGNATORY_SIZE = 12
_build_lock = threading.Lock()  # a registered TTFont must not serve two documents at once


@dataclass(frozen=True)
class RenderResult:
    path: Path
    pages: int
    draft_mark: bool  # the 草稿 mark is printed: some 错误 are neither fixed nor explained
    unexplained_errors: int
    missing: tuple[MissingChar, ...]  # printed as 〓 (only with allow_missing)
    fingerprint: str
    fonts: dict[str, str] = field(default_factory=dict)  # role → font family
    seal: SealPlace | None = None
    wide_pages: tuple[int, ...] = ()  # landscape pages holding wide tables
    footer: tuple[str, ...] = ()  # the lines printed under every page

    @property
    def final(self) -> bool:
        return not self.draft_mark

    @property
    def status(self) -> str:
        if self.draft_mark:
            return f"草稿（尚有 {self.unexplained_errors} 项错误未改正或说明）"
        return "正式打印稿"


def render_pdf(
    form: Form,
    draft: Draft,
    out_path: Path,
    *,
    font_path: Path | None = None,
    allow_missing: bool = False,
    fonts: FontSet | None = None,
    invariant: bool = False,
) -> RenderResult:
    """Write the report of ``draft`` to ``out_path`` (atomically) and say what was printed.

    Raises :class:`~.fonts.FontError` (no usable font, a bad font file),
    :class:`MissingGlyphsError` (characters no font has; pass ``allow_missing=True`` to
    print them as 〓) or :class:`GovreportError` when the file cannot be written.
    """
    fonts = fonts or choose_fonts(font_path)
    styles = Styles.build(fonts)
    glyphs = GlyphMapper(fonts)
    report = _Report(form, draft, styles, glyphs)
    story = report.story()
    if glyphs.missing and not allow_missing:
        missing = list(glyphs.missing.values())
        raise MissingGlyphsError(missing_message(missing, fonts), missing)
    errors = unexplained_errors(check_draft(form, draft), draft.explanations)
    reason = f"尚有 {len(errors)} 项错误未改正或说明" if errors else ""
    digest = fingerprint(draft)
    marks = PageMarks(
        fonts,
        glyphs,
        footer=f"电子文件指纹：{digest}（格式 {form.id}，{draft.year} 年度）",
        reason=reason,
        qr=qr_code(qr_payload(draft, digest)),
    )
    out_path = Path(out_path)
    with _build_lock:
        pages, wide = _build(out_path, story, marks, form, draft, invariant)
    return RenderResult(
        path=out_path,
        pages=pages,
        draft_mark=bool(errors),
        unexplained_errors=len(errors),
        missing=tuple(glyphs.missing.values()),
        fingerprint=digest,
        fonts=fonts.describe(),
        seal=report.signoff.place if report.signoff else None,
        wide_pages=tuple(wide),
        footer=marks.lines,
    )


def check_glyphs(form: Form, draft: Draft, *, font_path: Path | None = None) -> list[MissingChar]:
    """Characters of the draft that no usable font can print, before rendering anything."""
    fonts = choose_fonts(font_path)
    glyphs = GlyphMapper(fonts)
    _Report(form, draft, Styles.build(fonts), glyphs).story()
    return list(glyphs.missing.values())


# -- the document --------------------------------------------------------------------------


def _build(
    out_path: Path,
    story: list[Flowable],
    marks: PageMarks,
    form: Form,
    draft: Draft,
    invariant: bool,
) -> tuple[int, list[int]]:
    wide_pages: list[int] = []
    portrait_area = (AREA_LEFT, AREA_BOTTOM, AREA_WIDTH, AREA_HEIGHT)
    wide_area = (WIDE_AREA_LEFT, WIDE_AREA_BOTTOM, WIDE_AREA_WIDTH, WIDE_AREA_HEIGHT)

    def on_portrait(canv, doc) -> None:  # type: ignore[no-untyped-def]
        _print_options(canv)
        marks.draw(canv, (PAGE_WIDTH, PAGE_HEIGHT), portrait_area)

    def on_wide(canv, doc) -> None:  # type: ignore[no-untyped-def]
        _print_options(canv)
        wide_pages.append(canv.getPageNumber())
        marks.draw(canv, WIDE_PAGE, wide_area)

    def frame(area: tuple[float, float, float, float], name: str) -> Frame:
        x, y, w, h = area
        return Frame(
            x, y, w, h, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
        )

    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=out_path.parent)
        os.close(fd)
    except OSError as exc:
        raise GovreportError(f"无法在 {out_path.parent} 中写文件：{os_reason(exc)}") from None
    doc = BaseDocTemplate(
        tmp,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageTemplates=[
            PageTemplate(
                "portrait",
                [frame(portrait_area, "body")],
                onPage=on_portrait,
                pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            ),
            PageTemplate("wide", [frame(wide_area, "wide")], onPage=on_wide, pagesize=WIDE_PAGE),
        ],
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
    except LayoutError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GovreportError(f"排版失败：有内容超过一页的大小，无法放入页面（{exc}）") from None
    except PermissionError:
        Path(tmp).unlink(missing_ok=True)
        raise GovreportError(
            f"无法写入 {out_path}：文件可能正被其他程序（如 PDF 阅读器）打开，请关闭后重试。"
        ) from None
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GovreportError(f"无法写入文件 {out_path}：{os_reason(exc)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return doc.page, wide_pages


def _print_options(canv) -> None:  # type: ignore[no-untyped-def]
    """Print at 100 % (forms must not be scaled), double-sided as GB/T 9704 6.2 asks."""
    canv.setViewerPreference("PrintScaling", "None")
    canv.setViewerPreference("Duplex", "DuplexFlipLongEdge")


class _Report:
    """Builds the story (the list of flowables) of one print."""

    def __init__(self, form: Form, draft: Draft, styles: Styles, glyphs: GlyphMapper) -> None:
        self.form = form
        self.draft = draft
        self.styles = styles
        self.glyphs = glyphs
        self.fonts = styles.fonts
        self.signoff: SignOff | None = None

    def para(self, text: str, style, where: str, role: Role = Role.BODY) -> Paragraph:  # type: ignore[no-untyped-def]
        return Paragraph(self.glyphs.markup(text, self.fonts[role], where), style)

    def story(self) -> list[Flowable]:
        form, draft, styles = self.form, self.draft, self.styles
        story: list[Flowable] = [self.para(draft.title(form), styles.title, "报告标题", Role.TITLE)]
        addressee = addressee_line(draft)
        if addressee:
            story.append(self.para(addressee, styles.addressee, "主送机关"))
        attachments = [s for s in form.sections if is_attachment(s)]
        for section in form.sections:
            if not is_attachment(section):
                story += self.section(section)
        if attachments:
            story += self.attachment_note(attachments)
        self.signoff = SignOff(
            issuer(draft),
            issue_date(draft),
            self.fonts,
            self.glyphs,
        )
        closing: list[Flowable] = [self.signoff]
        if not attachments:  # the signatory lines go where GB/T 9704 puts 附注
            closing += [
                Indenter(left=2 * BODY_SIZE),
                signatory_table(
                    draft, styles, self.glyphs, AREA_WIDTH - 2 * BODY_SIZE, SIGNATORY_SIZE
                ),
                Indenter(left=-2 * BODY_SIZE),
            ]
        # the seal block stays with the last text line, and a heading stays with its text
        tail: list[Flowable] = []
        if isinstance(story[-1], Paragraph):
            tail.append(story.pop())
            while story and isinstance(story[-1], Paragraph) and story[-1].getKeepWithNext():
                tail.insert(0, story.pop())
        story.append(KeepTogether(tail + closing))
        for number, section in enumerate(attachments, 1):
            story += self.attachment(section, number if len(attachments) > 1 else None)
        return story

    def paragraphs(self, text: str, where: str) -> list[Flowable]:
        """One paragraph per line of user text, first line indented two characters."""
        result: list[Flowable] = []
        for line in paragraphs(text):
            para = Paragraph(self._body_markup(line, where), self.styles.body)
            result += in_pieces(para, AREA_WIDTH, len(line))  # linear time for long ones
        return result

    def _body_markup(self, line: str, where: str) -> str:
        """A leading "（一）…。" run-in heading is set in 楷体 (二级标题) when the PC has it."""
        kai = self.fonts[Role.KAI]
        body = self.fonts[Role.BODY]
        end = run_in_heading(line) if kai is not body else 0
        if end:
            head = self.glyphs.markup(line[:end], kai, where)
            return f'<font name="{kai.name}">{head}</font>' + self.glyphs.markup(
                line[end:], body, where
            )
        return self.glyphs.markup(line, body, where)

    def section(self, section: Section) -> list[Flowable]:
        flow: list[Flowable] = []
        heading: list[Flowable] = []
        if section.print_title:
            heading = [self.para(section.title, self.styles.heading, section.title, Role.HEADING)]
        text = self.paragraphs(self.draft.texts.get(section.id, ""), section.title)
        if not section.table:
            return heading + text
        printed = print_table(
            self.form, self.form.table(section.table), self.draft, self.styles, self.glyphs
        )
        table_flow = [*self.table_heading(section), *printed.flowables, Spacer(0, LEADING / 2)]
        if not printed.wide:
            return heading + text + table_flow
        if text:
            flow = heading + text
            heading = []
        return [
            *flow,
            NextPageTemplate("wide"),
            PageBreak(),
            *heading,
            *table_flow,
            NextPageTemplate("portrait"),
            PageBreak(),
        ]

    def table_heading(self, section: Section) -> list[Flowable]:
        """The table's own title when it differs from the section's, and its note."""
        table = self.form.table(section.table or "")
        flow: list[Flowable] = []
        title = table.title_for(self.draft.year)
        if title and title != section.title and not is_attachment(section):
            flow.append(self.para(title, self.styles.heading, title, Role.HEADING))
        if table.note:
            flow.append(self.para(table.note, self.styles.note, title))
        return flow

    def attachment_note(self, attachments: list[Section]) -> list[Flowable]:
        """附件说明: 正文下空一行左空二字编排"附件：", several attachments numbered."""
        flow: list[Flowable] = [Spacer(0, LEADING)]
        for i, text in enumerate(attachment_note(attachments)):
            style = self.styles.body
            if i:  # aligned under the first name
                style = style.clone("attachment_more", firstLineIndent=5 * BODY_SIZE)
            flow.append(self.para(text, style, "附件说明"))
        return flow

    def attachment(self, section: Section, number: int | None) -> list[Flowable]:
        """An attachment on its own page(s): 附件 top left, title on line 3, the table."""
        table = self.form.table(section.table) if section.table else None
        printed = (
            print_table(self.form, table, self.draft, self.styles, self.glyphs) if table else None
        )
        wide = bool(printed and printed.wide)
        flow: list[Flowable] = [NextPageTemplate("wide" if wide else "portrait"), PageBreak()]
        label = ATTACHMENT + (str(number) if number else "")
        flow.append(self.para(label, self.styles.attachment_label, "附件", Role.HEADING))
        title = table.title_for(self.draft.year) if table else attachment_name(section)
        flow.append(
            self.para(
                title,
                self.styles.attachment_title.clone("att", spaceBefore=LEADING),
                title,
                Role.TITLE,
            )
        )
        flow.append(
            self.para(f"填报单位（盖章）：{self.draft.unit}", self.styles.unit_line, "填报单位")
        )
        flow.append(Spacer(0, 4))
        flow += self.paragraphs(self.draft.texts.get(section.id, ""), section.title)
        if table is not None and printed is not None:
            if table.note:
                flow.append(self.para(table.note, self.styles.note, title))
            flow += printed.flowables
        width = WIDE_AREA_WIDTH if wide else AREA_WIDTH
        flow.append(Spacer(0, 6))
        flow.append(
            signatory_table(self.draft, self.styles, self.glyphs, width, TABLE_SIGNATORY_SIZE)
        )
        if wide:
            flow.append(NextPageTemplate("portrait"))
        return flow


def describe_missing(missing: list[MissingChar]) -> str:
    """One line for a warning: the characters printed as the placeholder."""
    return f"以下字本机字体中没有，已印成“{PLACEHOLDER}”：" + "；".join(
        m.describe() for m in missing
    )
