"""汇总: add up the reports of many units (one format, one year) into one draft.

A county's 政务公开办 collects the draft files of its departments and townships and adds
them up. The rules, all stated to the clerk in the per-unit status:

- **Which files.** Every readable draft file of the chosen year counts once per unit.
  Without a chosen year, the (format, year) held by most files is summed; files of
  another year or format are listed as left out, never mixed in. When no single
  (format, year) has the most files, nothing is summed (:class:`AggregateError`).
- **Same unit twice.** Unit names are compared by :func:`core.units.unit_key` (full-width
  folded, invisible characters and spaces removed, brackets unified, case-folded). Of one unit's files the one with the
  latest modification time is summed (a corrected file sent later replaces the first);
  with equal times the one listed first. The others are listed as left out.
- **An earlier total** (a file whose unit is the total's own unit name, e.g. 汇总) is
  left out, so that running the 汇总 again over a folder holding its result does not
  count the units twice.
- **Unreadable files** are listed with the reason, not fatal.
- **Sums.** Additive cells are summed exactly (ints; money as Decimal). 不适用 counts as
  nothing; a cell that is 不适用 in every unit that filled it stays 不适用. A cell blank
  in some units is the sum of the units that filled it, and is reported as a
  :class:`BlankCell` naming the units that left it blank; blank in every unit stays
  blank (blank is not 0).
- **Not additive** cells (``additive = false`` in the form file, e.g. 专门机构数) are
  left blank for the clerk; the units' sum is given for reference (:class:`ClerkCell`).
- The texts and signatories of the total are left for the clerk; all checks are run on
  the total.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from .checks import Summary, check_draft
from .draft import Draft, read_draft_file
from .errors import GovreportError
from .library import FormLibrary
from .model import Form
from .rules import Finding, Severity
from .units import unit_key
from .values import NA, Value, display, numeric, to_json

DEFAULT_UNIT = "汇总"


class UnitStatus(StrEnum):
    """What became of a file; the value is what ``aggregate --json`` prints as ``status``."""

    INCLUDED = "included"
    DUPLICATE = "duplicate"  # same unit as a file that is summed
    OTHER_YEAR = "other_year"
    OTHER_FORM = "other_form"
    EARLIER_TOTAL = "earlier_total"  # its unit is the total's own name
    UNREADABLE = "unreadable"
    UNDECIDED = "undecided"  # nothing was summed (mixed files, no majority)

    @property
    def included(self) -> bool:
        return self is UnitStatus.INCLUDED

    @property
    def label(self) -> str:
        return "已汇总" if self.included else "未汇总"


#: How many unit names a message lists before "等 N 个单位".
NAMES_SHOWN = 5


class AggregateError(GovreportError):
    """Nothing can be summed; ``units`` still says what became of every file."""

    def __init__(self, message: str, units: Sequence[UnitRow] = ()) -> None:
        super().__init__(message)
        self.units = list(units)


@dataclass(frozen=True)
class UnitRow:
    """One file of the 汇总: whose it is, how its own checks came out, and whether it counts."""

    file: Path
    unit: str  # "" when the file could not be read
    form_id: str | None
    year: int | None
    errors: int | None  # None when the file could not be read
    warnings: int | None
    status: UnitStatus
    detail: str  # in Chinese: why it was left out, or what was left out for it ("" if nothing)
    findings: tuple[Finding, ...] = ()
    explanations: Mapping[str, str] = field(default_factory=dict)  # the unit's own 说明

    def problems(self) -> list[tuple[Finding, str]]:
        """The unit's findings with its own 说明 of each (empty when it wrote none)."""
        return [(f, self.explanations.get(f.rule, "").strip()) for f in self.findings]

    @property
    def included(self) -> bool:
        return self.status.included

    @property
    def reason(self) -> str:
        """已汇总, 已汇总（同一单位的 … 未汇总）, or why the file was left out."""
        return self.status.label + self.detail if self.included else self.detail

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "file": str(self.file),
            "form": self.form_id,
            "year": self.year,
            "errors": self.errors,
            "warnings": self.warnings,
            "included": self.included,
            "status": str(self.status),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class BlankCell:
    """An additive cell some units left blank: the total holds the others' sum only."""

    cell: str
    label: str
    units: tuple[str, ...]  # the units that left it blank
    of: int  # number of units summed

    @property
    def message(self) -> str:
        return (
            f"「{self.label}」有 {len(self.units)} 个单位未填写（{name_list(self.units)}），"
            f"汇总数只含其余 {self.of - len(self.units)} 个单位"
        )

    def to_json(self) -> dict[str, Any]:
        return {"cell": self.cell, "label": self.label, "units": list(self.units)}


@dataclass(frozen=True)
class ClerkCell:
    """A cell that is not the sum of the units' figures: the clerk fills it in."""

    cell: str
    label: str
    units_sum: Value  # what adding up would give, for reference only
    units_filled: int

    @property
    def message(self) -> str:
        hint = (
            f"（{self.units_filled} 个单位填写，合计 {display(self.units_sum)}，仅供参考）"
            if self.units_sum is not None
            else ""
        )
        return f"「{self.label}」不能逐单位相加，请按汇总范围的实际情况填写{hint}"

    def to_json(self) -> dict[str, Any]:
        return {
            "cell": self.cell,
            "label": self.label,
            "units_sum": to_json(self.units_sum),
            "units_filled": self.units_filled,
        }


@dataclass
class Totals:
    """The summed values of one form over some drafts, with what the sums leave open."""

    values: dict[str, Value]
    blanks: list[BlankCell]
    clerk_cells: list[ClerkCell]


@dataclass
class AggregateResult:
    form: Form
    draft: Draft  # the total, a new draft that continues like any other
    units: list[UnitRow]
    findings: list[Finding]  # all checks run on the total
    blanks: list[BlankCell] = field(default_factory=list)
    clerk_cells: list[ClerkCell] = field(default_factory=list)

    @property
    def included(self) -> list[UnitRow]:
        return [row for row in self.units if row.included]

    @property
    def left_out(self) -> list[UnitRow]:
        return [row for row in self.units if not row.included]

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.draft.explanations)

    def to_json(self) -> dict[str, Any]:
        summary = self.summary
        return {
            "form": self.form.id,
            "year": self.draft.year,
            "unit": self.draft.unit,
            "files": len(self.units),
            "included": len(self.included),
            "left_out": len(self.left_out),
            "units": [row.to_json() for row in self.units],
            "errors": summary.errors,
            "warnings": summary.warnings,
            "findings": [f.to_json() for f in self.findings],
            "blank_cells": [b.to_json() for b in self.blanks],
            "left_for_clerk": [c.to_json() for c in self.clerk_cells],
        }


# -- finding the files -------------------------------------------------------------------


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for its ``*.json`` files (not sub-folders).

    Hidden files (a leading dot, e.g. an interrupted save's temporary file) are skipped;
    the same file named twice counts once.
    """
    result: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() == ".json" and not p.name.startswith(".") and p.is_file()
            )
        else:
            found = [path]
        for item in found:
            key = _identity(item)
            if key not in seen:
                seen.add(key)
                result.append(item)
    return result


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return path.absolute()


def name_list(names: Sequence[str]) -> str:
    shown = "、".join(names[:NAMES_SHOWN])
    return shown + (f" 等 {len(names)} 个单位" if len(names) > NAMES_SHOWN else "")


# -- reading -----------------------------------------------------------------------------


@dataclass
class _Loaded:
    index: int
    file: Path
    draft: Draft | None
    problem: str
    mtime: float
    findings: tuple[Finding, ...] = ()


#: Reads one unit's file into a draft; raises GovreportError saying why it cannot.
UnitReader = Callable[[Path, FormLibrary], Draft]


def _read_all(paths: Sequence[Path], library: FormLibrary, read: UnitReader) -> list[_Loaded]:
    loaded = []
    for index, path in enumerate(paths):
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            mtime = 0.0
        try:
            draft = read(path, library)
        except GovreportError as exc:
            loaded.append(_Loaded(index, path, None, str(exc), mtime))
            continue
        findings = tuple(check_draft(library.get(draft.form_id), draft))
        loaded.append(_Loaded(index, path, _what_the_total_needs(draft), "", mtime, findings))
    return loaded


def _what_the_total_needs(draft: Draft) -> Draft:
    """Keep the figures, the unit and its 说明 (the problems list sends them back), drop the
    texts: memory stays flat in the number of files."""
    return Draft(
        draft.form_id,
        draft.form_version,
        draft.year,
        draft.unit,
        values=draft.values,
        explanations=draft.explanations,
    )


def _choose(loaded: list[_Loaded], library: FormLibrary, year: int | None) -> tuple[str, int]:
    """The (form, year) to sum: the one most files hold, or the only one of ``year``."""
    groups = Counter(
        (item.draft.form_id, item.draft.year)
        for item in loaded
        if item.draft is not None and (year is None or item.draft.year == year)
    )
    if not groups:
        rows = [_row(item, *_undecided(item)) for item in loaded]
        if year is not None and any(item.draft for item in loaded):
            raise AggregateError(f"所选文件中没有 {year} 年度的报告，无法汇总", rows)
        raise AggregateError("所选文件都无法读取，没有可以汇总的报告", rows)
    ranked = groups.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        lines = []
        for (form_id, group_year), count in ranked:
            files = [
                item.file.name
                for item in loaded
                if item.draft and (item.draft.form_id, item.draft.year) == (form_id, group_year)
            ]
            lines.append(
                f"  {group_year} 年度、{form_id} 格式（{library.get(form_id).title}）{count} 个文件："
                + "、".join(files[:NAMES_SHOWN])
                + (" 等" if count > NAMES_SHOWN else "")
            )
        raise AggregateError(
            "所选文件的年度或报告格式不一致，且没有哪一种占多数，无法确定汇总哪一种：\n"
            + "\n".join(lines)
            + "\n请只选择同一年度、同一格式的报告文件，或指定要汇总的年度。",
            [_row(item, *_undecided(item)) for item in loaded],
        )
    return ranked[0][0]


def _undecided(item: _Loaded) -> tuple[UnitStatus, str]:
    if item.draft is None:
        return UnitStatus.UNREADABLE, f"无法读取：{item.problem}"
    return UnitStatus.UNDECIDED, "所选文件的年度或格式不一致，没有汇总"


def _decide(loaded: list[_Loaded], target: tuple[str, int], unit: str) -> list[UnitRow]:
    """Say for every file whether it is summed, and why not."""
    decided: dict[int, tuple[UnitStatus, str]] = {}
    candidates = []
    own = unit_key(unit)
    for item in loaded:
        draft = item.draft
        if draft is None:
            decided[item.index] = _undecided(item)
        elif draft.year != target[1]:
            decided[item.index] = (
                UnitStatus.OTHER_YEAR,
                f"是 {draft.year} 年度的报告，本次汇总的是 {target[1]} 年度，未汇总",
            )
        elif draft.form_id != target[0]:
            decided[item.index] = (
                UnitStatus.OTHER_FORM,
                f"报告格式为 {draft.form_id}，本次汇总的是 {target[0]} 格式，未汇总",
            )
        elif unit_key(draft.unit) == own:
            decided[item.index] = (
                UnitStatus.EARLIER_TOTAL,
                f"单位名称与本次汇总的报告相同（{unit}），应是以前的汇总结果，未汇总",
            )
        else:
            candidates.append(item)
    for kept, others in _duplicates(candidates):
        names = "、".join(o.file.name for o in others)
        decided[kept.index] = (UnitStatus.INCLUDED, f"（同一单位的 {names} 未汇总）")
        for other in others:
            decided[other.index] = (UnitStatus.DUPLICATE, _duplicate_reason(other, kept))
    for item in candidates:
        decided.setdefault(item.index, (UnitStatus.INCLUDED, ""))
    return [_row(item, *decided[item.index]) for item in loaded]


def _duplicates(items: list[_Loaded]) -> list[tuple[_Loaded, list[_Loaded]]]:
    """Each unit with several files: the file that is summed, and the others."""
    by_unit: dict[str, list[_Loaded]] = {}
    for item in items:
        assert item.draft is not None
        by_unit.setdefault(unit_key(item.draft.unit), []).append(item)
    result = []
    for group in by_unit.values():
        if len(group) > 1:
            kept = max(group, key=lambda i: (i.mtime, -i.index))
            result.append((kept, [i for i in group if i is not kept]))
    return result


def _duplicate_reason(item: _Loaded, kept: _Loaded) -> str:
    assert kept.draft is not None
    rule = "修改时间相同，取排在前面的" if kept.mtime == item.mtime else "取修改时间最新的"
    return (
        f"与 {kept.file.name} 是同一单位（{kept.draft.unit}），同一单位只汇总一份，"
        f"{rule} {kept.file.name}"
    )


def _row(item: _Loaded, status: UnitStatus, detail: str) -> UnitRow:
    draft = item.draft
    if draft is None:
        return UnitRow(item.file, "", None, None, None, None, status, detail)
    errors = sum(1 for f in item.findings if f.severity is Severity.ERROR)
    return UnitRow(
        item.file,
        draft.unit,
        draft.form_id,
        draft.year,
        errors,
        len(item.findings) - errors,
        status,
        detail,
        item.findings,
        dict(draft.explanations),
    )


# -- summing -----------------------------------------------------------------------------


def sum_drafts(form: Form, drafts: Sequence[Draft]) -> Totals:
    """Add up the drafts' values cell by cell; see the module docstring for the rules."""
    sums: dict[str, int | Decimal] = {}
    not_applicable: set[str] = set()
    filled: Counter[str] = Counter()
    for draft in drafts:
        for cid, value in draft.values.items():
            filled[cid] += 1
            if value is NA:
                not_applicable.add(cid)
            else:
                sums[cid] = sums.get(cid, 0) + numeric(value)
    values: dict[str, Value] = {}
    blanks: list[BlankCell] = []
    clerk: list[ClerkCell] = []
    for cid, cell in form.cells.items():
        total: Value = sums.get(cid, NA if cid in not_applicable else None)
        if not cell.additive:
            clerk.append(ClerkCell(cid, cell.label, total, filled[cid]))
            continue
        if total is not None:
            values[cid] = total
        if 0 < filled[cid] < len(drafts):
            missing = tuple(d.unit for d in drafts if d.values.get(cid) is None)
            blanks.append(BlankCell(cid, cell.label, missing, len(drafts)))
    return Totals(values, blanks, clerk)


def clerk_notes(totals: Totals) -> dict[str, str]:
    """Cell id → what the clerk should know there: not additive first, then units' blanks."""
    notes = {cell.cell: cell.message for cell in totals.clerk_cells}
    for blank in totals.blanks:
        notes.setdefault(blank.cell, blank.message)
    return notes


def aggregate_files(
    paths: Iterable[Path],
    library: FormLibrary,
    *,
    unit: str = DEFAULT_UNIT,
    year: int | None = None,
    read: UnitReader = read_draft_file,
) -> AggregateResult:
    """Read, choose, de-duplicate and sum the files; raises :class:`AggregateError`.

    Folders stand for their ``*.json`` files. ``unit`` names the total (its 填报单位);
    ``year`` picks the year to sum when the files hold several. ``read`` turns a file
    into a draft (the command line passes one that reads units' Excel files too).
    """
    unit = unit.strip() or DEFAULT_UNIT
    loaded = _read_all(expand_paths(paths), library, read)
    target = _choose(loaded, library, year)
    rows = _decide(loaded, target, unit)
    summed = [
        item.draft
        for item, row in zip(loaded, rows, strict=True)
        if row.included and item.draft is not None
    ]
    form = library.get(target[0])
    totals = sum_drafts(form, summed)
    total = Draft(form.id, form.version, target[1], unit)
    total.values = totals.values
    total.notes = clerk_notes(totals)  # saved with the total: they outlive this session
    return AggregateResult(
        form, total, rows, check_draft(form, total), totals.blanks, totals.clerk_cells
    )
