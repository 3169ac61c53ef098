"""A whole project moved between dev servers: rooms with 128-character non-ASCII ids and
ids that differ only in case, Storage with the files it refers to (one sent in parts and
streamed to disk), Yjs documents, and threads with attachments (in a stateful fake of the
comment endpoints, which the dev server does not implement) exported, also as shards then
merged, and imported; every room is then equal through the API."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from liveblocks.export import (
    ExportResult,
    ImportResult,
    export_rooms_async,
    file_name,
    import_rooms_async,
    merge_exports,
)
from liveblocks.transports.aiohttp_transport import AiohttpTransport
from tests.devserver_process import DevServer
from tests.export_helpers import (
    TestTransport,
    blobs,
    documents,
    index_lines,
    manifest,
    room_ids_in,
    started,
)
from tests.fakes.comments_fake import CommentsFake
from tests.rich_project import (
    LARGE,
    RICH_IDS,
    fake_client,
    file_bytes,
    fill_rich,
    has_files,
    has_threads,
    snapshot,
)

THREADED = {r for i, r in enumerate(RICH_IDS) if has_threads(i)}
WITH_FILES = {r for i, r in enumerate(RICH_IDS) if has_files(i)}


@pytest.fixture(scope="module")
def servers() -> Iterator[list[DevServer]]:
    yield from started(3)


@pytest.fixture(scope="module")
def source(servers: list[DevServer]) -> tuple[str, CommentsFake]:
    async def fill() -> CommentsFake:
        client, fake = fake_client(servers[0].url)
        async with client:
            await fill_rich(client, fake)
        return fake

    return servers[0].url, asyncio.run(fill())


def export(url: str, fake: CommentsFake, directory: Path, **options: Any) -> ExportResult:
    async def run() -> ExportResult:
        client, _ = fake_client(url)
        client._requester.transport = fake  # the source's threads
        async with client:
            return await export_rooms_async(client, directory, threads=True, **options)

    return asyncio.run(run())


def import_into(url: str, fake: CommentsFake, directory: Path, **options: Any) -> ImportResult:
    async def run() -> ImportResult:
        client, _ = fake_client(url)
        client._requester.transport = fake
        async with client:
            return await import_rooms_async(client, directory, concurrency=4, **options)

    return asyncio.run(run())


def take_snapshot(url: str, fake: CommentsFake) -> dict[str, Any]:
    async def run() -> dict[str, Any]:
        client, _ = fake_client(url)
        client._requester.transport = fake
        async with client:
            return await snapshot(client, fake)

    return asyncio.run(run())


@pytest.fixture(scope="module")
def full(source: tuple[str, CommentsFake], tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("rich") / "export"
    result = export(*source, directory)
    assert result.ok, result.failures
    return directory


def test_the_export_holds_every_room_file_and_thread(
    source: tuple[str, CommentsFake], full: Path
) -> None:
    assert sorted(room_ids_in(full)) == sorted(RICH_IDS)
    index = index_lines(full)
    names = [index[r]["file"] for r in RICH_IDS]
    assert names == [file_name(r) for r in RICH_IDS]
    # Every name fits any file system and no two collide, even where case is ignored.
    assert all(n.isascii() and len(n) <= 100 for n in names)
    assert len({n.casefold() for n in names}) == len(RICH_IDS)
    assert set(documents(full, "storage")) == set(RICH_IDS)
    assert set(documents(full, "threads")) == THREADED
    files = blobs(full, "files")
    assert {room for room, _ in files} == WITH_FILES
    assert sorted(len(data) for (room, _), data in files.items() if room == RICH_IDS[0]) == sorted(
        [len(file_bytes(0, 0)), len(file_bytes(0, 1)), LARGE]
    )
    _, fake = source
    attachments = blobs(full, "attachments")
    assert len(attachments) == 2 * len(THREADED)
    for (room_id, attachment_id), data in attachments.items():
        assert fake.room(room_id).attachments[attachment_id][1] == data
    for room_id in WITH_FILES:
        assert index[room_id]["files"] == (3 if room_id == RICH_IDS[0] else 2)
    info = manifest(full)
    assert info["counts"] == {
        "rooms": len(RICH_IDS),
        "storage": len(RICH_IDS),
        "yjs": sum(1 for i in range(len(RICH_IDS)) if i % 4 != 3),
        "threads": len(THREADED),
        "files": 2 * len(WITH_FILES) + 1,
        "attachments": 2 * len(THREADED),
        "failed": 0,
    }
    threads = documents(full, "threads")[RICH_IDS[0]]
    assert [json.loads(line)["id"] for line in threads.splitlines()] == ["th_src0a", "th_src0b"]


def test_import_makes_every_room_equal_through_the_api(
    servers: list[DevServer], source: tuple[str, CommentsFake], full: Path, tmp_path: Path
) -> None:
    target = CommentsFake(source[1].inner.__class__())
    id_map = tmp_path / "ids.ndjson"
    result = import_into(servers[1].url, target, full, id_map=id_map)
    assert result.ok, result.failures
    assert result.storage == len(RICH_IDS)
    assert result.files == 2 * len(WITH_FILES) + 1
    carried = result.carried
    assert (carried.threads, carried.comments) == (2 * len(THREADED), 3 * len(THREADED))
    assert carried.reactions == 2 * len(THREADED)
    assert carried.attachments == 2 * len(THREADED)
    assert carried.not_carried == {
        "thread ids (the API assigns new ones)": 2 * len(THREADED),
        "comment ids (the API assigns new ones)": 3 * len(THREADED),
        "deleted comments (the API keeps no way to recreate one)": len(THREADED),
        "who resolved a thread (recorded as its first comment's author)": len(THREADED),
        "threads' updatedAt (set by the API)": 2 * len(THREADED),
    }
    lines = [json.loads(line) for line in id_map.read_text().splitlines()]
    assert len(lines) == 5 * len(THREADED)
    first = {(e["roomId"], e["exported"]): e for e in lines}[(RICH_IDS[0], "th_src0a")]
    assert first["kind"] == "thread"
    assert target.room(RICH_IDS[0]).threads[first["imported"]]["resolved"] is True

    expected = take_snapshot(*source)
    assert take_snapshot(servers[1].url, target) == expected

    # Again: nothing is duplicated, nothing changes.
    handled = len(target.handled)
    again = import_into(servers[1].url, target, full)
    assert again.ok, again.failures
    assert (again.carried.threads, again.carried.comments, again.carried.reactions) == (0, 0, 0)
    posts = [h for h in target.handled[handled:] if h[0] != "GET"]
    assert posts == []
    assert take_snapshot(servers[1].url, target) == expected


def test_shards_merged_then_imported(
    servers: list[DevServer], source: tuple[str, CommentsFake], full: Path, tmp_path: Path
) -> None:
    parts = []
    for k in range(3):
        part = tmp_path / f"part-{k}"
        assert export(*source, part, shard=f"{k}/3").ok
        parts.append(part)
    merged_manifest = merge_exports(parts, tmp_path / "merged")
    assert merged_manifest["status"] == "complete"
    assert merged_manifest["missingShards"] == []
    merged = tmp_path / "merged"
    assert sorted(room_ids_in(merged)) == sorted(RICH_IDS)
    for kind in ("storage", "threads"):
        assert documents(merged, kind) == documents(full, kind)
    for kind in ("files", "attachments"):
        assert blobs(merged, kind) == blobs(full, kind)
    assert merged_manifest["counts"] == manifest(full)["counts"]

    target = CommentsFake(source[1].inner.__class__())
    result = import_into(servers[2].url, target, merged)
    assert result.ok, result.failures
    assert take_snapshot(servers[2].url, target) == take_snapshot(*source)


def test_resume_fetches_a_missing_file_again(
    source: tuple[str, CommentsFake], full: Path, tmp_path: Path
) -> None:
    directory = Path(shutil.copytree(full, tmp_path / "copy"))
    room_id = RICH_IDS[3]  # a room with files and no threads
    folder = directory / "files" / file_name(room_id)
    lost = sorted(folder.iterdir())[0]
    lost.unlink()
    url, fake = source
    recorder = TestTransport()
    fake_inner, fake.inner = fake.inner, recorder
    try:
        result = export(url, fake, directory, resume=True)
    finally:
        fake.inner = fake_inner
    assert result.ok, result.failures
    assert (result.rooms, result.skipped) == (1, len(RICH_IDS) - 1)
    assert recorder.rooms_fetched("/storage") == {room_id}
    assert lost.exists()
    assert blobs(directory, "files") == blobs(full, "files")
    assert index_lines(directory) == index_lines(full)


def test_a_file_that_cannot_be_downloaded_fails_its_room(
    source: tuple[str, CommentsFake], tmp_path: Path
) -> None:
    url, fake = source
    room_id = RICH_IDS[0]

    def missing(request: Any) -> bool:
        return "/storage/files/" in request.path and unquote(request.path).startswith(
            f"/v2/rooms/{room_id}/"
        )

    recorder = TestTransport(fail=missing)
    fake_inner, fake.inner = fake.inner, recorder
    try:
        result = export(url, fake, tmp_path / "e", concurrency=4)
    finally:
        fake.inner = fake_inner
    assert [f.room_id for f in result.failures] == [room_id]
    failure = result.failures[0]
    assert failure.reason.startswith("Storage file fl_")
    assert "(notes-0.txt): APIConnectionError: Connection failed" in failure.reason
    assert failure.retryable
    assert failure.request is not None and "/storage/files/fl_" in failure.request
    assert room_id not in room_ids_in(tmp_path / "e")
    assert list((tmp_path / "e").rglob(".tmp-*")) == []
    assert {room for room, _ in blobs(tmp_path / "e", "files")} == WITH_FILES - {room_id}


def test_import_names_a_file_the_export_lacks(full: Path, tmp_path: Path) -> None:
    directory = Path(shutil.copytree(full, tmp_path / "copy"))
    room_id = RICH_IDS[3]
    for path in (directory / "files" / file_name(room_id)).iterdir():
        path.unlink()
    server = DevServer.start()
    try:
        result = import_into(server.url, CommentsFake(AiohttpTransport()), directory)
    finally:
        server.stop()
    assert [f.room_id for f in result.failures] == [room_id]
    assert "FileNotFoundError: Storage refers to file fl_" in result.failures[0].reason
    assert "which the export does not hold" in result.failures[0].reason
