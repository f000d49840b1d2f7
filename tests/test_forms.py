"""The three official formats load from forms/, carry the printed labels, and bad files are refused."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from govreport_gui.core.errors import FormDefinitionError
from govreport_gui.core.formfile import load_form
from govreport_gui.core.library import FormLibrary, data_root, load_library
from govreport_gui.core.values import Kind

FORMS = data_root("forms")
SAMPLE = Path(__file__).parent / "data" / "xinfeng-2017-report.txt"  # the published report


def test_three_formats_cover_every_year_without_gaps(library: FormLibrary) -> None:
    assert set(library.forms) >= {"pre2019", "2019", "2021"}
    assert library.for_year(2017).id == "pre2019"
    assert library.for_year(2018).id == "pre2019"
    assert library.for_year(2019).id == "2019"
    assert library.for_year(2020).id == "2019"
    assert library.for_year(2021).id == "2021"
    assert library.for_year(2030).id == "2021"


def test_2021_table_three_is_25_rows_by_7_columns(library: FormLibrary) -> None:
    form = library.get("2021")
    t3 = [c for c in form.cells.values() if c.table == "t3"]
    assert len(t3) == 25 * 7
    assert len({c.row_id for c in t3}) == 25
    columns = [c.column[-1] for c in t3 if c.row_id == "new"]
    assert columns == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    r6 = [c.row[-1] for c in t3 if c.row_id.startswith("r6_") and c.column_id == "total"]
    assert r6[0] == "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert form.cells["t3.total.natural"].row == ("三、本年度办理结果", "（七）总计")
    assert form.cells["t3.r3_3.legal"].row[-1] == "3.危及“三安全一稳定”"
    assert form.cells["t3.carry_out.total"].row == ("四、结转下年度继续办理",)


def test_2021_table_four_has_15_cells_under_two_header_levels(library: FormLibrary) -> None:
    form = library.get("2021")
    t4 = [c for c in form.cells.values() if c.table == "t4"]
    assert len(t4) == 15
    assert t4[0].column == ("行政复议", "结果维持")
    assert t4[5].column == ("行政诉讼", "未经复议直接起诉", "结果维持")
    assert t4[-1].column == ("行政诉讼", "复议后起诉", "总计")


def test_2021_table_two_units_and_kinds(library: FormLibrary) -> None:
    form = library.get("2021")
    assert form.cells["t2.fees"].unit == "万元" and form.cells["t2.fees"].kind is Kind.MONEY
    assert form.cells["t2.rules.valid"].allow_na
    assert form.cells["t2.license"].column == ("本年处理决定数量",)
    assert [s.title for s in form.sections if s.print_title] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


def test_2019_trial_differences(library: FormLibrary) -> None:
    form = library.get("2019")
    assert form.cells["t2.license.change"].kind is Kind.SIGNED
    assert form.cells["t2.procurement.amount"].kind is Kind.MONEY
    assert form.cells["t2.normative.made"].row == ("规范性文件",)
    assert "t3.r6.total" in form.cells and "t3.r6_1.total" not in form.cells
    assert len([c for c in form.cells.values() if c.table == "t3"]) == 23 * 7


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_old_form_labels_are_those_printed_in_the_xinfeng_sample(library: FormLibrary) -> None:
    sample = _fold(SAMPLE.read_text(encoding="utf-8"))
    form = library.get("pre2019")
    for row in form.tables[0].blocks[0].rows:
        assert _fold(row.label) in sample, row.label


def test_old_form_has_the_sample_sections(library: FormLibrary) -> None:
    titles = [s.title for s in library.get("pre2019").text_sections()]
    assert titles[1:] == [
        "一、概述",
        "二、主动公开政府信息的情况",
        "三、重点领域信息公开情况",
        "四、依申请公开政府信息办理情况",
        "五、政府信息公开的收费及减免情况",
        "六、人大政协议提案办理情况",
        "七、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "八、政府信息公开工作存在的主要问题和改进情况",
    ]


# -- refused files ---------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (FORMS / "2021.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        ('total = "t4.review_total"', 'total = "t4.review_totl"', ["rules[3]", "t4.review_totl"]),
        ('{ id = "r3_2",', '{ id = "r3_1",', ["rows[].id", "r3_1"]),
        ('unit = "万元"\ncolumns', 'unit = "万元"\nkind = "float"\ncolumns', ["kind", "float"]),
        (
            'unit = "件"\n\n[[tables.blocks]]\nstub',
            'unit = "箱"\n\n[[tables.blocks]]\nstub',
            ["unit", "箱"],
        ),
        ('severity = "error"', 'severity = "fatal"', ["severity", "fatal"]),
        ('check = "equal"', 'check = "eval"', ["check", "eval"]),
        ('id = "T4-AFTER"', 'id = "T4-DIRECT"', ["rules[].id", "T4-DIRECT"]),
        ('table = "t3"', 'table = "t9"', ["sections[3].table", "t9"]),
        ("basis = ", "bassis = ", ["不认识的键", "bassis"]),
        ("years = [2021]", 'years = "2021"', ["years"]),
    ],
)
def test_wrong_form_files_are_refused_naming_file_and_key(
    tmp_path: Path, old: str, new: str, fragments: list[str]
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(FormDefinitionError) as caught:
        load_form(path)
    assert str(path) in caught.value.message
    for fragment in fragments:
        assert fragment in caught.value.message


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'id = "t4"', 'id = "t4')
    with pytest.raises(FormDefinitionError) as caught:
        load_form(path)
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if t == 'id = "t4')
    assert f"第 {line} 行" in caught.value.message


def test_a_broken_file_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    good = (FORMS / "2021.toml").read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(good, encoding="utf-8")
    (tmp_path / "b.toml").write_text("[form\n", encoding="utf-8")
    (tmp_path / "c.toml").write_bytes(b"\xff\xfe")
    library = load_library([tmp_path])
    assert list(library.forms) == ["2021"]
    assert len(library.problems) == 2
    assert all("b.toml" in p or "c.toml" in p for p in library.problems)


def test_a_new_years_format_is_just_a_new_file(tmp_path: Path) -> None:
    text = (FORMS / "2021.toml").read_text(encoding="utf-8")
    text = text.replace('id = "2021"', 'id = "2027"', 1).replace("years = [2021]", "years = [2027]")
    (tmp_path / "2027.toml").write_text(text, encoding="utf-8")
    library = load_library([FORMS, tmp_path])
    assert library.for_year(2026).id == "2021"
    assert library.for_year(2027).id == "2027"
