"""Where the form files and resources live, and which form serves which report year.

Looked up, in order: a PyInstaller bundle, an installed wheel (``govreport_gui/_data``),
a source checkout (the repository's top level). Extra form folders (a newer year's
format sent by the higher office) come from ``GOVREPORT_FORMS_DIR``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import FormDefinitionError, GovreportError
from .formfile import load_form
from .model import Form

_PACKAGE = Path(__file__).resolve().parent.parent


def data_root(name: str) -> Path:
    """The folder ``forms`` or ``resources``, wherever this copy of the app keeps it."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "govreport_gui" / "_data" / name)
    candidates += [_PACKAGE / "_data" / name, _PACKAGE.parent / name]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise GovreportError(f"找不到程序的 {name} 文件夹，安装可能不完整，请重新安装。")


def resource_path(*parts: str) -> Path:
    return data_root("resources").joinpath(*parts)


@dataclass
class FormLibrary:
    """All known forms by id; files that failed to load are kept as problems, not fatal."""

    forms: dict[str, Form] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def get(self, form_id: str) -> Form:
        try:
            return self.forms[form_id]
        except KeyError:
            known = "、".join(self.forms) or "（无）"
            raise GovreportError(
                f"没有编号为 “{form_id}” 的报告格式；已有的格式：{known}"
            ) from None

    def for_year(self, year: int) -> Form:
        """The format that applies to a report year (the newest, if several do)."""
        matching = [f for f in self.forms.values() if f.covers(year)]
        if not matching:
            raise GovreportError(f"没有适用于 {year} 年度报告的格式")
        return max(matching, key=lambda f: (f.years[0], f.version))

    def ordered(self) -> list[Form]:
        return sorted(self.forms.values(), key=lambda f: f.years[0])


def form_dirs() -> list[Path]:
    dirs = [data_root("forms")]
    extra = os.environ.get("GOVREPORT_FORMS_DIR")
    if extra:
        dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    return dirs


def load_library(dirs: list[Path] | None = None) -> FormLibrary:
    library = FormLibrary()
    for folder in dirs if dirs is not None else form_dirs():
        if not folder.is_dir():
            library.problems.append(f"格式文件夹不存在：{folder}")
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                form = load_form(path)
            except FormDefinitionError as exc:
                library.problems.append(str(exc))
                continue
            if form.id in library.forms:
                library.problems.append(
                    f"格式文件 {path} 的编号 “{form.id}” 与 {library.forms[form.id].source} 重复，已忽略"
                )
                continue
            library.forms[form.id] = form
    return library


@lru_cache(maxsize=1)
def default_library() -> FormLibrary:
    """The library of this installation, loaded once per process."""
    return load_library()
