"""The benchmarks' shared fixtures: the dev server, and the data it is filled with.

Everything is deterministic (seeded), so every run measures the same documents:

- ``ROOMS`` rooms with metadata and accesses (``rooms.json``: their ids);
- a Storage document in plain LSON of several MB, tens of thousands of LiveObjects
  (``storage.json``), stored in the room ``bench-storage``;
- a Yjs update of several MB made with pycrdt (``yjs.bin``), applied to ``bench-yjs``.

The export case has a server of its own (:func:`fill_export`): ``EXPORT_ROOMS`` rooms,
most with a Storage document of a few KB and a small Yjs update, some with neither
(``export.json``: what an export of that server must contain).

The Live Storage cases have two more (a mass mutation visits every room of a server):
``LIVE_ROOMS`` rooms with a small document (:func:`fill_live`), and one room whose
document has ``LIVE_DOC_NODES`` Storage nodes (:func:`fill_live_doc`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import random
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
WORK = BENCH_DIR / ".work"
#: The file the upload case sends: 96 MiB of random bytes.
UPLOAD_BYTES = 96 * 2**20
SECRET = "sk_localdev"

ROOMS = 400
STORAGE_ITEMS = 16_000  # each item: a LiveObject holding a LiveObject and a LiveList
YJS_WORDS = 500_000
YJS_MAP_ENTRIES = 20_000

EXPORT_ROOMS = 1000
EXPORT_FILL_CONCURRENCY = 32

LIVE_ROOMS = 1000
LIVE_DOC_ROOM = "bench-live-doc"
LIVE_DOC_CARDS = 8_000  # 5 nodes each: the card, its labels list and 2 labels, its owner
LIVE_DOC_NODES = LIVE_DOC_CARDS * 5 + 2  # and the root and the cards list

_URL = re.compile(rb"running at (http://[\w.:\[\]-]+)")


def dev_server_command() -> list[str]:
    explicit = os.environ.get("LIVEBLOCKS_DEVSERVER")
    local = REPO / ".devserver" / "node_modules" / ".bin" / "liveblocks"
    found = explicit or (str(local) if local.exists() else shutil.which("liveblocks"))
    if not found:
        raise SystemExit("The Liveblocks dev server is not installed: run `make devserver`.")
    return [found, "dev", "-P", "--no-persist", "--no-check"]


@contextmanager
def dev_server(name: str = "main", timeout: float = 60.0) -> Iterator[str]:
    """Start a throwaway dev server on a free port; yield its base URL; stop it."""
    WORK.mkdir(exist_ok=True)
    log_path = WORK / ("devserver.log" if name == "main" else f"devserver-{name}.log")
    command = dev_server_command()
    # bun, which the server runs on, is installed beside it.
    env = {**os.environ, "PATH": f"{Path(command[0]).parent}{os.pathsep}{os.environ['PATH']}"}
    with open(log_path, "wb") as log:
        # Its own process group: the server runs as node plus a bun child, stopped together.
        proc = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + timeout
        while True:
            match = _URL.search(log_path.read_bytes())
            if match:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"The dev server did not start; see {log_path}")
            time.sleep(0.1)
        yield match.group(1).decode()
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            continue


def _live_object(data: dict[str, Any]) -> dict[str, Any]:
    return {"liveblocksType": "LiveObject", "data": data}


def storage_document(items: int = STORAGE_ITEMS, seed: int = 1) -> dict[str, Any]:
    """A task board in plain LSON: ``items`` cards in a LiveMap, each card a LiveObject
    with a nested LiveObject and a LiveList (so 2 x ``items`` LiveObjects)."""
    rng = random.Random(seed)
    words = ["alpha", "beta", "gamma", "delta", "review", "ship", "draft", "fix", "plan"]
    cards = {}
    for i in range(items):
        title = " ".join(rng.choice(words) for _ in range(6))
        cards[f"card-{i:06d}"] = _live_object(
            {
                "title": title,
                "done": rng.random() < 0.3,
                "points": rng.randint(1, 13),
                "labels": {"liveblocksType": "LiveList", "data": rng.sample(words, 2)},
                "owner": _live_object(
                    {"id": f"user-{rng.randint(0, 999)}", "score": round(rng.random(), 6)}
                ),
            }
        )
    return _live_object(
        {"name": "Benchmark board", "cards": {"liveblocksType": "LiveMap", "data": cards}}
    )


def count_live_objects(node: Any) -> int:
    if isinstance(node, dict):
        own = 1 if node.get("liveblocksType") == "LiveObject" else 0
        return own + sum(count_live_objects(v) for v in node.values())
    if isinstance(node, list):
        return sum(count_live_objects(v) for v in node)
    return 0


def yjs_update(seed: int = 2) -> bytes:
    """A Yjs document of several MB, as one update: a long text and a large map."""
    import pycrdt

    rng = random.Random(seed)
    words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"]
    doc = pycrdt.Doc()
    text = doc.get("text", type=pycrdt.Text)
    entries = doc.get("entries", type=pycrdt.Map)
    with doc.transaction():
        text += " ".join(rng.choice(words) for _ in range(YJS_WORDS))
    with doc.transaction():
        for i in range(YJS_MAP_ENTRIES):
            entries[f"entry-{i:06d}"] = f"value {i} " + rng.choice(words) * 8
    return bytes(doc.get_update())


def fill(url: str) -> dict[str, Any]:
    """Fill the server and write the fixtures to ``WORK``; return what was made."""
    from liveblocks import Liveblocks, models

    WORK.mkdir(exist_ok=True)
    room_ids = [f"bench-room-{i:04d}" for i in range(ROOMS)]
    document = storage_document()
    update = yjs_update()
    with Liveblocks(SECRET, base_url=url, timeout=120) as client:
        for i, room_id in enumerate(room_ids):
            client.create_room(
                body=models.CreateRoomRequestBody(
                    id=room_id,
                    default_accesses=["room:read", "room:presence:write"],
                    users_accesses={f"user-{i}": ["room:write"], "admin": ["room:write"]},
                    groups_accesses={"engineering": ["room:write"]},
                    metadata={"team": f"team-{i % 7}", "kind": "board", "tags": ["a", "b"]},
                )
            )
        for room_id in ("bench-storage", "bench-yjs"):
            client.create_room(body=models.CreateRoomRequestBody(id=room_id, default_accesses=[]))
        client.initialize_storage_document("bench-storage", body=document)
        client.send_yjs_binary_update("bench-yjs", body=update)

    storage_json = json.dumps(document, separators=(",", ":"))
    (WORK / "rooms.json").write_text(json.dumps(room_ids))
    (WORK / "storage.json").write_text(storage_json)
    (WORK / "yjs.bin").write_bytes(update)
    upload = WORK / "upload.bin"  # on disk, as users upload files
    if not upload.exists() or upload.stat().st_size != UPLOAD_BYTES:
        with upload.open("wb") as f:
            for _ in range(UPLOAD_BYTES // 2**20):
                f.write(os.urandom(2**20))
    return {
        "upload_bytes": UPLOAD_BYTES,
        "rooms": ROOMS + 2,
        "storage_bytes": len(storage_json),
        "storage_live_objects": count_live_objects(document),
        "yjs_bytes": len(update),
    }


def small_yjs_update(rng: random.Random) -> bytes:
    """A Yjs document of one to two KB: a short text and a small map."""
    import pycrdt

    doc = pycrdt.Doc(client_id=rng.randrange(1, 2**31))
    text = doc.get("text", type=pycrdt.Text)
    meta = doc.get("meta", type=pycrdt.Map)
    with doc.transaction():
        text += " ".join(rng.choice(["lorem", "ipsum", "dolor", "sit"]) for _ in range(200))
        for i in range(rng.randint(5, 20)):
            meta[f"key-{i}"] = rng.random()
    return bytes(doc.get_update())


def export_rooms_data(seed: int = 3) -> list[tuple[str, dict[str, Any] | None, bytes | None]]:
    """The export server's rooms: (id, Storage document or None, Yjs update or None).

    Of every ten rooms, seven have both documents, one only Storage, one only Yjs and one
    neither. Storage documents hold 4 to 30 cards: 1 to 8 KB of plain LSON."""
    rng = random.Random(seed)
    rooms = []
    for i in range(EXPORT_ROOMS):
        kind = i % 10
        storage = storage_document(rng.randint(4, 30), seed=i) if kind not in (0, 9) else None
        update = small_yjs_update(rng) if kind not in (0, 8) else None
        rooms.append((f"export-room-{i:04d}", storage, update))
    return rooms


def fill_export(url: str) -> dict[str, Any]:
    """Fill the export case's server (``EXPORT_FILL_CONCURRENCY`` rooms at a time) and
    write what an export of it must contain to ``WORK/export.json``."""
    from liveblocks import AsyncLiveblocks, models

    rooms = export_rooms_data()

    async def create(
        client: AsyncLiveblocks, i: int, room_id: str, storage: Any, update: bytes | None
    ) -> None:
        body = models.CreateRoomRequestBody(
            id=room_id,
            default_accesses=["room:write"],
            metadata={"team": f"team-{i % 7}", "kind": "board"},
        )
        await client.create_room(body=body)
        if storage is not None:
            await client.initialize_storage_document(room_id, body=storage)
        if update is not None:
            await client.send_yjs_binary_update(room_id, body=update)

    async def main() -> None:
        async with AsyncLiveblocks(SECRET, base_url=url, timeout=120) as client:
            pending = enumerate(rooms)

            async def worker() -> None:
                for i, room in pending:
                    await create(client, i, *room)

            await asyncio.gather(*(worker() for _ in range(EXPORT_FILL_CONCURRENCY)))

    asyncio.run(main())
    expected = {
        "rooms": [room_id for room_id, _, _ in rooms],
        "storage": {room_id: doc for room_id, doc, _ in rooms if doc is not None},
        "yjs": {room_id: base64.b64encode(u).decode() for room_id, _, u in rooms if u},
    }
    (WORK / "export.json").write_text(json.dumps(expected))
    return {
        "export_rooms": len(rooms),
        "export_storage": len(expected["storage"]),
        "export_yjs": len(expected["yjs"]),
        "export_storage_bytes": sum(
            len(json.dumps(doc, separators=(",", ":"))) for _, doc, _ in rooms if doc
        ),
        "export_yjs_bytes": sum(len(update) for _, _, update in rooms if update),
    }


def live_room_document(i: int) -> dict[str, Any]:
    """A Live Storage case room's document: a few keys, a list of three tags, an object."""
    return _live_object(
        {
            "n": 0,
            "title": f"Board {i}",
            "tags": {"liveblocksType": "LiveList", "data": ["todo", "doing", "done"]},
            "meta": _live_object({"team": f"team-{i % 7}", "archived": False}),
        }
    )


def live_doc_document() -> dict[str, Any]:
    """``LIVE_DOC_CARDS`` cards in a LiveList: ``LIVE_DOC_NODES`` Storage nodes."""
    rng = random.Random(5)
    words = ["alpha", "beta", "gamma", "delta", "review", "ship", "draft", "fix", "plan"]
    cards = [
        _live_object(
            {
                "title": " ".join(rng.choice(words) for _ in range(5)),
                "done": False,
                "points": rng.randint(1, 13),
                "labels": {"liveblocksType": "LiveList", "data": rng.sample(words, 2)},
                "owner": _live_object({"id": f"user-{rng.randint(0, 999)}"}),
            }
        )
        for _ in range(LIVE_DOC_CARDS)
    ]
    return _live_object({"cards": {"liveblocksType": "LiveList", "data": cards}})


def fill_live(url: str) -> dict[str, Any]:
    """The mass mutation case's server: ``LIVE_ROOMS`` rooms with a small document."""
    from liveblocks import AsyncLiveblocks

    async def main() -> None:
        async with AsyncLiveblocks(SECRET, base_url=url, timeout=120) as client:
            pending = iter(range(LIVE_ROOMS))

            async def worker() -> None:
                for i in pending:
                    room_id = f"live-room-{i:04d}"
                    await client.rooms.create(id=room_id, default_accesses=["room:write"])
                    await client.rooms[room_id].storage.initialize(live_room_document(i))

            await asyncio.gather(*(worker() for _ in range(EXPORT_FILL_CONCURRENCY)))

    asyncio.run(main())
    return {"live_rooms": LIVE_ROOMS}


def fill_live_doc(url: str) -> dict[str, Any]:
    """The large document case's server: one room of ``LIVE_DOC_NODES`` nodes."""
    from liveblocks import Liveblocks

    document = live_doc_document()
    with Liveblocks(SECRET, base_url=url, timeout=120) as client:
        client.rooms.create(id=LIVE_DOC_ROOM, default_accesses=["room:write"])
        client.rooms[LIVE_DOC_ROOM].storage.initialize(document)
    return {
        "live_doc_nodes": LIVE_DOC_NODES,
        "live_doc_bytes": len(json.dumps(document, separators=(",", ":"))),
    }
