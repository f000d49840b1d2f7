"""Small timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def median_seconds(
    action: Callable[[], object],
    repeat: int = 7,
    number: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """Median time of one call, over ``repeat`` rounds of ``number`` calls; wall time, or
    ``time.process_time`` for this process's CPU time (steadier on a busy machine)."""
    rounds = []
    for _ in range(repeat):
        start = clock()
        for _ in range(number):
            action()
        rounds.append((clock() - start) / number)
    return statistics.median(rounds)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def child_env(home: str, **extra: str) -> dict[str, str]:
    """Environment for timed child processes: settings and data in ``home``, and bytecode
    cached (in ``home``) as an installed copy has it, even where PYTHONDONTWRITEBYTECODE is
    set; run each command once untimed first so that the cache is filled."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        XDG_CONFIG_HOME=home,  # settings of these runs, not the clerk's
        XDG_DATA_HOME=home,
        PYTHONPYCACHEPREFIX=str(Path(home) / "pycache"),
        PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
        **extra,
    )
    return env


@dataclass(frozen=True)
class Run:
    """One finished child process: wall seconds, peak RSS (None off Linux/macOS), output."""

    seconds: float
    peak_rss_mb: float | None
    stdout: str
    started: float  # time.time() at launch, to compare with times the child prints
    #: CPU seconds (user + system) of the child: on a busy machine, steadier than the wall.
    cpu_seconds: float | None = None


def run_process(command: list[str], env: dict[str, str], timeout: float = 120) -> Run:
    """Run ``command`` to its end; raises RuntimeError when it fails."""
    started = time.time()
    began = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:  # no pipe to fill
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        peak = cpu = None
        if hasattr(os, "wait4"):  # reap it ourselves to read its own peak RSS
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes / KiB
            peak = round(usage.ru_maxrss * 1024 / scale / 1024, 1)
            cpu = usage.ru_utime + usage.ru_stime
        else:
            process.wait(timeout)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    seconds = time.perf_counter() - began
    if process.returncode not in (0, 1):  # 1: check found 错误, still a finished run
        raise RuntimeError(f"{command} failed ({process.returncode}): {stderr.strip()[-300:]}")
    return Run(seconds, peak, stdout, started, cpu)


def median(values: Iterable[float], digits: int = 3) -> float:
    return round(statistics.median(values), digits)
