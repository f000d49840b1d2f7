"""What the window remembers between runs: size and position, 关怀模式, last folder, print font.

Backed by :class:`QSettings` (the registry on Windows, an ini file on Linux); tests pass
their own QSettings on a temporary ini file so they never touch the clerk's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "govreport"
APPLICATION = "govreport"

#: How much larger all text is in 关怀模式 (large-text mode for older clerks).
CARE_SCALE = 1.4


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)

    @property
    def care_mode(self) -> bool:
        return _as_bool(self.qsettings.value("view/care_mode", False))

    @care_mode.setter
    def care_mode(self, on: bool) -> None:
        self.qsettings.setValue("view/care_mode", bool(on))

    @property
    def geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, data: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", data)

    @property
    def last_folder(self) -> str:
        value = self.qsettings.value("files/last_folder", "")
        return value if isinstance(value, str) else ""

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self.qsettings.setValue("files/last_folder", folder)

    @property
    def print_font(self) -> str:
        """A font file the clerk chose for the PDF body; empty: found on this PC."""
        value = self.qsettings.value("print/font", "")
        return value if isinstance(value, str) else ""

    @print_font.setter
    def print_font(self, path: str) -> None:
        self.qsettings.setValue("print/font", path)

    def sync(self) -> None:
        self.qsettings.sync()


def _as_bool(value: object) -> bool:
    """QSettings ini files hand booleans back as the strings "true"/"false"."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)
