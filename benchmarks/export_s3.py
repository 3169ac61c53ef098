"""Export of the export case's thousand rooms into a bucket of a local S3 server (moto),
into a local directory, and through a hand-written aiohttp + aiobotocore loop into the
same S3 server (the floor), in one run: each variant a whole process timed from its start
to its exit, ``--repeat`` times in turn; the median of each is printed.

    .venv/bin/python benchmarks/export_s3.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import fixtures  # noqa: E402

from tests.devserver_process import SECRET, DevServer  # noqa: E402
from tests.fakes.s3server import S3Server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    server, s3 = DevServer.start(), S3Server.start()
    work = Path(tempfile.mkdtemp(prefix="bench-s3-"))
    try:
        fixtures.WORK.mkdir(exist_ok=True)
        fixtures.fill_export(server.url)
        env = {
            **os.environ,
            **s3.environment(),
            "LIVEBLOCKS_SECRET_KEY": SECRET,
            "LIVEBLOCKS_BASE_URL": server.url,
        }
        ours = [sys.executable, "-m", "liveblocks", "export", "--quiet", "--concurrency", "16"]
        floor = [sys.executable, str(HERE / "cases" / "export_s3_floor.py")]
        # Each run into a bucket of its own: moto's work per request grows with what a
        # bucket holds, which would slow whichever variant runs later.
        variants = {
            "ours-s3": lambda n: [*ours, f"s3://ours-{n}/export"],
            "ours-disk": lambda n: [*ours, str(work / f"disk-{n}")],
            "floor-s3": lambda n: [*floor, f"s3://floor-{n}/export"],
        }
        times: dict[str, list[float]] = {name: [] for name in variants}
        for n in range(args.repeat):
            for name in ("ours", "floor"):
                s3.create_bucket(f"{name}-{n}")
            for name, make in variants.items():
                start = time.perf_counter()
                subprocess.run(make(n), env=env, cwd=ROOT, check=True, timeout=600)
                times[name].append(time.perf_counter() - start)
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, value in medians.items():
            ratio = value / medians["floor-s3"]
            print(f"{name:10} {value:6.2f} s  ({ratio:.2f}x the floor)  runs: "
                  + ", ".join(f"{v:.2f}" for v in times[name]))
    finally:
        server.stop()
        s3.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
