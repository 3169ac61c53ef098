"""A whole project exported to object storage (a real S3 server, and ``memory://``) and
imported back into another dev server: the same files as the same export on disk, every
room equal through the API; a resumed export fetches only what the bucket lacks; what the
bucket lacks or holds damaged is refused as on disk."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fsspec
import pytest

from liveblocks.export import (
    DamagedExportError,
    ExportResult,
    ImportResult,
    export_rooms_async,
    file_name,
    import_rooms_async,
)
from tests.devserver_process import DevServer
from tests.export_helpers import TestTransport, room_ids_in, started
from tests.fakes.comments_fake import CommentsFake
from tests.fakes.s3server import S3Server
from tests.rich_project import RICH_IDS, fake_client, fill_rich, snapshot

from .objects import disk_files, log_lines, object_files, object_manifest, part_keys, store


@pytest.fixture(scope="module")
def servers() -> Iterator[list[DevServer]]:
    yield from started(2)


@pytest.fixture(scope="module")
def source(servers: list[DevServer]) -> tuple[str, CommentsFake]:
    async def fill() -> CommentsFake:
        client, fake = fake_client(servers[0].url)
        async with client:
            await fill_rich(client, fake)
        return fake

    return servers[0].url, asyncio.run(fill())


def export(url: str, fake: CommentsFake, destination: Any, **options: Any) -> ExportResult:
    async def run() -> ExportResult:
        client, _ = fake_client(url)
        client._requester.transport = fake  # the source's threads
        async with client:
            return await export_rooms_async(client, destination, threads=True, **options)

    return asyncio.run(run())


def import_into(url: str, fake: CommentsFake, destination: Any, **options: Any) -> ImportResult:
    async def run() -> ImportResult:
        client, _ = fake_client(url)
        client._requester.transport = fake
        async with client:
            return await import_rooms_async(client, destination, concurrency=4, **options)

    return asyncio.run(run())


def take_snapshot(url: str, fake: CommentsFake) -> dict[str, Any]:
    async def run() -> dict[str, Any]:
        client, _ = fake_client(url)
        client._requester.transport = fake
        async with client:
            return await snapshot(client, fake)

    return asyncio.run(run())


@pytest.fixture(scope="module")
def on_disk(source: tuple[str, CommentsFake], tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("disk") / "export"
    result = export(*source, directory)
    assert result.ok, result.failures
    return directory


def same_as_on_disk(url: str, directory: Path) -> None:
    """The export at ``url`` holds the same documents, files and lines as ``directory``."""
    assert object_files(url) == disk_files(directory) | {}  # keys and bytes
    rooms = log_lines(url, "rooms")
    assert sorted(r["id"] for r in rooms) == sorted(room_ids_in(directory))
    on_disk = [json.loads(line) for line in (directory / "rooms.ndjson").read_bytes().splitlines()]
    assert sorted(rooms, key=lambda r: r["id"]) == sorted(on_disk, key=lambda r: r["id"])
    index = {e["id"]: e for e in log_lines(url, "index")}
    disk_index = {
        e["id"]: e for e in map(json.loads, (directory / "index.ndjson").read_bytes().splitlines())
    }
    assert index == disk_index
    manifest = object_manifest(url)
    disk_manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    assert manifest["counts"] == disk_manifest["counts"]


@pytest.fixture(params=["s3", "memory"])
def destination(request: pytest.FixtureRequest) -> str:
    if request.param == "memory":
        return f"memory://exports/{request.node.name.replace('[', '-').rstrip(']')}"
    s3: S3Server = request.getfixturevalue("s3")
    bucket: str = request.getfixturevalue("bucket")
    assert s3.url
    return f"s3://{bucket}/exports/full"


def test_export_to_object_storage_then_import(
    servers: list[DevServer],
    source: tuple[str, CommentsFake],
    on_disk: Path,
    destination: str,
) -> None:
    result = export(*source, destination)
    assert result.ok, result.failures
    assert result.rooms == len(RICH_IDS)
    same_as_on_disk(destination, on_disk)
    fs, root = store(destination)
    assert not fs.exists(f"{root}/.liveblocks-lock.json")  # released at the end

    target = CommentsFake(source[1].inner.__class__())
    imported = import_into(servers[1].url, target, destination)
    assert imported.ok, imported.failures
    assert imported.export_status == "complete"
    assert take_snapshot(servers[1].url, target) == take_snapshot(*source)


def test_resume_fetches_only_what_the_bucket_lacks(
    source: tuple[str, CommentsFake], on_disk: Path, s3: S3Server, bucket: str
) -> None:
    url = f"s3://{bucket}/resumed"
    assert export(*source, url).ok
    fs, root = store(url)
    room_id = RICH_IDS[3]  # a room with files and no threads
    lost = sorted(fs.ls(f"{root}/files/{file_name(room_id)}", detail=False))[0]
    fs.rm_file(lost)
    parts = part_keys(url, "rooms")

    recorder = TestTransport()
    url_source, fake = source
    fake_inner, fake.inner = fake.inner, recorder
    try:
        result = export(url_source, fake, url, resume=True)
    finally:
        fake.inner = fake_inner
    assert result.ok, result.failures
    assert (result.rooms, result.skipped) == (1, len(RICH_IDS) - 1)
    assert recorder.rooms_fetched("/storage") == {room_id}
    assert part_keys(url, "rooms") == parts  # no room listed again
    same_as_on_disk(url, on_disk)
    assert object_manifest(url)["resumed"] == 1


def test_what_the_bucket_lacks_or_holds_damaged_is_refused(
    servers: list[DevServer], source: tuple[str, CommentsFake], s3: S3Server, bucket: str
) -> None:
    url = f"s3://{bucket}/damaged"
    assert export(*source, url).ok
    fs, root = store(url)
    room_id = RICH_IDS[0]
    storage = f"{root}/storage/{file_name(room_id)}.json"
    fs.rm_file(storage)
    target = CommentsFake(source[1].inner.__class__())
    result = import_into(servers[1].url, target, url)
    assert [f.room_id for f in result.failures] == [room_id]
    reason = result.failures[0].reason
    assert f"{url}/storage/{file_name(room_id)}.json is missing" in reason
    assert "index.ndjson says the room has it" in reason

    # A last part cut short is an interrupted export: refused before any room...
    last = part_keys(url, "rooms")[-1]
    whole = bytes(fs.cat_file(last))
    fs.pipe_file(last, whole + b'{"id": "cut')
    with pytest.raises(DamagedExportError, match="ends with a line cut short"):
        import_into(servers[1].url, target, url)
    # ... which a resume repairs (and completes the missing document).
    resumed = export(*source, url, resume=True)
    assert resumed.ok, resumed.failures
    assert bytes(fs.cat_file(last)) == whole
    assert fs.exists(storage)
    # A damaged line is named.
    index_part = part_keys(url, "index")[0]
    fs.pipe_file(index_part, b"not json\n" + bytes(fs.cat_file(index_part)))
    with pytest.raises(DamagedExportError, match=r"index.ndjson, line 1, cannot be read"):
        import_into(servers[1].url, target, url)


def test_storage_options_reach_the_store(
    source: tuple[str, CommentsFake], s3: S3Server, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the endpoint in the environment, the option alone leads to the server.
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    fsspec.config.conf.clear()
    url = f"s3://{bucket}/with-options"
    result = export(*source, url, storage_options={"endpoint_url": s3.url})
    assert result.ok, result.failures
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3.url)
    assert sorted(r["id"] for r in log_lines(url, "rooms")) == sorted(RICH_IDS)
