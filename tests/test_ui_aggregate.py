"""汇总 through the window: the units' table with reasons, one unit's findings, the total
as a new draft that opens in the wizard, and what the sums leave to the clerk."""

from __future__ import annotations

import csv
import io
import os
import random
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt

from govreport_gui.core.checks import check_draft
from govreport_gui.core.draft import Draft, new_draft, write_draft_file
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.samples import demo_draft
from govreport_gui.core.values import NA
from govreport_gui.storage.base import MemoryDraftStore
from govreport_gui.ui import dialogs
from govreport_gui.ui.aggregate_page import AggregatePage
from govreport_gui.ui.unit_list import STATUS, UNIT, status_icon

from .support.helpers import consistent_2021_values
from .support.ui_support import make_window, table_page

UNITS = ("县教育局", "县公安局", "县民政局", "县财政局", "城关镇人民政府", "河口乡人民政府")


def _unit_file(folder: Path, name: str, draft: Draft, mtime: float) -> Path:
    path = folder / name
    write_draft_file(draft, path)
    os.utime(path, (mtime, mtime))
    return path


def unit_folder(folder: Path, library: FormLibrary) -> tuple[dict[str, Draft], dict[str, Path]]:
    """Six 2023 units (县公安局 with a wrong total, 县民政局 without 收费); 县教育局 sent twice
    (a later correction under a differently spaced name); a 2022 report; a damaged file."""
    form = library.get("2021")
    rng = random.Random(6)
    summed: dict[str, Draft] = {}
    files: dict[str, Path] = {}
    for at, unit in enumerate(UNITS):
        draft = new_draft(form, 2023, unit)
        draft.values = consistent_2021_values(form, rng)
        if unit == "县公安局":
            draft.values["t3.new.total"] += 1  # type: ignore[operator]
        if unit == "县民政局":
            del draft.values["t2.fees"]
        if unit == "县教育局":
            files["stale"] = _unit_file(folder, f"{at:02d}-{unit}-初稿.json", draft, 1_600_000_000)
            continue
        summed[unit] = draft
        files[unit] = _unit_file(folder, f"{at:02d}-{unit}.json", draft, 1_700_000_000 + at)
    corrected = new_draft(form, 2023, "县 教育局")
    corrected.values = consistent_2021_values(form, rng)
    summed["县 教育局"] = corrected
    files["corrected"] = _unit_file(folder, "07-县教育局-更正.json", corrected, 1_800_000_000)

    last_year = new_draft(form, 2022, "县卫健委")
    last_year.values = consistent_2021_values(form, rng)
    files["2022"] = _unit_file(folder, "08-县卫健委-2022.json", last_year, 1_700_000_100)
    files["damaged"] = folder / "09-损坏.json"
    files["damaged"].write_text('{"kind": "govreport-draft", "values": ', encoding="utf-8")
    return summed, files


def independent_sum(drafts: list[Draft], cell_ids: list[str]) -> dict[str, object]:
    """The sum a clerk would make: 不适用 adds nothing, blank everywhere stays blank."""
    totals: dict[str, object] = {}
    for cid in cell_ids:
        present = [d.values[cid] for d in drafts if cid in d.values]
        if not present:
            continue
        numbers = [v for v in present if v is not NA]
        totals[cid] = sum(numbers, Decimal(0) if cid == "t2.fees" else 0) if numbers else NA
    return totals


def row_texts(page: AggregatePage) -> dict[str, tuple[str, str]]:
    """File name → (unit column, 汇总情况 column) as the table shows them."""
    model = page.model
    shown = {}
    for r in range(model.rowCount()):
        row = model.rows[r]
        unit = model.data(model.index(r, UNIT))
        status = model.data(model.index(r, STATUS))
        shown[row.file.name] = (unit, status)
    return shown


def open_aggregate(qtbot, window, folder: Path, monkeypatch) -> AggregatePage:
    monkeypatch.setattr(dialogs, "choose_folder", lambda *a: str(folder))
    qtbot.mouseClick(window.start_page.aggregate_button, Qt.MouseButton.LeftButton)
    assert window.current_step().kind == "aggregate"
    page = window.aggregate_page
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    return page


def test_a_folder_of_units_becomes_a_total_that_opens_in_the_wizard(
    qtbot, library, tmp_path, monkeypatch
):
    folder = tmp_path / "units"
    folder.mkdir()
    summed, files = unit_folder(folder, library)
    store = MemoryDraftStore()
    window = make_window(qtbot, library, tmp_path, store=store)
    page = open_aggregate(qtbot, window, folder, monkeypatch)

    # every file has a row, with the reason it was or was not summed
    shown = row_texts(page)
    assert len(shown) == 9
    assert shown[files["stale"].name][1].startswith(f"与 {files['corrected'].name} 是同一单位")
    assert "取修改时间最新的" in shown[files["stale"].name][1]
    assert shown[files["corrected"].name] == (
        "县 教育局",
        f"已汇总（同一单位的 {files['stale'].name} 未汇总）",
    )
    assert shown[files["2022"].name] == (
        "县卫健委",
        "是 2022 年度的报告，本次汇总的是 2023 年度，未汇总",
    )
    assert shown[files["damaged"].name][0] == "（无法读取）"
    assert shown[files["damaged"].name][1].startswith("无法读取：")
    for unit in ("县公安局", "县民政局", "县财政局", "城关镇人民政府", "河口乡人民政府"):
        row = next(r for r in page.model.rows if r.file == files[unit])
        errors = f"（本单位有 {row.errors} 个错误，请核实）" if row.errors else ""
        assert shown[files[unit].name] == (unit, "已汇总" + errors)
        assert status_icon(row) == ("warning" if row.errors else "ok")  # not ✓ beside 错误
    assert any(r.errors for r in page.model.rows if r.included)  # the case above is met
    summary = page.summary.message()
    assert "共 9 个文件，汇总 6 个单位，3 个文件未汇总" in summary
    assert "1 项有单位未填写" in summary
    # left-out files are listed first (the table is sorted by 汇总情况)
    first = page.proxy.index(0, STATUS).data()
    assert not first.startswith("已汇总")

    # the selected file's whole reason is written out under the table
    stale_row = next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 1).data() == files["stale"].name
    )
    page.table.setCurrentIndex(page.proxy.index(stale_row, 1))
    assert page.selected_line.text().endswith(shown[files["stale"].name][1])

    # one unit's own findings, in the form's words
    police = next(
        r for r in range(page.proxy.rowCount()) if page.proxy.index(r, UNIT).data() == "县公安局"
    )
    page.table.setCurrentIndex(page.proxy.index(police, UNIT))
    dialog = page.show_selected_findings()
    assert dialog is not None
    expected = check_draft(library.get("2021"), summed["县公安局"])
    assert any(f.message for f in expected)
    listed = dialog.messages()
    for finding in expected:
        assert f"{finding.severity.label}：{finding.message}" in listed
    assert any("三、收到和处理政府信息公开申请情况" in line for line in listed)
    assert any("一、本年新收政府信息公开申请数量·总计" in line for line in listed)
    dialog.close()
    broken = next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, UNIT).data() == "（无法读取）"
    )
    page.table.setCurrentIndex(page.proxy.index(broken, UNIT))
    dialog = page.show_selected_findings()
    assert dialog is not None and dialog.messages() == ["该文件无法读取，没有检查结果。"]
    dialog.close()

    # the total: named, stored as a new draft, opened in the wizard on its first table
    page.unit.setText("测试县（汇总）")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    [info] = store.list()
    assert info.unit == "测试县（汇总）" and info.year == 2023 and info.form_id == "2021"
    session = window.session
    assert session is not None and session.draft_id == info.id
    assert window.current_step().kind == "table"
    assert "测试县（汇总）2023年" in window.windowTitle()
    form = library.get("2021")
    expected_values = independent_sum(list(summed.values()), list(form.cells))
    assert session.draft.values == expected_values
    assert store.load(info.id).values == expected_values
    assert session.draft.texts == {} and session.draft.previous is None

    # the cell some units left blank is shown to the clerk after the 汇总
    t2 = table_page(window, "t2")
    fees = form.cells["t2.fees"].label
    assert f"「{fees}」有 1 个单位未填写（县民政局），汇总数只含其余 5 个单位" in (
        t2.notes_banner.message()
    )
    grid = next(g for g in t2.grids if g.grid_model.index_of("t2.fees").isValid())
    tooltip = grid.grid_model.index_of("t2.fees").data(Qt.ItemDataRole.ToolTipRole)
    assert "汇总说明：" in tooltip and "县民政局" in tooltip
    assert table_page(window, "t3").notes_banner.message() == ""
    assert "已生成汇总报告“测试县（汇总）”：汇总了 6 个单位的报告" in window.notice.message()

    # another report opened afterwards: the 汇总's notice goes
    other = store.create(new_draft(form, 2023, "另一单位"))
    window.open_draft(other)
    assert window.notice.message() == ""

    # the total reopened later: its 汇总说明 were saved with it
    assert store.load(info.id).notes == session.draft.notes != {}
    window.open_draft(info.id)
    assert "县民政局" in table_page(window, "t2").notes_banner.message()


def test_the_total_needs_a_name(qtbot, library, tmp_path, monkeypatch):
    folder = tmp_path / "units"
    folder.mkdir()
    unit_folder(folder, library)
    store = MemoryDraftStore()
    window = make_window(qtbot, library, tmp_path, store=store)
    page = open_aggregate(qtbot, window, folder, monkeypatch)
    assert page.create_total() is None
    assert "请填写汇总报告的填报单位" in page.message.message()
    assert store.list() == [] and window.session is None


def test_mixed_years_with_no_majority_are_listed_and_a_year_can_be_chosen(
    qtbot, library, tmp_path, monkeypatch
):
    form = library.get("2021")
    rng = random.Random(2)
    for at, (year, unit) in enumerate(
        ((2023, "甲局"), (2023, "乙局"), (2022, "丙局"), (2022, "丁局"))
    ):
        draft = new_draft(form, year, unit)
        draft.values = consistent_2021_values(form, rng)
        write_draft_file(draft, tmp_path / f"{at}.json")
    window = make_window(qtbot, library, tmp_path)
    page = open_aggregate(qtbot, window, tmp_path, monkeypatch)
    assert "年度或报告格式不一致" in page.summary.message()
    assert page.model.rowCount() == 4
    assert all(
        status == "所选文件的年度或格式不一致，没有汇总"
        for _unit, status in row_texts(page).values()
    )
    assert not page.create_button.isEnabled()

    at = page.year.findData(2022)
    page.year.setCurrentIndex(at)
    page.year.activated.emit(at)
    assert page.result is not None and page.result.draft.year == 2022
    assert [r.unit for r in page.result.included] == ["丙局", "丁局"]
    assert page.create_button.isEnabled()
    assert page.year.currentData() == 2022


def test_cells_that_are_not_additive_are_left_for_the_clerk(qtbot, library, tmp_path, monkeypatch):
    for at, unit in enumerate(("甲县直机关", "乙乡人民政府", "丙镇人民政府")):
        draft = demo_draft(library)
        draft.unit = unit
        write_draft_file(draft, tmp_path / f"{at}.json")
    window = make_window(qtbot, library, tmp_path)
    page = open_aggregate(qtbot, window, tmp_path, monkeypatch)
    page.unit.setText("新丰县（汇总）")
    assert page.create_total() is not None
    session = window.session
    assert session is not None and session.form.id == "pre2019"
    sample = demo_draft(library)
    received, offices = sample.values["stats.apply_received"], sample.values["stats.offices"]
    assert isinstance(received, int) and isinstance(offices, int)
    assert session.draft.value("stats.apply_received") == 3 * received
    assert session.draft.value("stats.offices") is None  # left blank for the clerk
    banner = table_page(window, "stats").notes_banner.message()
    assert "汇总说明：本页有 6 项需要核对" in banner
    label = session.form.cells["stats.offices"].label
    assert f"「{label}」不能逐单位相加" in banner
    assert f"（3 个单位填写，合计 {3 * offices}，仅供参考）" in banner
    # each note is a jump to its cell
    page = table_page(window, "stats")
    assert page.notes_banner.list.isHidden()
    qtbot.mouseClick(page.notes_banner.toggle, Qt.MouseButton.LeftButton)
    assert not page.notes_banner.list.isHidden()
    notes = page.notes_banner.list
    at = next(i for i in range(notes.count()) if label in notes.item(i).text())
    notes.itemActivated.emit(notes.item(at))
    assert page.grids[0].current_cell().id == "stats.offices"


def test_an_earlier_total_in_the_folder_is_left_out_once_the_total_is_named(
    qtbot, library, tmp_path, monkeypatch
):
    form = library.get("2021")
    rng = random.Random(9)
    for at, unit in enumerate(("甲局", "乙局", "测试县（汇总）")):
        draft = new_draft(form, 2023, unit)
        draft.values = consistent_2021_values(form, rng)
        write_draft_file(draft, tmp_path / f"{at}.json")
    window = make_window(qtbot, library, tmp_path)
    page = open_aggregate(qtbot, window, tmp_path, monkeypatch)
    assert page.result is not None and len(page.result.included) == 3
    page.unit.setText("测试县（汇总）")
    page.unit.editingFinished.emit()
    assert page.result is not None and len(page.result.included) == 2
    assert "应是以前的汇总结果" in row_texts(page)["2.json"][1]


def test_an_empty_folder_is_said_plainly(qtbot, library, tmp_path, monkeypatch):
    (tmp_path / "notes.txt").write_text("不是报告", encoding="utf-8")
    window = make_window(qtbot, library, tmp_path)
    page = open_aggregate(qtbot, window, tmp_path, monkeypatch)
    assert page.summary.message() == "所选文件夹中没有报告草稿文件（.json）"
    assert page.model.rowCount() == 0 and not page.create_button.isEnabled()


def test_the_units_problems_are_exported_with_their_explanations(
    qtbot, library, tmp_path, monkeypatch
):
    folder = tmp_path / "units"
    folder.mkdir()
    summed, files = unit_folder(folder, library)
    police = summed["县公安局"]
    finding = next(
        f for f in check_draft(library.get("2021"), police) if f.severity.label == "错误"
    )
    police.explanations[finding.rule] = "已与复议机构核对。"
    write_draft_file(police, files["县公安局"])
    window = make_window(qtbot, library, tmp_path)
    page = open_aggregate(qtbot, window, folder, monkeypatch)
    target = tmp_path / "问题清单"
    suggested: list[str] = []
    monkeypatch.setattr(
        dialogs, "choose_save_file", lambda *a: suggested.append(a[2]) or str(target)
    )
    page.unit.setText("某县/汇总")  # a name Windows cannot take as it is
    assert page.export_button.isEnabled()
    written = page.export_problems()
    assert Path(suggested[0]).name == "某县_汇总各单位问题清单.csv"
    assert written == tmp_path / "问题清单.csv"
    raw = written.read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel and WPS read it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["单位", "文件", "类别", "问题", "说明"]
    assert [
        "县公安局",
        files["县公安局"].name,
        "错误",
        finding.message,
        "已与复议机构核对。",
    ] in rows
    assert "已导出" in page.message.message()


def test_double_clicking_a_note_shows_its_cell(qtbot, library, tmp_path, monkeypatch):
    folder = tmp_path / "units"
    folder.mkdir()
    unit_folder(folder, library)
    window = make_window(qtbot, library, tmp_path)
    window.resize(900, 520)  # a small window: the cell is out of sight at first
    page = open_aggregate(qtbot, window, folder, monkeypatch)
    page.unit.setText("测试县（汇总）")
    page.create_total()
    t2 = table_page(window, "t2")
    window.go_to_step(window.step_index("table"))
    t2.notes_banner.toggle.setChecked(True)
    item = t2.notes_banner.list.item(0)
    t2.notes_banner.list.itemActivated.emit(item)
    qtbot.wait(50)
    grid = next(g for g in t2.grids if g.grid_model.index_of("t2.fees").isValid())
    assert grid.current_cell().id == "t2.fees"
    frame = window.current_step().frame
    cell = grid.visualRect(grid.grid_model.index_of("t2.fees")).center()
    at = grid.viewport().mapTo(frame.viewport(), cell)
    assert frame.viewport().rect().contains(at)  # scrolled into the visible part of the page
