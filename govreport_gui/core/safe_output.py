"""The rule of writing: nothing the clerk has is ever overwritten.

Every command that writes a file (``pdf``, ``docx``/``xlsx``/``html``, ``new``, ``demo``,
``export``, ``aggregate -o``, ``read -o``) and the window's save dialogs call
:func:`check_output_path` with the target before writing it:

- never onto one of the command's own input files (compared as files, so a hard link,
  a symlink or another spelling of the path is caught) — not even with ``--force``;
- only onto a regular file: a symlink, FIFO, device node or folder is refused — not even
  with ``--force``;
- an existing file holding a govreport draft, or any path inside the data folder, only
  with ``--force`` (the window asks instead: :class:`NeedsForceError`).

Then write with :func:`write_output` (bytes) or, for files another library builds, have it
write a temporary file and move it with :func:`core.atomicfile.publish`: both replace
atomically, keep an existing file's permission bits and give new files the umask's.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .atomicfile import OUTPUT, write_atomically
from .draft import KIND, MAX_FILE_BYTES
from .errors import GovreportError, os_reason
from .safe_input import InputFileError, read_regular_file

#: How a draft file names itself, in the encodings a draft file can arrive in.
_DRAFT_MARKS = tuple(f'"{KIND}"'.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))

PathLike = str | os.PathLike[str]


class OutputPathError(GovreportError):
    """Writing to this path is refused whatever the options (input file, special file)."""


class NeedsForceError(OutputPathError):
    """The target holds a draft or is in the data folder: allowed only with ``--force``.

    ``question`` asks the same in the window's words (no mention of ``--force``).
    """

    def __init__(self, message: str, question: str) -> None:
        super().__init__(message)
        self.question = question


def check_output_path(
    target: PathLike,
    inputs: Iterable[PathLike] = (),
    data_dir: PathLike | None = None,
    force: bool = False,
) -> None:
    """Raise :class:`OutputPathError` (Chinese message) if ``target`` must not be written.

    ``inputs`` are the files the command reads (folders are ignored), ``data_dir`` the
    store's data folder (None: no store involved), ``force`` the ``--force`` option.
    """
    path = Path(target)
    try:
        st: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputPathError(f"无法写入 {path}：{os_reason(exc)}") from None
    if st is not None:
        _refuse_special(path, st)
        _refuse_input(path, st, inputs)
    if force:
        return
    if data_dir is not None and _inside(path, Path(data_dir)):
        raise NeedsForceError(
            f"{path} 在数据文件夹 {data_dir} 中，那里的文件由本程序自己管理，写入可能损坏草稿；"
            "请写到别的文件夹（如确要写入，请加 --force）",
            f"{path.name} 在本程序的数据文件夹中，写入可能损坏草稿。仍要写入吗？",
        )
    if st is not None and holds_draft(path):
        raise NeedsForceError(
            f"文件 {path} 已存在，是一份 govreport 草稿文件；为免覆盖，请换一个文件名"
            "（如确要替换它，请加 --force）",
            f"{path.name} 是一份草稿文件，替换后其中的内容将丢失。要替换它吗？",
        )


def write_output(
    target: PathLike,
    payload: bytes,
    *,
    inputs: Iterable[PathLike] = (),
    data_dir: PathLike | None = None,
    force: bool = False,
) -> None:
    """Check ``target`` by the rule above, then replace it atomically with ``payload``."""
    path = Path(target)
    check_output_path(path, inputs, data_dir, force)
    try:
        write_atomically(path, payload, suffix=path.suffix or ".tmp", mode=OUTPUT)
    except OSError as exc:
        raise GovreportError(f"无法写入文件 {path}：{os_reason(exc)}") from None


def holds_draft(path: PathLike) -> bool:
    """Whether a regular file names itself a govreport draft (read at most the size limit)."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except InputFileError:  # too large, unreadable or special: not a draft file
        return False
    return any(mark in raw for mark in _DRAFT_MARKS)


def _refuse_special(path: Path, st: os.stat_result) -> None:
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        raise OutputPathError(
            f"输出文件 {path} 是一个符号链接（快捷方式）；为免改动它指向的文件，"
            "本程序只写入普通文件，请换一个文件名"
        )
    if stat.S_ISDIR(mode):
        raise OutputPathError(f"输出位置 {path} 是一个文件夹，请给出要写入的文件名")
    if not stat.S_ISREG(mode):
        raise OutputPathError(
            f"输出位置 {path} 不是普通文件（是设备、管道等特殊文件），本程序不会写入它"
        )


def _refuse_input(path: Path, st: os.stat_result, inputs: Iterable[PathLike]) -> None:
    for given in inputs:
        try:
            other = os.stat(given)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino) and st.st_ino:
            same = True
        else:
            same = _resolved(Path(given)) == _resolved(path)
        if same and not stat.S_ISDIR(other.st_mode):
            raise OutputPathError(
                f"输出文件 {path} 就是本命令要读取的文件 {given}，写入会覆盖它；"
                "请换一个文件名或写到别的文件夹"
            )


def _inside(path: Path, folder: Path) -> bool:
    target, root = _resolved(path.parent) / path.name, _resolved(folder)
    return target == root or root in target.parents


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop or an over-long path: compare as written
        return path.absolute()
