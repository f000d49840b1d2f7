"""``new``, ``demo`` and ``check``: make draft files and check them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.checks import Summary, check_draft
from ..core.draft import Draft, new_draft, read_draft_file, write_draft_file
from ..core.library import FormLibrary, default_library
from ..core.previous import attach_previous_file
from ..core.samples import demo_draft
from . import EXIT_FINDINGS, EXIT_OK
from .output import add_force_option, guard_output, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("new", help="新建一份空白草稿文件")
    p.add_argument("form_id", metavar="ID", help="报告格式编号（见 govreport forms）")
    p.add_argument("--year", type=int, required=True, help="报告年度")
    p.add_argument("--unit", required=True, help="填报单位名称")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出文件")
    add_force_option(p)
    p.set_defaults(func=new_command)

    p = sub.add_parser("demo", help="输出信丰县2017年示例报告草稿")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出文件")
    add_force_option(p)
    p.set_defaults(func=demo_command)

    p = sub.add_parser("check", help="检查一份草稿文件：有错误时退出码为 1")
    p.add_argument("file", type=Path, help="草稿文件")
    p.add_argument("--previous", type=Path, metavar="上年文件", help="上一年度的草稿文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=check_command)


def new_command(args: argparse.Namespace) -> int:
    library = default_library()
    draft = new_draft(library.get(args.form_id), args.year, args.unit)
    guard_output(args)
    write_draft_file(draft, args.output)
    return EXIT_OK


def demo_command(args: argparse.Namespace) -> int:
    guard_output(args)
    write_draft_file(demo_draft(default_library()), args.output)
    return EXIT_OK


def load_with_previous(path: Path, previous: Path | None, library: FormLibrary) -> Draft:
    draft = read_draft_file(path, library)
    if previous is not None:
        attach_previous_file(draft, previous, library)
    return draft


def check_command(args: argparse.Namespace) -> int:
    library = default_library()
    draft = load_with_previous(args.file, args.previous, library)
    form = library.get(draft.form_id)
    findings = check_draft(form, draft)
    summary = Summary.of(findings, draft.explanations)
    if args.json:
        print_json(
            {
                "form": form.id,
                "year": draft.year,
                "unit": draft.unit,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "findings": [
                    {**f.to_json(), "explanation": draft.explanations.get(f.rule, "")}
                    for f in findings
                ],
            }
        )
    else:
        print(f"{draft.title(form)}（{form.id} 格式）")
        print(f"错误 {summary.errors} 项，提示 {summary.warnings} 项")
        for finding in findings:
            note = draft.explanations.get(finding.rule, "")
            print(
                f"[{finding.severity.label}] {finding.message}"
                + (f"（说明：{note}）" if note else "")
            )
    return EXIT_FINDINGS if summary.errors else EXIT_OK
