"""Where the drafts live: the per-user data folder, unless the clerk or a script says otherwise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "govreport"
ENV_DATA_DIR = "GOVREPORT_DATA_DIR"


def default_data_dir() -> Path:
    """The platform's per-user data folder: %APPDATA%\\govreport, XDG on Linux."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    xdg = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / APP_DIR_NAME


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` first, then ``GOVREPORT_DATA_DIR``, then the platform default."""
    chosen = explicit or os.environ.get(ENV_DATA_DIR) or default_data_dir()
    return Path(chosen).expanduser().absolute()
