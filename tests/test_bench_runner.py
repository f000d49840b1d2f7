"""bench/run.py keeps going when a benchmark is missing, broken, or hangs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODULES = {
    "good": "def measure():\n    return {'a_ms': 1.5}\n",
    # bench_aggregate's shape: measure() needs arguments, run() does not.
    "nested": (
        "def measure(count, library):\n    raise AssertionError('not this one')\n"
        "def run():\n    return {'rows': [{'files': 200, 's': 0.1}, {'files': 2000, 's': 0.9}], 'ok': True}\n"
    ),
    "noimport": "import no_such_module_here\n",
    "raises": "def measure():\n    raise RuntimeError('broken on purpose')\n",
    "hangs": "import time\ndef measure():\n    time.sleep(30)\n",
    "noentry": "X = 1\n",
}


def run_bench(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(folder / "run.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_each_benchmark_is_reported_whatever_happens_to_the_others(tmp_path: Path) -> None:
    bench = tmp_path / "bench"
    bench.mkdir()
    shutil.copy(ROOT / "bench" / "run.py", bench / "run.py")
    for name, source in MODULES.items():
        (bench / f"bench_{name}.py").write_text(source, encoding="utf-8")

    done = run_bench(bench, "--timeout", "3")
    assert done.returncode == 1  # the expected benchmarks (startup, checks, …) are absent here
    report = json.loads(done.stdout[done.stdout.index("{\n") :])["benchmarks"]

    assert report["good"]["figures"] == {"a_ms": 1.5}
    assert report["nested"]["figures"]["rows"][1] == {"files": 2000, "s": 0.9}
    assert "No module named 'no_such_module_here'" in report["noimport"]["missing"]
    assert report["raises"]["error"] == "RuntimeError: broken on purpose"
    assert "within 3 s" in report["hangs"]["error"]
    assert "neither measure() nor run()" in report["noentry"]["error"]
    for expected in ("startup", "checks", "storage", "pdf", "aggregate"):
        assert "does not exist" in report[expected]["missing"]
    # The table names nested figures by their row, and says what a missing one measures.
    assert "rows[files=2000].s" in done.stdout
    assert "should measure: PDF render of the demo" in done.stdout


def test_only_the_named_benchmarks_run(tmp_path: Path) -> None:
    bench = tmp_path / "bench"
    bench.mkdir()
    shutil.copy(ROOT / "bench" / "run.py", bench / "run.py")
    (bench / "bench_good.py").write_text(MODULES["good"], encoding="utf-8")
    done = run_bench(bench, "--json-only", "good")
    assert done.returncode == 0  # no expected benchmark was asked for
    report = json.loads(done.stdout)["benchmarks"]
    assert list(report) == ["good"]
    assert report["good"]["figures"] == {"a_ms": 1.5}


def test_quick_mode_reaches_the_benchmarks_that_take_it(tmp_path: Path) -> None:
    bench = tmp_path / "bench"
    bench.mkdir()
    shutil.copy(ROOT / "bench" / "run.py", bench / "run.py")
    (bench / "bench_good.py").write_text(MODULES["good"], encoding="utf-8")
    (bench / "bench_sized.py").write_text(
        "def measure(quick=False):\n    return {'files': 20 if quick else 2000}\n", encoding="utf-8"
    )
    quick = json.loads(run_bench(bench, "--json-only", "--quick", "good", "sized").stdout)
    assert quick["quick"] is True
    assert quick["benchmarks"]["sized"]["figures"] == {"files": 20}
    assert quick["benchmarks"]["good"]["figures"] == {"a_ms": 1.5}  # takes no quick: runs as is
    full = json.loads(run_bench(bench, "--json-only", "sized").stdout)
    assert full["benchmarks"]["sized"]["figures"] == {"files": 2000}
