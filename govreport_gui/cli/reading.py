"""``read``: a draft from a published report (web page, Word, Excel or tab-separated text).

Exit codes: 0 every value cell was found; 1 some were missing, ambiguous or unreadable
(the draft is written with those blank, and they are listed); 2 no table of the form was
recognised, or the file could not be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.draft import write_draft_file
from ..core.library import default_library
from ..core.reading import ReadResult
from ..output.reading import read_report_file
from . import EXIT_FINDINGS, EXIT_OK
from .output import add_force_option, guard_output, print_json


def register(sub: Any) -> None:
    p = sub.add_parser(
        "read", help="从网页、Word、Excel 或制表符分隔的文字中读出一份报告，写成草稿文件"
    )
    p.add_argument("file", type=Path, help="要读取的文件（.html、.docx、.xlsx、.txt）")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--year", type=int, help="报告年度（文件中看不出时）")
    which.add_argument("--form", metavar="ID", help="报告格式编号（见 govreport forms）")
    p.add_argument("--unit", metavar="NAME", help="填报单位名称（默认取报告标题中的单位）")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出的草稿文件")
    add_force_option(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出读取结果")
    p.set_defaults(func=read_command)


def read_command(args: argparse.Namespace) -> int:
    guard_output(args, args.file)
    result = read_report_file(
        args.file, default_library(), year=args.year, form_id=args.form, unit=args.unit
    )
    write_draft_file(result.draft, args.output)
    if args.json:
        print_json(result.to_json())
    else:
        _print_result(result, args.output)
    return EXIT_OK if result.complete else EXIT_FINDINGS


def _print_result(result: ReadResult, output: Path) -> None:
    draft, form = result.draft, result.form
    total = len(form.cells)
    print(f"{draft.title(form)}（{form.id} 格式）")
    print(f"读到 {len(result.matched.found)} 格，共 {total} 格；草稿已写入 {output}")
    titles = [s.title for s in form.sections if s.id in draft.texts]
    if titles:
        print("读到的文字部分：" + "、".join(titles))
    for line in result.problem_messages:
        print(line, file=sys.stderr)
