"""Which font serves which role of the printed report, and whether it is the standard one.

GB/T 9704 names a typeface per role: 仿宋 for the body, 小标宋 for the title, 黑体 and
楷体 for headings, 宋体 for page numbers. A PC rarely has them all: 方正小标宋 is a
commercial font, and FangSong, KaiTi and SimHei are Windows' optional "Chinese
(Simplified) Supplemental Fonts" (中文(简体)补充字体), missing from many office PCs.
Each role therefore has a chain of families, best first, ending in faces of the same
style (宋/明 before 黑 for the title). :func:`role_facts` says, for the command line and
the 签署与打印 page, which font serves each role and how to get the standard one.

Pure Python: showing the facts does not load ReportLab (registering is :mod:`.fonts`),
and Word and the web page can name the same families and let the reader's PC substitute.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .fontfinder import RARE_FALLBACKS, Face


class Role(StrEnum):
    BODY = "body"  # 正文 3号仿宋
    TITLE = "title"  # 标题 2号小标宋
    HEADING = "heading"  # 一级标题 黑体
    KAI = "kai"  # 二级标题 楷体
    NUMBER = "number"  # 页码 4号宋体


ROLE_NAMES = {
    Role.BODY: "正文",
    Role.TITLE: "标题",
    Role.HEADING: "一级标题",
    Role.KAI: "二级标题",
    Role.NUMBER: "页码",
}

_FANGSONG = (
    "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "FZFangSong-Z02",
    "方正仿宋简体", "FZFangSong-Z02S", "华文仿宋", "STFangsong",
)  # fmt: skip
_XIAOBIAOSONG = (
    "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "小标宋",
)  # fmt: skip
#: 宋/明 faces: SimSun on every Chinese Windows; AR PL UMing on Debian, UOS and Kylin.
_SONG = (
    "宋体", "SimSun", "AR PL UMing CN", "AR PL New Sung", "AR PL SungtiL GB",
    "Noto Serif CJK SC", "Source Han Serif SC",
)  # fmt: skip
_HEI = ("黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S")
_KAI = (
    "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "FZKai-Z03",
    "方正楷体简体", "FZKai-Z03S", "华文楷体", "STKaiti",
)  # fmt: skip
_SANS = ("WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback")

#: Family names per role, best first (Chinese and English names of the same font).
PREFERRED: dict[Role, tuple[str, ...]] = {
    Role.BODY: (*_FANGSONG, *_SONG, *_SANS, *_HEI),
    Role.TITLE: (*_XIAOBIAOSONG, "华文中宋", "STZhongsong", *_SONG, *_HEI, *_SANS),
    Role.HEADING: (*_HEI, *_SANS),
    Role.KAI: (*_KAI, "AR PL UKai CN", "LXGW WenKai"),
    Role.NUMBER: _SONG,
}
#: The families GB/T 9704 asks for; any other font is said aloud.
STANDARD: dict[Role, tuple[str, ...]] = {
    Role.BODY: _FANGSONG,
    Role.TITLE: _XIAOBIAOSONG,
    Role.HEADING: _HEI,
    Role.KAI: _KAI,
    Role.NUMBER: _SONG,
}
STANDARD_NAMES = {
    Role.BODY: "仿宋",
    Role.TITLE: "方正小标宋",
    Role.HEADING: "黑体",
    Role.KAI: "楷体",
    Role.NUMBER: "宋体",
}
WINDOWS_SUPPLEMENT = (
    "Windows 10/11：打开“设置 → 应用 → 可选功能 → 添加可选功能”，搜索并安装"
    "“中文(简体)补充字体”（Chinese (Simplified) Supplemental Fonts，含仿宋、楷体、黑体；"
    "需联网，无权限时请信息中心安装）。Linux：请信息中心安装仿宋、楷体、黑体字体。"
)
ADVICE = {
    Role.BODY: WINDOWS_SUPPLEMENT,
    Role.HEADING: WINDOWS_SUPPLEMENT,
    Role.KAI: WINDOWS_SUPPLEMENT,
    Role.TITLE: (
        "方正小标宋是方正公司的商业字体，Windows 不自带，请由单位信息中心安装；"
        "没有时标题用宋体（明体），也合乎一般要求。"
    ),
    Role.NUMBER: "宋体（SimSun）是中文 Windows 自带的字体。",
}
GLYPH_FALLBACKS = RARE_FALLBACKS  # the name the rest of output/ knows them by


def wanted_families() -> tuple[str, ...]:
    """Every family name a role or a fallback asks for (what Windows discovery looks for)."""
    names = [n for chain in PREFERRED.values() for n in chain]
    return tuple(dict.fromkeys(names))


def ranked(faces: Iterable[Face], names: Sequence[str]) -> list[Face]:
    """The faces matching ``names``, in the order of ``names``."""
    faces = list(faces)
    result: list[Face] = []
    for name in names:
        result += [f for f in faces if f.matches(name) and f not in result]
    return result


def candidates(faces: Sequence[Face], role: Role) -> list[Face]:
    """The Chinese faces that may serve ``role``, best first (empty: the body font serves)."""
    return ranked([f for f in faces if f.chinese], PREFERRED[role])


def plan(faces: Sequence[Face], body: Face | None = None) -> dict[Role, Face]:
    """The face each role would get, without loading any font (what the page shows).

    :func:`.fonts.choose_fonts` registers the same choice and, in the rare case a face
    turns out unusable, goes on to the next one.
    """
    chosen: dict[Role, Face] = {}
    if body is not None:
        chosen[Role.BODY] = body
    for role in Role:
        found = candidates(faces, role)
        if role not in chosen and found:
            chosen[role] = found[0]
    if Role.BODY not in chosen:
        chinese = [f for f in faces if f.chinese]
        if not chinese:
            return {}
        chosen[Role.BODY] = chinese[0]
    return {role: chosen.get(role, chosen[Role.BODY]) for role in Role}


def is_standard(face: Face, role: Role) -> bool:
    return any(face.matches(name) for name in STANDARD[role])


@dataclass(frozen=True)
class RoleFact:
    """One role of the print: the font serving it, and what to do if it is not the standard."""

    role: Role
    font: str  # the family name shown to the clerk
    standard: bool

    @property
    def label(self) -> str:
        return ROLE_NAMES[self.role]

    @property
    def wanted(self) -> str:
        return STANDARD_NAMES[self.role]

    def line(self) -> str:
        if self.standard:
            return f"{self.label}：{self.font}"
        return f"{self.label}：{self.font}（标准字体为{self.wanted}，本机没有）"


def role_facts(chosen: Mapping[Role, Face]) -> list[RoleFact]:
    """The facts of every role in print order; tables are set in the body font."""
    order = (Role.TITLE, Role.BODY, Role.HEADING, Role.KAI, Role.NUMBER)
    return [RoleFact(r, chosen[r].name, is_standard(chosen[r], r)) for r in order if r in chosen]


def substitutes(facts: Iterable[RoleFact]) -> list[RoleFact]:
    """The body, title and heading roles not served by their standard font."""
    said = (Role.BODY, Role.TITLE, Role.HEADING, Role.KAI)
    return [f for f in facts if f.role in said and not f.standard]


def substitute_message(facts: Iterable[RoleFact]) -> str:
    """Which roles use another font and how to install the standard ones; "" when none."""
    others = substitutes(facts)
    if not others:
        return ""
    lines = ["本机缺少公文标准字体，PDF 中改用：", *(f"  {f.line()}" for f in others)]
    advice = dict.fromkeys(ADVICE[f.role] for f in others)
    return "\n".join([*lines, *advice])
