"""Font discovery and checks, missing characters, escaping, line breaking (禁则)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from govreport_gui.core.errors import GovreportError
from govreport_gui.output.fonts import (
    FontError,
    FontSet,
    NoChineseFontError,
    Role,
    choose_fonts,
    face_from_file,
    find_fonts,
    missing_glyphs,
    register,
)
from govreport_gui.output.glyphs import GlyphMapper, MissingGlyphsError
from govreport_gui.output.layout import AREA_WIDTH, BODY_SIZE, CANNOT_END, CANNOT_START, Styles
from govreport_gui.output.pdf import check_glyphs, render_pdf
from govreport_gui.output.sfnt import read_faces
from tests.support.helpers import filled_2021_draft
from tests.support.pdf_support import pdftotext

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
RARE = "\U00020bb7"  # 𠮷, CJK Extension B: in neither WenQuanYi nor AR PL UMing


def sfnt(tables: dict[bytes, bytes], version: bytes = b"\x00\x01\x00\x00") -> bytes:
    """A minimal font file: header, table directory, tables (enough for the header reader)."""
    out = bytearray(version + struct.pack(">HHHH", len(tables), 0, 0, 0))
    offset = 12 + 16 * len(tables)
    data = bytearray()
    for tag, body in tables.items():
        out += tag + struct.pack(">III", 0, offset + len(data), len(body))
        data += body + b"\0" * (-len(body) % 4)
    return bytes(out + data)


def os2(fs_type: int) -> bytes:
    table = bytearray(96)
    table[8:10] = struct.pack(">H", fs_type)
    table[42:58] = struct.pack(">IIII", 0, 1 << 27, 0, 0)  # bit 59: CJK ideographs
    return bytes(table)


def name_table(family: str) -> bytes:
    raw = family.encode("utf-16-be")
    return struct.pack(">HHH", 0, 1, 18) + struct.pack(">HHHHHH", 3, 1, 0x804, 1, len(raw), 0) + raw


def test_system_fonts_are_found_by_family_name():
    faces = find_fonts()
    assert any(f.matches("WenQuanYi Zen Hei") for f in faces)
    assert any(f.matches("文泉驿正黑") for f in faces)  # the Chinese family name works too
    assert any(f.matches("AR PL UMing CN") and f.index == 0 for f in faces)


def test_font_header_reader_names_outlines_and_permissions():
    zen = read_faces(WQY)[0]
    assert zen.truetype and zen.chinese and zen.embeddable
    assert zen.families[0] == "WenQuanYi Zen Hei"
    assert zen.name == "文泉驿正黑"  # Simplified Chinese name preferred for display
    assert len(read_faces(UMING)) == 4


def test_cff_font_is_refused_with_a_way_out(tmp_path):
    path = tmp_path / "SourceHanSerif.otf"
    path.write_bytes(
        sfnt({b"CFF ": b"\0" * 8, b"OS/2": os2(0), b"name": name_table("思源宋体")}, b"OTTO")
    )
    (info,) = read_faces(path)
    assert not info.truetype and info.families == ("思源宋体",)
    with pytest.raises(FontError) as err:
        face_from_file(path)
    assert "OpenType（CFF）" in str(err.value) and "TrueType" in str(err.value)


def test_font_that_may_not_be_embedded_is_refused(tmp_path):
    path = tmp_path / "restricted.ttf"
    path.write_bytes(sfnt({b"glyf": b"\0" * 4, b"OS/2": os2(0x0002), b"name": name_table("某宋")}))
    assert not read_faces(path)[0].embeddable
    with pytest.raises(FontError, match="授权不允许嵌入"):
        face_from_file(path)


def test_not_a_font_and_missing_file(tmp_path):
    text = tmp_path / "notes.ttf"
    text.write_text("not a font", encoding="utf-8")
    with pytest.raises(FontError, match="不是字体文件"):
        face_from_file(text)
    with pytest.raises(FontError, match="找不到字体文件"):
        face_from_file(tmp_path / "gone.ttf")


def test_no_chinese_font_stops_with_instructions():
    with pytest.raises(NoChineseFontError) as err:
        choose_fonts(faces=[])
    message = str(err.value)
    assert isinstance(err.value, GovreportError)
    for hint in (
        "找不到可用的中文 TrueType 字体",
        "中文(简体)补充字体",
        "fonts-wqy-zenhei",
        "--font",
        ".otf",
    ):
        assert hint in message


def test_roles_fall_back_to_the_body_font():
    zen = next(f for f in find_fonts() if f.matches("WenQuanYi Zen Hei"))
    fonts = choose_fonts(faces=[zen])
    assert {fonts[r].face for r in Role} == {zen}


def test_user_font_file_is_the_body_font(monkeypatch):
    monkeypatch.delenv("GOVREPORT_FONT", raising=False)
    assert choose_fonts(WQY).body.face.matches("WenQuanYi Zen Hei")
    monkeypatch.setenv("GOVREPORT_FONT", str(WQY))
    assert choose_fonts().body.face.matches("WenQuanYi Zen Hei")


def test_missing_glyphs_lists_what_the_font_lacks():
    font = choose_fonts(WQY).body
    assert missing_glyphs(f"张{RARE}三{RARE}", font) == [RARE]
    assert missing_glyphs("政府信息公开，（一）", font) == []


def wqy_only() -> FontSet:
    zen = next(f for f in find_fonts() if f.matches("WenQuanYi Zen Hei"))
    return choose_fonts(faces=[zen])


def test_a_rare_character_stops_the_print_and_says_where(library, tmp_path, monkeypatch):
    form = library.get("2021")
    draft = filled_2021_draft(library)
    draft.signatories["preparer"] = f"吉{RARE}"
    out = tmp_path / "rare.pdf"
    with pytest.raises(MissingGlyphsError) as err:
        render_pdf(form, draft, out, fonts=wqy_only())
    assert not out.exists()
    (missing,) = err.value.missing
    assert missing.char == RARE and missing.codepoint == "U+20BB7"
    assert missing.where == ["填报人"]
    assert "U+20BB7" in str(err.value) and "填报人" in str(err.value)
    monkeypatch.setattr("govreport_gui.output.pdf.choose_fonts", lambda path=None, **_: wqy_only())
    assert [m.char for m in check_glyphs(form, draft)] == [RARE]


def test_allow_missing_prints_a_marked_placeholder(library, tmp_path):
    form = library.get("2021")
    draft = filled_2021_draft(library)
    draft.signatories["preparer"] = f"吉{RARE}"
    result = render_pdf(form, draft, tmp_path / "rare.pdf", fonts=wqy_only(), allow_missing=True)
    assert [m.char for m in result.missing] == [RARE]
    assert "填报人：吉〓" in "".join(pdftotext(result.path, "-raw").split())


def test_character_missing_from_the_body_font_uses_another_font():
    fonts = choose_fonts()
    body = fonts.body
    other = next(f for f in fonts.roles.values() if f is not body)
    char = next(
        chr(c) for c in sorted(other.font.face.charToGlyph) if c > 0x4E00 and not body.has(chr(c))
    )
    mapper = GlyphMapper(fonts)
    markup = mapper.markup(f"甲{char}乙", body, "测试")
    assert markup == f'甲<font name="{other.name}">{char}</font>乙'
    assert not mapper.missing


def test_markup_escapes_user_text():
    fonts = choose_fonts()
    mapper = GlyphMapper(fonts)
    assert (
        mapper.markup('<b>&<img src="x">', fonts.body, "x") == '&lt;b&gt;&amp;&lt;img src="x"&gt;'
    )
    assert mapper.markup("a\tb\u200bc", fonts.body, "x") == "a bc"  # tab → space, ZWSP dropped


def lines_of(text: str, markup: bool) -> list[str]:
    styles = Styles.build(choose_fonts())
    style = styles.body.clone("plain", firstLineIndent=0)
    source = (
        text if not markup else f'<font name="{styles.fonts.body.name}">{text[:3]}</font>{text[3:]}'
    )
    para = Paragraph(source, style)
    para.wrap(AREA_WIDTH, 1000)
    result = []
    for line in para.blPara.lines:
        if isinstance(line, tuple | list):
            result.append("".join(line[1]))
        else:
            result.append("".join(getattr(w, "text", "") for w in line.words))
    return result


@pytest.mark.parametrize("mark", list("，；：？！"))
@pytest.mark.parametrize("markup", [False, True], ids=["one-style", "mixed-style"])
def test_chinese_punctuation_never_starts_a_line(mark, markup):
    assert mark in CANNOT_START
    text = "一" * 28 + mark + "二" * 5  # 28 characters fill the line exactly
    lines = lines_of(text, markup)
    assert len(lines) == 2
    assert not lines[1].startswith(mark), lines
    assert BODY_SIZE * 28 <= AREA_WIDTH  # 28 characters a line, as GB/T 9704 asks


@pytest.mark.parametrize("mark", list("《（“"))
def test_opening_marks_never_end_a_line(mark):
    assert mark in CANNOT_END
    text = "一" * 27 + mark + "二" * 40
    lines = lines_of(text, markup=False)
    assert lines[0] == "一" * 27
    assert lines[1].startswith(mark + "二")
    assert "".join(lines) == text  # nothing lost or doubled


def test_line_breaking_keeps_every_character_of_a_long_paragraph():
    text = ("根据《中华人民共和国政府信息公开条例》（国务院令第711号），" * 12).strip()
    lines = lines_of(text, markup=False)
    assert "".join(lines) == text
    assert not any(line.endswith(tuple(CANNOT_END)) for line in lines[:-1])
    assert not any(line.startswith(tuple(CANNOT_START)) for line in lines[1:])


def test_windows_discovery_reads_registry_and_both_font_folders(tmp_path, monkeypatch):
    import govreport_gui.output.fontfinder as fonts_module

    system = tmp_path / "Windows" / "Fonts"
    user = tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    (system / "simsun.ttc").symlink_to(UMING)  # a well-known file, even if unregistered
    (system / "consola.ttf").write_bytes(b"not read")
    (user / "方正仿宋_GBK.ttf").symlink_to(WQY)  # installed without admin rights
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    registry = [
        ("Consolas (TrueType)", "consola.ttf"),
        ("Times New Roman (TrueType)", "times.ttf"),  # digits for a font without them
        ("仿宋_GB2312 (TrueType)", str(WQY)),
        ("FangSong (TrueType)", "simfang.ttf"),
    ]
    monkeypatch.setattr(fonts_module, "windows_registry_fonts", lambda: registry)
    files = fonts_module.windows_font_files()
    assert WQY in files  # Chinese registry name, absolute path
    assert system / "simfang.ttf" in files  # preferred family, relative to the Fonts folder
    assert system / "simsun.ttc" in files
    assert user / "方正仿宋_GBK.ttf" in files
    assert system / "times.ttf" in files
    assert system / "consola.ttf" not in files


def test_run_in_headings_use_kaiti_when_the_pc_has_it(library):
    from govreport_gui.output.pdf import _Report

    zen = register(next(f for f in find_fonts() if f.matches("WenQuanYi Zen Hei")))
    body = register(next(f for f in find_fonts() if f.matches("AR PL UMing CN")))
    roles = {role: body for role in Role} | {Role.KAI: zen}
    fonts = FontSet(roles, find_fonts())
    form = library.get("2021")
    report = _Report(form, filled_2021_draft(library), Styles.build(fonts), GlyphMapper(fonts))
    markup = report._body_markup("（一）强化组织领导。为全面贯彻落实条例。", "x")
    assert markup == f'<font name="{zen.name}">（一）强化组织领导。</font>为全面贯彻落实条例。'
    assert report._body_markup("(二)规范公开程序", "x").startswith(f'<font name="{zen.name}">')
    assert report._body_markup("（注）不是标题。", "x") == "（注）不是标题。"
