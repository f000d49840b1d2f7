"""Start-up: from launching ``govreport --demo`` to its window being shown (goal ≤ 1 s on
2 cores), next to the floor — a bare QApplication showing an empty window — and the peak
memory (RSS) of the process with the demo open.

    python bench/bench_startup.py [--rounds 5] [--platform offscreen|xcb]

Each figure is measured in a fresh process (the app quits as soon as its window is shown:
``GOVREPORT_EXIT_AFTER_SHOW=1``) and is the median of the rounds; the first round, with
cold file caches if nothing ran before, is reported separately. Memory is read from the
child's rusage (Linux/macOS only).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWN_MARK = "govreport-shown"  # printed by govreport_gui.ui.app when the window is shown

FLOOR_SCRIPT = f"""
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.resize(1280, 800)
window.show()
def shown():
    print("{SHOWN_MARK}", f"{{time.time():.6f}}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, float | None]:
    """(seconds to shown, seconds to exit, peak RSS in MB or None) of one fresh process."""
    started = time.time()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out, err = process.communicate(timeout=120) if not hasattr(os, "wait4") else _drain(process)
    ended = time.time()
    if process.returncode not in (0, None):
        raise RuntimeError(f"{command} failed ({process.returncode}): {err.strip()}")
    mark = next((line for line in out.splitlines() if line.startswith(SHOWN_MARK)), None)
    if mark is None:
        raise RuntimeError(f"{command} did not report its window: {out!r} {err!r}")
    shown = float(mark.split()[1])
    return shown - started, ended - started, getattr(process, "peak_rss_mb", None)


def _drain(process: subprocess.Popen) -> tuple[str, str]:
    """Read the child's output, then reap it with wait4 to get its own peak RSS."""
    assert process.stdout is not None and process.stderr is not None
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    process.peak_rss_mb = round(usage.ru_maxrss * 1024 / scale / 1024, 1)  # type: ignore[attr-defined]
    return out, err


def measure(rounds: int = 5, platform: str = "offscreen", quick: bool = False) -> dict[str, float]:
    rounds = 1 if quick else rounds
    home = tempfile.mkdtemp(prefix="govreport-bench-")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=platform,
        GOVREPORT_EXIT_AFTER_SHOW="1",
        XDG_CONFIG_HOME=home,  # settings of these runs, not the clerk's
        XDG_DATA_HOME=home,
        PYTHONDONTWRITEBYTECODE="1",
    )
    demo = [sys.executable, "-m", "govreport_gui", "--demo"]
    plain = [sys.executable, "-m", "govreport_gui", "--data-dir", str(Path(home) / "data")]
    floor = [sys.executable, "-c", FLOOR_SCRIPT]
    runs: dict[str, list[tuple[float, float, float | None]]] = {
        "demo": [],
        "start": [],
        "floor": [],
    }
    for _ in range(rounds):  # interleaved, so that load on the machine hits all alike
        runs["floor"].append(_run(floor, env))
        runs["demo"].append(_run(demo, env))
        runs["start"].append(_run(plain, env))
    result: dict[str, float] = {}
    for name, samples in runs.items():
        result[f"{name}_shown_s"] = round(statistics.median(s[0] for s in samples), 3)
        result[f"{name}_first_round_shown_s"] = round(samples[0][0], 3)
        result[f"{name}_exit_s"] = round(statistics.median(s[1] for s in samples), 3)
        peaks = [s[2] for s in samples if s[2] is not None]
        if peaks:
            result[f"{name}_peak_rss_mb"] = max(peaks)
    result["demo_over_floor_s"] = round(result["demo_shown_s"] - result["floor_shown_s"], 3)
    result["cpus"] = float(os.cpu_count() or 0)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--platform", default="offscreen", help="Qt platform: offscreen, xcb…")
    args = parser.parse_args()
    for name, value in measure(args.rounds, args.platform).items():
        print(f"{name:28} {value:10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
