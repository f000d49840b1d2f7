"""Find the form's value cells in tables read from a file, by their printed label paths.

A table's header rows give each column a label path (申请人情况 › 法人或其他组织 ›
商业企业); each body row's label cells give it a row label path (三、本年度办理结果 ›
（三）不予公开 › 1.属于国家秘密). A row is the form's row whose label is the row's last
label and whose path holds the row's other labels; when several rows still fit (the old
form's two 「（二）被依法纠错数」, printed in one indented column) the rows read just above
decide, as a reader of the page would. Nothing is guessed: every value cell of the form
ends up found (with the label path it was found by), missing, or ambiguous; a value
that does not parse is reported with its text and place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .document import Grid
from .errors import ValueInputError
from .labels import label_key, path_key
from .model import UNITS, Block, Form, Row, cell_id
from .values import NA_SPELLINGS, Value, normalise_text, parse_value

_NUMBER = re.compile(r"^[+-]?[0-9][0-9,]*(\.[0-9]+)?$")
_UNIT_KEYS = frozenset(label_key(u) for u in UNITS)
SEP = " › "
MIN_SHORTENED = 4  # characters a shortened label must keep to be taken for the form's


@dataclass(frozen=True)
class Hit:
    """One place where a value cell was read."""

    cell: str
    text: str
    place: str
    path: str  # the label path it was matched by, as printed
    anchor: tuple[int, int]  # (grid, merged cell): the same value spanning columns is one hit
    sure: bool = True  # False: the row could be this one or another


@dataclass
class Matched:
    """What was read: values of found cells, and every cell not found, ambiguous or bad."""

    values: dict[str, Value] = field(default_factory=dict)
    found: dict[str, Hit] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[Hit]] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # cell id → message
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.missing or self.ambiguous or self.unreadable)


@dataclass(frozen=True)
class _RowRef:
    table: str
    block_no: int  # index into _Index.blocks
    row: Row
    path: tuple[str, ...]  # keys


class _Index:
    """The form's labels as keys, for looking rows and columns up."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.blocks: list[tuple[str, Block, list[tuple[str, ...]]]] = []
        self.rows: dict[str, list[_RowRef]] = defaultdict(list)
        self.column_words: set[str] = set()
        self.unit_words: set[str] = set()
        for table in form.tables:
            for block in table.blocks:
                paths = [path_key(c.path) for c in block.columns]
                self.blocks.append((table.id, block, paths))
                self.column_words.update(k for p in paths for k in p)
                if block.unit_header:
                    self.unit_words.add(label_key(block.unit_header))
                for row in block.rows:
                    ref = _RowRef(table.id, len(self.blocks) - 1, row, path_key(row.path))
                    self.rows[label_key(row.label)].append(ref)
        self.row_words = set(self.rows) - {""}


@dataclass
class _Header:
    """Each grid column's header label path (keys and printed texts)."""

    keys: list[tuple[str, ...]]
    texts: list[tuple[str, ...]]
    mapping: dict[int, dict[int, int]] = field(default_factory=dict)  # block → grid col → column

    def columns_of(self, index: _Index, block_no: int) -> dict[int, int]:
        if block_no not in self.mapping:
            self.mapping[block_no] = self._match(index.blocks[block_no][2])
        return self.mapping[block_no]

    def _match(self, paths: list[tuple[str, ...]]) -> dict[int, int]:
        found: dict[int, int] = {}
        for j, keys in enumerate(self.keys):
            fits = sorted(((_fit(p, keys), c) for c, p in enumerate(paths)), reverse=True)
            fits = [(score, c) for score, c in fits if score]
            if fits and (len(fits) == 1 or fits[0][0] > fits[1][0]):
                found[j] = fits[0][1]
        return found


def _fit(form_path: tuple[str, ...], read: tuple[str, ...]) -> int:
    """How well a column read fits a form column: 0 not at all; else both end in the same
    label and one path holds the other (3 + its length: the read header has every label of
    the form's; 1: the read header left upper labels out, as a pasted block may)."""
    if not form_path or not read or form_path[-1] != read[-1]:
        return 0
    if _within(form_path, read):
        return 3 + len(form_path)
    return 1 if _within(read, form_path) else 0


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    rest = iter(long)
    return all(any(k == r for r in rest) for k in short)


def match_grids(form: Form, grids: Iterable[Grid]) -> Matched:
    """Read the form's value cells from ``grids``; see the module docstring."""
    index = _Index(form)
    hits: dict[str, list[Hit]] = defaultdict(list)
    problems: list[str] = []
    header: _Header | None = None
    for number, grid in enumerate(grids):
        header = _Scan(index, grid, number, hits, problems, header).run()
    return _settle(form, hits, problems)


class _Scan:
    """One grid, top to bottom: header rows set the columns, body rows give values."""

    def __init__(
        self,
        index: _Index,
        grid: Grid,
        number: int,
        hits: dict[str, list[Hit]],
        problems: list[str],
        carried: _Header | None,
    ) -> None:
        self.index, self.grid, self.number = index, grid, number
        self.hits, self.problems = hits, problems
        # A table continued in a second table without its header (a page break in Word,
        # a portal splitting a long table) reads with the header above it.
        self.header = carried if carried is not None and len(carried.keys) == grid.width else None
        self.context: tuple[str, ...] = ()
        self.shortened: dict[str, str] = {}  # label read → the form's, when not the same

    def run(self) -> _Header | None:
        header_rows: list[int] = []
        for r, texts in enumerate(self.grid.texts):
            kind = self._kind(r, texts)
            if kind == "header":
                if not header_rows or header_rows[-1] != r - 1:
                    header_rows = []
                header_rows.append(r)
                self.header = self._header(header_rows)
                self.context = ()
            elif kind == "body" and self.header is not None:
                self._body(r)
        return self.header

    def _kind(self, r: int, texts: tuple[str, ...]) -> str:
        anchors = self.grid.anchors[r]
        filled = {a for a, t in zip(anchors, texts, strict=True) if label_key(t) or t.strip()}
        if not filled:
            return "empty"
        keys = [label_key(t) for t in texts]
        if any(k in self.index.column_words for k in keys) and not any(map(_is_number, texts)):
            return "header"
        if len(filled) == 1:
            only = next(iter(filled))
            if 2 * sum(1 for a in anchors if a == only) > len(anchors) and not looks_like_value(
                texts[anchors.index(only)]
            ):
                return "title"  # a caption or title across the table
        return "body"

    def _header(self, rows: list[int]) -> _Header:
        keys, texts = [], []
        for j in range(self.grid.width):
            seen: set[int] = set()
            k_path, t_path = [], []
            for r in rows:
                anchor, text = self.grid.anchors[r][j], self.grid.texts[r][j]
                key = label_key(text)
                if anchor in seen or not key:
                    continue
                seen.add(anchor)
                k_path.append(key)
                t_path.append(_shown(text))
            keys.append(tuple(k_path))
            texts.append(tuple(t_path))
        return _Header(keys, texts)

    def _label_columns(self) -> list[int]:
        assert self.header is not None
        words, units = self.index.column_words, self.index.unit_words
        return [
            j
            for j, keys in enumerate(self.header.keys)
            if not (keys and (keys[-1] in words or keys[-1] in units))
        ]

    def _body(self, r: int) -> None:
        assert self.header is not None
        grid = self.grid
        labels: list[tuple[str, str]] = []  # key, text
        seen: set[int] = set()
        for j in self._label_columns():
            anchor, text = grid.anchors[r][j], grid.texts[r][j]
            key = label_key(text)
            if anchor in seen or not key or key in _UNIT_KEYS or _is_number(text):
                continue
            seen.add(anchor)
            labels.append((key, _shown(text)))
        refs = self._rows_for([k for k, _ in labels])
        if not refs:
            if any(_is_number(t) for t in grid.texts[r]):
                shown = SEP.join(t for _, t in labels) or "（无标签）"
                self.problems.append(
                    f"{grid.place(r, 0)}：「{shown}」不是本格式表格中的行，这一行的数字没有读入"
                )
            return
        shown = SEP.join(t for _, t in labels)
        if len(refs) == 1:
            self.context = refs[0].path
            if labels and labels[-1][0] in self.shortened:
                form_label = self.shortened[labels[-1][0]]
                self.problems.append(
                    f"{grid.place(r, 0)}：「{shown}」按本格式的「{form_label}」读入"
                )
        for ref in refs:
            self._values(r, ref, shown, sure=len(refs) == 1)

    def _rows_for(self, keys: list[str]) -> list[_RowRef]:
        """The form rows this row's labels name, narrowed by the header and the rows above."""
        known = [k for k in keys if k in self.index.row_words]
        last = known[-1] if known else ""  # no label of the form: table 四's unlabelled row
        refs = [
            ref
            for ref in self.index.rows.get(last, [])
            if all(k in ref.path for k in known) and self._in_header(ref)
        ]
        if not refs and keys and not known:
            refs = self._shortened(keys[-1])
        if len(refs) > 1:
            near = [ref for ref in refs if ref.path[:-1] == self.context[: len(ref.path) - 1]]
            refs = near or refs
        return refs

    def _in_header(self, ref: _RowRef) -> bool:
        assert self.header is not None
        return bool(self.header.columns_of(self.index, ref.block_no))

    def _shortened(self, key: str) -> list[_RowRef]:
        """A label printed shorter or longer than the form's (「（二）部分公开」 without its
        bracketed note): the one row of this table whose label starts so, if only one does."""
        if len(key) < MIN_SHORTENED:
            return []
        refs = [
            ref
            for word, found in self.index.rows.items()
            if len(word) >= MIN_SHORTENED and (word.startswith(key) or key.startswith(word))
            for ref in found
            if self._in_header(ref)
        ]
        if len(refs) == 1:
            self.shortened[key] = refs[0].row.label
        return refs

    def _values(self, r: int, ref: _RowRef, row_text: str, *, sure: bool) -> None:
        assert self.header is not None
        if ref.row.group:
            return
        block = self.index.blocks[ref.block_no][1]
        done: set[tuple[int, int]] = set()
        for j, c in self.header.columns_of(self.index, ref.block_no).items():
            anchor = self.grid.anchors[r][j]
            if (anchor, c) in done:
                continue
            done.add((anchor, c))
            cid = cell_id(ref.table, ref.row.id, block.columns[c].id)
            column_text = SEP.join(self.header.texts[j])
            path = f"{row_text} × {column_text}" if row_text else column_text
            text = self.grid.texts[r][j]
            self.hits[cid].append(
                Hit(cid, text, self.grid.place(r, j), path, (self.number, anchor), sure)
            )


def _shown(text: str) -> str:
    """A label as printed, without the spaces a page put between Chinese characters."""
    words = text.split()
    return "".join(words) if any(ch >= "\u2e80" for ch in text) else " ".join(words)


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(normalise_text(text)))


def looks_like_value(text: str) -> bool:
    """A number or a spelling of 不适用: what a value cell holds, not a label."""
    folded = normalise_text(text)
    return folded in NA_SPELLINGS or bool(_NUMBER.match(folded))


def _settle(form: Form, hits: dict[str, list[Hit]], problems: list[str]) -> Matched:
    result = Matched(problems=problems)
    for cid, cell in form.cells.items():
        found = hits.get(cid, [])
        distinct = list({h.anchor: h for h in found}.values())
        if not distinct:
            result.missing.append(cid)
            continue
        if len(distinct) > 1 or not distinct[0].sure:
            result.ambiguous[cid] = distinct
            continue
        hit = distinct[0]
        try:
            value = parse_value(
                _without_unit(hit.text, cell.unit),
                cell.kind,
                allow_na=cell.allow_na,
                label=cell.label,
            )
        except ValueInputError as exc:
            result.unreadable[cid] = f"{hit.place}「{hit.text.strip()}」：{exc.message}"
            continue
        result.found[cid] = hit
        if value is not None:
            result.values[cid] = value
    return result


def _without_unit(text: str, unit: str) -> str:
    """「251000元」, 「12.35万元」: a value printed with its cell's own unit."""
    stripped = text.strip()
    return stripped[: -len(unit)] if unit and stripped.endswith(unit) else stripped
