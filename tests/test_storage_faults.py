"""Faults: killed writers, full disks, read-only folders, a second instance, stale locks."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

import pytest
from filelock import FileLock

from govreport_gui.storage import FolderInUseError, StorageError, open_store
from govreport_gui.storage.lock import OWNER_NAME
from tests.support.cli import ROOT
from tests.support.storage_helpers import full_draft, kill_rounds, wait_for

HELPER = os.path.join(os.path.dirname(__file__), "support", "storage_helpers.py")


@pytest.fixture
def saved(tmp_path, library):
    """An open store holding one saved draft; yields (store, draft_id, draft)."""
    store = open_store(tmp_path / "data", library=library)
    draft = full_draft(library)
    draft_id = store.create(draft)
    yield store, draft_id, draft
    store.close()


def temp_files(store):
    return list((store.data_dir / "drafts").glob(".tmp-*"))


def assert_retry_saves(store, draft_id, draft, library):
    """The caller still holds the edit; saving again works and survives a reopen."""
    store.save(draft_id, draft)
    store.close()
    again = open_store(store.data_dir, library=library)
    try:
        assert again.load(draft_id) == draft
    finally:
        again.close()


# -- kill -9 while saving -----------------------------------------------------------


def test_killed_writer_leaves_last_completed_save(tmp_path, library):
    report = kill_rounds(tmp_path / "data", rounds=15, library=library, seed=15)
    assert report.rounds == 15
    assert report.saves_completed > 15  # the child really was saving when killed


@pytest.mark.slow
def test_killed_writer_leaves_last_completed_save_100_rounds(tmp_path, library):
    report = kill_rounds(tmp_path / "data", rounds=100, library=library, seed=100)
    assert report.rounds == 100
    assert report.interrupted_writes > 0  # some kills really landed mid-write


# -- full disk ----------------------------------------------------------------------


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("call", ["fsync", "write"])
def test_full_disk_keeps_saved_state_and_a_retry_works(saved, library, monkeypatch, call):
    store, draft_id, draft = saved
    before = store.load(draft_id)
    draft.texts["overall"] = "磁盘满时写的内容"
    if call == "write":
        real_write = os.write

        def write_some_then_fail(fd, data):  # part of the file lands, then the disk is full
            real_write(fd, bytes(data[:100]))
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", write_some_then_fail)
    else:
        monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StorageError) as caught:
        store.save(draft_id, draft)
    monkeypatch.undo()
    message = str(caught.value)
    assert "未能保存" in message and "磁盘已满" in message and "腾出磁盘空间" in message
    assert "某某县人民政府办公室2023年" in message
    assert temp_files(store) == []
    assert store.load(draft_id) == before  # the store still holds the last good save
    assert draft.texts["overall"] == "磁盘满时写的内容"  # and the caller's edit is untouched
    assert_retry_saves(store, draft_id, draft, library)


def test_full_disk_on_create_is_a_clear_error(tmp_path, library, monkeypatch):
    store = open_store(tmp_path / "data", library=library)
    try:
        monkeypatch.setattr(os, "fsync", no_space)
        with pytest.raises(StorageError, match="磁盘已满"):
            store.create(full_draft(library))
        monkeypatch.undo()
        assert store.list() == []
        draft_id = store.create(full_draft(library))
        assert [i.id for i in store.list()] == [draft_id]
    finally:
        store.close()


# -- read-only folder ---------------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [OSError(errno.EROFS, "Read-only file system"), PermissionError(errno.EACCES, "denied")],
)
def test_read_only_folder_keeps_saved_state_and_a_retry_works(saved, library, monkeypatch, error):
    store, draft_id, draft = saved
    before = store.load(draft_id)
    draft.texts["problems"] = "只读时写的内容"

    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(StorageError) as caught:
        store.save(draft_id, draft)
    monkeypatch.undo()
    message = str(caught.value)
    assert "未能保存" in message and ("只读" in message or "没有写入权限" in message)
    assert "检查该文件夹是否可以写入" in message
    assert store.load(draft_id) == before
    assert_retry_saves(store, draft_id, draft, library)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_really_read_only_folder(saved, library):
    store, draft_id, draft = saved
    drafts = store.data_dir / "drafts"
    draft.texts["problems"] = "只读时写的内容"
    drafts.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="没有写入权限"):
            store.save(draft_id, draft)
    finally:
        drafts.chmod(0o755)
    assert_retry_saves(store, draft_id, draft, library)


def test_lock_that_cannot_be_created_is_a_clear_error(tmp_path, library, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(FileLock, "acquire", refuse)
    with pytest.raises(StorageError, match=r"无法锁定数据文件夹.*没有写入权限.*--data-dir"):
        open_store(tmp_path / "data", library=library)


def test_folder_that_cannot_be_created_is_a_clear_error(tmp_path, library):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StorageError, match="无法创建数据文件夹"):
        open_store(blocker / "data", library=library)


# -- one writer per folder ----------------------------------------------------------


def test_second_instance_in_same_process_is_refused(saved, library):
    store, draft_id, draft = saved
    with pytest.raises(FolderInUseError) as caught:
        open_store(store.data_dir, library=library)
    message = str(caught.value)
    assert "正在被另一个 govreport 程序使用" in message and f"进程号 {os.getpid()}" in message
    store.save(draft_id, draft)  # the first instance is unaffected


def test_waiting_opener_gets_the_folder_when_the_holder_closes(saved, library):
    store, _, _ = saved
    closer = threading.Timer(0.2, store.close)  # closed from another thread than opened it
    closer.start()
    began = time.monotonic()
    second = open_store(store.data_dir, library=library, wait=5)
    try:
        assert 0.1 < time.monotonic() - began < 4
        assert len(second.list()) == 1
    finally:
        closer.join()
        second.close()


def hold_in_child(data_dir, tmp_path):
    progress = tmp_path / "holder.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, HELPER, "hold", str(data_dir), str(progress)],
        env=env,
        stdin=subprocess.DEVNULL,
    )
    wait_for(progress, proc)
    return proc


def test_second_instance_in_another_process_is_refused_then_stale_lock_taken_over(
    tmp_path, library
):
    data_dir = tmp_path / "data"
    store = open_store(data_dir, library=library)
    draft = full_draft(library)
    draft_id = store.create(draft)
    store.close()

    holder = hold_in_child(data_dir, tmp_path)
    try:
        with pytest.raises(FolderInUseError, match=f"进程号 {holder.pid}"):
            open_store(data_dir, library=library)
        reader = open_store(data_dir, library=library, read_only=True)  # reading is fine
        assert [i.id for i in reader.list()] == [draft_id]
        reader.close()
    finally:
        holder.kill()  # SIGKILL: the holder never releases its lock
        holder.wait()
    assert (data_dir / OWNER_NAME).exists()

    store = open_store(data_dir, library=library)
    try:
        [notice] = store.notices
        assert "没有正常关闭" in notice and "均完好" in notice
        assert store.load(draft_id) == draft
        owner = json.loads((data_dir / OWNER_NAME).read_text(encoding="utf-8"))
        assert owner["pid"] == os.getpid()
    finally:
        store.close()
    assert not (data_dir / OWNER_NAME).exists()  # a clean close leaves no owner behind


def test_leftover_lock_files_of_a_dead_process_are_taken_over(tmp_path, library):
    data_dir = tmp_path / "data"
    (data_dir / "drafts").mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(dead.stdout)
    (data_dir / "govreport.lock").write_text(f"{dead_pid}\n", encoding="utf-8")
    (data_dir / OWNER_NAME).write_text(
        json.dumps({"pid": dead_pid, "host": "pc", "since": "2024-01-01 08:00"}),
        encoding="utf-8",
    )
    store = open_store(data_dir, library=library)
    try:
        assert "没有正常关闭" in store.notices[0]
        store.create(full_draft(library))
    finally:
        store.close()
