"""``govreport forms`` and ``govreport form ID``: what formats this installation knows."""

from __future__ import annotations

import argparse
from typing import Any

from ..core.library import default_library
from ..core.model import Form
from .output import print_json, warn


def register(sub: Any) -> None:
    p = sub.add_parser("forms", help="列出已有的报告格式")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=list_forms)

    p = sub.add_parser("form", help="显示一个报告格式的部分、单元格和检查规则")
    p.add_argument("form_id", metavar="ID")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=show_form)


def _library():
    library = default_library()
    for problem in library.problems:
        warn(problem)
    return library


def list_forms(args: argparse.Namespace) -> int:
    forms = _library().ordered()
    if args.json:
        print_json([{"id": f.id, "title": f.title, "years": list(f.years)} for f in forms])
        return 0
    for form in forms:
        print(f"{form.id}\t{form.year_span()}\t{form.title}")
    return 0


def form_json(form: Form) -> dict[str, Any]:
    return {
        "id": form.id,
        "title": form.title,
        "years": list(form.years),
        "version": form.version,
        "sections": [
            {"id": s.id, "title": s.title, "table": s.table, "text": s.has_text}
            for s in form.sections
        ],
        "cells": [
            {
                "id": c.id,
                "table": c.table,
                "row": list(c.row),
                "column": list(c.column),
                "unit": c.unit,
                "kind": str(c.kind),
                "na": c.allow_na,
                "additive": c.additive,
            }
            for c in form.cells.values()
        ],
        "rules": [
            {"id": r.key, "severity": str(r.severity), "description": r.description}
            for r in form.rules
        ],
    }


def show_form(args: argparse.Namespace) -> int:
    form = _library().get(args.form_id)
    if args.json:
        print_json(form_json(form))
        return 0
    print(f"{form.title}（{form.id}，{form.year_span()}）")
    for section in form.sections:
        print(f"  {section.title}" + (f"  [表 {section.table}]" if section.table else ""))
    print(f"单元格 {len(form.cells)} 个，检查规则 {len(form.rules)} 条")
    return 0
