"""``pdf``: print a draft file as the official report, ready to sign and seal."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import GovreportError
from ..core.library import default_library
from . import EXIT_OK
from .drafting import load_with_previous
from .output import add_force_option, guard_output, warn

CLI_FONT_HINT = "在命令行中：用 --font 字体文件 指定字体（或设置环境变量 GOVREPORT_FONT）。"
CLI_MISSING_HINT = (
    "在命令行中：用 --font 字体文件 指定含有这些字的字体；"
    "或加 --allow-missing 仍然生成，缺字处印成“〓”。"
)


def register(sub: Any) -> None:
    p = sub.add_parser("pdf", help="把草稿文件生成可打印、签字盖章的 PDF 报告")
    p.add_argument("file", type=Path, help="草稿文件")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出的 PDF 文件")
    p.add_argument(
        "--font",
        type=Path,
        metavar="字体文件",
        help="正文字体文件（.ttf/.ttc，如仿宋_GB2312）；默认自动查找本机字体，"
        "也可用环境变量 GOVREPORT_FONT 指定",
    )
    p.add_argument(
        "--allow-missing",
        action="store_true",
        help="字体中没有的字印成“〓”并继续生成（默认：报告缺字并停止）",
    )
    p.add_argument("--previous", type=Path, metavar="上年文件", help="上一年度的草稿文件")
    add_force_option(p)
    p.set_defaults(func=pdf_command)


def pdf_command(args: argparse.Namespace) -> int:
    from ..output.fonts import FontError  # ReportLab loads only when needed
    from ..output.glyphs import MissingGlyphsError
    from ..output.pdf import describe_missing, render_pdf

    guard_output(args, args.file, args.previous, args.font)
    library = default_library()
    draft = load_with_previous(args.file, args.previous, library)
    form = library.get(draft.form_id)
    try:
        result = render_pdf(
            form, draft, args.output, font_path=args.font, allow_missing=args.allow_missing
        )
    except FontError as exc:  # its advice names the window's settings; say the options too
        hint = CLI_MISSING_HINT if isinstance(exc, MissingGlyphsError) else CLI_FONT_HINT
        raise GovreportError(f"{exc.message}\n{hint}") from None
    if result.missing:
        warn(describe_missing(list(result.missing)))
    if result.draft_mark:
        warn(f"注意：尚有 {result.unexplained_errors} 项错误未改正或说明，每页印有“草稿”字样。")
    print(f"已生成 {result.path}：{result.pages} 页，{result.status}，指纹 {result.fingerprint}")
    return EXIT_OK
