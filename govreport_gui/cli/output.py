"""Printing for the command line: JSON for scripts, plain Chinese lines for people."""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path
from typing import Any


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
