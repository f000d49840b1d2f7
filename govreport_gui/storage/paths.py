"""Where the drafts live: the per-user data folder, unless the clerk or a script says otherwise."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ..core.errors import os_reason
from .base import StorageError

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


def data_dir_exists(folder: Path) -> bool:
    """Whether the data folder is there; StorageError if the path is a file or unusable."""
    try:
        mode = os.stat(folder).st_mode
    except (FileNotFoundError, NotADirectoryError):  # creating it will say what is in the way
        return False
    except OSError as exc:  # too long a path, a symlink loop, no permission
        raise StorageError(
            f"无法使用数据文件夹“{folder}”：{os_reason(exc)}。请用 --data-dir 选择另一个文件夹。"
        ) from None
    if not stat.S_ISDIR(mode):
        raise StorageError(
            f"数据文件夹“{folder}”不是文件夹，而是一个文件。请用 --data-dir 选择另一个文件夹。"
        )
    return True
