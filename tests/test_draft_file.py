"""Draft files: exact round trip, values as typed, and refusal of anything malformed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_gui.core.draft import (
    MAX_FILE_BYTES,
    dumps,
    loads,
    new_draft,
    read_draft_file,
    write_draft_file,
)
from govreport_gui.core.errors import DraftFileError, GovreportError
from govreport_gui.core.library import FormLibrary
from govreport_gui.core.samples import demo_draft
from govreport_gui.core.values import NA


def _minimal(**extra: object) -> dict:
    return {
        "kind": "govreport-draft",
        "schema": 1,
        "form": "2021",
        "year": 2023,
        "unit": "某局",
        **extra,
    }


def test_demo_round_trips_exactly(library: FormLibrary, tmp_path: Path) -> None:
    draft = demo_draft(library)
    path = tmp_path / "demo.json"
    write_draft_file(draft, path)
    again = read_draft_file(path, library)
    assert again == draft
    assert dumps(again) == dumps(draft)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["values"]["stats.active_total"] == 41105
    assert "stats.staff" not in data["values"]  # blank stays blank
    assert data["signatories"] == {
        "unit_head": "卢华文",
        "reviewer": "张小金",
        "preparer": "刘志飞",
        "phone": "3334391",
        "date": "2018.2.12",
    }
    assert len(data["texts"]) == 9


def test_values_as_a_clerk_types_them(library: FormLibrary) -> None:
    raw = _minimal(
        values={
            "t3.new.natural": "４１，１０５",
            "t2.fees": "1.50",
            "t2.rules.issued": "/",
            "t2.license": 12,
            "t3.new.total": None,
        }
    )
    draft = loads(json.dumps(raw, ensure_ascii=False), library)
    assert draft.values == {
        "t3.new.natural": 41105,
        "t2.fees": Decimal("1.50"),
        "t2.rules.issued": NA,
        "t2.license": 12,
    }
    assert json.loads(dumps(draft))["values"]["t2.fees"] == "1.50"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b'{"kind": "govreport-draft", "schema": 1, "form"', "不完整或已损坏"),
        (b"\xff\xfe\x00garbage", "不是 UTF-8"),
        (b"[1, 2, 3]", "JSON 对象"),
        (json.dumps({"kind": "other"}).encode(), "kind"),
        (json.dumps(_minimal(schema=2)).encode(), "schema"),
        (json.dumps(_minimal(form="1999")).encode(), "1999"),
        (json.dumps(_minimal(year="2023")).encode(), "year"),
        (json.dumps(_minimal(year=2017)).encode(), "不适用格式"),
        (json.dumps(_minimal(unit="")).encode(), "unit"),
        (json.dumps(_minimal(values={"t3.nope": 1})).encode(), "t3.nope"),
        (json.dumps(_minimal(values={"t3.new.natural": -1})).encode(), "不能为负数"),
        (json.dumps(_minimal(values={"t3.new.natural": "十二"})).encode(), "自然人"),
        (json.dumps(_minimal(values={"t3.new.natural": [1]})).encode(), "自然人"),
        (json.dumps(_minimal(values=[1])).encode(), "values"),
        (json.dumps(_minimal(texts={"nope": "x"})).encode(), "nope"),
        (json.dumps(_minimal(texts={"overall": 3})).encode(), "texts.overall"),
        (json.dumps(_minimal(signatories={"boss": "x"})).encode(), "boss"),
        (json.dumps(_minimal(signatories={"phone": 123})).encode(), "联系电话"),
        (json.dumps(_minimal(explanations={"NOPE": "x"})).encode(), "NOPE"),
        (
            json.dumps(_minimal(texts={"overall": "字" * 300_000}), ensure_ascii=False).encode(),
            "太长",
        ),
        (json.dumps(_minimal(unit="局" * 10_000), ensure_ascii=False).encode(), "太长"),
        (b"[" * 100_000, "嵌套"),
        # JSON that json.loads accepts but that breaks later (ValueError, UnicodeEncodeError)
        pytest.param(
            json.dumps(_minimal(schema=1))
            .replace('"schema": 1', '"schema": ' + "9" * 5000)
            .encode(),
            "数值",
            id="5000-digit-number",
        ),
        pytest.param(
            json.dumps(_minimal(unit="\ud800局")).encode(), "\\ud800", id="lone-surrogate"
        ),
        pytest.param(
            json.dumps(_minimal(unit="某县教育局"), ensure_ascii=False).encode("gbk"),
            "ANSI（GBK）编码",
            id="saved-as-ansi",
        ),
        pytest.param(
            json.dumps(_minimal(unit="某县教育局"), ensure_ascii=False).encode("utf-16"),
            "UTF-16",
            id="saved-as-unicode",
        ),
        pytest.param(
            json.dumps(_minimal(texts={"overall": "a\udfffb"})).encode(),
            "代理项",
            id="surrogate-text",
        ),
    ],
)
def test_malformed_drafts_are_refused_with_a_chinese_message(
    library: FormLibrary, raw: bytes, fragment: str
) -> None:
    with pytest.raises(DraftFileError) as caught:
        loads(raw, library, "x.json")
    assert fragment in caught.value.message
    assert "Traceback" not in caught.value.message


def test_too_large_files_are_refused_before_reading(library: FormLibrary, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_minimal(texts={"overall": "x" * (MAX_FILE_BYTES + 10)})))
    with pytest.raises(DraftFileError, match="太大"):
        read_draft_file(path, library)


def test_a_failed_write_leaves_the_old_file(
    library: FormLibrary, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "d.json"
    draft = new_draft(library.get("2021"), 2023, "某局")
    write_draft_file(draft, path)
    before = path.read_bytes()
    draft.unit = "另一局"

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(GovreportError, match=r"无法写入.*磁盘已满"):
        write_draft_file(draft, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("missing/d.json", "文件或文件夹不存在"),
        (".", "这是一个文件夹"),
        ("d.json/x.json", "不是文件夹"),
    ],
)
def test_write_failures_are_said_in_chinese(
    library: FormLibrary, tmp_path: Path, target: str, reason: str
) -> None:
    write_draft_file(new_draft(library.get("2021"), 2023, "某局"), tmp_path / "d.json")
    with pytest.raises(GovreportError) as caught:
        write_draft_file(new_draft(library.get("2021"), 2023, "某局"), tmp_path / target)
    assert reason in caught.value.message
    assert not any(c.isascii() and c.isalpha() for c in caught.value.message.split("：", 1)[1])


def test_an_unwritable_character_is_refused_and_leaves_no_temporary_file(
    library: FormLibrary, tmp_path: Path
) -> None:
    draft = new_draft(library.get("2021"), 2023, "某局")
    draft.texts["overall"] = "粘贴来的\udc80字"  # what a broken clipboard can hand over
    with pytest.raises(GovreportError, match="无效的字符"):
        write_draft_file(draft, tmp_path / "d.json")
    assert list(tmp_path.iterdir()) == []


def test_new_draft_refuses_a_year_the_form_does_not_cover(library: FormLibrary) -> None:
    with pytest.raises(GovreportError, match="2017"):
        new_draft(library.get("2021"), 2017, "某局")
    with pytest.raises(GovreportError, match="单位"):
        new_draft(library.get("2021"), 2023, "  ")
    with pytest.raises(GovreportError, match="年度不合理"):  # a file it could not read back
        new_draft(library.get("2021"), 3000, "某局")
