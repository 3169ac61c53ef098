"""The package as a stranger gets it: ``make dist``'s wheel and sdist pass ``twine check
--strict``, and the wheel, installed into a fresh virtual environment that holds nothing of
this repository, runs the README's Quickstart against the dev server."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from liveblocks import __version__
from tests.devserver.test_readme import BLOCKS, README
from tests.devserver_process import SECRET, DevServer

ROOT = Path(__file__).resolve().parent.parent.parent
NAME = f"liveblocks_sdk-{__version__}"


def _run(*command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What ``make dist`` builds, into a folder of the test's own."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    return out


def test_the_wheel_and_the_sdist_pass_twine_check_strict(dist: Path) -> None:
    wheel, sdist = dist / f"{NAME}-py3-none-any.whl", dist / f"{NAME}.tar.gz"
    report = _run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist)
    assert report.count("PASSED") == 2, report

    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "liveblocks/py.typed",
        "liveblocks/__init__.py",
        f"{NAME}.dist-info/licenses/LICENSE",
    } <= shipped
    assert not [name for name in shipped if name.startswith(("tests/", "benchmarks/"))]
    with tarfile.open(sdist) as archive:
        members = set(archive.getnames())
    for name in ("LICENSE", "README.md", "CHANGELOG.md", "setup.cfg", "liveblocks/py.typed"):
        assert f"{NAME}/{name}" in members, name


def test_the_quickstart_runs_from_the_wheel_in_a_fresh_environment(
    dist: Path, devserver: DevServer, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    # pycrdt is the Quickstart's own import (its Yjs example), not a dependency of the SDK.
    _run(python, "-m", "pip", "install", "--quiet", dist / f"{NAME}-py3-none-any.whl", "pycrdt")

    quickstart = next(b for b in BLOCKS if "## Quickstart" in _heading_above(b.line))
    script = tmp_path / "quickstart.py"
    script.write_text(
        "import liveblocks\nprint('FROM', liveblocks.__file__)\n" + quickstart.code,
        encoding="utf-8",
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "LIVEBLOCKS_SECRET_KEY": SECRET,
        "LIVEBLOCKS_BASE_URL": devserver.url,
    }
    out = _run(python, script, cwd=tmp_path, env=env)
    first, *rest = out.splitlines()
    assert first.startswith(f"FROM {venv}"), first  # the installed wheel, not this clone
    assert rest[0] == "{'title': 'Plan'}"
    assert any(line.startswith("doc-1 ") for line in rest[1:]), out


def _heading_above(line: int) -> str:
    lines = README.read_text(encoding="utf-8").splitlines()[: line - 1]
    return next(text for text in reversed(lines) if text.startswith("#"))
