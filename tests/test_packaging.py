"""The Windows installer script, read here because ISCC cannot run on Linux.

The preprocessor directives of ``packaging/installer.iss`` are run by a small reader of the
few ISPP forms the script uses (#define, #if/#elif/#else/#endif, #ifdef/#ifndef, #error,
FileExists, AddBackslash, EncodeVer, Ver), so the tests see what ISCC would do: stop when
the Chinese messages file is missing, rather than build an English installer.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
MESSAGES = PACKAGING / "ChineseSimplified.isl"
EXPECTED_IDS = Path(__file__).parent / "data" / "inno_message_ids.txt"


class IsppError(Exception):
    """An #error directive was reached."""


_TOKEN = re.compile(r'\s*(?:(?P<str>"[^"]*")|(?P<num>\d+)|(?P<id>[A-Za-z_]\w*)|(?P<op>[!+<>(),]))')


def encode_ver(major: int, minor: int, revision: int = 0, build: int = -1) -> int:
    return (major << 24) | (minor << 16) | (revision << 8) | (build & 0xFF)


class _Expression:
    """ISPP expressions of the forms the script uses; never eval-ed."""

    def __init__(self, text: str, names: dict[str, object], folder: Path) -> None:
        self.tokens = [m for m in _TOKEN.finditer(text) if m.group().strip()]
        self.at = 0
        self.names = names
        self.folder = folder

    def take(self, op: str | None = None) -> re.Match[str]:
        token = self.tokens[self.at]
        assert op is None or token.group("op") == op, (op, token.group())
        self.at += 1
        return token

    def peek(self) -> str | None:
        return self.tokens[self.at].group("op") if self.at < len(self.tokens) else None

    def value(self) -> object:
        left = self.sum()
        if self.peek() in ("<", ">"):
            op = self.take().group("op")
            right = self.sum()
            return left < right if op == "<" else left > right  # type: ignore[operator]
        assert self.at == len(self.tokens), "unparsed rest"
        return left

    def sum(self) -> object:
        total = self.unary()
        while self.peek() == "+":
            self.take("+")
            total = total + self.unary()  # type: ignore[operator]
        return total

    def unary(self) -> object:
        if self.peek() == "!":
            self.take("!")
            return not self.unary()
        return self.primary()

    def primary(self) -> object:
        token = self.take()
        if token.group("str") is not None:
            return token.group("str")[1:-1]
        if token.group("num") is not None:
            return int(token.group("num"))
        name = token.group("id")
        if name is None:
            assert token.group("op") == "(", token.group()
            inner = self.sum()
            self.take(")")
            return inner
        if self.peek() != "(":
            return self.names[name]
        self.take("(")
        args = [self.sum()]
        while self.peek() == ",":
            self.take(",")
            args.append(self.sum())
        self.take(")")
        return self.call(name, args)

    def call(self, name: str, args: list) -> object:
        if name == "FileExists":
            return (self.folder / args[0].replace("\\", "/")).exists()
        if name == "AddBackslash":
            return args[0] if args[0].endswith("\\") else args[0] + "\\"
        if name == "EncodeVer":
            return encode_ver(*args)
        raise AssertionError(f"function {name} is not known to this reader")


class _Preprocessor:
    """Conditionals, defines and #error, as ISPP runs them over the script's lines."""

    def __init__(self, names: dict[str, object]) -> None:
        self.names = names
        self.active: list[bool] = []  # one per open #if: whether its current branch is taken
        self.taken: list[bool] = []  # whether any branch of that #if has been taken

    def holds(self, expr: str) -> bool:
        return bool(_Expression(expr, self.names, Path("/")).value())

    def conditional(self, word: str, rest: str) -> bool:
        """Handle #if/#ifdef/#ifndef/#elif/#else/#endif; False for other directives."""
        if word in ("if", "ifdef", "ifndef"):
            test = self.holds(rest) if word == "if" else (rest in self.names) == (word == "ifdef")
            self.active.append(test)
            self.taken.append(test)
        elif word == "elif":
            self.active[-1] = not self.taken[-1] and all(self.active[:-1]) and self.holds(rest)
            self.taken[-1] = self.taken[-1] or self.active[-1]
        elif word == "else":
            self.active[-1] = not self.taken[-1]
        elif word == "endif":
            self.active.pop()
            self.taken.pop()
        else:
            return False
        return True

    def directive(self, word: str, rest: str) -> None:
        if self.conditional(word, rest) or not all(self.active):
            return
        if word == "define":
            name, expr = rest.split(None, 1)
            self.names[name] = _Expression(expr, self.names, Path("/")).value()
        elif word == "error":
            raise IsppError(rest.strip('"'))
        elif word == "pragma":
            raise AssertionError(f"#pragma {rest}: ISCC /Q hides it; use #error")

    def line(self, raw: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: str(self.names[m.group(1)]), raw)


def preprocess(script: Path, version: int = encode_ver(6, 7, 3), **defines: str) -> list[str]:
    """The script's lines ISCC would compile, with {#Name} expanded; IsppError on #error.

    Paths are read relative to ``/`` with SourcePath set to the script's folder.
    """
    names: dict[str, object] = {"Ver": version, "SourcePath": str(script.parent) + "\\"}
    names.update(defines)
    reader = _Preprocessor(names)
    kept: list[str] = []
    for raw in script.read_text(encoding="utf-8-sig").splitlines():
        directive = re.match(r"#\s*(\w+)\s*(.*)", raw.strip())
        if directive:
            reader.directive(*directive.groups())
        elif all(reader.active):
            kept.append(reader.line(raw))
    assert not reader.active, "unclosed #if"
    return kept


@pytest.fixture
def build_tree(tmp_path) -> Path:
    """A checkout with the built app in dist\\ and the installer script, without the messages."""
    (tmp_path / "packaging").mkdir()
    shutil.copy(PACKAGING / "installer.iss", tmp_path / "packaging")
    exe = tmp_path / "dist" / "govreport" / "govreport.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"MZ")
    return tmp_path / "packaging" / "installer.iss"


def test_without_the_chinese_messages_the_installer_does_not_build(build_tree):
    with pytest.raises(IsppError, match=r"ChineseSimplified\.isl"):
        preprocess(build_tree)


def test_with_the_chinese_messages_setup_speaks_only_chinese(build_tree):
    shutil.copy(MESSAGES, build_tree.parent)
    lines = preprocess(build_tree)
    languages = [line for line in lines if "MessagesFile" in line]
    assert len(languages) == 1
    assert languages[0].endswith(f'MessagesFile: "{build_tree.parent}\\ChineseSimplified.isl"')


def test_an_inno_setup_older_than_the_messages_is_refused(build_tree):
    shutil.copy(MESSAGES, build_tree.parent)
    with pytest.raises(IsppError, match=r"6\.5 or later"):
        preprocess(build_tree, version=encode_ver(6, 4, 3))
    assert preprocess(build_tree, version=encode_ver(7, 0, 1))


def test_the_script_installs_per_user_or_for_all_users_and_can_sign(build_tree):
    shutil.copy(MESSAGES, build_tree.parent)
    lines = preprocess(build_tree, SignTool="govsign")
    setup = dict(
        line.split("=", 1) for line in lines if re.match(r"^\w+=", line) and "%" not in line
    )
    assert setup["PrivilegesRequired"] == "lowest"  # per user, no UAC prompt, by default
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog commandline"
    assert setup["DefaultDirName"].startswith("{autopf}\\")
    assert setup["SignTool"] == "govsign" and setup["SignedUninstaller"] == "yes"


def _messages(path: Path) -> dict[str, str]:
    section, found = "", {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if heading := re.match(r"^\[(\w+)\]", line):
            section = heading.group(1)
        elif entry := re.match(r"^([A-Za-z0-9]+)=(.*)", line):
            found[f"{section}/{entry.group(1)}"] = entry.group(2)
    return found


def _expected() -> dict[str, list[str]]:
    rows = [line.split() for line in EXPECTED_IDS.read_text(encoding="utf-8").splitlines()]
    return {row[0]: row[1:] for row in rows if row and not row[0].startswith("#")}


def test_the_messages_file_defines_every_message_of_inno_setup():
    messages = _messages(MESSAGES)
    expected = _expected()
    assert len(expected) == 293
    defined = {key for key in messages if key.split("/")[0] in ("Messages", "CustomMessages")}
    assert defined == set(expected)
    for key, marks in expected.items():
        for mark in marks:
            assert mark in messages[key], f"{key} lost {mark}: {messages[key]}"


def test_the_messages_file_is_chinese_and_read_as_unicode():
    assert MESSAGES.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    options = _messages(MESSAGES)
    assert options["LangOptions/LanguageID"] == "$0804"
    assert options["LangOptions/LanguageCodePage"] == "936"
    assert options["Messages/ButtonNext"] == "下一步(&N) >"
    texts = [v for k, v in options.items() if k.startswith("Messages/") and v]
    assert all(re.search(r"[\u4e00-\u9fff]", v) or not re.search("[a-z]{4}", v) for v in texts)


def test_messages_the_script_overrides_exist():
    script = _messages(PACKAGING / "installer.iss")
    overrides = {key for key in script if key.startswith("Messages/")}
    assert overrides and overrides <= set(_expected())


def test_the_build_script_looks_for_inno_setup_7_then_6():
    build = (PACKAGING / "build_windows.ps1").read_text(encoding="utf-8")
    majors = re.search(r"foreach \(\$Major in @\(([^)]*)\)\)", build)
    assert majors and majors.group(1) == '"7", "6"'
    assert 'Join-Path $Base "Inno Setup $Major\\ISCC.exe"' in build
    assert build.isascii()  # Windows PowerShell 5.1 reads a file without BOM as ANSI
