"""Printing for the command line: JSON for scripts, plain Chinese lines for people."""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path
from typing import Any

from ..core.safe_output import check_output_path, write_output
from ..storage.paths import resolve_data_dir


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def expand_wildcards(paths: list[Path]) -> list[Path]:
    """Expand ``*.json`` patterns the shell left alone (Windows cmd and PowerShell do).

    A name that exists, or a pattern that matches nothing, is kept as given, so that the
    command can say which file it could not find.
    """
    result: list[Path] = []
    for path in paths:
        text = str(path)
        matches = [] if path.exists() or not glob.has_magic(text) else sorted(glob.glob(text))
        if matches:
            result.extend(Path(m) for m in matches)
        else:
            result.append(path)
    return result


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """``--force`` for every command that writes a file (see core/safe_output.py)."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="输出文件已存在且是草稿文件，或位于数据文件夹中时，仍然写入（替换它）",
    )


def guard_output(
    args: argparse.Namespace, *inputs: Path | None, target: Path | None = None
) -> None:
    """Refuse ``target`` (default ``args.output``) when writing it would destroy something
    (GovreportError)."""
    check_output_path(
        args.output if target is None else target,
        [i for i in inputs if i is not None],
        resolve_data_dir(args.data_dir),
        args.force,
    )


def write_guarded(
    args: argparse.Namespace, target: Path, payload: bytes, *inputs: Path | None
) -> None:
    """Write ``payload`` to ``target`` under the same rule as guard_output."""
    write_output(
        target,
        payload,
        inputs=[i for i in inputs if i is not None],
        data_dir=resolve_data_dir(args.data_dir),
        force=args.force,
    )
