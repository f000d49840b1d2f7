"""Errors that reach the clerk: each carries a complete message in plain Chinese."""

from __future__ import annotations

import errno
from dataclasses import dataclass


class GovreportError(Exception):
    """Base class; ``str(error)`` is the message to show, never a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FormDefinitionError(GovreportError):
    """A file in ``forms/`` is wrong; the message names the file and the key or line."""


class DraftFileError(GovreportError):
    """A draft file cannot be read; nothing was changed."""


class ValueInputError(GovreportError, ValueError):
    """What was typed into a cell is not a value the cell can hold."""


#: Windows error numbers (``OSError.winerror``) that have a clearer word than errno's.
_WIN_DISK_FULL = (39, 112)
_WIN_BAD_NAME = (123, 161, 206)  # bad file name syntax, bad path, name too long


@dataclass(frozen=True)
class _Case:
    """An OSError matches by errno, by Windows error number, or by its class."""

    reason: str
    codes: tuple[int, ...] = ()
    windows: tuple[int, ...] = ()
    kind: type[OSError] | None = None

    def matches(self, exc: OSError) -> bool:
        return (
            exc.errno in self.codes
            or getattr(exc, "winerror", None) in self.windows
            or (self.kind is not None and isinstance(exc, self.kind))
        )


#: First match wins: a full disk is told as such whatever class Python gave the error.
_CASES = (
    _Case("磁盘已满", (errno.ENOSPC,), _WIN_DISK_FULL),
    _Case("磁盘空间配额已用完", (getattr(errno, "EDQUOT", -1),)),
    _Case("磁盘或文件夹是只读的", (errno.EROFS,)),
    _Case("这是一个文件夹，不是文件", kind=IsADirectoryError),
    _Case(
        "没有写入权限（文件夹可能是只读的，或文件正被其他程序占用）",
        (errno.EACCES, errno.EPERM),
        kind=PermissionError,
    ),
    _Case("磁盘读写出错", (errno.EIO,)),
    _Case("文件或文件夹不存在", kind=FileNotFoundError),
    _Case("路径中有一部分不是文件夹", kind=NotADirectoryError),
    _Case("文件名或路径太长", (errno.ENAMETOOLONG,)),
    _Case('文件名无效（不能含有 \\ / : * ? " < > | 等字符）', (errno.EINVAL,), _WIN_BAD_NAME),
)


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in words a clerk understands (never English strerror)."""
    case = next((case for case in _CASES if case.matches(exc)), None)
    if case is not None:
        return case.reason
    return _OTHER_REASONS.get(exc.errno or 0) or _unnamed(exc)


#: Less common errors, in words; the rest are named by their code (never English strerror).
_OTHER_REASONS = {
    errno.ELOOP: "符号链接（快捷方式）绕成了圈，指不到真正的文件",
    errno.EBUSY: "文件或设备正被占用",
    errno.EEXIST: "同名的文件已存在",
    errno.ENXIO: "设备不存在或没有连接",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EMFILE: "打开的文件太多",
    errno.ETXTBSY: "文件正被运行的程序使用",
    errno.EFBIG: "文件太大",
    errno.ESPIPE: "这不是普通文件（管道或设备）",
}


def _unnamed(exc: OSError) -> str:
    code = exc.errno
    if code is None:
        return "操作系统报告了未知错误"
    return f"操作系统报告的错误（代码 {errno.errorcode.get(code, code)}）"
