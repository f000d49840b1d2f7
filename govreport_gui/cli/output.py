"""Printing for the command line: JSON for scripts, plain Chinese lines for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def year_span(years: tuple[int, int | None]) -> str:
    first, last = years
    return f"{first}—{last} 年度" if last else f"{first} 年度起"
