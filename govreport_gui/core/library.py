"""Where the form files and resources live, and which form serves which report year.

Looked up, in order: a PyInstaller bundle, an installed wheel (``govreport_gui/_data``),
a source checkout (the repository's top level). Extra form folders (a newer year's
format sent by the higher office) come from ``GOVREPORT_FORMS_DIR``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
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


class FormLibrary:
    """All known forms by id; files that failed to load are kept as problems, not fatal.

    Files are read when first needed: ``get(id)`` reads the file named after the id
    (``forms/2021.toml``) when no file before it may declare that id, so a command about
    one draft compiles one form (issue 17); ``forms``, ``problems``, ``for_year`` and
    ``ordered`` read every file. Either way the answer is that of reading them all.
    """

    def __init__(self, dirs: Sequence[Path] = ()) -> None:
        self._dirs = list(dirs)
        self._loaded: dict[Path, Form | FormDefinitionError] = {}
        self._forms: dict[str, Form] = {}
        self._problems: list[str] = []
        self._complete = False

    @property
    def forms(self) -> dict[str, Form]:
        self._load_all()
        return self._forms

    @property
    def problems(self) -> list[str]:
        self._load_all()
        return self._problems

    def get(self, form_id: str) -> Form:
        form = None if self._complete else self._named(form_id)
        if form is not None:
            return form
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

    def _files(self) -> list[tuple[Path, list[Path]]]:
        return [
            (folder, sorted(folder.glob("*.toml")) if folder.is_dir() else [])
            for folder in self._dirs
        ]

    def _named(self, form_id: str) -> Form | None:
        """The form from ``<id>.toml`` if no file read before it may claim the id; None
        when only reading every file can tell."""
        earlier: list[Path] = []
        for folder, files in self._files():
            path = folder / f"{form_id}.toml"
            if path in files:
                before = earlier + files[: files.index(path)]
                if any(_may_declare(other, form_id) for other in before):
                    return None
                form = self._load(path)
                return form if isinstance(form, Form) and form.id == form_id else None
            earlier += files
        return None

    def _load(self, path: Path) -> Form | FormDefinitionError:
        if path not in self._loaded:
            try:
                self._loaded[path] = load_form(path)
            except FormDefinitionError as exc:
                self._loaded[path] = exc
        return self._loaded[path]

    def _load_all(self) -> None:
        if self._complete:
            return
        self._complete = True
        for folder, files in self._files():
            if not folder.is_dir():
                self._problems.append(f"格式文件夹不存在：{folder}")
                continue
            for path in files:
                form = self._load(path)
                if isinstance(form, FormDefinitionError):
                    self._problems.append(str(form))
                elif form.id in self._forms:
                    self._problems.append(
                        f"格式文件 {path} 的编号 “{form.id}” 与 {self._forms[form.id].source} 重复，已忽略"
                    )
                else:
                    self._forms[form.id] = form


def _may_declare(path: Path, form_id: str) -> bool:
    """Whether a form file might declare this id (its text quotes it, or it cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return f'"{form_id}"' in text or f"'{form_id}'" in text


def form_dirs() -> list[Path]:
    dirs = [data_root("forms")]
    extra = os.environ.get("GOVREPORT_FORMS_DIR")
    if extra:
        dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    return dirs


def load_library(dirs: list[Path] | None = None) -> FormLibrary:
    """The forms of these folders (by default the installation's), read when first needed."""
    return FormLibrary(dirs if dirs is not None else form_dirs())


@lru_cache(maxsize=1)
def default_library() -> FormLibrary:
    """The library of this installation, loaded once per process."""
    return load_library()
