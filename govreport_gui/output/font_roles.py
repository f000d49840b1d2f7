"""The official document fonts by role, as family names (no font library needed).

The PDF looks these names up among the PC's fonts (:mod:`.fonts`); Word and the web page
name them, best first, and let the reader's PC substitute (:mod:`.docx`, :mod:`.html`).
"""

from __future__ import annotations

from enum import StrEnum


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

#: Family names per role, best first (Chinese and English names of the same font).
PREFERRED: dict[Role, tuple[str, ...]] = {
    Role.BODY: (
        "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "FZFangSong-Z02",
        "方正仿宋简体", "FZFangSong-Z02S", "华文仿宋", "STFangsong",
        "宋体", "SimSun", "AR PL UMing CN", "AR PL New Sung", "AR PL SungtiL GB",
        "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "黑体", "SimHei",
    ),
    Role.TITLE: (
        "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05",
        "小标宋", "华文中宋", "STZhongsong", "黑体", "SimHei", "方正黑体_GBK",
        "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    ),
    Role.HEADING: (
        "黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S",
        "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    ),
    Role.KAI: (
        "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "FZKai-Z03",
        "方正楷体简体", "FZKai-Z03S", "华文楷体", "STKaiti", "AR PL UKai CN", "LXGW WenKai",
    ),
    Role.NUMBER: ("宋体", "SimSun", "AR PL UMing CN", "AR PL New Sung"),
}  # fmt: skip
