"""Export and import against two real dev servers: round trip, resume, failures, shards.

Comparison rules between an export and the export of its import: rooms are equal field by
field except ``createdAt`` and ``lastConnectionAt``, which the API sets itself and an import
cannot carry over; Storage files are byte-identical (and equal to the documents written);
Yjs files hold the same document, read back with pycrdt (the server re-encodes updates, so
bytes are not part of the contract).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

import liveblocks
from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.export import (
    EMPTY_YJS_UPDATE,
    ExportDirectoryError,
    Shard,
    export_rooms,
    export_rooms_async,
    import_rooms,
    import_rooms_async,
    merge_exports,
)
from tests.cases._case import example
from tests.devserver_process import SECRET, DevServer
from tests.export_helpers import (
    ROOM_IDS,
    TestTransport,
    documents,
    fill,
    has_storage,
    has_yjs,
    manifest,
    room_ids_in,
    rooms_lines,
    started,
    storage_document,
    yjs_content,
    yjs_update,
)
from tests.fakes.aiomock import CallbackResult, api_mock

INDEX = {room_id: i for i, room_id in enumerate(ROOM_IDS)}
WITH_STORAGE = {r for r, i in INDEX.items() if has_storage(i)}
WITH_YJS = {r for r, i in INDEX.items() if has_yjs(i)}
SERVER_SET = ("createdAt", "lastConnectionAt")


@pytest.fixture(scope="module")
def servers() -> Iterator[list[DevServer]]:
    yield from started(2)


@pytest.fixture(scope="module")
def source(servers: list[DevServer]) -> str:
    fill(servers[0].url)
    return servers[0].url


@pytest.fixture(scope="module")
def full_export(source: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("full") / "export"
    result = export_rooms(None, directory, secret=SECRET, base_url=source)
    assert result.ok, result.failures
    return directory


def copy(directory: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(directory, tmp_path / "copy"))


def rooms_by_id(directory: Path, ignore: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    rooms = rooms_lines(directory)
    ids = [room["id"] for room in rooms]
    assert len(ids) == len(set(ids)), "a room appears twice in rooms.ndjson"
    return {room["id"]: {k: v for k, v in room.items() if k not in ignore} for room in rooms}


def assert_same_export(a: Path, b: Path, ignore: tuple[str, ...] = ()) -> None:
    assert rooms_by_id(a, ignore) == rooms_by_id(b, ignore)
    assert documents(a, "storage") == documents(b, "storage")
    yjs_a, yjs_b = documents(a, "yjs"), documents(b, "yjs")
    assert yjs_a.keys() == yjs_b.keys()
    for room_id in yjs_a:
        assert yjs_content(yjs_a[room_id]) == yjs_content(yjs_b[room_id]), room_id


def assert_holds_test_project(directory: Path) -> None:
    rooms = rooms_by_id(directory)
    assert set(rooms) == set(ROOM_IDS)
    for room_id, room in rooms.items():
        i = INDEX[room_id]
        assert room["metadata"] == {"index": str(i), "tags": ["a", "b"], "name": room_id}
        assert room["usersAccesses"] == {"alice": ["room:write"], f"user-{i}": ["room:read"]}
        assert room["organizationId"] == ("org-a" if i % 5 == 0 else "org-b")
        assert room["type"] == "room"
    storage = documents(directory, "storage")
    assert set(storage) == WITH_STORAGE  # empty Storage is not written
    for room_id, data in storage.items():
        assert json.loads(data) == storage_document(INDEX[room_id])
    yjs = documents(directory, "yjs")
    assert set(yjs) == WITH_YJS  # the empty two-byte update is not written
    for room_id, data in yjs.items():
        assert data != EMPTY_YJS_UPDATE
        assert yjs_content(data) == yjs_content(yjs_update(INDEX[room_id]))


def test_export_writes_rooms_documents_and_manifest(full_export: Path, source: str) -> None:
    assert_holds_test_project(full_export)
    info = manifest(full_export)
    assert info["format"] == "liveblocks-export"
    assert info["sdkVersion"] == liveblocks.__version__
    assert info["status"] == "complete"
    assert info["counts"] == {"rooms": 30, "storage": 20, "yjs": 15, "files": 0, "failed": 0}
    assert info["failures"] == []
    assert info["filters"] == {
        "query": None,
        "userId": None,
        "groupIds": [],
        "organizationId": None,
    }
    assert info["shard"] is None
    assert set(info["source"]) == {"baseUrl", "keyFingerprint"}
    assert info["source"]["baseUrl"] == source
    # Tells keys apart without revealing any: 16 hex digits of an HMAC keyed with it.
    assert re.fullmatch("[0-9a-f]{16}", info["source"]["keyFingerprint"])
    assert SECRET not in (full_export / "manifest.json").read_text()
    assert info["startedAt"] <= info["finishedAt"]
    assert not (full_export / "threads").exists()


def test_round_trip_into_another_server(
    servers: list[DevServer], full_export: Path, tmp_path: Path
) -> None:
    target = servers[1].url
    with Liveblocks(SECRET, base_url=target) as client:
        result = import_rooms(client, full_export)
        assert result.ok, result.failures
        assert (result.rooms, result.storage, result.yjs) == (30, 20, 15)
        # Importing again updates the same rooms: nothing is duplicated or changed.
        assert import_rooms(client, full_export).ok
        assert len(list(client.rooms.list())) == 30
    again = tmp_path / "again"
    assert export_rooms(None, again, secret=SECRET, base_url=target).ok
    assert_same_export(full_export, again, ignore=SERVER_SET)
    assert_holds_test_project(again)


def test_import_updates_rooms_that_exist(full_export: Path) -> None:
    server = DevServer.start()
    try:
        with Liveblocks(SECRET, base_url=server.url) as client:
            client.rooms.create(
                id="with space",
                default_accesses=["room:read"],
                users_accesses={"mallory": ["room:write"], "alice": ["room:read"]},
                groups_accesses={"team": ["room:write"], "other": ["room:read"]},
                metadata={"index": "wrong", "tags": ["z"], "name": "with space"},
                organization_id="org-a",
            )
            room = client.rooms["with space"]
            room.storage.initialize({"liveblocksType": "LiveObject", "data": {"stale": 1}})
            other = yjs_update(99)
            room.yjs.send_update(other)

            assert import_rooms(client, full_export).ok
            rooms = list(client.rooms.list())
            assert sorted(r.id for r in rooms) == sorted(ROOM_IDS)
            exported = rooms_by_id(full_export, SERVER_SET)["with space"]
            now = {k: v for k, v in room.get().to_dict().items() if k not in SERVER_SET}
            assert now == exported
            # Storage is replaced; a Yjs update merges into the document already there.
            assert room.storage.get() == storage_document(0)
            text = str(yjs_content(room.yjs.get_binary())["text"])
            assert "Hello from room 0" in text and "Hello from room 99" in text
    finally:
        server.stop()


async def test_resume_fetches_only_what_is_missing(
    full_export: Path, source: str, tmp_path: Path
) -> None:
    directory = copy(full_export, tmp_path)
    for room_id in ("with space", "日本語の部屋"):
        (directory / "storage" / f"{_name(room_id)}.json").unlink()
    (directory / "yjs" / f"{_name('question?mark')}.bin").unlink()
    # Three rooms cut from rooms.ndjson (as if killed before their line was written): the
    # index says their documents were fetched, so only their lines are written again.
    cut = {"hash#tag", "emoji 🎉", "room-00"}
    lines = (directory / "rooms.ndjson").read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if json.loads(line)["id"] not in cut]
    (directory / "rooms.ndjson").write_bytes(b"".join(kept))

    transport = TestTransport()
    async with AsyncLiveblocks(SECRET, base_url=source, transport=transport) as client:
        result = await export_rooms_async(client, directory, resume=True)
    assert result.ok
    assert transport.rooms_fetched("/storage") == {"with space", "日本語の部屋"}
    assert transport.rooms_fetched("/ydoc-binary") == {"question?mark"}
    assert (result.rooms, result.skipped) == (6, 24)
    assert_same_export(full_export, directory)
    assert manifest(directory)["resumed"] == 1
    assert manifest(directory)["counts"]["rooms"] == 30


def test_resume_drops_a_line_cut_short(full_export: Path, source: str, tmp_path: Path) -> None:
    directory = copy(full_export, tmp_path)
    data = (directory / "rooms.ndjson").read_bytes()
    lines = data.splitlines(keepends=True)
    (directory / "rooms.ndjson").write_bytes(b"".join(lines[:10]) + lines[10][:25])
    (directory / "storage" / ".tmp-leftover").write_bytes(b"{")

    result = export_rooms(None, directory, secret=SECRET, base_url=source, resume=True)
    assert result.ok
    assert (result.rooms, result.skipped) == (20, 10)
    assert_same_export(full_export, directory)
    assert not (directory / "storage" / ".tmp-leftover").exists()


async def test_resume_without_index_never_duplicates_a_room(
    full_export: Path, source: str, tmp_path: Path
) -> None:
    directory = copy(full_export, tmp_path)
    (directory / "index.ndjson").unlink()
    (directory / "storage" / f"{_name('with space')}.json").unlink()
    transport = TestTransport()
    async with AsyncLiveblocks(SECRET, base_url=source, transport=transport) as client:
        result = await export_rooms_async(client, directory, resume=True)
    assert result.ok
    # Without the index no file is known to be complete: every room is fetched again.
    assert transport.rooms_fetched("/storage") == set(ROOM_IDS)
    assert transport.rooms_fetched("/ydoc-binary") == set(ROOM_IDS)
    assert_same_export(full_export, directory)  # checks that no room appears twice
    assert len((directory / "index.ndjson").read_bytes().splitlines()) == 30


async def test_failed_room_is_recorded_and_resumed(source: str, tmp_path: Path) -> None:
    bad = "hash#tag"
    directory = tmp_path / "export"

    def fail(request: Any) -> bool:
        return bool(unquote(request.path) == f"/v2/rooms/{bad}/storage")

    transport = TestTransport(fail=fail)
    async with AsyncLiveblocks(
        SECRET, base_url=source, transport=transport, max_retries=0
    ) as client:
        result = await export_rooms_async(client, directory)
    assert not result.ok
    assert result.status == "incomplete"
    assert [f.room_id for f in result.failures] == [bad]
    assert "APIConnectionError" in result.failures[0].reason
    assert "injected by the test" in result.failures[0].reason
    info = manifest(directory)
    assert info["status"] == "incomplete"
    assert info["failures"] == [
        {
            "roomId": bad,
            "reason": result.failures[0].reason,
            "request": f"GET /v2/rooms/{bad.replace('#', '%23')}/storage",
            "retryable": True,
        }
    ]
    assert info["counts"]["failed"] == 1
    assert info["counts"]["rooms"] == 29
    assert bad not in room_ids_in(directory)

    transport = TestTransport()
    async with AsyncLiveblocks(SECRET, base_url=source, transport=transport) as client:
        result = await export_rooms_async(client, directory, resume=True)
    assert result.ok
    assert (result.rooms, result.skipped) == (1, 29)
    assert transport.rooms_fetched("/storage") == {bad}
    assert transport.rooms_fetched("/ydoc-binary") == {bad}
    assert manifest(directory)["status"] == "complete"
    assert manifest(directory)["failures"] == []
    assert_holds_test_project(directory)


async def test_concurrency_is_bounded(source: str, tmp_path: Path) -> None:
    transport = TestTransport(delay=0.01)
    async with AsyncLiveblocks(SECRET, base_url=source, transport=transport) as client:
        result = await export_rooms_async(client, tmp_path / "e", concurrency=3)
    assert result.ok
    assert 1 < transport.max_in_flight <= 3


def test_shards_cover_every_room_once_and_merge(
    full_export: Path, source: str, tmp_path: Path
) -> None:
    parts = []
    for k in range(3):
        part = tmp_path / f"shard-{k}"
        assert export_rooms(None, part, secret=SECRET, base_url=source, shard=f"{k}/3").ok
        assert manifest(part)["shard"] == f"{k}/3"
        assert all(room_id in Shard(k, 3) for room_id in room_ids_in(part))
        parts.append(part)
    ids = [room_id for part in parts for room_id in room_ids_in(part)]
    assert sorted(ids) == sorted(ROOM_IDS)  # every room, exactly once
    assert all(room_ids_in(part) for part in parts)

    merged = merge_exports(parts, tmp_path / "merged")
    assert merged["counts"] == {"rooms": 30, "storage": 20, "yjs": 15, "files": 0, "failed": 0}
    assert merged["status"] == "complete"
    assert_same_export(full_export, tmp_path / "merged")


def test_shard_hash_is_stable() -> None:
    def expected(room_id: str, count: int) -> int:
        digest = hashlib.sha1(room_id.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % count

    for count in (1, 2, 5, 7):
        shards = [Shard(k, count) for k in range(count)]
        for room_id in ROOM_IDS:
            homes = [s.index for s in shards if room_id in s]
            assert homes == [expected(room_id, count)]
    assert Shard.parse("2/5") == Shard(2, 5) == Shard.of((2, 5)) == Shard.of("2/5")
    for text in ("3/3", "-1/2", "1", "a/b", "0/0"):
        with pytest.raises(ValueError, match="K/N"):
            Shard.parse(text)


def test_directory_errors(full_export: Path, source: str, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(ExportDirectoryError, match="not empty"):
        export_rooms(None, busy, secret=SECRET, base_url=source)
    with pytest.raises(ExportDirectoryError, match="not empty"):
        export_rooms(None, busy, secret=SECRET, base_url=source, resume=True)
    with pytest.raises(ExportDirectoryError, match="resume"):
        export_rooms(None, full_export, secret=SECRET, base_url=source)
    with pytest.raises(ExportDirectoryError, match="other options"):
        export_rooms(None, full_export, secret=SECRET, base_url=source, resume=True, shard="0/2")
    with pytest.raises(ExportDirectoryError, match="not a Liveblocks export"):
        import_rooms(None, busy, secret=SECRET, base_url=source)
    (busy / "manifest.json").write_text('{"hello": 1}')
    with pytest.raises(ExportDirectoryError, match="not the manifest"):
        import_rooms(None, busy, secret=SECRET, base_url=source)
    assert notes_untouched(busy)


def notes_untouched(directory: Path) -> bool:
    return (directory / "notes.txt").read_text() == "mine"


async def test_import_reports_a_bad_line(full_export: Path, tmp_path: Path) -> None:
    directory = copy(full_export, tmp_path)
    with (directory / "rooms.ndjson").open("ab") as file:
        file.write(b'{"id": "broken"}\n')
    server = DevServer.start()
    try:
        async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
            result = await import_rooms_async(client, directory, concurrency=4)
    finally:
        server.stop()
    assert result.status == "incomplete"
    assert result.rooms == 30
    assert [f.room_id for f in result.failures] == ["broken"]
    assert "Object missing required field" in result.failures[0].reason


BASE = "https://api.example.test"


async def test_threads_are_exported_as_the_api_sends_them(tmp_path: Path) -> None:
    threads = example("GetThreadsResponse")["data"]
    room = {
        "type": "room",
        "organizationId": "default",
        "createdAt": "2024-01-01T00:00:00.000Z",
        "defaultAccesses": [],
        "usersAccesses": {},
        "groupsAccesses": {},
        "metadata": {},
    }
    with api_mock() as mock:
        mock.get(
            re.compile(rf"^{BASE}/v2/rooms\?"),
            payload={"nextCursor": None, "data": [{**room, "id": "r1"}, {**room, "id": "r2"}]},
        )
        for room_id, data in (("r1", threads), ("r2", [])):
            mock.get(
                f"{BASE}/v2/rooms/{room_id}/storage",
                payload={"liveblocksType": "LiveObject", "data": {}},
            )
            mock.get(f"{BASE}/v2/rooms/{room_id}/ydoc-binary", body=EMPTY_YJS_UPDATE)
            mock.get(f"{BASE}/v2/rooms/{room_id}/threads", payload={"data": data})
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            result = await export_rooms_async(client, tmp_path / "e", threads=True)
    assert result.ok
    assert result.threads == 1
    directory = tmp_path / "e"
    written = documents(directory, "threads")
    assert set(written) == {"r1"}  # no file for a room without threads
    assert [json.loads(line) for line in written["r1"].splitlines()] == threads
    assert documents(directory, "storage") == {} and documents(directory, "yjs") == {}
    assert manifest(directory)["threads"] is True
    assert manifest(directory)["counts"]["threads"] == 1


def _name(room_id: str) -> str:
    from liveblocks.export import file_name

    return file_name(room_id)


async def test_import_brings_an_existing_room_in_line(tmp_path: Path) -> None:
    """Keys the target has and the export has not are deleted (sent as null), and a room
    in another organization is moved (the dev server has neither)."""
    wanted = {
        "id": "r1",
        "type": "room",
        "organizationId": "org-y",
        "createdAt": "2024-01-01T00:00:00.000Z",
        "defaultAccesses": ["room:write"],
        "usersAccesses": {"alice": ["room:write"]},
        "groupsAccesses": {},
        "metadata": {"color": "blue"},
    }
    existing = {
        **wanted,
        "organizationId": "org-x",
        "usersAccesses": {"alice": ["room:read"], "bob": ["room:write"]},
        "metadata": {"color": "blue", "old": "yes"},
    }
    directory = tmp_path / "e"
    (directory / "storage").mkdir(parents=True)
    info = {"format": "liveblocks-export", "status": "complete"}
    (directory / "manifest.json").write_text(json.dumps(info))
    (directory / "rooms.ndjson").write_text(json.dumps(wanted) + "\n")
    sent: dict[str, Any] = {}

    def record(url: Any, **kwargs: Any) -> CallbackResult:
        sent[url.path] = json.loads(kwargs["data"])
        return CallbackResult(status=200, payload=wanted)

    with api_mock() as mock:
        mock.get(re.compile(rf"^{BASE}/v2/rooms\?"), payload={"nextCursor": None, "data": []})
        mock.post(f"{BASE}/v2/rooms?idempotent=true", payload=existing)
        mock.post(f"{BASE}/v2/rooms/r1", callback=record)
        mock.post(f"{BASE}/v2/rooms/r1/update-organization-id", callback=record)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            result = await import_rooms_async(client, directory)
    assert result.ok, result.failures
    assert sent == {
        "/v2/rooms/r1": {
            "usersAccesses": {"alice": ["room:write"], "bob": None},
            "metadata": {"old": None},
        },
        "/v2/rooms/r1/update-organization-id": {
            "fromOrganizationId": "org-x",
            "toOrganizationId": "org-y",
        },
    }


def test_an_export_of_format_1_is_still_imported(full_export: Path, tmp_path: Path) -> None:
    """Exports made before file names were case-safe named files with quote(id)."""
    from urllib.parse import quote

    old = tmp_path / "old"
    (old / "storage").mkdir(parents=True)
    (old / "yjs").mkdir()
    info = {**manifest(full_export), "formatVersion": 1}
    (old / "manifest.json").write_text(json.dumps(info))
    shutil.copy(full_export / "rooms.ndjson", old / "rooms.ndjson")
    for kind, ext in (("storage", ".json"), ("yjs", ".bin")):
        for room_id, data in documents(full_export, kind).items():
            (old / kind / f"{quote(room_id, safe='')}{ext}").write_bytes(data)
    server = DevServer.start()
    try:
        with Liveblocks(SECRET, base_url=server.url) as client:
            result = import_rooms(client, old)
            assert result.ok, result.failures
            assert (result.rooms, result.storage, result.yjs) == (30, 20, 15)
            assert client.rooms["UPPER-lower"].storage.get() == storage_document(
                INDEX["UPPER-lower"]
            )
    finally:
        server.stop()
    with pytest.raises(ExportDirectoryError, match="older version of this SDK"):
        source = str(manifest(full_export)["source"]["baseUrl"])
        export_rooms(None, old, secret=SECRET, base_url=source, resume=True)
