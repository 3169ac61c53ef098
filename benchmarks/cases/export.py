"""Case 6, export: every room of a server filled with a thousand rooms (most with a
Storage document of a few KB and a small Yjs update, some with neither) exported to a
fresh directory, by a whole process timed from its start to its exit:

- ``official``: export_official.py, the loop a user of the official SDK writes (sync
  client, one room at a time); ``official-async``: the same with its async client, 16
  rooms at a time;
- ``ours``: ``python -m liveblocks export DIR --quiet --concurrency 16``; ``ours-default``:
  the same with the default concurrency;
- ``node``: export_node.mjs, ``@liveblocks/node`` with 16 rooms at a time;
- ``aiohttp``: export_aiohttp.py, aiohttp alone, 16 rooms at a time (the floor);
  ``aiohttp-sync``: the same with every file durable (written and ``fsync``-ed in a worker
  thread), the floor for an exporter whose files survive a crash, as ours do.

Each writes rooms.ndjson, storage/<id>.json and yjs/<id>.bin; a run counts only if the
directory holds exactly the rooms and documents the server was filled with
(``export.json``). ``--into disk`` (the default) exports into a fresh directory on the
work folder's disk, as users do; ``--into memory`` into ``/dev/shm`` where there is one,
so that the time is the exporters' and the server's, not the disk's."""

import base64
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote

from _harness import SECRET, arguments, emit, fixture

CONCURRENCY = "16"
PYTHON = sys.executable  # run.py starts this script in the variant's interpreter
COMMANDS = {
    "official": [PYTHON, "export_official.py"],
    "official-async": [PYTHON, "export_official.py", "--concurrency", CONCURRENCY],
    "ours": [PYTHON, "-m", "liveblocks", "export", "--quiet", "--concurrency", CONCURRENCY],
    "ours-default": [PYTHON, "-m", "liveblocks", "export", "--quiet"],
    "node": ["node", "export_node.mjs"],
    "aiohttp": [PYTHON, "export_aiohttp.py", "--concurrency", CONCURRENCY],
    "aiohttp-sync": [PYTHON, "export_aiohttp.py", "--concurrency", CONCURRENCY, "--sync"],
}

args = arguments(
    *COMMANDS,
    more=lambda parser: parser.add_argument(
        "--into", choices=("disk", "memory"), default="disk", help="where the export goes"
    ),
)


def check(directory: str) -> int:
    """Exit with a message unless ``directory`` holds exactly the expected export; the
    number of rooms."""
    expected = fixture(args, "export.json")
    with open(os.path.join(directory, "rooms.ndjson"), "rb") as f:
        rooms = [json.loads(line)["id"] for line in f]
    problems = []
    if sorted(rooms) != sorted(expected["rooms"]):
        problems.append(f"rooms.ndjson has {len(rooms)} lines for {len(expected['rooms'])} rooms")
    names = {room_id: quote(room_id, safe="") for room_id in expected["rooms"]}
    index = os.path.join(directory, "index.ndjson")
    if args.variant.startswith("ours"):  # our files are named as the index says
        with open(index, "rb") as f:
            names = {entry["id"]: entry["file"] for entry in map(json.loads, f)}
    for kind, ext, read in [
        ("storage", ".json", json.loads),
        ("yjs", ".bin", lambda data: base64.b64encode(data).decode()),
    ]:
        wanted = {names[room_id] + ext: doc for room_id, doc in expected[kind].items()}
        found = set(os.listdir(os.path.join(directory, kind)))
        if found != set(wanted):
            problems.append(f"{kind}/ has {len(found)} files for {len(wanted)} documents")
            continue
        for name, doc in wanted.items():
            with open(os.path.join(directory, kind, name), "rb") as f:
                if read(f.read()) != doc:
                    problems.append(f"{kind}/{name} is not the room's document")
                    break
    if problems:
        sys.exit(f"{args.variant}: incomplete export: " + "; ".join(problems))
    return len(rooms)


if args.into == "memory" and os.path.isdir("/dev/shm"):
    parent = "/dev/shm"
else:
    parent = os.path.join(os.path.abspath(args.work), "exports")  # on the work folder's disk
    os.makedirs(parent, exist_ok=True)
work = tempfile.mkdtemp(prefix="liveblocks-export-", dir=parent)
try:
    out = os.path.join(work, "export")
    command = [*COMMANDS[args.variant], out]
    if args.profile and command[0] == PYTHON:
        # pyinstrument runs the same command: `-m liveblocks ...` or `script.py ...`.
        pyinstrument = [PYTHON, "-m", "pyinstrument", "-i", "0.0002", "-r", "text"]
        command = [*pyinstrument, "-o", args.profile, *command[1:]]
    env = {**os.environ, "LIVEBLOCKS_SECRET_KEY": SECRET, "LIVEBLOCKS_BASE_URL": args.url}
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    total = time.perf_counter() - start
    after = os.times()
    # The exporter's peak resident memory (this script holds little when it starts it).
    peak_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    if done.returncode != 0:
        sys.exit(f"{args.variant} exited with {done.returncode}: {done.stderr.strip()[-500:]}")
    rooms = check(out)
finally:
    shutil.rmtree(work, ignore_errors=True)

emit(
    total_s=total,
    cpu_s=(after.children_user - before.children_user)
    + (after.children_system - before.children_system),
    rooms_per_s=rooms / total,
    rooms=rooms,
    peak_rss_bytes=peak_rss,
    into=parent,
)
