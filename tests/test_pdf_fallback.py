"""Per-character font fallback: digits for a font without them, rare name characters from
a font holding only those, and which font serves each role (issues 12 and 18)."""

from __future__ import annotations

import os
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from govreport_gui.core.draft import write_draft_file
from govreport_gui.core.model import cell_id
from govreport_gui.core.table_layout import printed_value
from govreport_gui.output.font_roles import Role, plan, role_facts, substitute_message
from govreport_gui.output.fontfinder import Face, find_fonts
from govreport_gui.output.fonts import choose_fonts
from govreport_gui.output.pdf import render_pdf
from govreport_gui.output.sfnt import read_faces
from tests.support.cli import run
from tests.support.helpers import filled_2021_draft
from tests.support.pdf_support import pdffonts, pdftotext

DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")  # fonts-droid-fallback
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
EXT_B = "\U00020000"  # 𠀀, the first CJK Extension B character


def table_values(form, draft) -> list[str]:
    """Every value the tables print: numbers, "/" for 不适用."""
    values = []
    for table in form.tables:
        for block in table.blocks:
            for row in block.rows:
                for column in block.columns:
                    cid = cell_id(table.id, row.id, column.id)
                    if cid in form.cells:
                        values.append(printed_value(draft.value(cid)))
    return [v for v in values if v]


def fontconfig(tmp_path: Path, *dirs: Path) -> dict[str, str]:
    """An environment in which fontconfig sees only the fonts in ``dirs``."""
    conf = tmp_path / "fonts.conf"
    listed = "".join(f"<dir>{d}</dir>" for d in dirs)
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig>{listed}'
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf), "GOVREPORT_DATA_DIR": str(tmp_path / "data")}


def test_droid_body_prints_every_table_value(library, tmp_path):
    form = library.get("2021")
    draft = filled_2021_draft(library)
    result = render_pdf(form, draft, tmp_path / "droid.pdf", font_path=DROID)
    text = pdftotext(result.path, "-raw")
    assert "\x00" not in text  # no invisible glyph
    words = text.split()
    expected = table_values(form, draft)
    assert "/" in expected and len(expected) > 100
    missing = [v for v in set(expected) if v not in words]
    assert missing == []
    assert result.final and not result.missing


def test_droid_as_the_only_chinese_font(library, tmp_path):
    draft_file = tmp_path / "filled.json"
    form = library.get("2021")
    draft = filled_2021_draft(library)
    write_draft_file(draft, draft_file)
    out = tmp_path / "out.pdf"
    env = fontconfig(tmp_path, DROID.parent, DEJAVU)
    result = run("pdf", str(draft_file), "-o", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "正式打印稿" in result.stdout
    assert "正文：Droid Sans Fallback（标准字体为仿宋，本机没有）" in result.stderr
    assert "中文(简体)补充字体" in result.stderr
    text = pdftotext(out, "-raw")
    assert "\x00" not in text
    words = text.split()
    assert [v for v in set(table_values(form, draft)) if v not in words] == []
    names = {f["name"].partition("+")[2] for f in pdffonts(out)}
    assert names == {"DroidSansFallback", "DejaVuSerif"}


def test_no_font_with_digits_names_the_table_cells(library, tmp_path):
    draft_file = tmp_path / "filled.json"
    write_draft_file(filled_2021_draft(library), draft_file)
    env = fontconfig(tmp_path, DROID.parent)
    result = run("pdf", str(draft_file), "-o", str(tmp_path / "x.pdf"), env=env)
    assert result.returncode == 2
    assert "“1”（U+0031，见：" in result.stderr
    assert "三、收到和处理政府信息公开申请情况" in result.stderr or "行政许可" in result.stderr
    result = run("pdf", str(draft_file), "-o", str(tmp_path / "x.pdf"), "--allow-missing", env=env)
    assert result.returncode == 0
    assert "正式打印稿" not in result.stdout and "草稿" in result.stdout
    assert "〓" in pdftotext(tmp_path / "x.pdf")


def extension_b_font(path: Path, family: str = "Test Rare Hanzi") -> Path:
    """A TrueType font holding one glyph, 𠀀 (U+20000), as a rare-character font does."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "u20000"])
    builder.setupCharacterMap({0x20000: "u20000"})
    pen = TTGlyphPen(None)
    for x0, y0, x1, y1 in ((100, 700, 900, 760), (460, -100, 540, 700)):
        pen.moveTo((x0, y0))
        pen.lineTo((x0, y1))
        pen.lineTo((x1, y1))
        pen.lineTo((x1, y0))
        pen.closePath()
    glyph = pen.glyph()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "u20000": glyph})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "u20000": (1000, 100)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(fsType=0, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path


def test_a_rare_name_character_prints_from_a_font_holding_only_rare_characters(library, tmp_path):
    rare = read_faces(extension_b_font(tmp_path / "rare.ttf"))[0]
    zen = next(f for f in find_fonts() if f.matches("WenQuanYi Zen Hei"))
    fonts = choose_fonts(faces=[zen, Face.of(rare, supplementary=True)])
    form = library.get("2021")
    draft = filled_2021_draft(library)
    draft.signatories["unit_head"] = f"王{EXT_B}"
    result = render_pdf(form, draft, tmp_path / "rare.pdf", fonts=fonts)
    assert not result.missing and result.final
    text = "".join(pdftotext(result.path, "-raw").split())
    assert f"单位负责人：王{EXT_B}" in text and "〓" not in text
    assert any(f["name"].endswith("+Test-Rare-Hanzi") for f in pdffonts(result.path))


def test_fontconfig_discovery_finds_a_rare_character_font_by_what_it_holds(tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    extension_b_font(folder / "rare.ttf")
    env = fontconfig(tmp_path, folder, WQY.parent)
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        faces = find_fonts()
    finally:
        for k, v in old.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    rare = [f for f in faces if f.matches("Test Rare Hanzi")]
    assert rare and rare[0].supplementary


def test_the_title_is_set_in_a_ming_face_before_any_hei(tmp_path):
    faces = [f for f in find_fonts() if f.path in (WQY, UMING)]
    fonts = choose_fonts(faces=faces)
    assert fonts[Role.TITLE].face.matches("AR PL UMing CN")
    assert fonts[Role.HEADING].face.matches("WenQuanYi Zen Hei")
    assert plan(faces)[Role.TITLE] == fonts[Role.TITLE].face


def test_role_facts_say_which_roles_are_not_standard(tmp_path):
    faces = [f for f in find_fonts() if f.path in (WQY, UMING)]
    facts = role_facts(plan(faces))
    assert [f.label for f in facts] == ["标题", "正文", "一级标题", "二级标题", "页码"]
    assert [f.standard for f in facts] == [False, False, False, False, True]
    message = substitute_message(facts)
    assert "标题：AR PL UMing CN（标准字体为方正小标宋，本机没有）" in message
    assert "页码" not in message
    assert "中文(简体)补充字体" in message and "方正小标宋是方正公司的商业字体" in message
    fangsong = Face(Path("simfang.ttf"), 0, ("FangSong", "仿宋"), "仿宋")
    assert not substitute_message(role_facts({Role.BODY: fangsong}))


def test_discovery_is_cached_until_a_font_folder_changes(tmp_path, monkeypatch):
    from govreport_gui.output import fontfinder

    folder = tmp_path / "fonts"
    folder.mkdir()
    env = fontconfig(tmp_path, folder, WQY.parent)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    data = tmp_path / "data"
    data.mkdir()
    first = fontfinder.find_fonts(data)
    assert (data / fontfinder.CACHE_FILE).is_file()
    calls = []
    monkeypatch.setattr(fontfinder, "discover", lambda: calls.append(1) or ())
    monkeypatch.setattr(fontfinder, "_memo", {})  # a new process: only the file remains
    assert fontfinder.find_fonts(data) == first and calls == []  # from the cache file
    extension_b_font(folder / "rare.ttf")  # a font installed: its folder changes
    os.utime(folder, ns=(1, os.stat(folder).st_mtime_ns + 10**9))
    assert fontfinder.find_fonts(data) == () and calls == [1]  # looked up again
