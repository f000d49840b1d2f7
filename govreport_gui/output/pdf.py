"""The print-ready report: one PDF per draft, laid out as an official document.

Order on paper (GB/T 9704-2012): title, addressee, the sections with their tables, the
附件说明 line, issuer and date with room for the seal, the signatory lines, then each
attachment on a new page ("附件", its title, 填报单位（盖章）, the table, the signatory
lines). While an 错误 is neither fixed nor explained every page carries a 草稿 mark and
the footer says why. Fonts are embedded subsets; a character no font of the PC has
stops the print (:class:`MissingGlyphsError`) unless ``allow_missing`` prints 〓 instead.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import (
    Flowable,
    Indenter,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from ..core.checks import check_draft, section_of, unexplained_errors
from ..core.dates import issue_date
from ..core.draft import Draft
from ..core.model import Form, Section
from ..core.report_outline import (
    ATTACHMENT,
    addressee_line,
    attachment_note,
    attachment_title,
    is_attachment,
    issuer,
    paragraphs,
    run_in_heading,
)
from ..core.rules import Finding, Severity
from .font_roles import RoleFact, substitute_message
from .fonts import FontSet, Role, choose_fonts, find_fonts, missing_glyphs
from .glyphs import PLACEHOLDER, GlyphMapper, MissingChar, MissingGlyphsError, missing_message
from .layout import (
    AREA_WIDTH,
    BODY_SIZE,
    LEADING,
    WIDE_AREA_WIDTH,
    Para,
    Styles,
)
from .longpara import in_pieces
from .marks import PageMarks, fingerprint, qr_code, qr_payload
from .pages import build_document, no_blank_pages
from .signoff import SealPlace, SignOff, imprint, signatory_table
from .tables import BlockTable, LeadIn, print_table
from .titlebreak import title_lines

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
    font_facts: tuple[RoleFact, ...] = ()  # which font serves each role, standard or not
    seal: SealPlace | None = None
    wide_pages: tuple[int, ...] = ()  # landscape pages holding wide tables
    footer: tuple[str, ...] = ()  # the lines printed under every page

    @property
    def final(self) -> bool:
        return not self.draft_mark

    @property
    def status(self) -> str:
        if not self.draft_mark:
            return "正式打印稿"
        reasons = [f"尚有 {self.unexplained_errors} 项错误未改正或说明"] * bool(
            self.unexplained_errors
        )
        if self.missing:
            reasons.append(f"{len(self.missing)} 个字印成“{PLACEHOLDER}”")
        return f"草稿（{'；'.join(reasons)}）"

    @property
    def font_note(self) -> str:
        """Which roles are not in their standard font, and how to install it; "" if none."""
        return substitute_message(self.font_facts)


def render_pdf(
    form: Form,
    draft: Draft,
    out_path: Path,
    *,
    font_path: Path | None = None,
    allow_missing: bool = False,
    fonts: FontSet | None = None,
    invariant: bool = False,
    font_cache: Path | None = None,
) -> RenderResult:
    """Write the report of ``draft`` to ``out_path`` (atomically) and say what was printed.

    ``font_cache`` is the folder keeping the font discovery between runs (the data folder).
    A print with a 〓 in it is a 草稿, like one with unexplained 错误. Raises :class:`~.fonts.FontError` (no usable font, a bad font file),
    :class:`MissingGlyphsError` (characters no font has; pass ``allow_missing=True`` to
    print them as 〓) or :class:`GovreportError` when the file cannot be written.
    """
    fonts = fonts or choose_fonts(font_path, cache_dir=font_cache)
    styles = Styles.build(fonts)
    glyphs = GlyphMapper(fonts)
    findings = check_draft(form, draft)
    report = _Report(form, draft, styles, glyphs, findings)
    story = report.story()
    if glyphs.missing and not allow_missing:
        missing = list(glyphs.missing.values())
        raise MissingGlyphsError(missing_message(missing, fonts), missing)
    errors = unexplained_errors(findings, draft.explanations)
    reasons = [f"尚有 {len(errors)} 项错误未改正或说明"] if errors else []
    if glyphs.missing:
        reasons.append(f"有 {len(glyphs.missing)} 个字本机字体中没有，印成“{PLACEHOLDER}”")
    reason = "；".join(reasons)
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
        pages, wide = build_document(out_path, story, marks, form, draft, invariant)
    return RenderResult(
        path=out_path,
        pages=pages,
        draft_mark=bool(reasons),
        unexplained_errors=len(errors),
        missing=tuple(glyphs.missing.values()),
        fingerprint=digest,
        fonts=fonts.describe(),
        font_facts=tuple(fonts.facts()),
        seal=report.signoff.place if report.signoff else None,
        wide_pages=tuple(wide),
        footer=marks.lines,
    )


def check_glyphs(
    form: Form, draft: Draft, *, font_path: Path | None = None, font_cache: Path | None = None
) -> list[MissingChar]:
    """Characters of the draft that no usable font can print, before rendering anything."""
    fonts = choose_fonts(font_path, cache_dir=font_cache)
    glyphs = GlyphMapper(fonts)
    _Report(form, draft, Styles.build(fonts), glyphs).story()
    return list(glyphs.missing.values())


# -- the document --------------------------------------------------------------------------


class _Report:
    """Builds the story (the list of flowables) of one print."""

    def __init__(
        self,
        form: Form,
        draft: Draft,
        styles: Styles,
        glyphs: GlyphMapper,
        findings: list[Finding] | None = None,
    ) -> None:
        self.form = form
        self.draft = draft
        self.styles = styles
        self.glyphs = glyphs
        self.fonts = styles.fonts
        self.signoff: SignOff | None = None
        findings = check_draft(form, draft) if findings is None else findings
        #: explained 错误 still to print, with their 说明 (they travel with the paper)
        self.explained = [
            f
            for f in findings
            if f.severity is Severity.ERROR and draft.explanations.get(f.rule, "").strip()
        ]

    def para(self, text: str, style, where: str, role: Role = Role.BODY) -> Para:  # type: ignore[no-untyped-def]
        return Para(self.glyphs.markup(text, self.fonts[role], where), style)

    def story(self) -> list[Flowable]:
        form, draft, styles = self.form, self.draft, self.styles
        story: list[Flowable] = [self.title(draft.title(form), styles.title, "报告标题")]
        addressee = addressee_line(draft)
        if addressee:
            story.append(self.para(addressee, styles.addressee, "主送机关"))
        attachments = [s for s in form.sections if is_attachment(s)]
        for section in form.sections:
            if not is_attachment(section):
                story += self.section(section)
        story += self.data_notes(None)  # explained 错误 of no table printed so far
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
        if isinstance(story[-1], Para):
            tail.append(story.pop())
            while story and isinstance(story[-1], Para) and story[-1].getKeepWithNext():
                tail.insert(0, story.pop())
        story.append(KeepTogether(tail + closing))
        for number, section in enumerate(attachments, 1):
            story += self.attachment(section, number if len(attachments) > 1 else None)
        block = imprint(draft, self.fonts, self.glyphs)
        if block is not None:
            story.append(block)
        return no_blank_pages(story)

    def title(self, text: str, style, where: str) -> Para:  # type: ignore[no-untyped-def]
        """A title broken between words into balanced lines (GB/T 9704 §7.3.1)."""
        font = self.fonts[Role.TITLE]
        size = style.fontSize

        def width(line: str) -> float:
            return self.fonts.width(line, font, size)

        lines = title_lines(text, width, AREA_WIDTH, size) or [""]
        markup = "<br/>".join(self.glyphs.markup(line, font, where) for line in lines)
        # the title and the space below it take whole body lines: the text stays on the grid
        height = len(lines) * style.leading + style.spaceBefore
        gap = math.ceil((height + style.spaceAfter) / LEADING - 1e-6) * LEADING - height
        return Para(markup, style.clone(f"{style.name}-{len(lines)}", spaceAfter=gap))

    def paragraphs(self, text: str, where: str) -> list[Flowable]:
        """One paragraph per line of user text, first line indented two characters."""
        result: list[Flowable] = []
        for line in paragraphs(text):
            para = Para(self._body_markup(line, where), self.styles.body)
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
        if text:
            flow, heading = heading + text, []
        first, *rest = printed.flowables
        lead = [*heading, *self.table_heading(section)]
        table_flow = [
            LeadIn(lead, first) if lead and isinstance(first, BlockTable) else first,
            *rest,
            *self.data_notes(section),
            Spacer(0, LEADING / 2),
        ]
        if not printed.wide:
            return flow + table_flow
        return [
            *flow,
            NextPageTemplate("wide"),
            PageBreak(),
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

    def data_notes(self, section: Section | None) -> list[Flowable]:
        """数据说明: each explained 错误 of this section's table with its 说明, so the office
        receiving the paper reads the explanation beside the contradiction it sees.
        ``None``: every explained 错误 not printed yet."""
        due = [f for f in self.explained if section is None or section_of(self.form, f) == section]
        if not due:
            return []
        self.explained = [f for f in self.explained if f not in due]
        style = self.styles.note
        flow: list[Flowable] = [Spacer(0, 4), self.para("数据说明：", style, "数据说明")]
        for n, finding in enumerate(due, 1):
            explanation = self.draft.explanations[finding.rule].strip()
            text = f"{n}. {finding.message.rstrip('。')}。说明：{explanation}"
            flow.append(
                self.para(text, style.clone("data_note", leftIndent=style.fontSize), "数据说明")
            )
        return flow

    def attachment_note(self, attachments: list[Section]) -> list[Flowable]:
        """附件说明: 正文下空一行左空二字编排"附件：", several attachments numbered."""
        flow: list[Flowable] = [Spacer(0, LEADING)]
        for i, text in enumerate(attachment_note(self.form, self.draft, attachments)):
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
        title = attachment_title(self.form, section, self.draft.year)
        flow.append(
            self.title(title, self.styles.attachment_title.clone("att", spaceBefore=LEADING), title)
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
            flow += self.data_notes(section)
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
