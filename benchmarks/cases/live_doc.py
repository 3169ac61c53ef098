"""Case 9, one large Live Storage document: a room whose Storage holds 40,002 nodes
(8,000 cards of five nodes each in a LiveList), mutated 3 times: read, the tree built,
every hundredth card's ``done`` flipped, a card pushed and the first one deleted (the
document keeps its size), the operations sent. Also the tree's building alone: the same
answer decoded and built 3 times, no network.

- ``ours``: ``Liveblocks``, ``client.rooms[id].storage.mutate(edit)``;
- ``ours-async``: the same on ``AsyncLiveblocks``;
- ``node``: live_node.mjs, ``@liveblocks/node``'s ``mutateStorage``.

Times are medians of the 3 runs, inside the process; peak memory is the process's peak
resident memory (ru_maxrss), the runtime's own included."""

import asyncio
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import urllib.request

from _harness import SECRET, arguments, async_client, emit, sync_client

ROOM = "bench-live-doc"
RUNS = 3
args = arguments("ours", "ours-async", "node")


def edit(root):
    from liveblocks import LiveList, LiveObject

    cards = root["cards"]
    for i in range(0, len(cards), 100):
        card = cards[i]
        card["done"] = not card["done"]
    cards.push(
        LiveObject(
            {
                "title": "new card",
                "done": False,
                "points": 3,
                "labels": LiveList(["new", "card"]),
                "owner": LiveObject({"id": "user-0"}),
            }
        )
    )
    cards.delete(0)


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if args.variant == "node":
    env = {**os.environ, "LIVEBLOCKS_SECRET_KEY": SECRET, "LIVEBLOCKS_BASE_URL": args.url}
    done = subprocess.run(
        ["node", "live_node.mjs", "doc", ROOM, str(RUNS)], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"node exited with {done.returncode}: {done.stderr.strip()[-500:]}")
    emit(**json.loads(done.stdout.strip().splitlines()[-1]))
    sys.exit(0)

times, cpus = [], []
if args.variant == "ours":
    with sync_client(args) as client:
        for _ in range(RUNS):
            cpu, wall = time.process_time(), time.perf_counter()
            client.rooms[ROOM].storage.mutate(edit)
            times.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
else:

    async def main() -> None:
        async with async_client(args) as client:
            for _ in range(RUNS):
                cpu, wall = time.process_time(), time.perf_counter()
                await client.rooms[ROOM].storage.mutate(edit)
                times.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)

    asyncio.run(main())

# Building the tree alone, from the answer as the server sends it.
from liveblocks.live._document import read_document  # noqa: E402

request = urllib.request.Request(
    f"{args.url}/v2/rooms/{ROOM}/request-storage-mutation",
    data=b"{}",
    method="POST",
    headers={"Authorization": f"Bearer {SECRET}", "Content-Type": "application/json"},
)
for attempt in range(3):  # the dev server now and then resets a connection
    try:
        with urllib.request.urlopen(request) as response:
            body = response.read()
        break
    except ConnectionError:
        if attempt == 2:
            raise
        time.sleep(0.5)
builds = []
for _ in range(3):
    gc.collect()  # the previous tree freed before, not while, the next is built
    start = time.perf_counter()
    doc = read_document(body)
    builds.append(time.perf_counter() - start)
    del doc
nodes = sum(1 for line in body.splitlines()[1:] if line.strip())
emit(
    mutate_s=statistics.median(times),
    mutate_cpu_s=statistics.median(cpus),
    build_s=statistics.median(builds),
    nodes=nodes,
    peak_rss_bytes=peak_rss(),
)
