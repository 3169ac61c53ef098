"""Side-by-side benchmarks: this SDK against the official ``liveblocks`` package.

    make bench                      # installs what it needs, then runs this
    .venv/bin/python benchmarks/run.py [--rounds 5] [--cases list,sync] [--profile CASE[:VARIANT]]

One dev server is started and filled (benchmarks/fixtures.py), and a second one for the
export case. Each case is a small script in benchmarks/cases/ run once per variant per
round, each run in a fresh interpreter: the official SDK's in its own virtual environment
(same import name as ours), ours and the raw transports in the project's. Rounds are
interleaved (every case and variant once per round, the order reversed every other
round), and the README reports medians over rounds. Raw numbers go to
benchmarks/.work/results.json; with --write-readme (make bench-report) the tables of
benchmarks/README.md are rewritten from them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field

import fixtures
import report

BENCH_DIR = fixtures.BENCH_DIR
CASES_DIR = BENCH_DIR / "cases"
OFFICIAL_PACKAGE = "liveblocks==3.16.0a1"
OFFICIAL_VENV = BENCH_DIR / ".venv-official"
NODE_PACKAGE = "@liveblocks/node@3.24.2"
NODE_DIR = BENCH_DIR / ".node"
NODE_EMAILS_PACKAGE = "@liveblocks/emails@3.13.4"
NODE_EMAILS_DIR = BENCH_DIR / ".node-emails"
OURS_PYTHON = sys.executable
# Ours as users get it (a regular install, not the editable one of the development venv,
# whose import hook alone costs 10-15 ms): for the cases that time a whole process.
OURS_INSTALLED_VENV = BENCH_DIR / ".venv-ours"
CHILD_TIMEOUT = 300


@dataclass
class Row:
    """One line of the results table: a metric the case's script prints."""

    metric: str
    label: str
    target: float | None = None  # official time / our time to reach
    memory: str | None = None  # the peak-memory metric of the same operation
    lower_memory: bool = False  # target: a lower peak than the official SDK's
    max_copies: float | None = None  # target: peak <= this many times the payload's size
    cpu: str | None = None  # the client-CPU metric of the same operation
    calls: int | None = None  # shown as calls per second too
    floor: str | None = None  # the raw-transport variant ours is held against
    floor_within: float | None = None  # how close to it ours must be (0.15: 15 %)
    beat: str | None = None  # a variant ours must be faster than
    per: str = "call"  # what ``calls`` counts
    max_memory: float | None = None  # target: ours' peak memory (``memory``) below this


@dataclass
class Case:
    key: str
    title: str
    script: str | None  # None: not measured yet
    variants: tuple[str, ...] = ("official", "ours")
    rows: list[Row] = field(default_factory=list)
    repeats: int = 1  # runs per variant per round
    note: str = ""
    server: str = "main"  # "export": the dev server filled by fixtures.fill_export; "none"
    installed: bool = False  # ours from a regular install (not editable)
    times_a_process: bool = False  # --profile profiles the process the script times
    anchor: str = "official"  # the variant ours is compared with (ratios: anchor / ours)
    node_script: str | None = None  # the script the "node" variant runs, with Node.js
    options: tuple[str, ...] = ()  # passed to the script after the common arguments


CASES = [
    Case(
        "list",
        "1. List decode",
        "list_rooms.py",
        ("official", "ours", "urllib3"),
        [
            Row(
                "call_s",
                "`get_rooms` (all {rooms} rooms in one answer), per call",
                3.0,
                cpu="call_cpu_s",
            )
        ],
    ),
    Case(
        "storage",
        "2. Large Storage",
        "storage.py",
        ("official", "ours", "urllib3"),
        [
            Row(
                "get_s",
                "`get_storage_document` ({storage_mb} MB)",
                1.3,
                "get_peak_bytes",
                True,
                cpu="get_cpu_s",
            ),
            Row(
                "init_s",
                "`initialize_storage_document` (same document)",
                1.3,
                "init_peak_bytes",
                True,
                cpu="init_cpu_s",
            ),
        ],
    ),
    Case(
        "sync",
        "3. Sync latency",
        "sync_latency.py",
        ("official", "ours", "requests", "requests-prepared", "urllib3"),
        [Row("total_s", "1,000 sequential `get_room`", 1.3, cpu="cpu_s", calls=1000)],
        repeats=2,
    ),
    Case(
        "async",
        "4. Async throughput",
        "async_throughput.py",
        ("official", "ours", "aiohttp"),
        [
            Row(
                "total_s",
                "2,000 `get_room`, 50 at a time",
                8.0,
                cpu="cpu_s",
                calls=2000,
                floor="aiohttp",
                floor_within=0.15,
            )
        ],
        repeats=2,
    ),
    Case(
        "yjs",
        "5. Yjs",
        "yjs.py",
        ("official", "ours", "ours-bytes", "urllib3"),
        [
            # No copies: sending allocates next to nothing; fetching holds the answer once.
            Row(
                "send_s",
                "`send_yjs_binary_update` ({yjs_mb} MB)",
                1.0,
                "send_peak_bytes",
                max_copies=0.1,
                cpu="send_cpu_s",
            ),
            Row(
                "fetch_s",
                "`get_yjs_document_as_binary_update` ({yjs_mb} MB)",
                1.0,
                "fetch_peak_bytes",
                max_copies=1.1,
                cpu="fetch_cpu_s",
            ),
        ],
    ),
    Case(
        "export",
        "6. Export",
        "export.py",
        ("official", "ours", "ours-default", "node", "aiohttp-sync", "aiohttp"),
        [
            Row(
                "total_s",
                "export of {export_rooms} rooms with Storage and Yjs into a directory on "
                "disk, whole process",
                2.0,
                "peak_rss_bytes",
                cpu="cpu_s",
                calls=fixtures.EXPORT_ROOMS,
                floor="aiohttp-sync",
                floor_within=0.15,
                per="room",
            )
        ],
        server="export",
        times_a_process=True,
        installed=True,
        options=("--into", "disk"),
    ),
    Case(
        "export-memory",
        "6. Export",
        "export.py",
        ("official", "official-async", "ours", "ours-default", "node", "aiohttp"),
        [
            Row(
                "total_s",
                "export of {export_rooms} rooms with Storage and Yjs into memory "
                "(/dev/shm), whole process",
                2.0,
                "peak_rss_bytes",
                cpu="cpu_s",
                calls=fixtures.EXPORT_ROOMS,
                floor="aiohttp",
                floor_within=0.25,
                beat="node",
                per="room",
            )
        ],
        server="export",
        times_a_process=True,
        installed=True,
        options=("--into", "memory"),
    ),
    Case(
        "import",
        "7. Import and client creation",
        "import_time.py",
        rows=[Row("total_s", "`import liveblocks` + `Liveblocks(...)`, fresh interpreter", 1.0)],
        repeats=6,
        installed=True,
    ),
    Case(
        "upload",
        "8. Upload",
        "upload.py",
        ("node", "ours", "ours-async", "requests", "aiohttp"),
        [
            Row(
                "upload_s",
                "`files.upload(path)` of a {upload_mb} MiB file (multipart, 5 in flight)",
                1.0,
                "rss_growth_bytes",
                cpu="upload_cpu_s",
                floor="requests",
                floor_within=0.15,
                max_memory=64e6,
            )
        ],
        anchor="node",
        node_script="upload_node.mjs",
        note="no upload in the official SDK: compared with @liveblocks/node's uploadFile",
    ),
    Case(
        "live-mass",
        "9. Live Storage: mass mutation",
        "live_mass.py",
        ("node", "ours", "ours-sync"),
        [
            Row(
                "total_s",
                "`mass_mutate_storage` of {live_rooms} rooms, 8 at a time",
                1.0,
                "peak_rss_bytes",
                cpu="cpu_s",
                calls=fixtures.LIVE_ROOMS,
                per="room",
            )
        ],
        server="live",
        anchor="node",
        note="no Live Storage in the official SDK: compared with @liveblocks/node's "
        "massMutateStorage",
    ),
    Case(
        "live-doc",
        "10. Live Storage: large document",
        "live_doc.py",
        ("node", "ours", "ours-async"),
        [
            Row(
                "mutate_s",
                "one mutation of a {live_doc_nodes}-node document (read, build, edit, send)",
                1.0,
                "peak_rss_bytes",
                cpu="mutate_cpu_s",
            ),
            Row("build_s", "the tree of the {live_doc_nodes} nodes built from the answer"),
        ],
        server="live-doc",
        anchor="node",
        note="compared with @liveblocks/node's mutateStorage",
    ),
    Case(
        "comments",
        "11. Comment bodies and notification emails",
        "comments.py",
        ("node", "ours", "ours-async"),
        [
            Row(
                "plain_s",
                "`stringify_comment_body` of 10,000 bodies, plain",
                1.0,
                cpu="plain_cpu_s",
            ),
            Row(
                "markdown_s",
                "`stringify_comment_body` of 10,000 bodies, Markdown",
                1.0,
                cpu="markdown_cpu_s",
            ),
            Row("html_s", "`stringify_comment_body` of 10,000 bodies, HTML", 1.0, cpu="html_cpu_s"),
            Row(
                "emails_s",
                "1,000 `prepare_thread_notification_email` (a fake API on loopback)",
                1.0,
                cpu="emails_cpu_s",
                calls=1000,
                per="email",
            ),
        ],
        server="none",
        anchor="node",
        note="compared with @liveblocks/node's stringifyCommentBody and @liveblocks/emails' "
        "prepareThreadNotificationEmailAsHtml",
    ),
    Case(
        "overhead",
        "Client cost without network",
        "client_overhead.py",
        rows=[
            Row("get_room_s", "`get_room`, canned answer, per call"),
            Row("get_rooms_s", "`get_rooms` ({rooms} rooms), canned answer, per call"),
        ],
    ),
]


def python_for(variant: str) -> str:
    official = variant.startswith("official")
    return str(OFFICIAL_VENV / "bin" / "python") if official else OURS_PYTHON


def child_python(case: Case, variant: str) -> str:
    """The interpreter a case's variant runs in."""
    if case.installed and variant.startswith("ours"):
        return str(OURS_INSTALLED_VENV / "bin" / "python")
    return python_for(variant)


def ensure_official_sdk() -> None:
    """The official SDK in its own virtual environment, installed from PyPI if missing."""
    python = OFFICIAL_VENV / "bin" / "python"
    version = "import importlib.metadata as m; print(m.version('liveblocks'))"
    check = [str(python), "-I", "-c", version]  # -I: not the liveblocks/ of the working dir
    if python.exists():
        found = subprocess.run(check, capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip() == OFFICIAL_PACKAGE.split("==")[1]:
            return
    print(f"Installing {OFFICIAL_PACKAGE} into {OFFICIAL_VENV.relative_to(fixtures.REPO)}")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(OFFICIAL_VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, OFFICIAL_PACKAGE], check=True)


def ensure_ours_installed() -> None:
    """This working tree installed as a user installs it, in its own virtual environment."""
    print(f"Installing this SDK into {OURS_INSTALLED_VENV.relative_to(fixtures.REPO)}")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(OURS_INSTALLED_VENV)], check=True)
    python = str(OURS_INSTALLED_VENV / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(fixtures.REPO)], check=True)


def ensure_node_emails() -> None:
    """``@liveblocks/emails`` in benchmarks/.node-emails (its own @liveblocks/node with it)."""
    name, _, version = NODE_EMAILS_PACKAGE.rpartition("@")
    package = NODE_EMAILS_DIR / "node_modules" / name / "package.json"
    if package.exists() and json.loads(package.read_text()).get("version") == version:
        return
    print(f"Installing {NODE_EMAILS_PACKAGE} into {NODE_EMAILS_DIR.relative_to(fixtures.REPO)}")
    npm = ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix"]
    subprocess.run([*npm, str(NODE_EMAILS_DIR), NODE_EMAILS_PACKAGE], check=True)


def ensure_node_sdk() -> None:
    """``@liveblocks/node`` in benchmarks/.node, installed from npm if missing."""
    name, _, version = NODE_PACKAGE.rpartition("@")
    package = NODE_DIR / "node_modules" / name / "package.json"
    if package.exists() and json.loads(package.read_text()).get("version") == version:
        return
    print(f"Installing {NODE_PACKAGE} into {NODE_DIR.relative_to(fixtures.REPO)}")
    npm = ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR)]
    subprocess.run([*npm, NODE_PACKAGE], check=True)


def run_child(
    case: Case,
    variant: str,
    url: str,
    prefix: list[str] | None = None,
    extra: list[str] | None = None,
) -> dict:
    assert case.script is not None
    python = child_python(case, variant)
    script = case.script
    if variant == "node" and case.node_script is not None:
        prefix, script = ["node"], case.node_script
    command = [
        *(prefix or [python]),
        str(CASES_DIR / script),
        variant,
        "--url",
        url,
        "--work",
        str(fixtures.WORK),
        *case.options,
        *(extra or []),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=CHILD_TIMEOUT, cwd=CASES_DIR
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_rounds(
    cases: list[Case], rounds: int, urls: dict[str, str]
) -> dict[str, dict[str, list[dict]]]:
    results: dict[str, dict[str, list[dict]]] = {c.key: {v: [] for v in c.variants} for c in cases}
    for r in range(rounds):
        for case in cases:
            order = case.variants if r % 2 == 0 else tuple(reversed(case.variants))
            for variant in order:
                for _ in range(case.repeats):
                    result = run_child(case, variant, urls.get(case.server, "none"))
                    results[case.key][variant].append(result)
                    shown = {
                        k: round(v, 5) if isinstance(v, float) else v for k, v in result.items()
                    }
                    print(f"[{r + 1}/{rounds}] {case.key:8} {variant:17} {shown}", flush=True)
    return results


def profile(case: Case, variant: str, url: str) -> None:
    """Run one variant of a case under pyinstrument (installed on demand) and print it."""
    python = child_python(case, variant)
    has = subprocess.run([python, "-c", "import pyinstrument"], capture_output=True)
    if has.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "--quiet", "pyinstrument"], check=True)
    out = fixtures.WORK / f"profile-{case.key}-{variant}.txt"
    if case.times_a_process:
        print(run_child(case, variant, url, extra=["--profile", str(out)]))
    else:
        prefix = [python, "-m", "pyinstrument", "-i", "0.0002", "-r", "text", "-o", str(out)]
        print(run_child(case, variant, url, prefix))
    print(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cases", help="comma-separated keys: " + ",".join(c.key for c in CASES))
    parser.add_argument("--profile", metavar="CASE[:VARIANT]", help="profile one run instead")
    parser.add_argument(
        "--write-readme",
        action="store_true",
        help="also rewrite the result tables of benchmarks/README.md (by default the results "
        "are only printed and saved to benchmarks/.work/results.json)",
    )
    args = parser.parse_args()

    cases = [c for c in CASES if c.script is not None]
    if args.cases:
        wanted = args.cases.split(",")
        cases = [c for c in cases if c.key in wanted]

    profiled, profiled_variant = None, "ours"
    if args.profile:
        key, _, variant = args.profile.partition(":")
        profiled, profiled_variant = next(c for c in CASES if c.key == key), variant or "ours"
        cases = [profiled]
    servers = {c.server for c in cases} - {"none"}  # "none": the case brings its own

    if any(v.startswith("official") for c in cases for v in c.variants):
        ensure_official_sdk()
    if any(c.installed for c in cases):
        ensure_ours_installed()
    if any("node" in c.variants for c in cases):
        ensure_node_sdk()
    if any(c.key == "comments" for c in cases):
        ensure_node_emails()
    fixtures.WORK.mkdir(exist_ok=True)
    started = time.time()
    load_before = os.getloadavg()
    with contextlib.ExitStack() as stack:
        urls = {name: stack.enter_context(fixtures.dev_server(name)) for name in sorted(servers)}
        filled: dict = {}
        if "main" in urls:
            filled.update(fixtures.fill(urls["main"]))
        if "export" in urls:
            filled.update(fixtures.fill_export(urls["export"]))
        if "live" in urls:
            filled.update(fixtures.fill_live(urls["live"]))
        if "live-doc" in urls:
            filled.update(fixtures.fill_live_doc(urls["live-doc"]))
        print("Filled the dev server:", filled, flush=True)
        if profiled is not None:
            profile(profiled, profiled_variant, urls.get(profiled.server, "none"))
            return
        results = run_rounds(cases, args.rounds, urls)

    run = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "seconds": round(time.time() - started),
        "rounds": args.rounds,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "filled": filled,
        "machine": report.machine_notes(python_for("official"), OURS_PYTHON, NODE_DIR),
        "results": results,
    }
    (fixtures.WORK / "results.json").write_text(json.dumps(run, indent=1))
    print("Saved", fixtures.WORK / "results.json")
    if args.write_readme:
        report.write_readme(BENCH_DIR / "README.md", CASES, run)
        print("Wrote", BENCH_DIR / "README.md")


if __name__ == "__main__":
    main()
