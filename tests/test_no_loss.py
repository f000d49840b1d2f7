"""Issue 13, each reproduction: nothing the clerk has is ever overwritten.

Every case runs the command as the issue did and checks how it ends now (exit code, a
Chinese message naming the problem) and that the files it touched are byte-identical
where nothing should change. Speed and memory (13.5) are figures in bench/.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from govreport_gui.cli import main
from govreport_gui.core.draft import draft_to_json, new_draft, write_draft_file
from govreport_gui.core.library import FormLibrary
from govreport_gui.storage import open_store
from govreport_gui.storage.records import MAX_HISTORY
from tests.support.cli import run

#: What an operating system says in English; none of it may reach the clerk.
ENGLISH = re.compile(r"Errno|Traceback|symbolic links|resource busy|File exists|too long|Flowable")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def call(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert not ENGLISH.search(err), err
        return code, out, err

    return call


@pytest.fixture
def demo(tmp_path: Path, cli) -> Path:
    path = tmp_path / "d.json"
    assert cli("demo", "-o", path)[0] == 0
    return path


def snapshot(*paths: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


# -- 13.1 never overwrite what the clerk has ------------------------------------------------


def test_pdf_onto_its_own_input_is_refused_even_with_force(demo: Path, cli) -> None:
    before = snapshot(demo)
    for extra in ((), ("--force",)):
        code, _, err = cli("pdf", demo, "-o", demo, *extra)
        assert code == 2 and "要读取的文件" in err
    assert snapshot(demo) == before


def test_pdf_onto_last_years_file_or_a_hard_link_of_the_input(demo: Path, cli, tmp_path) -> None:
    link = tmp_path / "link.json"
    os.link(demo, link)
    before = snapshot(demo)
    assert cli("pdf", demo, "-o", link, "--force")[0] == 2
    assert cli("pdf", demo, "--previous", demo, "-o", demo)[0] == 2
    assert snapshot(demo) == before


@pytest.mark.parametrize("command", ["new", "demo", "export", "aggregate"])
def test_writing_commands_do_not_replace_a_draft_without_force(
    command: str, demo: Path, cli, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    target = tmp_path / "已有草稿.json"
    write_draft_file(new_draft_of(demo, cli), target)
    before = snapshot(target, demo)
    argv = {
        "new": ["new", "2021", "--year", "2023", "--unit", "某局", "-o", target],
        "demo": ["demo", "-o", target],
        "export": ["--data-dir", data, "export", "1", "-o", target],
        "aggregate": ["aggregate", demo, "-o", target],
    }[command]
    if command == "export":
        assert cli("--data-dir", data, "import", demo)[0] == 0
    code, _, err = cli(*argv)
    assert code == 2 and "草稿文件" in err and "--force" in err
    assert snapshot(target, demo) == before
    assert cli(*argv, "--force")[0] in (0, 1)
    assert target.read_bytes() != before[target]


def new_draft_of(demo: Path, cli) -> object:
    from govreport_gui.core.draft import read_draft_file
    from govreport_gui.core.library import default_library

    draft = read_draft_file(demo, default_library())
    draft.unit = "另一个单位"
    return draft


def test_aggregate_never_overwrites_a_units_report_elsewhere_or_an_earlier_total(
    tmp_path: Path, cli, demo: Path
) -> None:
    units = tmp_path / "units"
    units.mkdir()
    for name in ("甲局", "乙局"):
        code, _, _ = cli(
            "new", "2021", "--year", "2023", "--unit", name, "-o", units / f"{name}.json"
        )
        assert code == 0
    elsewhere = tmp_path / "丙局.json"
    assert cli("new", "2021", "--year", "2023", "--unit", "丙局", "-o", elsewhere)[0] == 0
    total = units / "汇总.json"
    assert cli("aggregate", units, "-o", total)[0] in (0, 1)
    before = snapshot(elsewhere, total)
    assert cli("aggregate", units, "-o", elsewhere)[0] == 2  # a unit's draft outside the input
    code, _, err = cli("aggregate", units, "-o", total, "--force")  # listed as 未汇总, an input
    assert code == 2 and "要读取的文件" in err
    assert snapshot(elsewhere, total) == before


def test_export_never_replaces_the_stores_own_file(tmp_path: Path, cli, demo: Path) -> None:
    data = tmp_path / "data"
    assert cli("--data-dir", data, "import", demo)[0] == 0
    own = data / "drafts" / "1.json"
    before = snapshot(own)
    code, _, err = cli("--data-dir", data, "export", "1", "-o", own)
    assert code == 2 and "数据文件夹" in err
    assert snapshot(own) == before


def test_special_targets_are_refused(tmp_path: Path, cli, demo: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"%PDF-old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for target, word in ((link, "符号链接"), (fifo, "特殊文件"), (tmp_path, "文件夹")):
        code, _, err = cli("pdf", demo, "-o", target, "--force")
        assert code == 2 and word in err
    assert link.is_symlink() and real.read_bytes() == b"%PDF-old"
    code, _, err = cli("pdf", demo, "-o", "/dev/null", "--force")
    assert code == 2 and "特殊文件" in err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_outputs_follow_the_umask_and_keep_a_replaced_files_bits(
    tmp_path: Path, cli, demo: Path
) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "new.json"
        assert cli("demo", "-o", fresh)[0] == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        pdf = tmp_path / "last-run.pdf"
        pdf.write_bytes(b"%PDF-last run")
        pdf.chmod(0o640)
        inode = pdf.stat().st_ino
        assert cli("pdf", demo, "-o", pdf)[0] == 0
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o640
        assert pdf.read_bytes().startswith(b"%PDF-1") and pdf.stat().st_ino != inode  # replaced
    finally:
        os.umask(old)


# -- 13.2 units that look the same are the same unit ---------------------------------------

LOOK_ALIKES = ["\u200b", "\u00ad", "\u200d", "\ufeff", "\x07", "\u200e", "\u202e", "\u2066"]


def test_aggregate_sums_a_look_alike_unit_once(tmp_path: Path, cli, library: FormLibrary) -> None:
    form = library.get("2021")
    units = tmp_path / "units"
    units.mkdir()
    for n, mark in enumerate(["", *LOOK_ALIKES]):
        draft = new_draft(form, 2023, f"信丰县{mark}财政局")
        draft.values["t2.license"] = 5
        (units / f"{n}.json").write_text(
            json.dumps(draft_to_json(draft), ensure_ascii=False), encoding="utf-8"
        )
    total = tmp_path / "total.json"
    code, out, _ = cli("aggregate", units, "--json", "-o", total)
    report = json.loads(out)
    assert code in (0, 1)
    assert [u["status"] for u in report["units"]].count("included") == 1
    assert json.loads(total.read_text("utf-8"))["values"]["t2.license"] == 5


def test_import_treats_a_look_alike_unit_as_the_same(tmp_path: Path, cli, library) -> None:
    form = library.get("2021")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_draft_file(new_draft(form, 2023, "信丰县财政局"), first)
    write_draft_file(new_draft(form, 2023, "信丰县\u00ad财政局 "), second)
    data = tmp_path / "data"
    assert cli("--data-dir", data, "import", first)[0] == 0
    code, out, _ = cli("--data-dir", data, "import", second)
    assert code == 0 and "两份都保留" in out


@pytest.mark.parametrize("unit", ["\u200b", " \u00ad ", "\ufeff\u200d"])
def test_a_unit_name_with_nothing_visible_is_refused(unit: str, cli, tmp_path, library) -> None:
    code, _, err = cli("new", "2021", "--year", "2023", "--unit", unit, "-o", tmp_path / "x.json")
    assert code == 2 and "填报单位" in err and not (tmp_path / "x.json").exists()
    data = draft_to_json(new_draft(library.get("2021"), 2023, "某局"))
    data["unit"] = unit
    path = tmp_path / "y.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli("check", path)
    assert code == 2 and "unit" in err


# -- 13.3 special files ---------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    yield path


@pytest.mark.parametrize(
    "argv",
    [["check", "{f}"], ["pdf", "{f}", "-o", "{d}/x.pdf"], ["import", "{f}"], ["aggregate", "{f}"]],
)
def test_a_fifo_named_json_never_hangs(argv: list[str], fifo: Path, tmp_path: Path) -> None:
    args = [a.format(f=fifo, d=tmp_path) for a in argv]
    done = run("--data-dir", str(tmp_path / "data"), *args)  # the runner's timeout catches a hang
    assert done.returncode == 2 and "不是普通文件" in done.stdout + done.stderr
    assert not ENGLISH.search(done.stderr)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_not_read(device: str, cli) -> None:
    code, _, err = cli("check", device)
    assert code == 2 and "不是普通文件" in err


def test_a_symlink_loop_is_an_unreadable_file(tmp_path: Path, cli) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    code, _, err = cli("check", loop)
    assert code == 2 and "绕成了圈" in err
    code, out, err = cli("aggregate", loop)
    assert code == 2 and "绕成了圈" in out


@pytest.mark.parametrize("command", [["drafts"], ["backups"], ["export", "1", "-o", "x.json"]])
def test_an_over_long_data_folder_is_said_in_chinese(command: list[str], cli, tmp_path) -> None:
    too_long = tmp_path / ("长" * 300)
    code, _, err = cli("--data-dir", too_long, *command)
    assert code == 2 and "太长" in err


def test_a_data_folder_that_is_a_file(tmp_path: Path, cli) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("x", encoding="utf-8")
    code, out, err = cli("--data-dir", not_a_folder, "drafts")
    assert code == 2 and "不是文件夹" in err and "还没有草稿" not in out


# -- 13.4 damaged records ---------------------------------------------------------------------


def _store_with_backup(data: Path, demo: Path, cli) -> Path:
    assert cli("--data-dir", data, "import", demo)[0] == 0
    assert cli("--data-dir", data, "import", "--replace", demo)[0] == 0  # a second state
    return data / "drafts" / "1.json"


def _rewrite_record(own: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """Change draft 1's record in its file ``own`` by hand, as damage on disk would."""
    content = json.loads(own.read_text("utf-8"))
    change(content["record"]["1"])
    own.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


DAMAGE = {
    "unknown cell": lambda d: d["values"].update({"t9.nothing": 1}),
    "wrong type": lambda d: d["values"].update({next(iter(d["values"])): [1]}),
    "unknown form": lambda d: d.update({"form": "1999"}),
    "year 1900": lambda d: d.update({"year": 1900}),
    "texts null": lambda d: d.update({"texts": None}),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_valid_looking_record_with_an_invalid_draft_is_restored(
    damage: str, tmp_path: Path, cli, demo: Path
) -> None:
    data = tmp_path / "data"
    own = _store_with_backup(data, demo, cli)
    _rewrite_record(own, lambda record: DAMAGE[damage](record["draft"]))
    damaged = own.read_bytes()
    code, _, err = cli("--data-dir", data, "drafts")
    assert code == 0 and "已损坏" in err and "备份" in err
    aside = list(own.parent.glob("1.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    with open_store(data) as store:
        store.load("1")  # the restored draft reads


def test_a_flipped_byte_in_a_text_is_caught_by_the_checksum(tmp_path, cli, demo: Path) -> None:
    data = tmp_path / "data"
    own = _store_with_backup(data, demo, cli)
    raw = own.read_bytes()
    at = raw.index("信丰".encode())
    own.write_bytes(raw[:at] + "倍".encode() + raw[at + 3 :])  # still valid JSON and UTF-8
    code, _, err = cli("--data-dir", data, "drafts")
    assert code == 0 and "校验码" in err


def test_a_backups_path_that_is_a_file_is_reported(tmp_path: Path, cli, demo: Path) -> None:
    data = tmp_path / "data"
    (data / "drafts").mkdir(parents=True)
    (data / "backups").write_text("not a folder", encoding="utf-8")
    code, _, err = cli("--data-dir", data, "import", demo)
    assert code == 0 and "未能备份" in err


# -- 13.5 inputs the app accepts must print ----------------------------------------------------


def test_table_four_takes_only_what_prints(tmp_path: Path, cli, library) -> None:
    data = draft_to_json(new_draft(library.get("2021"), 2023, "某局"))
    path = tmp_path / "t4.json"
    data["values"] = {"t4.review_upheld": 12345678}
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli("check", path)
    assert code == 2 and "行政复议·结果维持" in err and "7 位" in err
    data["values"] = {"t4.review_upheld": 1234567}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli("check", path)[0] in (0, 1)


def test_a_signatory_too_long_to_print_is_refused_naming_the_field(tmp_path, cli, demo) -> None:
    data = json.loads(demo.read_text("utf-8"))
    data["signatories"]["unit_head"] = "张" * 350
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = cli("pdf", path, "-o", tmp_path / "long.pdf")
    assert code == 2 and "单位负责人" in err and "Flowable" not in err
    assert not (tmp_path / "long.pdf").exists()


# -- 13.6 smaller ones -------------------------------------------------------------------------


def test_duplicate_keys_schema_and_utf32(tmp_path: Path, cli, demo: Path) -> None:
    text = demo.read_text("utf-8")
    dup = tmp_path / "dup.json"
    dup.write_text(text.replace('"year": 2017,', '"year": 2017, "year": 2018,'), "utf-8")
    code, _, err = cli("check", dup)
    assert code == 2 and "出现了两次" in err
    one = tmp_path / "one.json"
    one.write_text(text.replace('"schema": 1,', '"schema": 1.0,'), "utf-8")
    code, _, err = cli("check", one)
    assert code == 2 and "schema" in err
    wide = tmp_path / "wide.json"
    wide.write_bytes(text.encode("utf-32"))
    code, _, err = cli("check", wide)
    assert code == 2 and "UTF-32" in err and "UTF-16" not in err


def test_an_owner_folder_does_not_mean_an_unclean_exit(tmp_path: Path, cli, demo: Path) -> None:
    data = tmp_path / "data"
    (data / "govreport.owner").mkdir(parents=True)
    for _ in range(2):
        code, _, err = cli("--data-dir", data, "import", demo)
        assert code == 0 and "没有正常关闭" not in err


def test_history_stays_bounded(tmp_path: Path, cli, demo: Path) -> None:
    data = tmp_path / "data"
    assert cli("--data-dir", data, "import", demo)[0] == 0
    for _ in range(MAX_HISTORY + 5):
        assert cli("--data-dir", data, "import", "--replace", demo)[0] == 0
    with open_store(data) as store:
        assert len(store.history("1")) == MAX_HISTORY


def test_a_full_disk_while_backing_up_is_told(
    store, library: FormLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from govreport_gui.storage import backups

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    draft = new_draft(library.get("2021"), 2023, "某局")
    draft_id = store.create(draft)  # backed up as it is created
    draft.values["t2.license"] = 2
    store.save(draft_id, draft)  # this state is backed up by the next save
    store.take_notices()
    monkeypatch.setattr(backups.os, "link", full)
    monkeypatch.setattr(backups, "write_atomically", full)
    draft.values["t2.license"] = 3
    store.save(draft_id, draft)  # the save itself goes on
    notices = store.take_notices()
    assert len(notices) == 1 and "未能备份" in notices[0] and "磁盘已满" in notices[0]
    assert store.load(draft_id).value("t2.license") == 3


@pytest.mark.parametrize("valid", [True, False])
def test_a_file_of_the_previous_layout_without_checksum(
    valid: bool, tmp_path: Path, cli, demo: Path
) -> None:
    """Layout 1 files (no checksum) still open, are checked fully, and get one when saved."""
    data = tmp_path / "data"
    own = _store_with_backup(data, demo, cli)

    def to_layout_1(record: dict[str, Any]) -> None:
        record["layout"] = 1
        del record["check"]
        if not valid:
            record["draft"]["values"]["t9.nothing"] = 1

    _rewrite_record(own, to_layout_1)
    code, _, err = cli("--data-dir", data, "drafts")
    assert code == 0 and ("草稿内容不对" in err) is not valid
    with open_store(data) as store:
        draft = store.load("1")
        draft.texts.clear()
        store.save("1", draft)
    assert json.loads(own.read_text("utf-8"))["record"]["1"]["layout"] == 2
