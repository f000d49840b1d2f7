"""How fast the draft store saves, opens and lists; optionally the kill -9 fault loop.

    python bench/bench_storage.py                 # 200 drafts, 100 saves
    python bench/bench_storage.py --kill-rounds 100

Target (issue 3): saving a fully filled 2021 draft in a store of 200 drafts ≤ 20 ms.
``measure()`` and ``kill_test()`` return dicts of figures for a bench runner.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ms  # puts the repository on sys.path

from govreport_gui.core.atomicfile import write_atomically
from govreport_gui.core.draft import draft_to_json
from govreport_gui.core.library import default_library
from govreport_gui.storage import open_store
from govreport_gui.storage.atomic import encode_json
from tests.support.storage_helpers import full_draft, kill_rounds, mark

TARGET_SAVE_MS = 20.0


def _timings(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": ms(statistics.median(ordered)),
        "p95_ms": ms(ordered[math.ceil(len(ordered) * 0.95) - 1]),
        "max_ms": ms(ordered[-1]),
    }


def measure(drafts: int = 200, saves: int = 100, quick: bool = False) -> dict[str, Any]:
    """Fill a store with ``drafts`` full 2021 drafts, then time saves, open, list, load."""
    if quick:
        drafts, saves = 10, 5
    library = default_library()
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        store = open_store(data_dir, library=library)
        create_times = []
        ids = []
        for n in range(drafts):
            draft = full_draft(library, unit=f"某某县第{n % 40}局", year=2021 + n // 40)
            began = time.perf_counter()
            ids.append(store.create(draft))
            create_times.append(time.perf_counter() - began)

        target = ids[len(ids) // 2]
        draft = store.load(target)
        save_times = []
        for n in range(1, saves + 1):
            mark(draft, n)  # a real change every time, so every save writes
            began = time.perf_counter()
            store.save(target, draft)
            save_times.append(time.perf_counter() - began)

        # The same without fsync: the CPU part, to tell it from the disk's share.
        real_fsync = os.fsync
        os.fsync = lambda fd: None
        try:
            cpu_times = []
            for n in range(saves + 1, 2 * saves + 1):
                mark(draft, n)
                began = time.perf_counter()
                store.save(target, draft)
                cpu_times.append(time.perf_counter() - began)
        finally:
            os.fsync = real_fsync

        file_bytes = (data_dir / "drafts" / f"{target}.json").stat().st_size
        began = time.perf_counter()
        listed = store.list()
        list_s = time.perf_counter() - began
        store.close()

        began = time.perf_counter()
        store = open_store(data_dir, library=library)
        open_s = time.perf_counter() - began
        began = time.perf_counter()
        store.load(target)
        load_s = time.perf_counter() - began
        store.close()

        single = _single_file_layout(Path(tmp), draft, drafts, 2 if quick else 10)

    save = _timings(save_times)
    return {
        "drafts": len(listed),
        "saves": saves,
        "draft_file_kb": round(file_bytes / 1024, 1),
        "save": save,
        "save_target_ms": TARGET_SAVE_MS,
        "save_within_target": save["p95_ms"] <= TARGET_SAVE_MS,
        "save_without_fsync": _timings(cpu_times),
        "create": _timings(create_times),
        "open_ms": ms(open_s),
        "list_ms": ms(list_s),
        "load_ms": ms(load_s),
        "single_file_layout": single,
    }


def _single_file_layout(folder: Path, draft: Any, drafts: int, saves: int) -> dict[str, Any]:
    """The layout not taken: every draft in one file, rewritten on every save."""
    one_file = {str(i): {"draft": draft_to_json(draft)} for i in range(drafts)}
    single = folder / "all-in-one.json"
    times = []
    for _ in range(saves):
        began = time.perf_counter()
        write_atomically(single, encode_json(one_file))
        times.append(time.perf_counter() - began)
    return {"file_kb": round(single.stat().st_size / 1024, 1), **_timings(times)}


def kill_test(rounds: int = 100, seed: int = 1) -> dict[str, Any]:
    """Kill a continuously saving writer ``rounds`` times (raises AssertionError on any loss)."""
    library = default_library()
    with tempfile.TemporaryDirectory(prefix="govreport-kill-") as tmp:
        began = time.perf_counter()
        report = kill_rounds(Path(tmp) / "data", rounds, library, seed=seed)
        elapsed = time.perf_counter() - began
    return {
        "rounds": report.rounds,
        "damaged_or_lost": 0,  # kill_rounds raises otherwise
        "saves_completed": report.saves_completed,
        "kills_mid_write": report.interrupted_writes,
        "in_flight_save_kept": report.in_flight_kept,
        "reopen_median_ms": ms(statistics.median(report.reopen_ms) / 1000),
        "seconds": round(elapsed, 1),
    }


def _print(title: str, figures: dict[str, Any], indent: str = "") -> None:
    print(f"{indent}{title}")
    for key, value in figures.items():
        if isinstance(value, dict):
            _print(key, value, indent + "  ")
        else:
            print(f"{indent}  {key}: {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--kill-rounds", type=int, default=0, help="also run the kill -9 loop")
    args = parser.parse_args()
    _print("storage", measure(args.drafts, args.saves))
    if args.kill_rounds:
        _print("kill -9 during continuous saves", kill_test(args.kill_rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
