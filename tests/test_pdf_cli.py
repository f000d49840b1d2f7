"""``govreport pdf DRAFT_FILE -o OUT.pdf [--font FILE]``."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from govreport_gui.cli import main
from govreport_gui.core.draft import write_draft_file
from govreport_gui.core.samples import demo_draft
from tests.support.helpers import filled_2021_draft

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def test_pdf_of_the_demo_draft(library, tmp_path, capsys):
    draft_file = tmp_path / "demo.json"
    write_draft_file(demo_draft(library), draft_file)
    out = tmp_path / "out" / "demo.pdf"
    assert main(["pdf", str(draft_file), "-o", str(out)]) == 0
    assert len(PdfReader(out).pages) > 1
    captured = capsys.readouterr()
    assert "已生成" in captured.out and "草稿" in captured.out
    assert "尚有 2 项错误未改正或说明" in captured.err


def test_pdf_with_a_chosen_font(library, tmp_path, capsys):
    draft_file = tmp_path / "full.json"
    write_draft_file(filled_2021_draft(library), draft_file)
    out = tmp_path / "full.pdf"
    assert main(["pdf", str(draft_file), "-o", str(out), "--font", str(WQY)]) == 0
    assert "正式打印稿" in capsys.readouterr().out
    fonts = PdfReader(out).pages[1]["/Resources"]["/Font"]
    assert any("WenQuanYi" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_bad_font_file_exits_2_with_a_chinese_message(library, tmp_path, capsys):
    draft_file = tmp_path / "full.json"
    write_draft_file(filled_2021_draft(library), draft_file)
    bogus = tmp_path / "仿宋.ttf"
    bogus.write_text("这不是字体", encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert main(["pdf", str(draft_file), "-o", str(out), "--font", str(bogus)]) == 2
    assert "不是字体文件" in capsys.readouterr().err
    assert not out.exists()


def test_missing_draft_file_exits_2(tmp_path, capsys):
    assert main(["pdf", str(tmp_path / "none.json"), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_rare_character_exits_2_unless_allowed(library, tmp_path, capsys):
    draft = filled_2021_draft(library)
    draft.signatories["reviewer"] = "\U00020bb7某"
    draft_file = tmp_path / "rare.json"
    write_draft_file(draft, draft_file)
    out = tmp_path / "rare.pdf"
    args = ["pdf", str(draft_file), "-o", str(out), "--font", str(WQY)]
    assert main(args) == 2
    assert "U+20BB7" in capsys.readouterr().err
    assert main([*args, "--allow-missing"]) == 0
    assert "〓" in capsys.readouterr().err
    assert out.exists()
