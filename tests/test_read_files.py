"""Reading published reports from web pages, Word, Excel and clipboard text."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport_gui.core.errors import GovreportError
from govreport_gui.core.labels import label_key
from govreport_gui.output.read_html import parse_html
from govreport_gui.output.read_tsv import parse_tsv
from govreport_gui.output.reading import read_document_file, read_report_file
from tests.support.helpers import filled_2021_draft
from tests.support.report_pages import (
    assert_same_report,
    filled_draft,
    portal_page,
    word_copy,
    workbook_copy,
    write_page,
)

CASES = [("2021", 2022), ("2019", 2020), ("pre2019", 2017)]


@pytest.mark.parametrize(("form_id", "year"), CASES)
@pytest.mark.parametrize("quirks", [False, True])
def test_a_portal_page_gives_back_every_value_and_section(
    tmp_path: Path, library, form_id: str, year: int, quirks: bool
) -> None:
    draft = filled_draft(library, form_id, year, "某某县人民政府")
    page = write_page(tmp_path / "page.html", library.get(form_id), draft, quirks=quirks)
    result = read_report_file(page, library)
    assert_same_report(result, draft)
    assert result.to_json()["found"] == len(library.get(form_id).cells)


def test_the_filled_2021_report_reads_back_from_its_page_and_word_copy(tmp_path, library) -> None:
    draft = filled_2021_draft(library, 2023)
    form = library.get("2021")
    for path in (
        write_page(tmp_path / "p.html", form, draft),
        word_copy(tmp_path / "w.docx", form, draft),
    ):
        assert_same_report(read_report_file(path, library), draft)


@pytest.mark.parametrize(("form_id", "year"), CASES)
def test_a_word_copy_gives_back_every_value_section_and_the_sign_off(
    tmp_path: Path, library, form_id: str, year: int
) -> None:
    draft = filled_draft(library, form_id, year, "某某县人民政府")
    path = word_copy(tmp_path / "copy.docx", library.get(form_id), draft)
    result = read_report_file(path, library)
    assert_same_report(result, draft)
    assert result.draft.report == {
        "issuer": "某某县人民政府办公室",
        "issue_date": f"{year + 1}年1月20日",
    }


def test_a_workbook_with_merged_cells_reads_exactly(tmp_path: Path, library) -> None:
    draft = filled_2021_draft(library, 2023)
    path = workbook_copy(tmp_path / "unit.xlsx", library.get("2021"), draft)
    result = read_report_file(path, library)
    assert result.complete, result.problem_messages
    assert result.draft.values == draft.values
    assert result.draft.unit == draft.unit


def test_a_page_saved_in_gbk_reads(tmp_path: Path, library) -> None:
    draft = filled_draft(library, "2021", 2022, "某某县人民政府")
    page = portal_page(library.get("2021"), draft).replace('charset="utf-8"', 'charset="gbk"')
    path = tmp_path / "gbk.htm"
    path.write_bytes(page.encode("gb18030"))
    assert_same_report(read_report_file(path, library), draft)


def test_a_page_saved_as_a_single_file_reads(tmp_path: Path, library) -> None:
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    draft = filled_draft(library, "2019", 2020, "某某县人民政府")
    saved = MIMEMultipart("related")
    saved.attach(MIMEText(portal_page(library.get("2019"), draft), "html", "gb18030"))
    path = tmp_path / "page.mht"
    path.write_bytes(saved.as_bytes())
    assert_same_report(read_report_file(path, library), draft)


def test_tab_separated_text_reads_with_the_year_given(tmp_path: Path, library) -> None:
    path = tmp_path / "copied.txt"
    path.write_text("信息内容\t本年处理决定数量\n行政许可\t1,532\n", encoding="utf-8")
    result = read_report_file(path, library, year=2022, unit="甲局")
    assert result.draft.values == {"t2.license": 1532}
    assert not result.complete and "t2.penalty" in result.matched.missing


def test_html_quirks_of_old_pages() -> None:
    page = """<html><head><title>t</title><script>var s = "<table><tr><td>9</td></tr></table>";
    </script></head><body><p>前言<table><tr><td>三、本<td>x<tr><td><p>年度</p><span>办理</span><br>结
    &nbsp;&nbsp;果<td>1</table><!-- <table><tr><td>5</td></tr></table> --></body></html>"""
    doc = parse_html(page)
    [grid] = doc.grids
    assert [[label_key(t) for t in row] for row in grid.texts] == [
        ["三本", "x"],
        ["年度办理结果", "1"],
    ]
    assert [p.text for p in doc.paragraphs] == ["前言"]
    assert doc.title == "t"


def test_a_clipboard_block_keeps_quoted_line_breaks() -> None:
    doc = parse_tsv('规章\t"1\n2"\t3\r\n行政许可\t\t5\r\n')
    assert doc.grids[0].texts == (("规章", "1\n2", "3"), ("行政许可", "", "5"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0rest", "另存为"),
        (b"PK\x03\x04broken", "已损坏"),
        (b'{"kind": "govreport-draft"}', "草稿文件"),
    ],
)
def test_files_that_cannot_be_read_say_why(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(content)
    with pytest.raises(GovreportError, match=message):
        read_document_file(path)


@pytest.mark.parametrize(
    ("suffix", "damaged", "what"),
    [
        (".docx", "word/document.xml", "Word 文档"),
        (".xlsx", "xl/workbook.xml", "Excel 工作簿"),
        (".xlsx", "xl/worksheets/sheet1.xml", "Excel 工作簿"),
    ],
)
def test_damaged_xml_inside_an_office_file_is_told_in_chinese(
    tmp_path: Path, suffix: str, damaged: str, what: str
) -> None:
    import io
    import zipfile

    import docx
    import openpyxl

    made = io.BytesIO()
    (docx.Document() if suffix == ".docx" else openpyxl.Workbook()).save(made)
    path = tmp_path / f"x{suffix}"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            target.writestr(name, b"<<not xml" if name == damaged else source.read(name))
    with pytest.raises(GovreportError) as caught:
        read_document_file(path)
    assert caught.value.message == f"无法打开 {what} x{suffix}：文件已损坏或不完整"
