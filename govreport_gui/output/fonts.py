"""Finding, checking and registering the Chinese TrueType fonts the printed report uses.

The PDF is signed and sealed, so its look must not depend on the viewer: every font is a
TrueType font of this PC, embedded as a subset. Fonts are looked up by family name (the
official document fonts first: 仿宋 for the body, 小标宋/黑体 for the title, 黑体 and 楷体
for headings, 宋体 for page numbers), never replaced by ReportLab's non-embedded
``STSong-Light``. ReportLab silently drops characters a font lacks, so every text is
checked against the fonts before rendering (see :mod:`.glyphs`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..core.errors import GovreportError, os_reason
from .font_roles import PREFERRED, ROLE_NAMES, Role
from .sfnt import FaceInfo, SfntError, read_faces

FONT_ENV = "GOVREPORT_FONT"
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
#: Characters every report prints; a face without them is not a usable Chinese font.
PROBE = "中华人民共和国政府信息公开工作年度报告统计"


class FontError(GovreportError):
    """No usable font, or a chosen font file cannot be used; the message says how to fix it."""


class NoChineseFontError(FontError):
    pass


#: Fonts tried, in this order, for characters the role's font lacks (rare name characters).
GLYPH_FALLBACKS = ("SimSun-ExtB", "宋体-ExtB", "SimSun-ExtG", "MingLiU-ExtB", "HanaMinB")

_WINDOWS_FILES = {  # well-known files, in case the registry cannot be read
    "simfang.ttf": 0, "simsun.ttc": 0, "simhei.ttf": 0, "simkai.ttf": 0, "simsunb.ttf": 0,
}  # fmt: skip


def _key(name: str) -> str:
    return re.sub(r"[\s]+", "", name).casefold()


@dataclass(frozen=True)
class Face:
    """One usable face: a TrueType Chinese font this PC has, that may be embedded."""

    path: Path
    index: int
    families: tuple[str, ...]
    name: str

    @classmethod
    def of(cls, info: FaceInfo) -> Face:
        return cls(info.path, info.index, info.families, info.name)

    def matches(self, family: str) -> bool:
        wanted = _key(family)
        return any(_key(f) == wanted for f in self.families)


# -- discovery -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def find_fonts() -> tuple[Face, ...]:
    """Usable Chinese TrueType faces installed on this PC (looked up once per process)."""
    faces: dict[tuple[Path, int], Face] = {}
    for info in _candidate_faces():
        if info.truetype and info.embeddable and info.chinese:
            faces.setdefault((info.path, info.index), Face.of(info))
    return tuple(faces.values())


def _candidate_faces() -> Iterable[FaceInfo]:
    if sys.platform == "win32":
        files = _windows_font_files()
    else:
        listed = _fontconfig_faces()
        if listed is not None:
            yield from listed
            return
        files = _scan(_unix_font_dirs())
    for path in files:
        try:
            yield from read_faces(path)
        except SfntError:
            continue


def _fontconfig_faces() -> list[FaceInfo] | None:
    """Chinese faces as fontconfig sees them; None when fc-list is not available."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, "-f", "%{file}|%{index}\\n", ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    wanted: dict[Path, set[int]] = {}
    for line in out.splitlines():
        file, _, index = line.rpartition("|")
        if file and index.isdigit():
            wanted.setdefault(Path(file), set()).add(int(index))
    infos = []
    for path, indexes in sorted(wanted.items()):
        try:
            infos += [i for i in read_faces(path) if i.index in indexes]
        except SfntError:
            continue
    return infos


def _unix_font_dirs() -> list[Path]:
    home = Path.home()
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".fonts",
        home / ".local/share/fonts",
        Path("/Library/Fonts"),
        home / "Library/Fonts",
    ]


def _scan(dirs: Iterable[Path]) -> list[Path]:
    files = []
    for folder in dirs:
        if folder.is_dir():
            files += [p for p in sorted(folder.rglob("*")) if p.suffix.lower() in FONT_SUFFIXES]
    return files


def _windows_dirs() -> list[Path]:
    windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
    dirs = [windir / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts a user installed without admin rights (Windows 10 1809+)
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _windows_font_files() -> list[Path]:
    """Files whose registered name looks Chinese or is a font we prefer, plus known files."""
    dirs = _windows_dirs()
    wanted = {_key(n) for names in PREFERRED.values() for n in names}
    wanted |= {_key(n) for n in GLYPH_FALLBACKS}
    files: list[Path] = []
    for name, file in _windows_registry_fonts():
        names = [_key(n) for n in re.sub(r"\(.*?\)", "", name).split("&")]
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in name)
        if chinese or wanted.intersection(names) or _looks_chinese_file(file):
            path = Path(file)
            if not path.is_absolute():
                path = dirs[0] / file
            files.append(path)
    for folder in dirs:
        files += [folder / f for f in _WINDOWS_FILES if (folder / f).is_file()]
        if folder != dirs[0] and folder.is_dir():  # the per-user folder is small: take all
            files += _scan([folder])
    return list(dict.fromkeys(p for p in files if p.suffix.lower() in FONT_SUFFIXES))


def _looks_chinese_file(file: str) -> bool:
    stem = Path(file).stem.lower()
    return stem.startswith(("sim", "fz", "方正", "仿宋", "楷体", "黑体", "宋体", "msyh", "st"))


def _windows_registry_fonts() -> list[tuple[str, str]]:
    try:
        import winreg
    except ImportError:
        return []
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    found = []
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(root, key_path) as key:
                i = 0
                while True:
                    try:
                        name, value, _ = winreg.EnumValue(key, i)
                    except OSError:
                        break
                    if isinstance(value, str):
                        found.append((name, value))
                    i += 1
        except OSError:
            continue
    return found


# -- registering and checking ----------------------------------------------------------


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
            raise FontError(_unusable(face.path, str(exc))) from None
        except OSError as exc:
            raise FontError(f"无法读取字体文件 {face.path}：{os_reason(exc)}") from None
        pdfmetrics.registerFont(font)
        registered = RegisteredFont(name, face, font)
        _registered[key] = registered
        return registered


def _unusable(path: Path, reason: str) -> str:
    if "postscript outlines" in reason:
        return (
            f"字体文件 {path.name} 是 OpenType（CFF）格式，本程序无法嵌入 PDF。"
            "请改选 TrueType 字体（.ttf 或 .ttc，例如 simfang.ttf、simsun.ttc）。"
        )
    if "subsetting" in reason or "embedding" in reason:
        return f"字体 {path.name} 的授权不允许嵌入 PDF，请改选其他中文字体。"
    return f"字体文件 {path.name} 无法使用（{reason}），请改选其他中文 TrueType 字体。"


def missing_glyphs(text: str, font: RegisteredFont) -> list[str]:
    """The distinct printable characters of ``text`` that ``font`` has no glyph for."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isprintable() and not ch.isspace() and not font.has(ch):
            seen.setdefault(ch)
    return list(seen)


def face_from_file(path: Path, index: int | None = None) -> Face:
    """The face of a font file the user chose; FontError saying why it cannot be used."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise FontError(f"找不到字体文件：{path}。请在设置中重新选择字体文件。")
    try:
        infos = read_faces(path)
    except SfntError:
        raise FontError(
            f"{path.name} 不是字体文件。请选择 .ttf 或 .ttc 格式的中文 TrueType 字体。"
        ) from None
    if index is not None:
        infos = [i for i in infos if i.index == index]
        if not infos:
            raise FontError(f"字体文件 {path.name} 中没有第 {index} 号字体。")
    truetype = [i for i in infos if i.truetype]
    if not truetype:
        raise FontError(_unusable(path, "postscript outlines"))
    embeddable = [i for i in truetype if i.embeddable]
    if not embeddable:
        raise FontError(_unusable(path, "embedding"))
    chosen = next((i for i in embeddable if i.chinese), embeddable[0])
    return Face.of(chosen)


# -- choosing the fonts of a print --------------------------------------------------------


@dataclass(frozen=True)
class FontSet:
    """The registered font of every role, and the fallbacks for characters they lack."""

    roles: dict[Role, RegisteredFont]
    fallbacks: tuple[RegisteredFont, ...]

    def __getitem__(self, role: Role) -> RegisteredFont:
        return self.roles[role]

    @property
    def body(self) -> RegisteredFont:
        return self.roles[Role.BODY]

    def describe(self) -> dict[str, str]:
        """Role (Chinese) → font family, for the settings page and the command line."""
        return {ROLE_NAMES[r]: f.shown for r, f in self.roles.items()}


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
) -> FontSet:
    """Resolve and register the fonts of every role.

    ``font_path`` (else ``$GOVREPORT_FONT``) is the user's body font; the other roles are
    looked up among ``faces`` (default: :func:`find_fonts`) and fall back to the body font.
    """
    faces = list(find_fonts() if faces is None else faces)
    if font_path is None and os.environ.get(FONT_ENV):
        font_path = Path(os.environ[FONT_ENV])
    roles: dict[Role, RegisteredFont] = {}
    if font_path is not None:
        body = register(face_from_file(Path(font_path)))
        if missing_glyphs(PROBE, body):
            raise FontError(
                f"字体 {body.shown}（{Path(font_path).name}）不含常用汉字，不是中文字体。"
                "请选择仿宋、宋体等中文字体文件。"
            )
        roles[Role.BODY] = body
    for role in Role:
        if role in roles:
            continue
        found = _first_usable(_ranked(faces, PREFERRED[role]))
        if found is None and role is Role.BODY:
            found = _first_usable(faces)
        if found is not None:
            roles[role] = found
    if Role.BODY not in roles:
        raise NoChineseFontError(no_font_message())
    for role in Role:
        roles.setdefault(role, roles[Role.BODY])
    fallbacks = [f for f in _usable_all(_ranked(faces, GLYPH_FALLBACKS))]
    for font in roles.values():
        if font not in fallbacks:
            fallbacks.append(font)
    return FontSet(roles, tuple(fallbacks))


def _ranked(faces: Sequence[Face], names: Sequence[str]) -> list[Face]:
    ranked = []
    for name in names:
        ranked += [f for f in faces if f.matches(name) and f not in ranked]
    return ranked


def _first_usable(faces: Iterable[Face]) -> RegisteredFont | None:
    return next(iter(_usable_all(faces, limit=1)), None)


def _usable_all(faces: Iterable[Face], limit: int = 8) -> list[RegisteredFont]:
    """Register faces in order, skipping those ReportLab refuses or that lack common hanzi."""
    usable: list[RegisteredFont] = []
    for face in faces:
        if len(usable) >= limit:
            break
        try:
            font = register(face)
        except FontError:
            continue
        if not missing_glyphs(PROBE, font):
            usable.append(font)
    return usable
