"""Registering with ReportLab the fonts one print uses, and checking what they can print.

The PDF is signed and sealed, so its look must not depend on the viewer: every font is a
TrueType font of this PC (found by :mod:`.fontfinder`, chosen per role by
:mod:`.font_roles`), embedded as a subset, never ReportLab's non-embedded ``STSong-Light``.
ReportLab silently drops characters a font lacks, so every text is checked against the
fonts before rendering (see :mod:`.glyphs`). Registering parses a whole font (0.1–0.2 s
for a Chinese one), so only the role fonts are registered up front; a fallback font is
registered the first time a character needs it.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..core.errors import os_reason
from .font_roles import (
    GLYPH_FALLBACKS,
    PREFERRED,
    ROLE_NAMES,
    Role,
    RoleFact,
    candidates,
    ranked,
    role_facts,
)
from .fontfinder import (
    FONT_ENV,
    LATIN_FALLBACKS,
    Face,
    FontError,
    NoChineseFontError,
    face_from_file,
    find_fonts,
    unusable_message,
)

__all__ = [
    "GLYPH_FALLBACKS",
    "PREFERRED",
    "ROLE_NAMES",
    "Face",
    "FontError",
    "FontSet",
    "NoChineseFontError",
    "RegisteredFont",
    "Role",
    "choose_fonts",
    "face_from_file",
    "find_fonts",
    "missing_glyphs",
    "register",
]

#: Characters every report prints; a face without them is not a usable Chinese font.
PROBE = "中华人民共和国政府信息公开工作年度报告统计"


# -- registering and checking ----------------------------------------------------------


_rl_to_unicode = ttfonts.makeToUnicodeCMap


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16.

    ReportLab writes 𠀀 as ``<20000>``, an odd-length hex string readers reject, so a rare
    character in a name prints but cannot be searched or copied. The PDF reference wants
    UTF-16BE (a surrogate pair): ``<D840DC00>``.
    """
    cmap = _rl_to_unicode(fontname, subset)
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{utf16}>", 1)
    return cmap


ttfonts.makeToUnicodeCMap = to_unicode_cmap


@dataclass(frozen=True)
class RegisteredFont:
    """A face registered with ReportLab under ``name`` (ASCII, used in Paragraph markup)."""

    name: str
    face: Face
    font: TTFont = field(compare=False, repr=False)

    def has(self, char: str) -> bool:
        return ord(char) in self.font.face.charToGlyph

    @property
    def shown(self) -> str:
        return self.face.name


_registered: dict[tuple[Path, int], RegisteredFont] = {}
_register_lock = threading.Lock()


def register(face: Face) -> RegisteredFont:
    """Register a face with ReportLab once per process; FontError if it cannot be embedded."""
    key = (face.path, face.index)
    with _register_lock:
        if key in _registered:
            return _registered[key]
        name = f"GR{len(_registered)}-" + re.sub(r"[^A-Za-z0-9]", "", face.path.stem)[:20]
        try:
            font = TTFont(name, str(face.path), subfontIndex=face.index)
        except TTFError as exc:
            raise FontError(unusable_message(face.path, str(exc))) from None
        except OSError as exc:
            raise FontError(f"无法读取字体文件 {face.path}：{os_reason(exc)}") from None
        pdfmetrics.registerFont(font)
        registered = RegisteredFont(name, face, font)
        _registered[key] = registered
        return registered


def missing_glyphs(text: str, font: RegisteredFont) -> list[str]:
    """The distinct printable characters of ``text`` that ``font`` has no glyph for."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isprintable() and not ch.isspace() and not font.has(ch):
            seen.setdefault(ch)
    return list(seen)


# -- choosing the fonts of a print --------------------------------------------------------


class FontSet:
    """The registered font of every role, and fallbacks for characters they lack.

    A character the role's font lacks is looked up in the other role fonts, then in the
    fonts of rare characters (SimSun-ExtB …) and other Chinese faces, and in Latin faces
    for digits and signs (Latin first for characters below U+2000). Each fallback face is
    registered only when a character needs it, and tested for that character alone.
    """

    def __init__(self, roles: dict[Role, RegisteredFont], spare: Sequence[Face] = ()) -> None:
        self.roles = roles
        own = {f.face for f in roles.values()}
        spare = [f for f in spare if f not in own]
        latin = ranked([f for f in spare if not f.chinese], LATIN_FALLBACKS)
        chinese = ranked(spare, GLYPH_FALLBACKS)
        chinese += [f for f in spare if f.supplementary and f not in chinese]
        chinese += [f for f in spare if f.chinese and f not in chinese]
        role_fonts = list(dict.fromkeys(roles.values()))
        self._wide = (*role_fonts, *chinese, *latin)
        self._narrow = (*role_fonts, *latin, *chinese)
        self._found: dict[str, RegisteredFont | None] = {}

    def __getitem__(self, role: Role) -> RegisteredFont:
        return self.roles[role]

    @property
    def body(self) -> RegisteredFont:
        return self.roles[Role.BODY]

    def fallback(self, char: str) -> RegisteredFont | None:
        """The first font that has ``char``, registering fallback faces as needed."""
        if char not in self._found:
            self._found[char] = self._search(char)
        return self._found[char]

    def _search(self, char: str) -> RegisteredFont | None:
        for item in self._narrow if ord(char) < 0x2000 else self._wide:
            if isinstance(item, Face):
                try:
                    item = register(item)
                except FontError:
                    continue
            if item.has(char):
                return item
        return None

    def width(self, text: str, font: RegisteredFont, size: float) -> float:
        """Width of ``text`` set in ``font`` with fallbacks (for measuring, records nothing)."""
        total = 0.0
        for ch in text:
            use = font if font.has(ch) else (self.fallback(ch) or font)
            total += pdfmetrics.stringWidth(ch, use.name, size)
        return total

    def registered(self) -> list[RegisteredFont]:
        """The fonts this set has registered so far (roles, and fallbacks used)."""
        found = [f for f in self._found.values() if f is not None]
        return list(dict.fromkeys([*self.roles.values(), *found]))

    def describe(self) -> dict[str, str]:
        """Role (Chinese) → font family, for the settings page and the command line."""
        return {ROLE_NAMES[r]: f.shown for r, f in self.roles.items()}

    def facts(self) -> list[RoleFact]:
        """Which font serves each role and whether it is the standard one."""
        return role_facts({r: f.face for r, f in self.roles.items()})


def no_font_message() -> str:
    return (
        "找不到可用的中文 TrueType 字体，无法生成 PDF。请任选一种办法：\n"
        "1. Windows：在“设置 → 应用 → 可选功能”中添加“中文(简体)补充字体”（含仿宋、黑体、楷体），"
        "或请信息中心安装仿宋_GB2312 字体；\n"
        "2. Linux（统信 UOS、麒麟）：安装 fonts-wqy-zenhei 或 fonts-arphic-uming 字体包；\n"
        "3. 在程序设置中选择一个中文字体文件（.ttf 或 .ttc），命令行可用 --font 字体文件，"
        f"或设置环境变量 {FONT_ENV}。\n"
        "注意：.otf 格式的字体（如思源宋体、Noto CJK）无法嵌入，不能使用。"
    )


def choose_fonts(
    font_path: Path | None = None,
    *,
    faces: Sequence[Face] | None = None,
    cache_dir: Path | None = None,
) -> FontSet:
    """Resolve and register the fonts of every role.

    ``font_path`` (else ``$GOVREPORT_FONT``) is the user's body font; the other roles are
    looked up among ``faces`` (default: :func:`find_fonts`, cached in ``cache_dir``) and
    fall back to the body font.
    """
    faces = list(find_fonts(cache_dir) if faces is None else faces)
    if font_path is None and os.environ.get(FONT_ENV):
        font_path = Path(os.environ[FONT_ENV])
    roles: dict[Role, RegisteredFont] = {}
    if font_path is not None:
        roles[Role.BODY] = _user_body_font(Path(font_path))
    for role in Role:
        if role in roles:
            continue
        found = _first_usable(candidates(faces, role))
        if found is None and role is Role.BODY:
            found = _first_usable(f for f in faces if f.chinese)
        if found is not None:
            roles[role] = found
    if Role.BODY not in roles:
        raise NoChineseFontError(no_font_message())
    for role in Role:
        roles.setdefault(role, roles[Role.BODY])
    return FontSet(roles, faces)


def _user_body_font(path: Path) -> RegisteredFont:
    body = register(face_from_file(path))
    if missing_glyphs(PROBE, body):
        raise FontError(
            f"字体 {body.shown}（{path.name}）不含常用汉字，不能作正文字体。"
            "请选择仿宋、宋体等中文字体文件；只含生僻字的字体（如 SimSun-ExtB，simsunb.ttf）"
            "无需选择：装在本机即会自动用来打印生僻字。"
        )
    return body


def _first_usable(faces: Iterable[Face]) -> RegisteredFont | None:
    """The first face ReportLab accepts that has the common hanzi of every report."""
    for face in faces:
        try:
            font = register(face)
        except FontError:
            continue
        if not missing_glyphs(PROBE, font):
            return font
    return None
