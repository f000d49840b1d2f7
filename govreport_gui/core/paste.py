"""What a block pasted into a table means: which cells get which values, and what did not fit.

Two ways, as a clerk expects: a block that carries the form's own labels (a whole table
copied from last year's page or a unit's sheet) goes to the cells its labels name
(:mod:`~govreport_gui.core.matching`); a block of bare numbers goes cell by cell from the
current cell, as in Excel. Either way every pasted text that does not land in a cell, or
does not parse there, is listed with where it came from; nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .document import Grid
from .errors import ValueInputError
from .matching import looks_like_value, match_grids
from .model import Form
from .values import Value, parse_value

MAX_PASTE_CELLS = 20_000


@dataclass
class PastePlan:
    values: dict[str, Value] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    by_label: bool = False


def plan_paste(
    form: Form,
    table_id: str,
    places: Mapping[tuple[int, int], str],
    size: tuple[int, int],
    start: tuple[int, int],
    block: Grid,
    labelled: Sequence[Grid] = (),
) -> PastePlan:
    """Values for the cells of ``table_id`` from a pasted ``block``.

    ``places`` maps (row, column) of the grid on screen to the cell id shown there,
    ``size`` is its (rows, columns), ``start`` the current cell's (row, column).
    ``labelled`` are the same content's tables with their merged cells (a browser's or
    Excel's HTML clipboard), tried for labels before ``block`` is.
    """
    if not any(t.strip() for row in block.texts for t in row) and not labelled:
        return PastePlan(problems=["剪贴板中没有可以粘贴的表格内容"])
    by_label = _by_label(form, table_id, list(labelled) or [block])
    if by_label is not None:
        return by_label
    return _by_position(form, places, size, start, block)


def _by_label(form: Form, table_id: str, grids: Sequence[Grid]) -> PastePlan | None:
    """The block's own labels name the cells; None when it carries none of this table's."""
    matched = match_grids(form, grids)
    mine = {cid for cid, cell in form.cells.items() if cell.table == table_id}
    found = [cid for cid in matched.found if cid in mine]
    if not found:
        return None
    plan = PastePlan(by_label=True)
    plan.values = {cid: matched.values.get(cid) for cid in found}
    for cid, hits in matched.ambiguous.items():
        if cid in mine:
            places = "、".join(h.place for h in hits)
            plan.problems.append(f"「{form.cells[cid].label}」出现了不止一次（{places}），没有粘贴")
    plan.problems += [
        f"「{form.cells[c].label}」：{msg}" for c, msg in matched.unreadable.items() if c in mine
    ]
    others = [c for c in matched.found if c not in mine]
    if others:
        plan.problems.append(f"另有 {len(others)} 格属于其他表格，没有粘贴到这里")
    return plan


def _by_position(
    form: Form,
    places: Mapping[tuple[int, int], str],
    size: tuple[int, int],
    start: tuple[int, int],
    grid: Grid,
) -> PastePlan:
    plan = PastePlan()
    rows, cols = size
    if sum(len(r) for r in grid.texts) > MAX_PASTE_CELLS:
        plan.problems.append(f"粘贴的内容太多（超过 {MAX_PASTE_CELLS} 格），没有粘贴")
        return plan
    skip = _label_columns(grid)
    if skip:
        plan.problems.append(f"前 {skip} 列是标签，没有粘贴；数字从当前格起粘贴")
    seen: set[int] = set()
    for i, line in enumerate(grid.texts):
        for j, text in enumerate(line[skip:], start=skip):
            anchor = grid.anchors[i][j]
            if anchor in seen:
                continue  # one merged cell of a copied web table is one value
            seen.add(anchor)
            where = f"粘贴内容第{i + 1}行第{j + 1}列「{text.strip()}」"
            target = (start[0] + i, start[1] + j - skip)
            cid = places.get(target)
            if cid is None:
                if text.strip():
                    beyond = target[0] >= rows or target[1] >= cols
                    plan.problems.append(
                        f"{where}{'超出了表格' if beyond else '落在不能填写的格子（标签或标题）上'}，没有粘贴"
                    )
                continue
            cell = form.cells[cid]
            try:
                plan.values[cid] = parse_value(
                    text, cell.kind, allow_na=cell.allow_na, label=cell.label
                )
            except ValueInputError as exc:
                plan.problems.append(f"{where}：{exc.message}，没有粘贴")
    return plan


def _label_columns(grid: Grid) -> int:
    """How many leading columns hold only labels (「一、本年新收…」 copied with its numbers):
    they are not pasted; a block of labels only has none."""
    for n in range(grid.width):
        column = [row[n].strip() for row in grid.texts if n < len(row)]
        if any(not t or looks_like_value(t) for t in column) or not any(column):
            return n
    return 0
