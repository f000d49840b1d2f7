"""Import and export of draft files, and the ``drafts``/``import``/``export``/``backups`` commands."""

from __future__ import annotations

import json

import pytest

from govreport_gui.cli import main
from govreport_gui.core.draft import DraftFileError, read_draft_file, write_draft_file
from govreport_gui.storage import (
    Conflict,
    DraftLockedError,
    ImportConflictError,
    Status,
    open_store,
)
from tests.support.storage_helpers import full_draft


@pytest.fixture
def draft_file(tmp_path, library):
    path = tmp_path / "某某县人民政府办公室2023.json"
    write_draft_file(full_draft(library), path)
    return path


MALFORMED = {
    "not_json": b'{"kind": "govreport-draft", ',
    "bad_utf8": b"\xd5\xfe\xb8\xae",  # GBK, not UTF-8
    "wrong_kind": json.dumps({"kind": "something-else"}).encode(),
    "unknown_cell": json.dumps(
        {
            "kind": "govreport-draft",
            "schema": 1,
            "form": "2021",
            "year": 2023,
            "unit": "某局",
            "values": {"no.such.cell": 1},
        },
        ensure_ascii=False,
    ).encode(),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_importing_a_malformed_file_changes_nothing(store, library, tmp_path, kind):
    existing = store.create(full_draft(library))
    before = sorted(p.name for p in (store.data_dir / "drafts").iterdir())
    bad = tmp_path / f"{kind}.json"
    bad.write_bytes(MALFORMED[kind])
    with pytest.raises(DraftFileError) as caught:
        store.import_file(bad)
    assert f"{kind}.json" in str(caught.value)
    assert [i.id for i in store.list()] == [existing]
    assert sorted(p.name for p in (store.data_dir / "drafts").iterdir()) == before


def test_import_of_same_unit_year_form_asks(store, draft_file):
    first = store.import_file(draft_file)
    assert first.replaced is None and first.alongside == ()
    with pytest.raises(ImportConflictError) as caught:
        store.import_file(draft_file)
    assert caught.value.existing == [first.info]
    assert "替换" in str(caught.value) and "两份都保留" in str(caught.value)
    assert len(store.list()) == 1


def test_keep_both_adds_a_draft(store, draft_file):
    first = store.import_file(draft_file)
    second = store.import_file(draft_file, Conflict.KEEP_BOTH)
    assert second.info.id != first.info.id
    assert second.alongside == (first.info,)
    assert len(store.list()) == 2


def test_replace_keeps_the_replaced_content_in_history(store, library, draft_file):
    first = store.import_file(draft_file)
    edited = store.load(first.info.id)
    edited.texts["overall"] = "本单位已填写的内容"
    store.save(first.info.id, edited)
    # the conflict error carries the read draft, so the UI need not read the file again
    with pytest.raises(ImportConflictError) as caught:
        store.import_file(draft_file)
    result = store.import_draft(caught.value.draft, Conflict.REPLACE)
    assert result.info.id == first.info.id
    assert result.replaced is not None
    assert store.load(first.info.id) == read_draft_file(draft_file, library)
    [kept] = store.history(first.info.id)
    assert kept.event == "replaced"
    assert store.load_history(first.info.id, 1).texts["overall"] == "本单位已填写的内容"


def test_unit_names_match_ignoring_spaces_and_width(store, library, tmp_path):
    store.create(full_draft(library, unit="某某县 财政局"))
    other = tmp_path / "x.json"
    write_draft_file(full_draft(library, unit="某某县财政局"), other)
    with pytest.raises(ImportConflictError):
        store.import_file(other)


def test_import_never_replaces_a_submitted_draft(store, draft_file):
    first = store.import_file(draft_file)
    store.set_status(first.info.id, Status.SUBMITTED)
    with pytest.raises(DraftLockedError, match="已报送"):
        store.import_file(draft_file, Conflict.REPLACE)


def test_export_writes_the_exchange_file(store, library, tmp_path):
    draft = full_draft(library)
    draft_id = store.create(draft)
    target = tmp_path / "出口" / "报告.json"
    target.parent.mkdir()
    store.export(draft_id, target)
    assert read_draft_file(target, library) == draft


# -- the commands ---------------------------------------------------------------------


def run(capsys, data_dir, *argv):
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_keeps_both_by_default_and_says_so(tmp_path, draft_file, capsys):
    data = tmp_path / "data"
    code, out, _ = run(capsys, data, "import", str(draft_file))
    assert code == 0 and "已导入" in out and "编号 1" in out
    code, out, _ = run(capsys, data, "import", str(draft_file))
    assert code == 0
    assert "编号 2" in out and "两份都保留" in out and "--replace" in out
    code, out, _ = run(capsys, data, "import", "--replace", str(draft_file))
    assert code == 0 and "替换" in out
    code, out, _ = run(capsys, data, "drafts", "--json")
    rows = json.loads(out)
    assert sorted(r["id"] for r in rows) == ["1", "2"]
    assert set(rows[0]) == {"id", "unit", "year", "form", "status", "status_label", "saved_at"}
    assert rows[0]["form"] == "2021" and rows[0]["status"] == "draft"


def test_cli_import_reports_malformed_files_and_imports_the_rest(tmp_path, draft_file, capsys):
    bad = tmp_path / "坏文件.json"
    bad.write_bytes(b"\x00\x00\x00")
    code, out, err = run(capsys, tmp_path / "data", "import", str(bad), str(draft_file))
    assert code == 2
    assert "未导入" in err and "坏文件.json" in err and "Traceback" not in err
    assert "已导入" in out


def test_cli_drafts_lists_in_plain_words(tmp_path, draft_file, capsys):
    data = tmp_path / "data"
    run(capsys, data, "import", str(draft_file))
    code, out, _ = run(capsys, data, "drafts")
    assert code == 0
    assert out.split("\t")[:5] == ["1", "某某县人民政府办公室", "2023", "2021", "草稿"]
    assert main(["drafts", "--data-dir", str(data)]) == 0  # the option also after the command
    assert capsys.readouterr().out == out


def test_cli_export_and_unknown_id(tmp_path, library, draft_file, capsys):
    data = tmp_path / "data"
    run(capsys, data, "import", str(draft_file))
    target = tmp_path / "out.json"
    code, _, _ = run(capsys, data, "export", "1", "-o", str(target))
    assert code == 0
    assert read_draft_file(target, library) == read_draft_file(draft_file, library)
    code, _, err = run(capsys, data, "export", "9", "-o", str(tmp_path / "other.json"))
    assert code == 2 and "找不到编号为 9 的草稿" in err


def test_cli_backups_list_and_restore(tmp_path, library, capsys):
    data = tmp_path / "data"
    store = open_store(data, library=library)
    draft = full_draft(library)
    draft_id = store.create(draft)
    draft.texts["overall"] = "第二版"
    store.save(draft_id, draft)
    draft.texts["overall"] = "第三版"
    store.save(draft_id, draft)
    store.close()

    code, out, _ = run(capsys, data, "backups", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["number"] for r in rows] == [1, 2]
    assert rows[0]["draft_id"] == draft_id and rows[0]["unit"] == "某某县人民政府办公室"
    code, out, _ = run(capsys, data, "backups", "--restore", "1")
    assert code == 0 and "已把编号 1 的草稿" in out
    store = open_store(data, library=library)
    try:
        assert store.load(draft_id).texts["overall"] == "第二版"
    finally:
        store.close()
    code, _, err = run(capsys, data, "backups", "--restore", "99")
    assert code == 2 and "没有序号为 99 的备份" in err


def test_cli_refuses_to_import_while_another_instance_writes(tmp_path, draft_file, library, capsys):
    data = tmp_path / "data"
    holder = open_store(data, library=library)
    try:
        code, _, err = run(capsys, data, "import", str(draft_file))
        assert code == 2 and "正在被另一个 govreport 程序使用" in err
        code, out, _ = run(capsys, data, "drafts", "--json")  # listing still works
        assert code == 0 and json.loads(out) == []
    finally:
        holder.close()
