"""The whole report as printed, in order, as plain data: what Word and the web page draw.

The order follows the PDF (GB/T 9704-2012): title, addressee, the sections (heading,
narrative paragraphs, the table's own title and note, the table), the 附件说明 line, the
issuer and date, the signatory lines, then each attachment ("附件", its title,
填报单位（盖章）, the table, the signatory lines). While an 错误 is neither fixed nor
explained the report is a 草稿 and ``draft_reason`` says why. User text stays text:
writers must insert it as text, never as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checks import check_draft, unexplained_errors
from .dates import issue_date
from .draft import SIGNATORIES, Draft
from .model import Form, Section
from .table_layout import TableLayout, build_layout

ATTACHMENT = "附件"
BLANK_DATE = "　　　　年　　月　　日"
_PARAGRAPH_STRIP = " \t\u3000\u00a0"
_NUMERALS = "一二三四五六七八九十"
#: What Word and Excel files cannot hold (XML 1.0): control characters but tab and line
#: breaks, lone surrogates, U+FFFE/U+FFFF. A draft may hold them (pasted from elsewhere).
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class OutlineTable:
    """A table where it is printed: its own title (when not the section's), note, layout."""

    title: str
    note: str
    layout: TableLayout


@dataclass(frozen=True)
class OutlineSection:
    section_id: str
    heading: str  # "" when the form prints no title for it (前言)
    paragraphs: tuple[str, ...]
    table: OutlineTable | None


@dataclass(frozen=True)
class OutlineAttachment:
    label: str  # 附件 / 附件1
    title: str
    unit_line: str  # 填报单位（盖章）：…
    paragraphs: tuple[str, ...]
    table: OutlineTable | None


@dataclass(frozen=True)
class ReportOutline:
    title: str
    addressee: str  # ends with "：", or ""
    sections: tuple[OutlineSection, ...]
    attachment_note: tuple[str, ...]  # 附件：… lines (empty without attachments)
    issuer: str
    date: str  # 2023年1月20日, or blanks to write it by hand
    signatories: tuple[tuple[str, str], ...]  # (label, value); value "" = a line to sign on
    attachments: tuple[OutlineAttachment, ...]
    draft_reason: str  # why this is a 草稿; "" for a final print

    @property
    def draft_mark(self) -> bool:
        return bool(self.draft_reason)

    @property
    def signatories_after_text(self) -> bool:
        """Without attachments the signatory lines follow the issuer and date."""
        return not self.attachments

    def tables(self) -> list[OutlineTable]:
        found = [s.table for s in self.sections] + [a.table for a in self.attachments]
        return [t for t in found if t is not None]


def build_outline(form: Form, draft: Draft) -> ReportOutline:
    """Everything the report prints, in order."""
    attachments = [s for s in form.sections if is_attachment(s)]
    errors = unexplained_errors(check_draft(form, draft), draft.explanations)
    numbered = len(attachments) > 1
    return ReportOutline(
        title=document_text(draft.title(form)),
        addressee=document_text(addressee_line(draft)),
        sections=tuple(_section(form, draft, s) for s in form.sections if not is_attachment(s)),
        attachment_note=attachment_note(attachments),
        issuer=document_text(issuer(draft)),
        date=document_text(issue_date(draft)) or BLANK_DATE,
        signatories=tuple(
            (label, document_text(draft.signatories.get(key, "").strip()))
            for key, label in SIGNATORIES.items()
        ),
        attachments=tuple(
            _attachment(form, draft, s, n if numbered else None)
            for n, s in enumerate(attachments, 1)
        ),
        draft_reason=f"尚有 {len(errors)} 项错误未改正或说明" if errors else "",
    )


def document_text(text: str) -> str:
    """User text as a document can hold it: characters XML forbids are left out."""
    return _NOT_IN_XML.sub("", text)


def paragraphs(text: str) -> tuple[str, ...]:
    """One paragraph per non-blank line of user text, trimmed of spaces at either end."""
    lines = (line.strip(_PARAGRAPH_STRIP) for line in document_text(text).splitlines())
    return tuple(line for line in lines if line)


def run_in_heading(line: str) -> int:
    """Length of a leading "（一）…。" run-in heading (二级标题, set in 楷体), or 0."""
    if line[:1] not in "（(":
        return 0
    close = next((i for i, ch in enumerate(line[:6]) if ch in "）)"), -1)
    numeral = line[1:close] if close > 1 else ""
    if not numeral or not all(ch in _NUMERALS for ch in numeral):
        return 0
    stop = line.find("。")
    if 0 <= stop < 40:
        return stop + 1
    return len(line) if len(line) <= 40 else close + 1


def is_attachment(section: Section) -> bool:
    return section.title.startswith(ATTACHMENT)


def attachment_name(section: Section) -> str:
    name = section.title.removeprefix(ATTACHMENT).lstrip("：:　 ")
    return name or section.title


def addressee_line(draft: Draft) -> str:
    """主送机关 as printed, ending with "："; "" when none is given."""
    addressee = draft.report.get("addressee", "").strip()
    if addressee and not addressee.endswith(("：", ":")):
        addressee += "："
    return addressee


def _table(form: Form, draft: Draft, table_id: str, heading: str | None) -> OutlineTable:
    table = form.table(table_id)
    title = table.title_for(draft.year)
    shown = "" if heading is None or title == heading else title
    return OutlineTable(shown, table.note, build_layout(form, table, draft))


def _section(form: Form, draft: Draft, section: Section) -> OutlineSection:
    return OutlineSection(
        section.id,
        section.title if section.print_title else "",
        paragraphs(draft.texts.get(section.id, "")),
        _table(form, draft, section.table, section.title) if section.table else None,
    )


def _attachment(
    form: Form, draft: Draft, section: Section, number: int | None
) -> OutlineAttachment:
    table = _table(form, draft, section.table, None) if section.table else None
    return OutlineAttachment(
        label=ATTACHMENT + (str(number) if number else ""),
        title=table.layout.title if table else attachment_name(section),
        unit_line=document_text(f"填报单位（盖章）：{draft.unit}"),
        paragraphs=paragraphs(draft.texts.get(section.id, "")),
        table=OutlineTable("", table.note, table.layout) if table else None,
    )


def issuer(draft: Draft) -> str:
    """落款单位: as given, else the 填报单位."""
    return draft.report.get("issuer", "").strip() or draft.unit


def attachment_note(attachments: list[Section]) -> tuple[str, ...]:
    """附件说明 lines: 附件：name, or 附件：1.name then 2.name… for several."""
    names = [attachment_name(s) for s in attachments]
    if len(names) == 1:
        return (f"{ATTACHMENT}：{names[0]}",)
    return tuple(
        f"{ATTACHMENT}：{i}.{name}" if i == 1 else f"{i}.{name}" for i, name in enumerate(names, 1)
    )


def outline_text(outline: ReportOutline) -> str:
    """The report as plain text (what the clipboard carries beside the web page): one
    line per paragraph, each table row as its cells separated by tabs."""
    lines = [outline.title, ""]
    if outline.addressee:
        lines.append(outline.addressee)
    for section in outline.sections:
        lines += [section.heading] if section.heading else []
        lines += ["　　" + p for p in section.paragraphs]
        if section.table:
            lines += _table_text(section.table)
    lines += ["", *outline.attachment_note, "", outline.issuer, outline.date]
    signatories = "　".join(f"{label}：{value}" for label, value in outline.signatories)
    if outline.signatories_after_text:
        lines.append(signatories)
    for attachment in outline.attachments:
        lines += ["", attachment.label, attachment.title, attachment.unit_line]
        lines += ["　　" + p for p in attachment.paragraphs]
        if attachment.table:
            lines += _table_text(attachment.table)
        lines.append(signatories)
    return "\n".join(lines).strip() + "\n"


def _table_text(table: OutlineTable) -> list[str]:
    lines = [table.title] if table.title else []
    lines += [table.note] if table.note else []
    for block in table.layout.blocks:
        for row in block.grid():
            lines.append("\t".join(cell.text if cell else "" for cell in row).rstrip("\t"))
    return lines
