"""A draft from a report read from a file: which form and year, the values, the texts.

The form comes from ``--form``, or the year (``--year``, else the year in the report's
own title). Every value cell is accounted for (see :mod:`~govreport_gui.core.matching`);
the draft holds what was read, with cells not found, ambiguous or unreadable left blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Document
from .draft import Draft, new_draft
from .errors import GovreportError
from .labels import label_key
from .library import FormLibrary
from .matching import Matched, match_grids
from .model import Form
from .sections import (
    read_sections,
    report_title,
    signatories_in,
    title_unit,
    title_year,
    unit_line,
)


class NothingToReadError(GovreportError):
    """No statistics table of the form in the file (exit 2)."""


@dataclass
class ReadResult:
    form: Form
    draft: Draft
    matched: Matched
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.matched.complete

    @property
    def problem_messages(self) -> list[str]:
        """Every problem in words: cells missing, ambiguous or unreadable, then the rest."""
        m, cells = self.matched, self.form.cells
        lines = [f"没有找到：{cells[c].label}（{c}）" for c in m.missing]
        for cid, hits in m.ambiguous.items():
            places = "；".join(f"{h.place}（{h.path}）" for h in hits)
            lines.append(f"无法确定是哪一格：{cells[cid].label}（{cid}），可能在 {places}")
        lines += [f"{cells[c].label}（{c}）的值无法识别：{msg}" for c, msg in m.unreadable.items()]
        return lines + m.problems + self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "form": self.form.id,
            "year": self.draft.year,
            "unit": self.draft.unit,
            "found": len(self.matched.found),
            "missing": list(self.matched.missing),
            "ambiguous": list(self.matched.ambiguous),
            "problems": self.problem_messages,
        }


def read_document(
    doc: Document,
    library: FormLibrary,
    *,
    year: int | None = None,
    form_id: str | None = None,
    unit: str | None = None,
    fallback_year: int | None = None,
    shown: str = "文件",
) -> ReadResult:
    """Read ``doc`` into a draft; raises GovreportError (in Chinese) when nothing can be read.

    The year is ``year``, else the one in the report's title, else ``fallback_year``.
    """
    if not doc.grids:
        raise NothingToReadError(f"{shown} 中没有表格，读不到报告的统计数字")
    title = report_title(doc)
    form, year = _form_and_year(library, form_id, year or title_year(title) or fallback_year, shown)
    matched = match_grids(form, doc.grids)
    if not matched.found and not matched.ambiguous and not matched.unreadable:
        raise NothingToReadError(f"{shown} 中没有找到“{form.title}”的统计表格")
    problems: list[str] = []
    name = (unit or "").strip() or unit_line(doc) or title_unit(title)
    if not name:
        name = "未知单位"
        problems.append(
            "文件中看不出填报单位，暂记为“未知单位”；请另行指定填报单位（命令行用 --unit）"
        )
    draft = new_draft(form, year, name)
    draft.values = dict(matched.values)
    draft.texts, sign_off = read_sections(form, doc)
    if sign_off.get("issuer") == draft.unit:
        del sign_off["issuer"]  # what the report prints when no other issuer is given
    draft.report.update(sign_off)
    draft.signatories.update(signatories_in(doc))
    if title and label_key(title) != label_key(draft.default_title(form)):
        draft.report["title"] = title  # a title of its own, as printed
    return ReadResult(form, draft, matched, problems)


def _form_and_year(
    library: FormLibrary, form_id: str | None, year: int | None, shown: str
) -> tuple[Form, int]:
    if year is None:
        raise GovreportError(f"{shown} 中看不出报告年度，请指定报告年度（命令行用 --year）")
    if form_id is None:
        return library.for_year(year), year
    form = library.get(form_id)
    if not form.covers(year):
        raise GovreportError(
            f"{shown} 是 {year} 年度的报告，不适用格式 {form.id}；请指定报告年度（命令行用 --year）"
        )
    return form, year
