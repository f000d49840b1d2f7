"""The sample report shipped with the app (Xinfeng County 2017, old format)."""

from __future__ import annotations

from .draft import Draft, read_draft_file
from .library import FormLibrary, resource_path

DEMO_FILE = ("samples", "xinfeng-2017.json")


def demo_draft(library: FormLibrary) -> Draft:
    return read_draft_file(resource_path(*DEMO_FILE), library)
