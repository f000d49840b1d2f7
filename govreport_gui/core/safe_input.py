"""Reading a file the clerk names: only regular files, never more than the size limit.

``stat`` cannot be trusted to say how much there is to read: a FIFO blocks an ordinary
``open`` until a writer comes, ``/dev/zero`` and ``/dev/urandom`` report size 0 and never
end, and a file can grow between ``stat`` and ``read``. So the file is opened without
blocking, checked to be a regular file on the open handle, and read up to the limit plus
one byte, which is enough to tell that it is too large.
"""

from __future__ import annotations

import os
import stat

from .errors import GovreportError, os_reason

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 20


class InputFileError(GovreportError):
    """The file cannot be read as asked; the message says why, in Chinese."""


class MissingInputError(InputFileError):
    """There is no such file."""


def read_regular_file(path: str | os.PathLike[str], limit: int, *, what: str = "文件") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`InputFileError`.

    ``what`` names the file in messages (e.g. 草稿文件).
    """
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise MissingInputError(f"找不到文件：{path}") from None
    except OSError as exc:
        raise InputFileError(f"无法读取{what} {path}：{os_reason(exc)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputFileError(f"{path} 是文件夹，不是{what}")
        if not stat.S_ISREG(mode):
            raise InputFileError(
                f"{path} 不是普通文件（是设备、管道等特殊文件），不能作为{what}读取"
            )
        return _read_at_most(fd, limit, path, what)
    except OSError as exc:
        raise InputFileError(f"无法读取{what} {path}：{os_reason(exc)}") from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, limit: int, path: object, what: str) -> bytes:
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
    megabytes = limit / 1024 / 1024
    raise InputFileError(f"{what} {path} 太大（超过 {megabytes:g} MB），不是本程序能读取的{what}")
