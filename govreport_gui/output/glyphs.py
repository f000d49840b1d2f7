"""Turning user text into what ReportLab draws, without losing a character.

User text is text: it is escaped for Paragraph markup, so ``<b>&<img src="x">`` prints as
typed. ReportLab has no per-glyph fallback and drops characters the font lacks, so each
character is checked: one the role's font lacks is set in the first fallback font that
has it; one no font has is recorded (with where it occurs) and replaced by the
placeholder 〓, the conventional 缺字 mark of Chinese typesetting.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from .fonts import FontError, FontSet, RegisteredFont

PLACEHOLDER = "〓"


@dataclass
class MissingChar:
    """A character no available font can print, and the fields it occurs in."""

    char: str
    where: list[str] = field(default_factory=list)

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def describe(self) -> str:
        return f"“{self.char}”（{self.codepoint}，见：{'、'.join(self.where)}）"


class MissingGlyphsError(FontError):
    """Some characters cannot be printed with the fonts of this PC; nothing was written."""

    def __init__(self, message: str, missing: list[MissingChar]) -> None:
        super().__init__(message)
        self.missing = missing


def missing_message(missing: list[MissingChar], fonts: FontSet) -> str:
    chars = "；".join(m.describe() for m in missing[:20])
    more = f"等 {len(missing)} 个字" if len(missing) > 20 else ""
    return (
        f"字体“{fonts.body.shown}”及本机其他中文字体中没有以下字，打印时会缺字：{chars}{more}。\n"
        "请在设置中选择包含这些字的字体文件（例如 Windows 自带的 SimSun-ExtB，simsunb.ttf），"
        "或核对这些字是否录入有误；也可以选择“仍然打印”，缺字处印成“〓”，打印后手写补上。"
    )


Segment = tuple[RegisteredFont, str]


class GlyphMapper:
    """Maps texts to font runs for one print, collecting the characters no font has."""

    def __init__(self, fonts: FontSet, placeholder: str = PLACEHOLDER) -> None:
        self.fonts = fonts
        self.placeholder = placeholder
        self.missing: dict[str, MissingChar] = {}

    def segments(self, text: str, font: RegisteredFont, where: str) -> list[Segment]:
        """Runs of (font, text) covering ``text``; control and format characters are dropped."""
        runs: list[tuple[RegisteredFont, list[str]]] = []  # joined once: linear in length
        for ch in self._chars(text):
            use = self._font_for(ch, font, where)
            if use is None:
                ch, use = self.placeholder, self._font_for(self.placeholder, font, where)
                if use is None:  # even the placeholder is missing: keep the gap visible
                    ch, use = "?", font
            if runs and runs[-1][0] is use:
                runs[-1][1].append(ch)
            else:
                runs.append((use, [ch]))
        return [(use, "".join(chars)) for use, chars in runs]

    def markup(self, text: str, font: RegisteredFont, where: str) -> str:
        """Paragraph markup for ``text`` set in ``font`` (escaped, with fallback runs)."""
        return "".join(
            escape(run) if use is font else f'<font name="{use.name}">{escape(run)}</font>'
            for use, run in self.segments(text, font, where)
        )

    def _chars(self, text: str) -> Iterator[str]:
        for ch in text:
            if ch in "\t\r\n":
                yield " "
            elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
                continue
            else:
                yield ch

    def _font_for(self, ch: str, font: RegisteredFont, where: str) -> RegisteredFont | None:
        if font.has(ch):
            return font
        if ch.isspace():
            return font  # a space the font lacks is still a space
        for other in self.fonts.fallbacks:
            if other.has(ch):
                return other
        entry = self.missing.setdefault(ch, MissingChar(ch))
        if where not in entry.where:
            entry.where.append(where)
        return None
