"""What every benchmark script shares: its command line, clients, timers, peak memory,
and the one JSON line it prints.

Standard library only: the same file runs in the official SDK's interpreter and in ours.
Both SDKs are built with the same line, ``Liveblocks(secret=..., base_url=...)``, so the
code under measurement is the same code on both sides.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

SECRET = "sk_localdev"
OFFICIAL_VERSION = "3.16.0a1"


def arguments(
    *variants: str, more: Callable[[argparse.ArgumentParser], object] | None = None
) -> argparse.Namespace:
    """``SCRIPT VARIANT --url URL --work DIR``; the variant is an SDK or a raw transport.
    ``more`` adds a case's own options."""
    parser = argparse.ArgumentParser(description=sys.modules["__main__"].__doc__)
    parser.add_argument("variant", choices=variants)
    parser.add_argument("--url", required=True, help="the dev server's base URL")
    parser.add_argument("--work", required=True, help="folder holding the fixtures")
    parser.add_argument("--profile", metavar="FILE", help="profile the process a case times")
    if more is not None:
        more(parser)
    args = parser.parse_args()
    _check_sdk(args.variant)
    return args


def _check_sdk(variant: str) -> None:
    """Refuse to measure the wrong package: both SDKs are imported as ``liveblocks``."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(distribution: str) -> str | None:
        try:
            return version(distribution)
        except PackageNotFoundError:
            return None

    # The official SDK is the distribution "liveblocks", ours "liveblocks-sdk".
    official, ours = installed("liveblocks"), installed("liveblocks-sdk")
    if variant.startswith("official") and (official != OFFICIAL_VERSION or ours):
        sys.exit(f"the official SDK {OFFICIAL_VERSION} is not this interpreter's liveblocks")
    if variant.startswith("ours") and (ours is None or official):
        sys.exit("this interpreter's liveblocks is not ours")


def fixture(args: argparse.Namespace, name: str) -> Any:
    """A fixture written by benchmarks/fixtures.py: ``.json`` parsed, anything else as bytes."""
    path = os.path.join(args.work, name)
    if name.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    with open(path, "rb") as f:
        return f.read()


def sync_client(args: argparse.Namespace) -> Any:
    """The SDK's sync client (whichever ``liveblocks`` this interpreter has)."""
    from liveblocks import Liveblocks

    return Liveblocks(secret=SECRET, base_url=args.url)


def async_client(args: argparse.Namespace) -> Any:
    from liveblocks import AsyncLiveblocks

    return AsyncLiveblocks(secret=SECRET, base_url=args.url)


def timed(calls: list[Callable[[], object]]) -> tuple[float, float]:
    """Run the calls in order; the median wall-clock seconds of one, and the median CPU
    seconds this process spent in one (the client's own work, whatever the server does)."""
    walls, cpus = [], []
    for call in calls:
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus)


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak bytes allocated by Python while ``fn`` runs, its result included (tracemalloc).

    Run apart from the timed calls: tracing slows allocation down.
    """
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
        del result
    finally:
        tracemalloc.stop()
    return peak - base


def emit(**metrics: object) -> None:
    """Print the measurements as one JSON line (the last line run.py reads)."""
    print(json.dumps(metrics))
