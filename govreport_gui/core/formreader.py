"""Typed access to the tables of a form file, remembering where each is for messages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NoReturn

from .errors import FormDefinitionError
from .rules import Severity

#: Ids of sections, tables, rows and columns.
ID = re.compile(r"^[a-z0-9_]*$")
#: Form and rule ids (2019, T3-COL, NARRATIVE-T3-NEW).
RULE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


class Reader:
    """Typed access to one TOML table, remembering where it is for messages."""

    def __init__(self, data: Any, where: str, source: str) -> None:
        self.source = source
        self.where = where
        if not isinstance(data, dict):
            self.fail(f"{where} 应为表（键值对），实际是 {type(data).__name__}")
        self.data: dict[str, Any] = data
        self.used: set[str] = set()

    def fail(self, problem: str) -> NoReturn:
        raise FormDefinitionError(f"格式文件 {self.source} 有误：{problem}")

    def _key(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        self.used.add(key)
        if key not in self.data:
            if default is ...:
                self.fail(f"缺少必填键 {self._key(key)}")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, (int,))):
            self.fail(f"{self._key(key)} 的类型不对：{value!r}")
        return value

    def strings(self, key: str, default: Any = ...) -> list[str]:
        values = self.get(key, list, default)
        for i, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(f"{self._key(key)}[{i}] 应为文字：{value!r}")
        return list(values)

    def children(self, key: str, required: bool = True) -> list[Reader]:
        items = self.get(key, list, ... if required else [])
        where = self._key(key)
        return [Reader(item, f"{where}[{i}]", self.source) for i, item in enumerate(items)]

    def ident(self, key: str, default: Any = ..., pattern: re.Pattern[str] = ID) -> str:
        value = self.get(key, str, default)
        if not pattern.match(value):
            allowed = "小写字母、数字和下划线" if pattern is ID else "字母、数字、- 和 _"
            self.fail(f"{self._key(key)} 只能用{allowed}：{value!r}")
        return value

    def severity(self) -> Severity:
        name = self.get("severity", str)
        if name not in Severity._value2member_map_:
            self.fail(f"{self.where}.severity 只能是 error 或 warning：{name!r}")
        return Severity(name)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            self.fail(f"{self.where or '顶层'} 有不认识的键：{', '.join(unknown)}")


def unique(ids: Iterable[str], what: str, reader: Reader) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            reader.fail(f"{what} 重复：{item!r}")
        seen.add(item)
