"""``docx``, ``xlsx``, ``html``: the report as a Word document, an Excel workbook, a web page.

Each format's library (python-docx, openpyxl) loads only when its command runs. The
file is written by the one rule of :mod:`govreport_gui.core.safe_output`: never onto an
input, a draft or a special file without ``--force``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.library import default_library
from ..output.exports import EXPORTS, export_bytes
from . import EXIT_OK
from .drafting import load_with_previous
from .output import add_force_option, guard_output, warn, write_guarded

HELP = {
    "docx": "把草稿文件生成可编辑的 Word 文档（.docx）",
    "xlsx": "把统计表生成 Excel 工作簿（.xlsx），可读回",
    "html": "把报告生成可粘贴到门户网站的网页（.html）",
}


def register(sub: Any) -> None:
    for command, help_text in HELP.items():
        what = EXPORTS[command].what
        p = sub.add_parser(command, help=help_text)
        p.add_argument("file", type=Path, help="草稿文件")
        p.add_argument(
            "-o", "--output", required=True, type=Path, help=f"输出的{what}（.{command}）"
        )
        p.add_argument("--previous", type=Path, metavar="上年文件", help="上一年度的草稿文件")
        add_force_option(p)
        p.set_defaults(func=document_command, format=command)


def document_command(args: argparse.Namespace) -> int:
    guard_output(args, args.file, args.previous)  # before the work, not only before writing
    library = default_library()
    draft = load_with_previous(args.file, args.previous, library)
    form = library.get(draft.form_id)
    payload = export_bytes(args.format, form, draft)
    write_guarded(args, args.output, payload, args.file, args.previous)
    what = EXPORTS[args.format].what
    if args.format != "xlsx":
        from ..core.checks import check_draft, unexplained_errors

        errors = unexplained_errors(check_draft(form, draft), draft.explanations)
        if errors:
            warn(f"注意：尚有 {len(errors)} 项错误未改正或说明，文件中标有“草稿”字样。")
    print(f"已生成{what} {args.output}（{len(payload) // 1024 + 1} KB）")
    return EXIT_OK
