"""Run the ``govreport`` command as other offices' scripts do: a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "govreport_gui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        env=environ,
        timeout=120,
    )


def run_json(*args: str) -> Any:
    result = run(*args)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def started_app_env(home: Path, **extra: str) -> dict[str, str]:
    """Environment for starting the window headless, quitting as soon as it is shown,
    with its settings in ``home`` so the clerk's own are never touched."""
    return {
        "GOVREPORT_EXIT_AFTER_SHOW": "1",
        "XDG_CONFIG_HOME": str(home),
        "HOME": str(home),
        **extra,
    }
