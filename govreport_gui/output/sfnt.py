"""Just enough of the TrueType/OpenType file format to pick fonts without loading them.

ReportLab parses a whole font (tens of MB for a Chinese one) when it is registered; to
choose among the fonts of a PC we only need, per face: its family names (English and
Chinese), whether the outlines are TrueType (ReportLab cannot embed CFF), the embedding
permission and whether it claims Chinese coverage. These come from a few header bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_FACES = 64  # a .ttc with more faces than this is not a font collection we know

# OS/2 fsType (OpenType spec): bits 0-3 are the licence level, 0x0100 no subsetting,
# 0x0200 bitmap embedding only.
FS_RESTRICTED = 0x0002
FS_NO_SUBSETTING = 0x0100
FS_BITMAP_ONLY = 0x0200

# ulUnicodeRange bit 59: CJK Unified Ideographs; ulCodePageRange1 bit 18: GB2312 (cp936),
# bit 20: Big5 (cp950).
_CJK_UNICODE_BIT = 59
_CP_GB2312 = 1 << 18
_CP_BIG5 = 1 << 20


#: Name-table languages in the order names are listed: English, then Simplified Chinese.
_LANG_ORDER = {0x409: 0, 0x804: 1, 0x1004: 2, 0x404: 3, 0xC04: 4}


class SfntError(Exception):
    """The file is not a TrueType/OpenType font (or a collection of them)."""


@dataclass(frozen=True)
class FaceInfo:
    path: Path
    index: int  # sub-font index in a .ttc; 0 otherwise
    families: tuple[str, ...]  # every family name: English first, then Simplified Chinese
    postscript: str
    truetype: bool  # glyf outlines; False for CFF ("OTTO") which ReportLab rejects
    fs_type: int
    chinese: bool  # claims CJK ideographs or a Chinese code page

    @property
    def embeddable(self) -> bool:
        licence = self.fs_type & 0x000F
        return licence != FS_RESTRICTED and not self.fs_type & (FS_NO_SUBSETTING | FS_BITMAP_ONLY)

    @property
    def name(self) -> str:
        """The family name to show: a Chinese one when the face has it."""
        for family in self.families:
            if any("\u4e00" <= ch <= "\u9fff" for ch in family):
                return family
        return self.families[0] if self.families else self.path.stem


def read_faces(path: Path) -> list[FaceInfo]:
    """All faces of a .ttf/.otf/.ttc file; raises SfntError if it is not a font."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            tag = f.read(4)
            if tag == b"ttcf":
                f.read(4)  # version
                (count,) = _unpack(f, ">I")
                if not 0 < count <= MAX_FACES:
                    raise SfntError(f"{path}: bad face count {count}")
                offsets = _unpack(f, f">{count}I")
                return [_read_face(f, path, i, off) for i, off in enumerate(offsets)]
            return [_read_face(f, path, 0, 0)]
    except OSError as exc:
        raise SfntError(f"{path}: {exc.strerror or exc}") from None
    except struct.error:
        raise SfntError(f"{path}: truncated font file") from None


def _unpack(f: BinaryIO, fmt: str) -> tuple[int, ...]:
    size = struct.calcsize(fmt)
    data = f.read(size)
    if len(data) != size:
        raise struct.error("short read")
    return struct.unpack(fmt, data)


def _read_face(f: BinaryIO, path: Path, index: int, offset: int) -> FaceInfo:
    f.seek(offset)
    version = f.read(4)
    if version not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise SfntError(f"{path}: not a TrueType/OpenType font")
    (num_tables,) = _unpack(f, ">H")
    f.read(6)
    tables: dict[bytes, tuple[int, int]] = {}
    for _ in range(min(num_tables, 200)):
        tag = f.read(4)
        _checksum, table_offset, length = _unpack(f, ">III")
        tables[tag] = (table_offset, length)
    truetype = version != b"OTTO" and b"glyf" in tables and b"CFF " not in tables
    families, postscript = _names(f, tables.get(b"name"))
    fs_type, chinese = _os2(f, tables.get(b"OS/2"))
    return FaceInfo(path, index, families, postscript, truetype, fs_type, chinese)


def _names(f: BinaryIO, where: tuple[int, int] | None) -> tuple[tuple[str, ...], str]:
    if where is None:
        return (), ""
    start, length = where
    f.seek(start)
    data = f.read(length)
    if len(data) < 6:
        return (), ""
    _fmt, count, strings = struct.unpack(">HHH", data[:6])
    found: list[tuple[int, str]] = []
    postscript = ""
    for i in range(count):
        rec = data[6 + 12 * i : 18 + 12 * i]
        if len(rec) < 12:
            break
        platform, encoding, lang, name_id, size, off = struct.unpack(">HHHHHH", rec)
        if name_id not in (1, 4, 6, 16):
            continue
        text = _name_text(platform, encoding, data[strings + off : strings + off + size])
        if not text:
            continue
        if name_id == 6:
            postscript = postscript or text
        elif name_id in (1, 16):
            found.append((_LANG_ORDER.get(lang if platform == 3 else 0x409, 9), text))
    families = dict.fromkeys(text for _, text in sorted(found, key=lambda f: f[0]))
    return tuple(families), postscript


def _name_text(platform: int, encoding: int, raw: bytes) -> str:
    """A name record's text: Unicode or Windows (UTF-16), or Mac Roman; "" for others."""
    if platform in (0, 3) and encoding in (0, 1, 3, 10):
        text = raw.decode("utf-16-be", errors="replace")
    elif platform == 1 and encoding == 0:
        text = raw.decode("mac_roman", errors="replace")
    else:
        return ""
    return text.strip("\x00 ").strip()


def _os2(f: BinaryIO, where: tuple[int, int] | None) -> tuple[int, bool]:
    if where is None:
        return 0, False
    start, length = where
    f.seek(start)
    data = f.read(min(length, 96))
    if len(data) < 10:
        return 0, False
    (fs_type,) = struct.unpack(">H", data[8:10])
    chinese = False
    if len(data) >= 58:
        ranges = struct.unpack(">IIII", data[42:58])
        chinese = bool(ranges[_CJK_UNICODE_BIT // 32] & (1 << (_CJK_UNICODE_BIT % 32)))
    if len(data) >= 82:
        (cp1,) = struct.unpack(">I", data[78:82])
        chinese = chinese or bool(cp1 & (_CP_GB2312 | _CP_BIG5))
    return fs_type, chinese
