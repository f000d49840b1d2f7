"""Helpers for the storage tests and bench: a fully filled draft, and the kill -9 fault loop.

Run as a script (``python tests/support/storage_helpers.py writer DATA_DIR PROGRESS_FILE``) it is
the child of the fault test: it saves one draft over and over and appends the number of
every completed save to PROGRESS_FILE, until its parent kills it.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from govreport_gui.core.draft import Draft  # noqa: E402
from govreport_gui.core.library import FormLibrary, default_library  # noqa: E402
from tests.support.helpers import filled_2021_draft  # noqa: E402

PARAGRAPH = "本年度，我县认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。"


def full_draft(library: FormLibrary, unit: str = "某某县人民政府办公室", year: int = 2023) -> Draft:
    """A 2021-format draft with every cell filled and long texts, as a real report's size."""
    draft = filled_2021_draft(library, year, unit)
    for section in draft.texts:
        draft.texts[section] = PARAGRAPH * 40
    draft.signatories.update(reviewer="李四", date=f"{year + 1}年1月20日")
    return draft


def mark(draft: Draft, n: int) -> None:
    """Stamp save number ``n`` into the draft; the text length varies so file sizes change."""
    draft.signatories["phone"] = str(n)
    draft.texts["other"] = f"第{n}次保存。" + PARAGRAPH * (n % 37)


def marker(draft: Draft) -> int:
    return int(draft.signatories["phone"] or 0)


# -- the writer child -----------------------------------------------------------------


def writer_main(data_dir: str, progress: str) -> None:
    from govreport_gui.storage import open_store

    library = default_library()
    store = open_store(data_dir, library=library)
    infos = store.list()
    if infos:
        draft_id = infos[0].id
        draft = store.load(draft_id)
        n = marker(draft)
    else:
        draft = full_draft(library)
        n = 0
        mark(draft, n)
        draft_id = store.create(draft)
    with open(progress, "a", encoding="ascii") as out:
        out.write(f"ready {n}\n")
        out.flush()
        while True:
            n += 1
            mark(draft, n)
            store.save(draft_id, draft)
            out.write(f"{n}\n")
            out.flush()


# -- the parent: kill at random moments -----------------------------------------------


@dataclass
class KillReport:
    rounds: int = 0
    saves_completed: int = 0
    interrupted_writes: int = 0  # kills that left a temporary file: caught mid-write
    in_flight_kept: int = 0  # the save being written when killed had already landed
    reopen_ms: list[float] = field(default_factory=list)


def start_writer(data_dir: Path, progress: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "writer", str(data_dir), str(progress)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def wait_for(progress: Path, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if progress.exists() and progress.read_text(encoding="ascii").startswith("ready"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"writer exited early with code {proc.returncode}")
        time.sleep(0.01)
    proc.kill()
    raise AssertionError("writer did not start")


def completed_saves(progress: Path) -> tuple[int, int]:
    """(number the draft had at start, last save the child reported as completed)."""
    lines = progress.read_text(encoding="ascii").splitlines()
    start = int(lines[0].split()[1])
    done = [int(line) for line in lines[1:] if line.strip().isdigit()]
    return start, max(done, default=start)


def kill_rounds(
    data_dir: Path, rounds: int, library: FormLibrary, seed: int = 0, max_delay: float = 0.06
) -> KillReport:
    """Kill a continuously saving writer ``rounds`` times; check every reopen.

    After each kill the store must open without reporting damage and hold the last save
    the child completed (or the one it was writing, if that had already landed).
    """
    from govreport_gui.storage import open_store

    rng = random.Random(seed)
    report = KillReport()
    progress = data_dir.parent / f"{data_dir.name}-progress.txt"
    for _ in range(rounds):
        progress.unlink(missing_ok=True)
        proc = start_writer(data_dir, progress)
        wait_for(progress, proc)
        time.sleep(rng.uniform(0, max_delay))
        proc.kill()
        proc.wait()
        start, last = completed_saves(progress)
        report.rounds += 1
        report.saves_completed += last - start
        if any((data_dir / "drafts").glob(".tmp-*")):
            report.interrupted_writes += 1
        began = time.perf_counter()
        store = open_store(data_dir, library=library)
        report.reopen_ms.append((time.perf_counter() - began) * 1000)
        try:
            damage = [n for n in store.notices if "损坏" in n]
            assert not damage, damage
            [info] = store.list()
            found = marker(store.load(info.id))
            assert found in (last, last + 1), f"found save {found}, last completed {last}"
            report.in_flight_kept += found == last + 1
            assert not any((data_dir / "drafts").glob(".tmp-*")), "temporary files not cleaned"
        finally:
            store.close()
    progress.unlink(missing_ok=True)
    return report


if __name__ == "__main__":
    if sys.argv[1:2] == ["writer"]:
        writer_main(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["hold"]:  # open the store and keep it until killed
        from govreport_gui.storage import open_store

        held = open_store(sys.argv[2])
        Path(sys.argv[3]).write_text(f"ready {os.getpid()}\n", encoding="ascii")
        time.sleep(600)
