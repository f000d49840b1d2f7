"""Finding the TrueType fonts of this PC that a print may use, remembered between runs.

Discovery asks fontconfig (``fc-list``) on Linux, the font registry and the font folders
on Windows, and reads a few header bytes of each candidate (:mod:`.sfnt`). It keeps the
Chinese faces and the few Latin faces the print falls back to for digits and signs a
Chinese font may lack (``DroidSansFallbackFull.ttf`` has no digits). It never loads a
font into ReportLab: choosing is :mod:`.font_roles`, registering is :mod:`.fonts`.

A command-line print is a new process, so the result is kept in ``font-cache.json`` in
the data folder, keyed on the modification times of the font folders (and of the
registry's font keys on Windows): installing or removing a font changes its folder, so
a new font is seen on the next print.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..core.atomicfile import write_atomically
from ..core.errors import GovreportError
from .sfnt import FaceInfo, SfntError, read_faces

FONT_ENV = "GOVREPORT_FONT"  # the body font file, when not chosen otherwise
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
CACHE_FILE = "font-cache.json"
CACHE_VERSION = 1

#: Latin faces with digits and signs, for a Chinese font that lacks them, serif first
#: (the body is 仿宋 or 宋体; official documents set their digits in Times New Roman).
LATIN_FALLBACKS = (
    "Times New Roman", "Liberation Serif", "DejaVu Serif", "Noto Serif",
    "Arial", "Liberation Sans", "DejaVu Sans", "Noto Sans",
)  # fmt: skip
#: Fonts of rare characters (CJK Extension B and beyond). They hold few common hanzi, so
#: they are tested for the characters actually needed, never for the common-hanzi probe.
RARE_FALLBACKS = (
    "SimSun-ExtB", "宋体-ExtB", "SimSun-ExtG", "MingLiU-ExtB", "HanaMinB", "HanaMinA",
    "TW-Sung-Ext-B", "BabelStone Han",
)  # fmt: skip
#: Windows files worth reading even when the registry cannot be (well-known names).
WINDOWS_FILES = (
    "simfang.ttf", "simsun.ttc", "simhei.ttf", "simkai.ttf", "simsunb.ttf", "times.ttf",
    "arial.ttf",
)  # fmt: skip


class FontError(GovreportError):
    """No usable font, or a chosen font file cannot be used; the message says how to fix it."""


class NoChineseFontError(FontError):
    pass


def family_key(name: str) -> str:
    """A family name compared without spaces or case ("AR PL UMing CN" = "arplumingcn")."""
    return re.sub(r"\s+", "", name).casefold()


@dataclass(frozen=True)
class Face:
    """One usable face: a TrueType font this PC has, that may be embedded."""

    path: Path
    index: int
    families: tuple[str, ...]
    name: str
    chinese: bool = True
    supplementary: bool = False  # has CJK Extension B: a rare-character fallback

    @classmethod
    def of(cls, info: FaceInfo, supplementary: bool = False) -> Face:
        return cls(info.path, info.index, info.families, info.name, info.chinese, supplementary)

    def matches(self, family: str) -> bool:
        wanted = family_key(family)
        return any(family_key(f) == wanted for f in self.families)

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "index": self.index,
            "families": list(self.families),
            "name": self.name,
            "chinese": self.chinese,
            "supplementary": self.supplementary,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Face:
        families = data["families"]
        assert isinstance(families, list)
        return cls(
            Path(str(data["path"])),
            int(str(data["index"])),
            tuple(str(f) for f in families),
            str(data["name"]),
            bool(data["chinese"]),
            bool(data.get("supplementary")),
        )


_STYLED = re.compile(r"(bold|italic|oblique|light|black|heavy|thin|condensed|narrow)", re.I)


def usable(info: FaceInfo, wanted: frozenset[str], supplementary: bool = False) -> bool:
    """A face the print can embed: TrueType, embeddable, and Chinese, with Extension B,
    or a wanted fallback family in its regular style (digits must not print bold)."""
    if not (info.truetype and info.embeddable):
        return False
    if info.chinese or supplementary:
        return True
    named = any(family_key(f) in wanted for f in info.families)
    return named and not _STYLED.search(info.postscript.partition("-")[2])


def _wanted_fallbacks() -> frozenset[str]:
    return frozenset(family_key(n) for n in (*LATIN_FALLBACKS, *RARE_FALLBACKS))


#: In-process memo (cache folder → key, faces), checked against the folders on every call:
#: a font installed while the window is open is seen at the next print.
_memo: dict[Path | None, tuple[dict[str, object], tuple[Face, ...]]] = {}


def find_fonts(cache_dir: Path | None = None) -> tuple[Face, ...]:
    """Usable faces of this PC; read from ``cache_dir``'s cache while the folders are unchanged."""
    key = discovery_key()
    if cache_dir in _memo and _memo[cache_dir][0] == key:
        return _memo[cache_dir][1]
    faces = _find(cache_dir, key)
    _memo[cache_dir] = (key, faces)
    return faces


def _find(cache_dir: Path | None, key: dict[str, object]) -> tuple[Face, ...]:
    cache = cache_dir / CACHE_FILE if cache_dir is not None else None
    if cache is not None:
        cached = _read_cache(cache, key)
        if cached is not None:
            return cached
    faces = discover()
    if cache is not None:
        _write_cache(cache, key, faces)
    return faces


def discover() -> tuple[Face, ...]:
    """Look the fonts up now (no cache)."""
    wanted = _wanted_fallbacks()
    faces: dict[tuple[Path, int], Face] = {}
    for info, extension_b in _candidate_faces():
        if usable(info, wanted, extension_b):
            faces.setdefault((info.path, info.index), Face.of(info, extension_b))
    return tuple(faces.values())


def _read_cache(path: Path, key: dict[str, object]) -> tuple[Face, ...] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("key") != key:
            return None
        return tuple(Face.from_json(f) for f in data["faces"])
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        return None  # no cache, or a damaged one: discover again


def _write_cache(path: Path, key: dict[str, object], faces: tuple[Face, ...]) -> None:
    data = {"version": CACHE_VERSION, "key": key, "faces": [f.to_json() for f in faces]}
    if not path.parent.is_dir():
        return  # no data folder yet (the window makes it): no folder just for a cache
    with contextlib.suppress(OSError):  # a read-only data folder costs the next print a lookup
        write_atomically(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


# -- a font file the clerk chose ----------------------------------------------------------


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
        raise FontError(unusable_message(path, "postscript outlines"))
    embeddable = [i for i in truetype if i.embeddable]
    if not embeddable:
        raise FontError(unusable_message(path, "embedding"))
    chosen = next((i for i in embeddable if i.chinese), embeddable[0])
    return Face.of(chosen)


def unusable_message(path: Path, reason: str) -> str:
    if "postscript outlines" in reason:
        return (
            f"字体文件 {path.name} 是 OpenType（CFF）格式，本程序无法嵌入 PDF。"
            "请改选 TrueType 字体（.ttf 或 .ttc，例如 simfang.ttf、simsun.ttc）。"
        )
    if "subsetting" in reason or "embedding" in reason:
        return f"字体 {path.name} 的授权不允许嵌入 PDF，请改选其他中文字体。"
    return f"字体文件 {path.name} 无法使用（{reason}），请改选其他中文 TrueType 字体。"


# -- what the cache is keyed on -----------------------------------------------------------


def discovery_key() -> dict[str, object]:
    """Modification times of every font folder (and registry key) discovery reads."""
    key: dict[str, object] = {"platform": sys.platform}
    if sys.platform == "win32":
        folders = windows_dirs()
        key["registry"] = _windows_registry_stamps()
    else:
        for var in ("FONTCONFIG_FILE", "FONTCONFIG_PATH"):
            key[var] = os.environ.get(var, "")
        key["conf"] = _file_stamp(os.environ.get("FONTCONFIG_FILE", ""))
        folders = unix_font_dirs() + _fontconfig_dirs()
        key["fc-list"] = bool(shutil.which("fc-list"))
    key["folders"] = {str(d): stamp for d, stamp in _folder_stamps(folders)}
    return key


def _folder_stamps(roots: Iterable[Path]) -> Iterator[tuple[Path, int]]:
    """Each existing folder under ``roots`` with its mtime: adding a font changes its folder's."""
    for root in dict.fromkeys(roots):
        for folder, subdirs, _files in os.walk(root):
            subdirs.sort()
            try:
                yield Path(folder), os.stat(folder).st_mtime_ns
            except OSError:
                continue


def _fontconfig_dirs() -> list[Path]:
    """Folders a custom ``FONTCONFIG_FILE`` lists (the file's own time is in the key)."""
    conf = os.environ.get("FONTCONFIG_FILE")
    if not conf:
        return [Path("/etc/fonts")]
    try:
        text = Path(conf).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [Path(d.strip()).expanduser() for d in re.findall(r"<dir[^>]*>([^<]+)</dir>", text)]


def _file_stamp(name: str) -> int:
    try:
        return os.stat(name).st_mtime_ns if name else 0
    except OSError:
        return 0


# -- Linux and other Unix ------------------------------------------------------------------


def _candidate_faces() -> Iterable[tuple[FaceInfo, bool]]:
    """Faces to consider, each with whether it is known to hold CJK Extension B."""
    if sys.platform == "win32":
        files = windows_font_files()
    else:
        listed = fontconfig_faces()
        if listed is not None:
            yield from listed
            return
        files = scan(unix_font_dirs())
    for path in files:
        try:
            yield from ((info, False) for info in read_faces(path))
        except SfntError:
            continue


def _fc_list(fc_list: str, pattern: str) -> str:
    return subprocess.run(
        [fc_list, "-f", "%{file}|%{index}|%{family}\\n", pattern],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    ).stdout


def fontconfig_faces() -> list[tuple[FaceInfo, bool]] | None:
    """Chinese and fallback faces as fontconfig sees them; None without fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    named = _wanted_fallbacks()
    try:  # Chinese faces, faces with Extension B (from U+20000), and every face by name
        listings = [_fc_list(fc_list, pattern) for pattern in (":lang=zh", ":charset=20000", ":")]
    except (OSError, subprocess.SubprocessError):
        return None
    wanted: dict[Path, set[int]] = {}
    extension_b: set[tuple[Path, int]] = set()
    for n, listing in enumerate(listings):
        for line in listing.splitlines():
            file, index, families = [*line.split("|", 2), "", ""][:3]
            if n == 2 and not named.intersection(family_key(f) for f in families.split(",")):
                continue
            if file and index.isdigit():
                wanted.setdefault(Path(file), set()).add(int(index))
                if n == 1:
                    extension_b.add((Path(file), int(index)))
    infos = []
    for path, indexes in sorted(wanted.items()):
        try:
            infos += [
                (i, (path, i.index) in extension_b) for i in read_faces(path) if i.index in indexes
            ]
        except SfntError:
            continue
    return infos


def unix_font_dirs() -> list[Path]:
    home = Path.home()
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".fonts",
        home / ".local/share/fonts",
        Path("/Library/Fonts"),
        home / "Library/Fonts",
    ]


def scan(dirs: Iterable[Path]) -> list[Path]:
    files = []
    for folder in dirs:
        if folder.is_dir():
            files += [p for p in sorted(folder.rglob("*")) if p.suffix.lower() in FONT_SUFFIXES]
    return files


# -- Windows -------------------------------------------------------------------------------


def windows_dirs() -> list[Path]:
    windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
    dirs = [windir / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts a user installed without admin rights (Windows 10 1809+)
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def windows_font_files() -> list[Path]:
    """Files whose registered name looks Chinese or is a family we prefer, plus known files."""
    from .font_roles import wanted_families  # the roles' names; that module imports this one

    dirs = windows_dirs()
    wanted = {family_key(n) for n in wanted_families()} | _wanted_fallbacks()
    files: list[Path] = []
    for name, file in windows_registry_fonts():
        names = [family_key(n) for n in re.sub(r"\(.*?\)", "", name).split("&")]
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in name)
        if chinese or wanted.intersection(names) or _looks_chinese_file(file):
            path = Path(file)
            if not path.is_absolute():
                path = dirs[0] / file
            files.append(path)
    for folder in dirs:
        files += [folder / f for f in WINDOWS_FILES if (folder / f).is_file()]
        if folder != dirs[0] and folder.is_dir():  # the per-user folder is small: take all
            files += scan([folder])
    return list(dict.fromkeys(p for p in files if p.suffix.lower() in FONT_SUFFIXES))


def _looks_chinese_file(file: str) -> bool:
    stem = Path(file).stem.lower()
    return stem.startswith(("sim", "fz", "方正", "仿宋", "楷体", "黑体", "宋体", "msyh", "st"))


T = TypeVar("T")

_FONTS_KEY = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"


def _each_fonts_key(read: Callable[[Any], T], unopened: T | None = None) -> list[T]:
    """``read`` applied to the font key of both registry hives; a hive whose key cannot be
    opened gives ``unopened`` (or nothing). Empty off Windows."""
    try:
        import winreg
    except ImportError:
        return []
    results = []
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(root, _FONTS_KEY) as key:
                results.append(read(key))
        except OSError:
            if unopened is not None:
                results.append(unopened)
    return results


def _registered_fonts(key: Any) -> list[tuple[str, str]]:
    import winreg

    found = []
    i = 0
    while True:
        try:
            name, value, _ = winreg.EnumValue(key, i)
        except OSError:
            return found
        if isinstance(value, str):
            found.append((name, value))
        i += 1


def windows_registry_fonts() -> list[tuple[str, str]]:
    """(registered name, file) of both registry hives; empty off Windows."""
    return [entry for hive in _each_fonts_key(_registered_fonts) for entry in hive]


def _windows_registry_stamps() -> list[int]:
    """Last-write times of both font registry keys (a font installed changes them)."""
    return _each_fonts_key(_key_stamp, unopened=0)


def _key_stamp(key: Any) -> int:
    import winreg

    return int(winreg.QueryInfoKey(key)[2])
