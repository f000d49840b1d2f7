"""Start-up: from launching ``govreport --demo`` (and ``govreport`` on an empty data
folder) to its window being shown, as a ratio to the floor measured in the same rounds — a
bare QApplication showing an empty QWizard (goal, issue 17: ≤ 2.5 × the floor) — and the
peak memory (RSS) of each process.

    python bench/bench_startup.py [--rounds 7] [--platform offscreen|xcb]

Each figure is measured in a fresh process (the app quits as soon as its window is shown:
``GOVREPORT_EXIT_AFTER_SHOW=1``) and is the median of the rounds, run interleaved. An
untimed first round fills the bytecode cache (an installed copy has its bytecode). Memory
is read from the child's rusage (Linux/macOS only).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from common import child_env, median, run_process

SHOWN_MARK = "govreport-shown"  # printed by govreport_gui.ui.app when the window is shown
GOAL_RATIO = 2.5  # issue 17: start-up at most 2.5 times the floor

# The floor: what any Qt wizard app pays before its first window is on screen.
FLOOR_SCRIPT = f"""
import time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage
app = QApplication([])
wizard = QWizard()
wizard.addPage(QWizardPage())
wizard.resize(1280, 800)
wizard.show()
def shown():
    QGuiApplication.sync()
    print("{SHOWN_MARK}", f"{{time.time():.6f}}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, float | None, float]:
    """(seconds to shown, seconds to exit, peak RSS in MB or None, CPU seconds to exit)."""
    done = run_process(command, env)
    mark = next((line for line in done.stdout.splitlines() if line.startswith(SHOWN_MARK)), None)
    if mark is None:
        raise RuntimeError(f"{command} did not report its window: {done.stdout!r}")
    shown = float(mark.split()[1]) - done.started
    return shown, done.seconds, done.peak_rss_mb, done.cpu_seconds or 0.0


def measure(rounds: int = 7, platform: str = "offscreen", quick: bool = False) -> dict[str, float]:
    rounds = 1 if quick else rounds
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as home:
        env = child_env(home, QT_QPA_PLATFORM=platform, GOVREPORT_EXIT_AFTER_SHOW="1")
        commands = {
            "floor": [sys.executable, "-c", FLOOR_SCRIPT],
            "demo": [sys.executable, "-m", "govreport_gui", "--demo"],
            "start": [
                *(sys.executable, "-m", "govreport_gui"),
                *("--data-dir", str(Path(home) / "data")),
            ],
        }
        for command in commands.values():  # untimed: fills the bytecode cache
            _run(command, env)
        runs: dict[str, list[tuple[float, float, float | None, float]]] = {
            name: [] for name in commands
        }
        for _ in range(rounds):  # interleaved, so that load on the machine hits all alike
            for name, command in commands.items():
                runs[name].append(_run(command, env))
    result: dict[str, float] = {}
    for name, samples in runs.items():
        result[f"{name}_shown_s"] = median(s[0] for s in samples)
        result[f"{name}_exit_s"] = median(s[1] for s in samples)
        result[f"{name}_cpu_to_exit_s"] = median(s[3] for s in samples)
        peaks = [s[2] for s in samples if s[2] is not None]
        if peaks:
            result[f"{name}_peak_rss_mb"] = max(peaks)
    for name in ("demo", "start"):
        result[f"{name}_over_floor_ratio"] = round(
            result[f"{name}_shown_s"] / result["floor_shown_s"], 2
        )
        result[f"{name}_over_floor_cpu_ratio"] = round(
            result[f"{name}_cpu_to_exit_s"] / result["floor_cpu_to_exit_s"], 2
        )
    result["goal_ratio"] = GOAL_RATIO
    result["rounds"] = rounds
    result["cpus"] = float(os.cpu_count() or 0)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--platform", default="offscreen", help="Qt platform: offscreen, xcb…")
    args = parser.parse_args()
    for name, value in measure(args.rounds, args.platform).items():
        print(f"{name:28} {value:10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
