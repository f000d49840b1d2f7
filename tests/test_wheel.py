"""An installed wheel carries forms/ and resources/ and works outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(base / "dist"),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((base / "dist").glob("govreport-*.whl"))
    env_dir = base / "venv"
    # System site packages provide PySide6 & co.; the wheel itself goes into the venv.
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--force-reinstall",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = env_dir / ("Scripts/govreport.exe" if os.name == "nt" else "bin/govreport")
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=environ,
        timeout=120,
    )


def test_installed_wheel_lists_forms_and_writes_the_demo(installed: Path, tmp_path: Path) -> None:
    result = _run(installed, "forms", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"2021"' in result.stdout and '"pre2019"' in result.stdout
    demo = _run(installed, "demo", "-o", str(tmp_path / "demo.json"), cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    python = installed / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    where = subprocess.run(
        [
            str(python),
            "-c",
            "from govreport_gui.core.library import data_root as d; print(d('forms'), d('resources'))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout
    assert all(str(installed) in part for part in where.split()), where
