"""The on-disk draft store: round trips, status and locking, history, backups, data folder."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tinydb import TinyDB

from govreport_gui.core.draft import draft_to_json
from govreport_gui.core.samples import demo_draft
from govreport_gui.storage import (
    DraftLockedError,
    Status,
    StorageError,
    default_data_dir,
    open_store,
    resolve_data_dir,
)
from govreport_gui.storage.atomic import AtomicJSONStorage
from govreport_gui.storage.backups import KEEP_RECENT, BackupInfo, Backups
from tests.support.storage_helpers import full_draft


def reopen(store, library):
    store.close()
    return open_store(store.data_dir, library=library)


def test_full_draft_round_trips_through_disk(store, library):
    draft = full_draft(library)
    draft_id = store.create(draft)
    store = reopen(store, library)
    try:
        assert store.load(draft_id) == draft
        [info] = store.list()
        assert (info.id, info.unit, info.year, info.form_id, info.status) == (
            draft_id,
            "某某县人民政府办公室",
            2023,
            "2021",
            Status.DRAFT,
        )
    finally:
        store.close()


def test_file_is_utf8_tinydb_json_holding_the_exchange_format(store, library):
    draft = full_draft(library)
    draft_id = store.create(draft)
    raw = (store.data_dir / "drafts" / f"{draft_id}.json").read_bytes()
    assert "某某县人民政府办公室".encode() in raw  # UTF-8, not \\u escapes or GBK
    data = json.loads(raw.decode("utf-8"))
    assert data["record"]["1"]["draft"] == json.loads(json.dumps(draft_to_json(draft)))
    store.set_status(draft_id, Status.SUBMITTED)
    store.unlock(draft_id)
    # a TinyDB database: its own API reads the record and the history tables
    db = TinyDB(store.data_dir / "drafts" / f"{draft_id}.json", storage=AtomicJSONStorage)
    assert db.table("record").get(doc_id=1)["status"] == "draft"
    [kept] = db.table("history").all()
    assert kept["status"] == "submitted" and kept["draft"]["unit"] == draft.unit


def test_save_updates_content_and_time_and_list_is_newest_first(store, library):
    first = store.create(full_draft(library, unit="甲局"))
    second = store.create(full_draft(library, unit="乙局"))
    assert [i.id for i in store.list()] == [second, first]
    draft = store.load(first)
    draft.texts["overall"] = "改过的总体情况"
    before = store.info(first).saved_at
    info = store.save(first, draft)
    assert info.saved_at > before
    assert [i.id for i in store.list()] == [first, second]
    assert store.load(first).texts["overall"] == "改过的总体情况"


def test_saving_unchanged_draft_writes_nothing(store, library):
    draft_id = store.create(full_draft(library))
    path = store.data_dir / "drafts" / f"{draft_id}.json"
    inode, backups = path.stat().st_ino, len(store.backups(draft_id))
    info = store.save(draft_id, store.load(draft_id))
    assert path.stat().st_ino == inode
    assert len(store.backups(draft_id)) == backups
    assert info == store.info(draft_id)


def test_unknown_id_is_a_clear_error(store):
    with pytest.raises(StorageError, match="找不到编号为 42 的草稿"):
        store.load("42")


def test_submitted_draft_is_locked_and_unlock_keeps_exported_version(store, library):
    draft = full_draft(library)
    draft_id = store.create(draft)
    store.set_status(draft_id, Status.REVIEWED)
    store.set_status(draft_id, Status.SUBMITTED)
    exported = store.load(draft_id)
    path = store.data_dir / "drafts" / f"{draft_id}.json"
    on_disk = path.read_bytes()

    draft.texts["overall"] = "报送后又改"
    with pytest.raises(DraftLockedError, match="已报送，已锁定"):
        store.save(draft_id, draft)
    assert path.read_bytes() == on_disk

    info = store.unlock(draft_id)
    assert info.status is Status.DRAFT
    store.save(draft_id, draft)

    store = reopen(store, library)
    try:
        [entry] = store.history(draft_id)
        assert (entry.event, entry.status) == ("unlocked", Status.SUBMITTED)
        assert "已报送" in entry.label
        assert store.load_history(draft_id, 1) == exported
        assert store.load(draft_id).texts["overall"] == "报送后又改"
        assert store.info(draft_id).status is Status.DRAFT
    finally:
        store.close()


def test_status_survives_reopen(store, library):
    draft_id = store.create(full_draft(library))
    store.set_status(draft_id, Status.REVIEWED)
    store = reopen(store, library)
    try:
        assert store.info(draft_id).status is Status.REVIEWED
        assert store.history(draft_id) == []
    finally:
        store.close()


def test_every_save_is_backed_up_and_last_20_kept(store, library):
    draft = full_draft(library)
    draft_id = store.create(draft)
    for n in range(30):
        draft.texts["other"] = f"第{n}版"
        store.save(draft_id, draft)
    backups = store.backups(draft_id)
    revs = [b.rev for b in backups]
    # the 20 states before the current one (rev 31), plus the newest older one of today
    assert revs[:KEEP_RECENT] == list(range(30, 10, -1))
    assert len(backups) == KEEP_RECENT + 1
    restored = store.restore(backups[0])
    assert store.load(draft_id).texts["other"] == "第28版"
    assert restored.id == draft_id
    assert [h.event for h in store.history(draft_id)] == ["restored"]
    assert store.load_history(draft_id, 1).texts["other"] == "第29版"


def test_backups_keep_one_per_day_beyond_the_recent_ones():
    start = datetime(2024, 3, 1, 9, 0)
    backups = []
    rev = 100
    for day in range(5):  # 5 days with 10 saves each, newest first
        for k in range(10):
            moment = start - timedelta(days=day, minutes=k)
            backups.append(BackupInfo("1", moment, rev, Status.DRAFT, Path(f"{rev}")))
            rev -= 1
    surplus = Backups.surplus(backups)
    kept = [b for b in backups if b not in surplus]
    assert kept[:KEEP_RECENT] == backups[:KEEP_RECENT]
    # beyond the last 20 (days 0 and 1): the newest save of days 2, 3 and 4
    assert [b.saved_at.date() for b in kept[KEEP_RECENT:]] == [
        datetime(2024, 2, 28).date(),
        datetime(2024, 2, 27).date(),
        datetime(2024, 2, 26).date(),
    ]
    assert all(b.saved_at.minute == 0 for b in kept[KEEP_RECENT:])


def test_restoring_a_submitted_draft_needs_unlock(store, library):
    draft = full_draft(library)
    draft_id = store.create(draft)
    draft.texts["other"] = "第二版"
    store.save(draft_id, draft)
    store.set_status(draft_id, Status.SUBMITTED)
    with pytest.raises(DraftLockedError, match="先解锁"):
        store.restore(store.backups(draft_id)[-1])


def test_deleted_draft_keeps_its_last_state_and_can_be_restored(store, library):
    draft = full_draft(library)
    draft_id = store.create(draft)
    draft.texts["other"] = "删除前"
    store.save(draft_id, draft)
    store.delete(draft_id)
    assert store.list() == []
    store = reopen(store, library)
    try:
        newer = store.create(demo_draft(library))
        assert newer != draft_id  # ids of deleted drafts are never reused
        newest = store.backups(draft_id)[0]
        assert store.describe(draft_id).unit == "某某县人民政府办公室"
        store.restore(newest)
        assert store.load(draft_id).texts["other"] == "删除前"
    finally:
        store.close()


def test_read_only_store_lists_but_does_not_change(store, library):
    draft_id = store.create(full_draft(library))
    reader = open_store(store.data_dir, library=library, read_only=True)
    try:
        assert [i.id for i in reader.list()] == [draft_id]
        with pytest.raises(StorageError, match="只读"):
            reader.save(draft_id, reader.load(draft_id))
    finally:
        reader.close()


def test_data_dir_option_beats_environment_beats_default(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "opt") == tmp_path / "opt"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("GOVREPORT_DATA_DIR")
    assert resolve_data_dir(None) == default_data_dir()


def test_default_data_dir_per_platform(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "govreport"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_data_dir() == Path.home() / ".local" / "share" / "govreport"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert default_data_dir() == tmp_path / "Roaming" / "govreport"
