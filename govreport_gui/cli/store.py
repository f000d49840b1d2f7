"""``drafts``, ``import``, ``export`` and ``backups``: the drafts kept in the data folder.

The folder is ``--data-dir``, else ``GOVREPORT_DATA_DIR``, else the user's data folder.
Listing and exporting only read, so they work while the window is open; importing and
restoring need the folder to themselves. What opening repaired is said on stderr.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import GovreportError
from ..storage import (
    Conflict,
    DraftLockedError,
    DraftStore,
    StorageError,
    open_store,
)
from ..storage.backups import BackupInfo
from ..storage.base import DraftInfo, Status
from ..storage.logfile import start_logging
from ..storage.paths import data_dir_exists, resolve_data_dir
from . import EXIT_BAD_INPUT, EXIT_OK
from .output import add_force_option, expand_wildcards, guard_output, print_json, warn

_TIME = "%Y-%m-%d %H:%M:%S"


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    """Also accept ``--data-dir`` after the subcommand; SUPPRESS keeps the top-level value."""
    parser.add_argument(
        "--data-dir", metavar="目录", default=argparse.SUPPRESS, help="草稿数据文件夹"
    )


def register(sub: Any) -> None:
    p = sub.add_parser("drafts", help="列出数据文件夹中的草稿")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    _data_dir_option(p)
    p.set_defaults(func=drafts_command)

    p = sub.add_parser(
        "import", help="把草稿文件导入数据文件夹（已有同一单位、年度、格式时默认两份都保留）"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="草稿文件")
    p.add_argument(
        "--replace",
        action="store_true",
        help="已有同一单位、年度、格式的草稿时替换它（原内容保留在历史版本中）",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    _data_dir_option(p)
    p.set_defaults(func=import_command)

    p = sub.add_parser("export", help="把数据文件夹中的一份草稿导出为草稿文件")
    p.add_argument("draft_id", metavar="DRAFT_ID", help="草稿编号（见 govreport drafts）")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出文件")
    add_force_option(p)
    _data_dir_option(p)
    p.set_defaults(func=export_command)

    p = sub.add_parser("backups", help="列出草稿的备份，或恢复其中一个")
    p.add_argument("--draft", metavar="DRAFT_ID", help="只列出这份草稿的备份")
    p.add_argument("--restore", type=int, metavar="N", help="恢复列表中序号为 N 的备份")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    _data_dir_option(p)
    p.set_defaults(func=backups_command)


def _open(args: argparse.Namespace, *, read_only: bool) -> DraftStore:
    """Readers take the folder when it is free (so damage gets repaired), else just read."""
    if read_only and not data_dir_exists(resolve_data_dir(args.data_dir)):
        return open_store(args.data_dir, read_only=True)  # don't create folders to list nothing
    start_logging(args.data_dir)  # what the store notes (a failed backup) goes to its log
    try:
        store = open_store(args.data_dir)
    except StorageError:
        if not read_only:
            raise
        store = open_store(args.data_dir, read_only=True)
    tell_notices(store)
    return store


def tell_notices(store: DraftStore) -> None:
    """What the store found (on opening, or while saving: a backup it could not make)."""
    for notice in store.take_notices():
        warn(notice)


def _time(info_time: Any) -> str:
    return info_time.strftime(_TIME)


def draft_json(info: DraftInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "unit": info.unit,
        "year": info.year,
        "form": info.form_id,
        "status": info.status.value,
        "status_label": info.status.label,
        "saved_at": info.saved_at.isoformat(timespec="seconds"),
    }


def drafts_command(args: argparse.Namespace) -> int:
    with _open(args, read_only=True) as store:
        infos = store.list()
    if args.json:
        print_json([draft_json(i) for i in infos])
        return EXIT_OK
    if not infos:
        print(f"数据文件夹 {store.data_dir} 中还没有草稿")
    for i in infos:
        print(f"{i.id}\t{i.unit}\t{i.year}\t{i.form_id}\t{i.status.label}\t{_time(i.saved_at)}")
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    conflict = Conflict.REPLACE if args.replace else Conflict.KEEP_BOTH
    failed = 0
    results = []
    with _open(args, read_only=False) as store:
        for path in expand_wildcards(args.files):
            try:
                result = store.import_file(path, conflict)
            except GovreportError as exc:  # a malformed file or a locked draft: go on
                warn(f"未导入 {path}：{exc.message}")
                failed += 1
                continue
            results.append({"file": str(path), **_import_json(result)})
            if not args.json:
                print(_import_line(path, result))
        tell_notices(store)
    if args.json:
        print_json(results)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _import_json(result: Any) -> dict[str, Any]:
    return {
        **draft_json(result.info),
        "replaced": result.replaced is not None,
        "alongside": [i.id for i in result.alongside],
    }


def _import_line(path: Path, result: Any) -> str:
    info = result.info
    line = f"已导入 {path}：编号 {info.id}（{info.unit} {info.year} 年度，{info.form_id} 格式）"
    others = "、".join(i.id for i in result.alongside)
    if result.replaced is not None:
        line += "，替换了原有的同一单位、年度、格式的草稿（原内容保留在该草稿的历史版本中）"
        if others:
            line += f"；另有编号 {others} 的同类草稿，未改动"
    elif others:
        line += (
            f"。已有同一单位、年度、格式的草稿（编号 {others}），两份都保留；"
            "如要替换，请加 --replace"
        )
    return line


def export_command(args: argparse.Namespace) -> int:
    guard_output(args)
    with _open(args, read_only=True) as store:
        store.export(args.draft_id, args.output)
    return EXIT_OK


def backup_json(number: int, backup: BackupInfo, store: DraftStore) -> dict[str, Any]:
    info = store.describe(backup.draft_id)
    return {
        "number": number,
        "draft_id": backup.draft_id,
        "unit": info.unit if info else None,
        "year": info.year if info else None,
        "form": info.form_id if info else None,
        "status": backup.status.value,
        "saved_at": backup.saved_at.isoformat(timespec="seconds"),
        "deleted": not store.has(backup.draft_id),
        "path": str(backup.path),
    }


def backups_command(args: argparse.Namespace) -> int:
    with _open(args, read_only=args.restore is None) as store:
        backups = store.backups(args.draft)
        if args.restore is not None:
            return _restore(store, backups, args.restore)
        rows = [backup_json(n, b, store) for n, b in enumerate(backups, start=1)]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print("没有备份")
    for row in rows:
        gone = "（已删除）" if row["deleted"] else ""
        print(
            f"{row['number']}\t编号 {row['draft_id']}{gone}\t{row['unit'] or '?'}\t"
            f"{row['year'] or '?'}\t{row['form'] or '?'}\t"
            f"{Status(row['status']).label}\t{row['saved_at'].replace('T', ' ')}"
        )
    return EXIT_OK


def _restore(store: DraftStore, backups: list[BackupInfo], number: int) -> int:
    if not 1 <= number <= len(backups):
        raise GovreportError(f"没有序号为 {number} 的备份（共 {len(backups)} 个）")
    backup = backups[number - 1]
    existed = store.has(backup.draft_id)
    try:
        info = store.restore(backup)
    except DraftLockedError as exc:
        warn(exc.message)
        return EXIT_BAD_INPUT
    tell_notices(store)
    kept = "；恢复前的内容保留在历史版本中" if existed else ""
    print(
        f"已把编号 {info.id} 的草稿（{info.unit} {info.year} 年度）恢复到 "
        f"{_time(backup.saved_at)} 保存的状态{kept}。"
    )
    return EXIT_OK
