"""The ``govreport`` command: subcommands for scripts, no subcommand for the window.

Exit codes: 0 done (``check``: no 错误), 1 ``check`` found 错误, 2 the input could not
be read or the command line is wrong. Messages go to stderr in Chinese; ``--json``
output goes to stdout as UTF-8.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from ..core.errors import GovreportError
from ..crashlog import crash_message, show_native_box

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 70
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a writer killed by SIGPIPE


class _Parser(argparse.ArgumentParser):
    """argparse, but its help and complaints are in Chinese and errors exit with code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)  # replaced by the same option with Chinese help
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_usage(self) -> str:
        return _translate(super().format_usage())

    def format_help(self) -> str:
        return _translate(super().format_help())

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"命令参数有误：{_translate(message)}\n")


_PHRASES = {
    "usage: ": "用法：",
    "choose from": "可选",
    "the following arguments are required": "缺少必需的参数",
    "unrecognized arguments": "不认识的参数",
    "invalid choice": "无效的选项",
    "expected one argument": "需要一个值",
    "invalid int value": "应为整数",
    "argument": "参数",
}


def _translate(message: str) -> str:
    for english, chinese in _PHRASES.items():
        message = message.replace(english, chinese)
    return message


#: Subcommand → the module of this package that registers and runs it, in ``--help`` order.
#: Only the module of the command given is imported, so each command's dependencies load
#: when it runs and the window loads none of them (issue 17). A new command adds a line here.
COMMANDS = {
    "forms": "forms",
    "form": "forms",
    "new": "drafting",
    "demo": "drafting",
    "check": "drafting",
    "read": "reading",
    "pdf": "pdf",
    "docx": "documents",
    "xlsx": "documents",
    "html": "documents",
    "drafts": "store",
    "import": "store",
    "export": "store",
    "backups": "store",
    "aggregate": "aggregate",
}
#: Options of ``govreport`` itself that take a value (skipped when looking for the command).
_VALUE_OPTIONS = ("--data-dir",)


def _command_modules(argv: Sequence[str] | None = None) -> list[ModuleType]:
    """The command modules the parser needs: the one of the command given, or every one
    when ``argv`` is None, asks for help, or names no known command (for argparse's list)."""
    names = list(dict.fromkeys(COMMANDS.values()))
    if argv is not None:
        command = _command_in(argv)
        if command in COMMANDS:
            names = [COMMANDS[command]]
        elif command is None and not {"-h", "--help"} & set(argv):
            names = []
    return [importlib.import_module(f".{name}", __name__) for name in names]


def _command_in(argv: Sequence[str]) -> str | None:
    """The first word that is not an option of ``govreport`` itself, or None."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line parser; given ``argv``, with only the subcommands it needs."""
    parser = _Parser(
        prog="govreport",
        description="政府信息公开工作年度报告：填报、审核、打印与汇总。不带子命令时打开图形界面。",
    )
    parser.add_argument(
        "--demo", action="store_true", help="打开图形界面并载入信丰县2017年示例报告"
    )
    parser.add_argument("--data-dir", metavar="目录", help="草稿数据文件夹（默认为用户数据目录）")
    parser.add_argument("--smoke", action="store_true", help="自检：不开窗口检查本程序各部分后退出")
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=_Parser)
    for module in _command_modules(argv):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(words).parse_args(words)
    if args.smoke:
        from ..smoke import run_smoke

        return run_smoke()
    command: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if command is None:
        return _start_gui(args)
    try:
        return command(args)
    except GovreportError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # ``govreport drafts --json | head``: the reader stopped reading
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # a bug: say so in Chinese, keep the details for whoever fixes it
        typed = " ".join(words)
        print(crash_message(exc, command=typed, lead="程序内部出错，命令没有完成"), file=sys.stderr)
        return EXIT_INTERNAL


def _start_gui(args: argparse.Namespace) -> int:
    try:
        from ..ui.app import run_gui
    except ImportError as exc:
        message = f"无法启动图形界面：{exc}。请重新安装本程序。"
        if not show_native_box("程序无法启动", message):  # the windowed build has no console
            print(message, file=sys.stderr)
        return EXIT_INTERNAL
    return run_gui(args)


def _drop_stdout() -> None:
    """Send further output (and the flush at exit) nowhere, so Python prints no second error."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _utf8_streams() -> None:
    """JSON for other offices' scripts is UTF-8 whatever the Windows code page is."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower()
        if encoding.replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
