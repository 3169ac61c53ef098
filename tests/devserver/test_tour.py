"""``make demo``'s tour runs as written against the dev server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.devserver_process import SECRET, DevServer

TOUR = Path(__file__).resolve().parent.parent.parent / "examples" / "tour.py"


def test_the_tour_runs(devserver: DevServer) -> None:
    env = {**os.environ, "LIVEBLOCKS_BASE_URL": devserver.url, "LIVEBLOCKS_SECRET_KEY": SECRET}
    done = subprocess.run(
        [sys.executable, str(TOUR)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "downloaded the same bytes          True" in done.stdout
    assert "Yjs text read back (resource)      Hello from pycrdt" in done.stdout
    assert "Cleaned up 22 rooms" in done.stdout
