"""Case 12, export at scale: ``python -m liveblocks export DIR --quiet --concurrency 16`` of
10,000 and of 200,000 rooms from a fast fake of the API on loopback (tests/fakes/scale_fake.py,
in a process of its own: a small Storage document and a Yjs update of about 1 KB per room,
the room list in pages of 100), each into a fresh directory on the work folder's disk.
Reports, for each size, the time per room and the peak resident memory of the exporting
process (its own rusage, not the fake's); an export counts only if its rooms.ndjson and
index.ndjson hold every room once.

    .venv/bin/python benchmarks/cases/export_scale.py [--rooms 10000,200000] [--work DIR]

It runs on its own, not in the rounds of ``make bench``: the large size takes minutes.
The target: peak memory under 100 MB at 200,000 rooms, and what it grows by between the
two sizes a few hundred bytes a room at most (what the export must remember per room).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
SECRET = "sk_localdev"
TARGET_PEAK = 100e6


def count_lines(path: Path) -> tuple[int, int]:
    """Lines and distinct ids of an ndjson file."""
    ids = set()
    lines = 0
    with path.open("rb") as f:
        for line in f:
            lines += 1
            ids.add(json.loads(line)["id"])
    return lines, len(ids)


def export(rooms: int, work: Path, concurrency: int) -> dict[str, float]:
    fake = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.scale_fake", str(rooms)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert fake.stdout is not None and fake.stdin is not None
    directory = Path(tempfile.mkdtemp(prefix="liveblocks-scale-", dir=work))
    try:
        url = fake.stdout.readline().strip()
        env = {**os.environ, "LIVEBLOCKS_SECRET_KEY": SECRET, "LIVEBLOCKS_BASE_URL": url}
        out = directory / "export"
        command = [sys.executable, "-m", "liveblocks", "export", str(out), "--quiet"]
        command += ["--concurrency", str(concurrency)]
        started = time.perf_counter()
        exporter = subprocess.Popen(command, env=env, cwd=REPO)
        _, status, usage = os.wait4(exporter.pid, 0)  # this child's rusage only
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"the export of {rooms} rooms exited with {status}")
        for name in ("rooms.ndjson", "index.ndjson"):
            lines, distinct = count_lines(out / name)
            if lines != rooms or distinct != rooms:
                sys.exit(f"{name}: {lines} lines, {distinct} rooms, for {rooms} rooms")
    finally:
        fake.stdin.close()
        fake.wait(timeout=30)
        shutil.rmtree(directory, ignore_errors=True)
    return {
        "rooms": rooms,
        "total_s": seconds,
        "ms_per_room": seconds / rooms * 1000,
        "peak_rss_bytes": usage.ru_maxrss * 1024,  # kilobytes on Linux
        "cpu_s": usage.ru_utime + usage.ru_stime,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", default="10000,200000", help="sizes, comma-separated")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--work", default=str(REPO / "benchmarks" / ".work"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for rooms in (int(n) for n in args.rooms.split(",")):
        result = export(rooms, work, args.concurrency)
        results.append(result)
        print(
            f"{rooms:>9,} rooms: {result['total_s']:8.1f} s, {result['ms_per_room']:.3f} ms "
            f"a room, peak RSS {result['peak_rss_bytes'] / 1e6:.0f} MB",
            file=sys.stderr,
        )
    if len(results) > 1:
        small, large = results[0], results[-1]
        growth = (large["peak_rss_bytes"] - small["peak_rss_bytes"]) / (
            large["rooms"] - small["rooms"]
        )
        print(f"growth: {growth:.0f} bytes a room", file=sys.stderr)
    peak = max(r["peak_rss_bytes"] for r in results)
    verdict = "met" if peak < TARGET_PEAK else "missed"
    print(f"peak under {TARGET_PEAK / 1e6:.0f} MB: {verdict}", file=sys.stderr)
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
