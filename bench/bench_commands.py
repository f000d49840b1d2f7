"""``govreport check`` and ``govreport pdf`` as whole commands, as a script calls them.

Goals (issue 17): ``check`` ≤ 0.2 s and ``pdf`` ≤ 1.0 s, whole process, on 2 cores. Next
to them, the floor measured in the same rounds: a bare ``python -c pass`` (in this
environment ``site`` alone imports a few modules). Every round runs the three commands
one after the other, so that load on the machine hits them alike; figures are medians.
Bytecode is cached (as in an installed copy); the first, untimed round fills the cache.

    python bench/bench_commands.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from common import Run, child_env, median, run_process

GOALS_S = {"check": 0.2, "pdf": 1.0}


def measure(rounds: int = 7, quick: bool = False) -> dict[str, float | None]:
    rounds = 1 if quick else rounds
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as home:
        env = child_env(home)
        app = [sys.executable, "-m", "govreport_gui"]
        demo = Path(home) / "demo.json"
        run_process([*app, "demo", "-o", str(demo)], env)
        out = Path(home) / "pdf"
        commands = {
            "floor": lambda n: [sys.executable, "-c", "pass"],
            "check": lambda n: [*app, "check", str(demo)],
            # A new file each time: the command never writes over a file without --force.
            "pdf": lambda n: [*app, "pdf", str(demo), "-o", str(out / f"demo-{n}.pdf")],
        }
        out.mkdir()
        for command in commands.values():  # untimed: fills the bytecode cache
            run_process(command(-1), env)
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for n in range(rounds):
            for name, command in commands.items():
                runs[name].append(run_process(command(n), env))
    figures: dict[str, float | None] = {}
    for name, samples in runs.items():
        figures[f"{name}_s"] = median(r.seconds for r in samples)
        cpu = [r.cpu_seconds for r in samples if r.cpu_seconds is not None]
        figures[f"{name}_cpu_s"] = median(cpu) if cpu else None
        peaks = [r.peak_rss_mb for r in samples if r.peak_rss_mb is not None]
        figures[f"{name}_peak_rss_mb"] = max(peaks) if peaks else None
    for name, goal in GOALS_S.items():
        figures[f"{name}_over_floor_s"] = round(figures[f"{name}_s"] - figures["floor_s"], 3)
        figures[f"{name}_goal_s"] = goal
    figures["rounds"] = rounds
    figures["cpus"] = os.cpu_count()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    for name, value in measure(parser.parse_args().rounds).items():
        print(f"{name:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
