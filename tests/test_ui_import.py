"""The window takes what clerks already have: last year's page or Word file as 上年数, and
this year's figures from a unit's workbook (old → new shown, asked, one undo step)."""

from __future__ import annotations

from govreport_gui.core.draft import new_draft, write_draft_file
from govreport_gui.ui import dialogs
from tests.support.helpers import filled_2021_draft
from tests.support.report_pages import filled_draft, word_copy, workbook_copy, write_page

from .support.ui_support import blank_2021_window, make_window, table_page, window_on


def _asked(monkeypatch, path, answer: bool) -> list[tuple[str, str]]:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: str(path))
    monkeypatch.setattr(
        dialogs,
        "confirm_details",
        lambda parent, title, text, details, yes="确定": asked.append((text, details)) or answer,
    )
    return asked


def test_start_page_takes_last_years_page_after_showing_what_was_read(
    qtbot, library, tmp_path, monkeypatch
):
    last = filled_draft(library, "2021", 2022, "测试县测试局")
    page = write_page(tmp_path / "last.html", library.get("2021"), last, copies={"t2.license": 0})
    window = make_window(qtbot, library, tmp_path)
    start = window.start_page
    start.year.setValue(2023)
    start.unit.setText("测试县测试局")
    asked = _asked(monkeypatch, page, answer=True)
    start.choose_previous_file()
    [(text, details)] = asked
    assert "读到 199 格" in text and "1 处没有读出" in text
    assert "行政许可（t2.license）" in details
    assert start.create_draft() is not None
    previous = window.session.draft.previous
    assert previous is not None and previous.year == 2022
    assert previous.values["t3.carry_out.total"] == last.values["t3.carry_out.total"]
    assert "t2.license" not in previous.values


def test_start_page_keeps_nothing_when_the_clerk_says_no(qtbot, library, tmp_path, monkeypatch):
    last = filled_draft(library, "2021", 2022, "测试县测试局")
    path = word_copy(tmp_path / "last.docx", library.get("2021"), last)
    window = make_window(qtbot, library, tmp_path)
    start = window.start_page
    start.year.setValue(2023)
    start.unit.setText("测试县测试局")
    choices = start.previous.count()
    _asked(monkeypatch, path, answer=False)
    start.choose_previous_file()
    assert start.previous.count() == choices


def test_an_open_report_takes_last_years_word_file(qtbot, library, tmp_path, monkeypatch):
    window = blank_2021_window(qtbot, library, tmp_path)
    last = filled_2021_draft(library, 2022)
    path = word_copy(tmp_path / "last.docx", library.get("2021"), last)
    _asked(monkeypatch, path, answer=True)
    assert window.import_actions.import_previous()
    assert window.session.draft.previous.values == last.values
    assert not table_page(window, "t3").previous_button.isHidden()


def test_this_years_figures_from_excel_show_old_and_new_and_undo_in_one_step(
    qtbot, library, tmp_path, monkeypatch
):
    draft = new_draft(library.get("2021"), 2023, "测试县测试局")
    draft.values["t2.license"] = 7
    window = window_on(qtbot, library, tmp_path, draft)
    unit = filled_2021_draft(library, 2023, unit="测试县测试局")
    path = workbook_copy(tmp_path / "unit.xlsx", library.get("2021"), unit)
    asked = _asked(monkeypatch, path, answer=True)
    assert window.import_actions.import_this_year()
    [(text, details)] = asked
    assert f"将改动 {len(unit.values)} 格" in text
    assert f"行政许可：7 → {unit.values['t2.license']}" in details
    assert "行政处罚：未填写 → 418" in details
    session = window.session
    assert session.draft.values == unit.values
    window.edit_actions.undo_action.trigger()
    assert session.draft.values == {"t2.license": 7}


def test_a_workbook_of_another_year_changes_nothing(qtbot, library, tmp_path, monkeypatch):
    window = blank_2021_window(qtbot, library, tmp_path)
    other = filled_2021_draft(library, 2022)
    path = workbook_copy(tmp_path / "old.xlsx", library.get("2021"), other)
    _asked(monkeypatch, path, answer=True)
    told: list[str] = []
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, text, error=False: told.append(text))
    assert not window.import_actions.import_this_year()
    assert "2022 年度" in told[0]
    assert window.session.draft.values == {}


def test_the_aggregate_page_sums_a_units_workbook_too(qtbot, library, tmp_path, monkeypatch):
    first = filled_2021_draft(library, 2023, unit="甲局")
    second = filled_2021_draft(library, 2023, unit="乙局")
    write_draft_file(first, tmp_path / "a.json")
    workbook_copy(tmp_path / "b.xlsx", library.get("2021"), second)
    window = make_window(qtbot, library, tmp_path)
    files = [str(tmp_path / "a.json"), str(tmp_path / "b.xlsx")]
    monkeypatch.setattr(dialogs, "choose_open_files", lambda *a: files)
    window.show_aggregate()
    window.aggregate_page.choose_files()
    result = window.aggregate_page.run()
    assert result is not None and [u.included for u in result.units] == [True, True]
    assert result.draft.values["t2.license"] == 2 * first.values["t2.license"]
