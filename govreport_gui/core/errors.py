"""Errors that reach the clerk: each carries a complete message in plain Chinese."""

from __future__ import annotations

import errno


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


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in words a clerk understands (never English strerror)."""
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if code == errno.ENOSPC or winerror in _WIN_DISK_FULL:
        return "磁盘已满"
    if code == getattr(errno, "EDQUOT", -1):
        return "磁盘空间配额已用完"
    if code == errno.EROFS:
        return "磁盘或文件夹是只读的"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return "没有写入权限（文件夹可能是只读的，或文件正被其他程序占用）"
    if code == errno.EIO:
        return "磁盘读写出错"
    if isinstance(exc, FileNotFoundError):
        return "文件或文件夹不存在"
    if isinstance(exc, NotADirectoryError):
        return "路径中有一部分不是文件夹"
    if code == errno.ENAMETOOLONG:
        return "文件名或路径太长"
    if winerror in _WIN_BAD_NAME or code == errno.EINVAL:
        return '文件名无效（不能含有 \\ / : * ? " < > | 等字符）'
    return _OTHER_REASONS.get(code or 0) or _unnamed(exc)


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
