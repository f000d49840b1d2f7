"""``govreport aggregate FILE… [-o TOTAL_FILE] [--xlsx UNITS.xlsx] [--unit NAME] [--year Y]
[--json]``: 汇总 (``--xlsx``: the units' figures for the higher office, output/aggregate_xlsx.py).

Exit codes: 0 the total was made (and written, with ``-o``) and has no 错误; 1 it was
made but its checks found 错误 (the total is still written: a unit's mistake shows up
in the sum and is fixed in that unit's report); 2 nothing could be summed (no readable
file, or files of several years/formats with none in the majority), or ``-o`` is refused
by the rule of writing (core/safe_output.py): one of the files read — an earlier total
too —, a draft file or a file in the data folder without ``--force``, a special file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.aggregate import (
    DEFAULT_UNIT,
    AggregateError,
    AggregateResult,
    UnitRow,
    aggregate_files,
    expand_paths,
)
from ..core.draft import write_draft_file
from ..core.errors import GovreportError
from ..core.library import default_library
from ..output.reading import read_unit_file
from . import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from .output import (
    add_force_option,
    expand_wildcards,
    guard_output,
    print_json,
    warn,
    write_guarded,
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "aggregate",
        help="汇总多个单位的草稿文件（同一格式、同一年度）：有错误时退出码为 1",
        description="把各单位的报告草稿逐项相加，生成汇总报告草稿。可以给出文件，"
        "也可以给出文件夹（汇总其中所有 .json 文件）。",
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="单位草稿文件、单位 Excel 文件（.xlsx）或文件夹",
    )
    p.add_argument("-o", "--output", type=Path, metavar="TOTAL_FILE", help="汇总结果写入此文件")
    p.add_argument(
        "--unit",
        default=DEFAULT_UNIT,
        metavar="NAME",
        help=f"汇总报告的填报单位（默认“{DEFAULT_UNIT}”）",
    )
    p.add_argument("--year", type=int, help="只汇总这一年度的报告（文件夹中有多个年度时）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出各单位情况和检查结果")
    p.add_argument(
        "--xlsx",
        type=Path,
        metavar="UNITS.xlsx",
        help="另写一份 Excel 工作簿：每个单位一行、合计一行，以及未汇总的文件及原因",
    )
    add_force_option(p)
    p.set_defaults(func=aggregate_command)


def aggregate_command(args: argparse.Namespace) -> int:
    files = expand_wildcards(args.files)
    if args.output is not None and args.output == args.xlsx:
        raise GovreportError("-o 与 --xlsx 不能是同一个文件")
    if args.output is not None:  # before reading: every file read is an input, an earlier total too
        guard_output(args, *expand_paths(files))
    if args.xlsx is not None:
        guard_output(args, *expand_paths(files), target=args.xlsx)
    try:
        result = aggregate_files(
            files, default_library(), unit=args.unit, year=args.year, read=read_unit_file
        )
    except AggregateError as exc:
        if args.json:
            print_json({"error": exc.message, "units": [row.to_json() for row in exc.units]})
        else:
            _print_rows(exc.units)
        warn(exc.message)
        return EXIT_BAD_INPUT
    if args.output is not None:
        guard_output(args, *(row.file for row in result.units))  # again, just before writing
        write_draft_file(result.draft, args.output)
    if args.xlsx is not None:
        _write_units_workbook(args, result)
    if args.json:
        print_json({**result.to_json(), "output": str(args.output) if args.output else None})
    else:
        _print_result(result, args.output)
    return EXIT_FINDINGS if result.summary.errors else EXIT_OK


def _write_units_workbook(args: argparse.Namespace, result: AggregateResult) -> None:
    """The units' workbook; each unit's file is read again, one at a time (flat memory)."""
    from ..output.aggregate_xlsx import units_workbook_bytes  # openpyxl loads only now

    library = default_library()
    drafts = (read_unit_file(row.file, library) for row in result.included)
    payload = units_workbook_bytes(result, drafts)
    write_guarded(args, args.xlsx, payload, *(row.file for row in result.units))
    if not args.json:
        print(f"已写出各单位数据工作簿：{args.xlsx}")


def _print_rows(rows: list[UnitRow]) -> None:
    for row in rows:
        mark = row.status.label
        counts = f"，错误 {row.errors} 项，提示 {row.warnings} 项" if row.errors is not None else ""
        name = f"{row.unit}（{row.file}）" if row.unit else str(row.file)
        detail = f"：{row.reason}" if row.detail else ""
        print(f"[{mark}] {name}{counts}{detail}")


def _print_result(result: AggregateResult, output: Path | None) -> None:
    print(
        f"{result.draft.year} 年度（{result.form.id} 格式）：共 {len(result.units)} 个文件，"
        f"汇总 {len(result.included)} 个单位，未汇总 {len(result.left_out)} 个"
    )
    _print_rows(result.units)
    summary = result.summary
    print(f"汇总结果：错误 {summary.errors} 项，提示 {summary.warnings} 项")
    for finding in result.findings:
        print(f"[{finding.severity.label}] {finding.message}")
    if result.blanks:
        print("有单位未填写的项目：")
        for blank in result.blanks:
            print(f"  {blank.message}")
    if result.clerk_cells:
        print("需要人工填写的项目：")
        for cell in result.clerk_cells:
            print(f"  {cell.message}")
    if output is not None:
        print(f"已写出汇总报告草稿：{output}")
