"""A report being filled in, and its exchange file (UTF-8 JSON, ``kind: govreport-draft``).

The file is what units send to the higher office and what the app imports; reading it
either yields a complete, valid :class:`Draft` or raises :class:`DraftFileError` with a
Chinese message naming the key that is wrong. Nothing is half-read.
"""

from __future__ import annotations

import json
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .atomicfile import OUTPUT, write_atomically
from .errors import DraftFileError, GovreportError, ValueInputError, os_reason
from .jsontext import JsonTextError, parse_json
from .library import FormLibrary
from .model import Cell, Form
from .safe_input import InputFileError, read_regular_file
from .units import checked_unit_name
from .values import Value, coerce_json_value, parse_value, to_json

KIND = "govreport-draft"
SCHEMA = 1
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
MAX_SHORT_CHARS = 500
#: Report years a draft file may carry; outside them the year is a typo (3000, 20233).
YEARS = range(1990, 2201)

SIGNATORIES = {
    "unit_head": "单位负责人",
    "reviewer": "审核人",
    "preparer": "填报人",
    "phone": "联系电话",
    "date": "填报日期",
}
#: The signatories who sign by hand (the others are a phone number and a date).
SIGNERS = ("unit_head", "reviewer", "preparer")
#: Most characters of each signatory field: what its place on the signing page holds on one
#: line (a name with a title, a phone number or two, a date); longer text would wrap into
#: a column of characters or not fit the page at all.
SIGNATORY_LIMITS = {"unit_head": 20, "reviewer": 20, "preparer": 20, "phone": 40, "date": 20}
#: Optional parts of the printed report besides the sections (title defaults to unit + year).
REPORT_FIELDS = {
    "title": "报告标题",
    "addressee": "主送机关",
    "issuer": "落款单位",
    "issue_date": "成文日期",
    "print_office": "印发机关",  # 版记 (GB/T 9704 7.4.3), printed only when given
    "print_date": "印发日期",
}


@dataclass
class Draft:
    form_id: str
    form_version: int
    year: int
    unit: str
    values: dict[str, Value] = field(default_factory=dict)  # absent means blank
    texts: dict[str, str] = field(default_factory=dict)
    signatories: dict[str, str] = field(default_factory=lambda: dict.fromkeys(SIGNATORIES, ""))
    explanations: dict[str, str] = field(default_factory=dict)  # finding key -> 说明
    report: dict[str, str] = field(default_factory=dict)
    previous: PreviousYear | None = None
    #: 汇总说明: cell id → what the 汇总 that made this draft left to the clerk there.
    notes: dict[str, str] = field(default_factory=dict)

    def value(self, cell_id: str) -> Value:
        return self.values.get(cell_id)

    def set_value(self, cell_id: str, value: Value) -> None:
        if value is None:
            self.values.pop(cell_id, None)
        else:
            self.values[cell_id] = value

    def enter(self, form: Form, cell_id: str, typed: str) -> Value:
        """Store what the clerk typed in a cell; raises ValueInputError, keeping the old value."""
        value = parse_entry(form, cell_id, typed)
        self.set_value(cell_id, value)
        return value

    def title(self, form: Form) -> str:
        return self.report.get("title") or self.default_title(form)

    def default_title(self, form: Form) -> str:
        """The title printed when the clerk gives none (shown as the title field's hint)."""
        return f"{self.unit}{self.year}年{form.report_title}"


def checked_signatory(key: str, text: str) -> str:
    """The signatory field as kept; ValueInputError naming the field when it is too long."""
    text = text.strip()
    limit = SIGNATORY_LIMITS[key]
    if len(text) > limit:
        raise ValueInputError(
            f"{SIGNATORIES[key]}太长（{len(text)} 个字，最多 {limit} 个字，签署页上放不下）"
        )
    return text


def parse_entry(form: Form, cell_id: str, typed: str) -> Value:
    """The value typed text means in a cell of the form; raises ValueInputError."""
    cell = form.cells[cell_id]
    return fits_cell(
        cell,
        parse_value(typed, cell.kind, allow_na=cell.allow_na, label=cell.label, places=cell.places),
    )


def fits_cell(cell: Cell, value: Value) -> Value:
    """Refuse more digits than the cell's printed column has room for (``max_digits``)."""
    if isinstance(value, int | Decimal) and len(str(abs(int(value)))) > cell.max_digits:
        raise ValueInputError(
            f"「{cell.label}」的数值过大：{value}（这一栏最多 {cell.max_digits} 位整数，"
            "打印的表格中放不下更多位）"
        )
    return value


@dataclass
class PreviousYear:
    """Last year's figures and texts, kept beside this year's for the year-on-year checks."""

    year: int
    form_id: str
    values: dict[str, Value] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


def new_draft(form: Form, year: int, unit: str) -> Draft:
    if year not in YEARS:  # else the file written could not be read back
        raise GovreportError(f"报告年度不合理：{year}")
    if not form.covers(year):
        raise GovreportError(_year_problem(form, year))
    return Draft(form.id, form.version, year, clean_unit(unit))


def clean_unit(unit: str) -> str:
    """The 填报单位 as kept: visible (core.units), not too long (raises GovreportError)."""
    unit = checked_unit_name(unit)
    if len(unit) > MAX_SHORT_CHARS:
        raise GovreportError(f"填报单位名称太长（{len(unit)} 个字）")
    return unit


def _year_problem(form: Form, year: int) -> str:
    return f"{year} 年度的报告不适用格式“{form.title}”（适用于 {form.year_span()}）"


# -- writing -----------------------------------------------------------------------------


def draft_to_json(draft: Draft) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": KIND,
        "schema": SCHEMA,
        "form": draft.form_id,
        "form_version": draft.form_version,
        "year": draft.year,
        "unit": draft.unit,
        "values": {cid: to_json(v) for cid, v in draft.values.items()},
        "texts": dict(draft.texts),
        "signatories": {k: draft.signatories.get(k, "") for k in SIGNATORIES},
        "explanations": dict(draft.explanations),
    }
    if draft.report:
        data["report"] = dict(draft.report)
    if draft.notes:
        data["notes"] = dict(draft.notes)
    if draft.previous is not None:
        data["previous"] = {
            "year": draft.previous.year,
            "form": draft.previous.form_id,
            "values": {cid: to_json(v) for cid, v in draft.previous.values.items()},
            "texts": dict(draft.previous.texts),
        }
    return data


def dumps(draft: Draft) -> str:
    return json.dumps(draft_to_json(draft), ensure_ascii=False, indent=1)


def write_draft_file(draft: Draft, path: Path) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one.

    The caller has checked ``path`` with :func:`core.safe_output.check_output_path`; the
    file gets output permissions (an existing file's bits, else the umask's).
    """
    path = Path(path)
    try:
        payload = (dumps(draft) + "\n").encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end].encode("utf-8", "backslashreplace").decode()
        raise GovreportError(
            f"无法写入文件 {path}：草稿中有无效的字符 {bad}，请删去后重试"
        ) from None
    try:
        write_atomically(path, payload, mode=OUTPUT)
    except OSError as exc:
        raise GovreportError(f"无法写入文件 {path}：{os_reason(exc)}") from None


# -- reading -----------------------------------------------------------------------------


def read_draft_file(path: Path, library: FormLibrary) -> Draft:
    path = Path(path)
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES, what="草稿文件")
    except InputFileError as exc:
        raise DraftFileError(exc.message) from None
    return loads(raw, library, path.name)


def loads(raw: bytes | str, library: FormLibrary, shown: str = "草稿") -> Draft:
    text = raw if isinstance(raw, str) else _decoded(raw, shown)
    try:
        data = parse_json(text)
    except JsonTextError as exc:
        raise DraftFileError(f"{shown} 有误：{exc}") from None
    except json.JSONDecodeError as exc:
        raise DraftFileError(
            f"{shown} 的内容不完整或已损坏（第 {exc.lineno} 行第 {exc.colno} 列：JSON 格式错误）"
        ) from None
    except RecursionError:
        raise DraftFileError(f"{shown} 的结构嵌套过深，不是本程序的草稿文件") from None
    return draft_from_json(data, library, shown)


def _decoded(raw: bytes, shown: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise DraftFileError(f"{shown} 太大，不是本程序的草稿文件")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftFileError(
            f"{shown} 不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节）" + _encoding_hint(raw)
        ) from None


def _encoding_hint(raw: bytes) -> str:
    """Files edited by hand on Windows are often saved as ANSI (GBK) or "Unicode" (UTF-16)."""
    resave = "请用记事本打开，“另存为”时编码选 UTF-8 后再试"
    if raw[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return f"，而是 UTF-32 编码；{resave}"
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return f"，而是 UTF-16（记事本的“Unicode”）编码；{resave}"
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return "，不是本程序的草稿文件"
    return f"，看起来是 ANSI（GBK）编码，可能是用记事本等编辑后保存的；{resave}"


def draft_from_json(data: Any, library: FormLibrary, shown: str = "草稿") -> Draft:
    def fail(problem: str) -> DraftFileError:
        return DraftFileError(f"{shown} 有误：{problem}")

    _check_kind(data, fail)
    form_id = _require(data, "form", str, fail)
    try:
        form = library.get(form_id)
    except GovreportError as exc:
        raise fail(str(exc)) from None
    year = _require(data, "year", int, fail)
    if year not in YEARS:
        raise fail(f"year（年度）不合理：{year}")
    if not form.covers(year):
        raise fail(_year_problem(form, year))
    try:
        unit = clean_unit(_require(data, "unit", str, fail))
    except GovreportError as exc:
        raise fail(f"unit（填报单位）：{exc}") from None
    form_version = data.get("form_version", form.version)
    if not isinstance(form_version, int) or isinstance(form_version, bool):
        raise fail(f"form_version 应为整数：{form_version!r}")

    draft = Draft(form.id, form_version, year, unit)
    draft.values = _values(data.get("values", {}), form, "values", fail)
    draft.texts = _texts(data.get("texts", {}), {s.id for s in form.text_sections()}, fail)
    draft.signatories = _fixed_strings(
        data.get("signatories", {}), SIGNATORIES, "signatories", fail
    )
    for key, text in draft.signatories.items():
        try:
            checked_signatory(key, text)
        except ValueInputError as exc:
            raise fail(f"signatories.{key}：{exc}") from None
    draft.report = {
        k: v
        for k, v in _fixed_strings(data.get("report", {}), REPORT_FIELDS, "report", fail).items()
        if v
    }
    draft.explanations = _explanations(data.get("explanations", {}), form, fail)
    draft.notes = _notes(data.get("notes", {}), form, fail)
    if data.get("previous") is not None:
        draft.previous = _previous(data["previous"], library, fail)
    return draft


def _check_kind(data: Any, fail: Any) -> None:
    """A draft file at all, of the schema this program reads."""
    if not isinstance(data, dict):
        raise fail("最外层应为 JSON 对象")
    if data.get("kind") != KIND:
        raise fail(f"kind 应为 “{KIND}”，这不是本程序的草稿文件")
    schema = data.get("schema")
    if type(schema) is not int or schema != SCHEMA:  # 1.0 and true are not the integer 1
        raise fail(
            f"schema 应为整数 {SCHEMA}（本程序认识的草稿文件版本），文件中是 {_brief(schema)}"
        )


def _require(data: Mapping[str, Any], key: str, kind: type, fail: Any) -> Any:
    if key not in data:
        raise fail(f"缺少 {key}")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise fail(f"{key} 的类型不对：{_brief(value)}")
    return value


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _short(value: str, what: str, fail: Any) -> str:
    if len(value) > MAX_SHORT_CHARS:
        raise fail(f"{what} 太长（{len(value)} 个字）")
    return value


def _values(raw: Any, form: Form, key: str, fail: Any) -> dict[str, Value]:
    if not isinstance(raw, dict):
        raise fail(f"{key} 应为对象（单元格编号: 数值）")
    values: dict[str, Value] = {}
    for cid, item in raw.items():
        cell = form.cells.get(cid)
        if cell is None:
            raise fail(f"{key} 中的单元格 “{_brief(cid)}” 不属于格式“{form.id}”")
        if isinstance(item, str) and len(item) > 100:
            raise fail(f"「{cell.label}」的值太长，不是数字")
        try:
            value = coerce_json_value(item, cell.kind, allow_na=cell.allow_na, label=cell.label)
            value = fits_cell(cell, value)
        except ValueInputError as exc:
            raise fail(str(exc)) from None
        if value is not None:
            values[cid] = value
    return values


def _texts(raw: Any, known: set[str], fail: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise fail("texts 应为对象（部分编号: 文字）")
    texts = {}
    for key, text in raw.items():
        if key not in known:
            raise fail(f"texts 中的部分 “{_brief(key)}” 不属于该报告格式")
        if not isinstance(text, str):
            raise fail(f"texts.{key} 应为文字：{_brief(text)}")
        if len(text) > MAX_TEXT_CHARS:
            raise fail(f"texts.{key} 太长（{len(text)} 个字，最多 {MAX_TEXT_CHARS} 个字）")
        if text:
            texts[key] = text
    return texts


def _fixed_strings(raw: Any, keys: Mapping[str, str], what: str, fail: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise fail(f"{what} 应为对象")
    result = dict.fromkeys(keys, "")
    for key, text in raw.items():
        if key not in keys:
            raise fail(f"{what} 中有不认识的项 “{_brief(key)}”")
        if text is None:
            continue
        if not isinstance(text, str):
            raise fail(f"{what}.{key}（{keys[key]}）应为文字：{_brief(text)}")
        result[key] = _short(text, f"{what}.{key}（{keys[key]}）", fail)
    return result


def _keyed_texts(
    raw: Any, known: Container[str], what: str, kind: str, fail: Any
) -> dict[str, str]:
    """Short non-blank texts keyed by ids of the form (说明 of a check, 汇总说明 of a cell)."""
    result = {}
    for key, text in raw.items():
        if key not in known:
            raise fail(f"{what} 中的{kind} “{_brief(key)}” 不属于该报告格式")
        if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
            raise fail(f"{what}.{key} 应为不太长的文字")
        if text.strip():
            result[key] = text
    return result


def _explanations(raw: Any, form: Form, fail: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise fail("explanations 应为对象（检查项: 说明）")
    known = {rule.key for rule in form.rules}
    return _keyed_texts(raw, known, "explanations", "检查项", fail)


def _notes(raw: Any, form: Form, fail: Any) -> dict[str, str]:
    """The 汇总说明 of a total: short texts keyed by cells of its form."""
    if not isinstance(raw, dict):
        raise fail("notes（汇总说明）应为对象（单元格: 说明）")
    return _keyed_texts(raw, form.cells, "notes", "单元格", fail)


def _previous(raw: Any, library: FormLibrary, fail: Any) -> PreviousYear:
    if not isinstance(raw, dict):
        raise fail("previous（上年数）应为对象")
    form_id = _require(raw, "form", str, fail)
    try:
        form = library.get(form_id)
    except GovreportError as exc:
        raise fail(f"previous：{exc}") from None
    year = _require(raw, "year", int, fail)
    values = _values(raw.get("values", {}), form, "previous.values", fail)
    texts = _texts(raw.get("texts", {}), {s.id for s in form.text_sections()}, fail)
    return PreviousYear(year, form.id, values, texts)
