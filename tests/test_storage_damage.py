"""Damaged draft files are moved aside, the newest good backup is opened, the clerk is told."""

from __future__ import annotations

import json

import pytest

from govreport_gui.cli import main
from govreport_gui.storage import Status, open_store
from tests.support.storage_helpers import full_draft


def three_versions(data_dir, library):
    """A draft saved three times; returns its id and the bytes of its file."""
    store = open_store(data_dir, library=library)
    draft = full_draft(library)
    draft_id = store.create(draft)
    for version in ("第二版", "第三版"):
        draft.texts["overall"] = version
        store.save(draft_id, draft)
    store.close()
    return draft_id, (data_dir / "drafts" / f"{draft_id}.json").read_bytes()


def damage(kind: str, good: bytes) -> bytes:
    return {
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "zeros": bytes(len(good)),
        "invalid_utf8": good.replace("第三版".encode(), b"\xff\xfe\x80" * 3),
        "not_json": b"<html>not a draft</html>",
        "wrong_shape": json.dumps([1, 2, 3]).encode(),
        "no_record": json.dumps({"record": {"1": {"layout": 1}}}).encode(),
        "wrong_id": good.replace(b'"id":"1"', b'"id":"7"'),
        # valid JSON that json.loads turns into a bare ValueError / an unwritable string
        "huge_number": good.replace(b'"rev":3', b'"rev":' + b"9" * 5000),
        "lone_surrogate": good.replace("第三版".encode(), b"\\ud800"),
    }[kind]


KINDS = [
    "truncated",
    "empty",
    "zeros",
    "invalid_utf8",
    "not_json",
    "wrong_shape",
    "no_record",
    "wrong_id",
    "huge_number",
    "lone_surrogate",
]


@pytest.mark.parametrize("kind", KINDS)
def test_damaged_file_is_moved_aside_and_newest_backup_opened(tmp_path, library, kind):
    data_dir = tmp_path / "data"
    draft_id, good = three_versions(data_dir, library)
    main_file = data_dir / "drafts" / f"{draft_id}.json"
    bad = damage(kind, good)
    assert bad != good
    main_file.write_bytes(bad)

    store = open_store(data_dir, library=library)
    try:
        [notice] = store.notices
        [aside] = (data_dir / "drafts").glob(f"{draft_id}.json.corrupt-*")
        assert aside.read_bytes() == bad  # the damaged file is kept, byte for byte
        assert "已损坏" in notice and str(aside) in notice and "备份" in notice
        assert "某某县人民政府办公室" in notice
        # the newest good backup is the state before the last save
        assert store.load(draft_id).texts["overall"] == "第二版"
        draft = store.load(draft_id)
        draft.texts["overall"] = "修好后再改"
        store.save(draft_id, draft)
    finally:
        store.close()
    assert_reopens_cleanly(data_dir, library, draft_id, "修好后再改")


def test_damaged_newest_backup_is_skipped(tmp_path, library):
    data_dir = tmp_path / "data"
    draft_id, good = three_versions(data_dir, library)
    (data_dir / "drafts" / f"{draft_id}.json").write_bytes(good[:100])
    store = open_store(data_dir, library=library, read_only=True)
    newest = store.backups(draft_id)[0]
    store.close()
    newest.path.write_bytes(b"\0" * 64)
    store = open_store(data_dir, library=library)
    try:
        assert "已损坏" in store.notices[0]
        # the newest backup (第二版) is unusable, so the first version comes back
        assert store.load(draft_id).texts["overall"] == full_draft(library).texts["overall"]
    finally:
        store.close()


def test_without_any_good_backup_the_file_is_kept_and_clerk_told(tmp_path, library):
    data_dir = tmp_path / "data"
    draft_id, good = three_versions(data_dir, library)
    for backup in (data_dir / "backups" / draft_id).iterdir():
        backup.unlink()
    (data_dir / "drafts" / f"{draft_id}.json").write_bytes(good[:-10])
    store = open_store(data_dir, library=library)
    try:
        [notice] = store.notices
        assert "没有找到可用的备份" in notice and ".corrupt-" in notice
        assert store.list() == []
        new_id = store.create(full_draft(library))
        assert new_id != draft_id  # the damaged draft's id stays reserved
    finally:
        store.close()
    [aside] = (data_dir / "drafts").glob(f"{draft_id}.json.corrupt-*")
    assert aside.read_bytes() == good[:-10]


def test_read_only_open_reports_damage_without_moving_anything(tmp_path, library):
    data_dir = tmp_path / "data"
    draft_id, good = three_versions(data_dir, library)
    main_file = data_dir / "drafts" / f"{draft_id}.json"
    main_file.write_bytes(good[:50])
    store = open_store(data_dir, library=library, read_only=True)
    store.close()
    assert "已损坏" in store.notices[0] and "只读" in store.notices[0]
    assert main_file.read_bytes() == good[:50]


def test_cli_says_on_stderr_what_was_repaired_and_goes_on(tmp_path, library, capsys):
    data_dir = tmp_path / "data"
    draft_id, good = three_versions(data_dir, library)
    (data_dir / "drafts" / f"{draft_id}.json").write_bytes(bytes(len(good)))
    assert main(["--data-dir", str(data_dir), "drafts", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "已损坏" in err and ".corrupt-" in err and "全是零字节" in err
    [row] = json.loads(out)
    assert row["id"] == draft_id and row["unit"] == "某某县人民政府办公室"


def test_file_damaged_while_open_is_repaired_when_next_used(tmp_path, library):
    data_dir = tmp_path / "data"
    draft_id, _ = three_versions(data_dir, library)
    store = open_store(data_dir, library=library)
    try:
        (data_dir / "drafts" / f"{draft_id}.json").write_bytes(b"\0" * 10)
        assert store.load(draft_id).texts["overall"] == "第二版"
        [notice] = store.take_notices()
        assert "已损坏" in notice and ".corrupt-" in notice
        assert store.notices == []
    finally:
        store.close()


def test_file_deleted_while_open_comes_back_from_backup_and_save_works(tmp_path, library):
    data_dir = tmp_path / "data"
    draft_id, _ = three_versions(data_dir, library)
    store = open_store(data_dir, library=library)
    store.set_status(draft_id, Status.SUBMITTED)
    store.unlock(draft_id)  # something in history that must survive
    draft = store.load(draft_id)
    store.close()
    store = open_store(data_dir, library=library)  # holds no file contents after opening
    try:
        (data_dir / "drafts" / f"{draft_id}.json").unlink()
        draft.texts["overall"] = "文件被删后保存"
        store.save(draft_id, draft)
        assert "不在数据文件夹中" in store.take_notices()[0]
    finally:
        store.close()
    store = open_store(data_dir, library=library)
    try:
        assert store.load(draft_id).texts["overall"] == "文件被删后保存"
        assert [h.event for h in store.history(draft_id)] == ["unlocked"]
    finally:
        store.close()


def test_save_after_damage_beyond_repair_keeps_what_the_clerk_has(tmp_path, library):
    data_dir = tmp_path / "data"
    draft_id, _ = three_versions(data_dir, library)
    store = open_store(data_dir, library=library)
    try:
        draft = store.load(draft_id)
        store.close()
        store = open_store(data_dir, library=library)
        for backup in (data_dir / "backups" / draft_id).iterdir():
            backup.unlink()
        (data_dir / "drafts" / f"{draft_id}.json").write_bytes(b"{")
        draft.texts["overall"] = "窗口里还开着的内容"
        store.save(draft_id, draft)
        assert "没有找到可用的备份" in store.take_notices()[0]
    finally:
        store.close()
    assert_reopens_cleanly(data_dir, library, draft_id, "窗口里还开着的内容")


def assert_reopens_cleanly(data_dir, library, draft_id, overall):
    """The next start finds nothing to repair and holds the last saved text."""
    store = open_store(data_dir, library=library)
    try:
        assert store.notices == []
        assert store.load(draft_id).texts["overall"] == overall
    finally:
        store.close()
