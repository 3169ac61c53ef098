"""mass_patch_storage / mass_patch_storage_async against a fake API (the dev server has no JSON
Patch endpoint): per-room results, nothing applied when the function raises, bounded
concurrency, the ways of choosing rooms, and the sync form on a sync client's transport."""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import warnings
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import responses

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks._batch import for_each
from liveblocks.models import Room
from liveblocks.mutate import (
    MutationResult,
    RoomFilter,
    mass_patch_storage,
    mass_patch_storage_async,
    mutate_storage,
    mutate_storage_async,
)
from tests.fakes.aiomock import CallbackResult, MockAPI, api_mock

BASE = "https://api.liveblocks.test"
SECRET = "sk_test"
URL = re.compile(r"https://api\.liveblocks\.test/v2/rooms.*")


def room_json(room_id: str) -> dict[str, Any]:
    return {
        "type": "room",
        "id": room_id,
        "organizationId": "default",
        "createdAt": "2024-01-01T00:00:00.000Z",
        "defaultAccesses": ["room:write"],
        "usersAccesses": {},
        "groupsAccesses": {},
        "metadata": {"n": room_id},
    }


class FakeProject:
    """Rooms with JSON Storage; records patches, list queries and concurrency."""

    def __init__(self, storage: dict[str, dict[str, Any]], delay: float = 0.0) -> None:
        self.storage = storage
        self.delay = delay
        self.failing_patch: set[str] = set()
        self.missing: set[str] = set()
        self.patches: dict[str, list[Any]] = {}
        self.list_queries: list[dict[str, str]] = []
        self.room_gets: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0

    def answer(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any]:
        parts = [unquote(p) for p in path.split("/")[3:]]  # after /v2/rooms
        if not parts:
            self.list_queries.append(query)
            return 200, {"nextCursor": None, "data": [room_json(r) for r in self.storage]}
        room_id, rest = parts[0], parts[1:]
        if room_id in self.missing or room_id not in self.storage:
            return 404, {"error": "ROOM_NOT_FOUND", "message": f"Room {room_id} not found"}
        if not rest:
            self.room_gets.append(room_id)
            return 200, room_json(room_id)
        if rest == ["storage"] and method == "GET":
            assert query == {"format": "json"}
            return 200, self.storage[room_id]
        if rest == ["storage", "json-patch"] and method == "PATCH":
            self.patches[room_id] = json.loads(body)
            if room_id in self.failing_patch:
                return 500, {"error": "INTERNAL", "message": "patch failed"}
            return 200, None
        return 501, {"error": "Not implemented"}

    def mount_async(self, mock: MockAPI) -> None:
        def handler(method: str) -> Any:
            async def callback(url: Any, **kwargs: Any) -> CallbackResult:
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    await asyncio.sleep(self.delay)
                    status, payload = self.answer(
                        method, url.raw_path, dict(url.query), kwargs.get("data")
                    )
                finally:
                    self.in_flight -= 1
                return CallbackResult(
                    status=status, body="" if payload is None else json.dumps(payload)
                )

            return callback

        mock.get(URL, callback=handler("GET"), repeat=True)
        mock.patch(URL, callback=handler("PATCH"), repeat=True)

    def mount_sync(self, mock: responses.RequestsMock) -> None:
        def callback(request: Any) -> tuple[int, dict[str, str], str]:
            url = urlsplit(request.url)
            status, payload = self.answer(
                request.method, url.path, dict(parse_qsl(url.query)), request.body
            )
            return status, {}, "" if payload is None else json.dumps(payload)

        mock.add_callback("GET", URL, callback=callback)
        mock.add_callback("PATCH", URL, callback=callback)


def five_rooms() -> FakeProject:
    return FakeProject({f"r{i}": {"n": i, "items": [i]} for i in range(1, 6)})


def edit(room: Room, storage: dict[str, Any]) -> list[dict[str, Any]]:
    """r1: one replace; r2: nothing; r3: raises; r4: an op the server refuses (500)."""
    if room.id == "r2":
        return []
    if room.id == "r3":
        raise KeyError("no such key")
    return [{"op": "replace", "path": "/n", "value": storage["n"] * 10}]


def by_room(results: list[MutationResult]) -> dict[str, MutationResult]:
    return {r.room_id: r for r in results}


async def test_results_per_room() -> None:
    fake = five_rooms()
    fake.failing_patch.add("r4")
    fake.missing.add("r5")  # listed, but its Storage cannot be read
    seen: list[tuple[str, dict[str, Any]]] = []

    def fn(room: Room, storage: dict[str, Any]) -> list[dict[str, Any]]:
        seen.append((room.id, storage))
        return edit(room, storage)

    reported: list[MutationResult] = []
    with api_mock() as mock:
        fake.mount_async(mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            report = await mass_patch_storage_async(client, fn, on_result=reported.append)

    results = by_room(report.results)
    assert results["r1"] == MutationResult("r1", "patched", operations=1)
    assert results["r2"] == MutationResult("r2", "unchanged")
    assert results["r3"].status == "failed"
    assert results["r3"].reason == "the function raised KeyError: 'no such key'"
    assert results["r4"].status == "failed"
    assert results["r4"].reason is not None
    assert results["r4"].reason.startswith("patching: InternalServerError: 500 INTERNAL")
    assert results["r5"].status == "failed"
    assert results["r5"].reason is not None
    assert results["r5"].reason.startswith("reading: NotFoundError: 404 ROOM_NOT_FOUND")
    # Nothing is sent for the room whose function raised (nor for the unchanged one).
    assert fake.patches == {
        "r1": [{"op": "replace", "path": "/n", "value": 10}],
        "r4": [{"op": "replace", "path": "/n", "value": 40}],
    }
    assert dict(seen)["r1"] == {"n": 1, "items": [1]}
    assert sorted(r.room_id for r in reported) == ["r1", "r2", "r3", "r4", "r5"]
    assert [r.room_id for r in report.patched] == ["r1"]
    assert [r.room_id for r in report.unchanged] == ["r2"]
    assert sorted(r.room_id for r in report.failed) == ["r3", "r4", "r5"]
    assert not report.ok


async def test_invalid_operations_are_not_sent() -> None:
    fake = five_rooms()

    def fn(room: Room, storage: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"op": "bogus", "path": "/n"}]

    with api_mock() as mock:
        fake.mount_async(mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            report = await mass_patch_storage_async(client, fn, rooms=["r1"])
    [result] = report.results
    assert result.status == "failed"
    assert result.reason is not None and "not a JSON Patch operation" in result.reason
    assert fake.patches == {}


async def test_async_function_and_rooms_by_id() -> None:
    fake = five_rooms()

    async def fn(room: Room, storage: dict[str, Any]) -> list[dict[str, Any]]:
        await asyncio.sleep(0)
        return [{"op": "add", "path": "/seen", "value": room.metadata["n"]}]

    with api_mock() as mock:
        fake.mount_async(mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            report = await mass_patch_storage_async(client, fn, rooms=["r2", "r4", "nope"])
    results = by_room(report.results)
    assert results["r2"].status == results["r4"].status == "patched"
    assert results["nope"].status == "failed"
    assert fake.patches["r4"] == [{"op": "add", "path": "/seen", "value": "r4"}]
    assert fake.list_queries == []  # ids given: the room list is not read
    assert sorted(fake.room_gets) == ["r2", "r4"]


async def test_rooms_by_query_and_filter() -> None:
    fake = five_rooms()
    with api_mock() as mock:
        fake.mount_async(mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            await mass_patch_storage_async(client, edit, rooms='metadata["n"]:"r1"')
            await mass_patch_storage_async(
                client, edit, rooms=RoomFilter.of(user_id="u1", group_ids="g1,g2")
            )
    assert fake.list_queries == [
        {"limit": "100", "query": 'metadata["n"]:"r1"'},
        {"limit": "100", "userId": "u1", "groupIds": "g1,g2"},
    ]


async def test_concurrency_is_bounded() -> None:
    fake = FakeProject({f"room-{i}": {"n": i} for i in range(20)}, delay=0.01)
    with api_mock() as mock:
        fake.mount_async(mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            report = await mass_patch_storage_async(client, edit, concurrency=4)
    assert len(report.patched) == 20
    assert 1 < fake.max_in_flight <= 4


def test_sync_on_a_sync_client() -> None:
    fake = five_rooms()
    fake.failing_patch.add("r4")
    with responses.RequestsMock() as mock, Liveblocks(SECRET, base_url=BASE) as client:
        fake.mount_sync(mock)
        report = mass_patch_storage(client, edit, concurrency=3)
    results = by_room(report.results)
    assert {r: results[r].status for r in results} == {
        "r1": "patched",
        "r2": "unchanged",
        "r3": "failed",
        "r4": "failed",
        "r5": "patched",
    }
    assert set(fake.patches) == {"r1", "r4", "r5"}


def test_sync_from_settings() -> None:
    fake = five_rooms()
    with api_mock() as mock:
        fake.mount_async(mock)
        report = mass_patch_storage(None, edit, rooms=["r1", "r2"], secret=SECRET, base_url=BASE)
    assert sorted((r.room_id, r.status) for r in report.results) == [
        ("r1", "patched"),
        ("r2", "unchanged"),
    ]


async def test_sync_form_refuses_to_run_inside_an_event_loop() -> None:
    with pytest.raises(RuntimeError, match="mass_patch_storage_async"):
        mass_patch_storage(None, edit, secret=SECRET, base_url=BASE)


def test_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="concurrency"):
        mass_patch_storage(None, edit, concurrency=0, secret=SECRET, base_url=BASE)
    with Liveblocks(SECRET, base_url=BASE) as client, pytest.raises(TypeError, match="either"):
        mass_patch_storage(client, edit, secret=SECRET)


def test_the_former_sync_name_warns_and_runs_the_json_patch_job() -> None:
    fake = five_rooms()
    with api_mock() as mock:
        fake.mount_async(mock)
        with pytest.warns(DeprecationWarning) as caught:
            report = mutate_storage(None, edit, rooms=["r1", "r2"], secret=SECRET, base_url=BASE)
    [warning] = caught.list
    assert str(warning.message).startswith(
        "liveblocks.mutate.mutate_storage is deprecated: it is "
        "liveblocks.mutate.mass_patch_storage now"
    )
    assert warning.filename == __file__  # the caller's line, not the alias's
    assert sorted((r.room_id, r.status) for r in report.results) == [
        ("r1", "patched"),
        ("r2", "unchanged"),
    ]
    assert fake.patches == {"r1": [{"op": "replace", "path": "/n", "value": 10}]}
    assert mutate_storage.__name__ == "mutate_storage"


async def test_the_former_async_name_warns_and_runs_the_json_patch_job() -> None:
    fake = five_rooms()
    assert inspect.iscoroutinefunction(mutate_storage_async)
    with api_mock() as mock:
        fake.mount_async(mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            with pytest.warns(DeprecationWarning) as caught:
                report = await mutate_storage_async(client, edit, rooms=["r1"])
    [warning] = caught.list
    assert str(warning.message).startswith(
        "liveblocks.mutate.mutate_storage_async is deprecated: it is "
        "liveblocks.mutate.mass_patch_storage_async now"
    )
    assert warning.filename == __file__
    assert report.results == [MutationResult("r1", "patched", operations=1)]


def test_the_new_names_do_not_warn() -> None:
    fake = five_rooms()
    with api_mock() as mock, warnings.catch_warnings():
        warnings.simplefilter("error")
        fake.mount_async(mock)
        report = mass_patch_storage(None, edit, rooms=["r2"], secret=SECRET, base_url=BASE)
    assert report.results == [MutationResult("r2", "unchanged")]


async def test_for_each_never_reads_ahead() -> None:
    pulled = 0
    finished = 0
    ahead: list[int] = []

    async def items() -> AsyncIterator[int]:
        nonlocal pulled
        for i in range(30):
            pulled += 1
            ahead.append(pulled - finished)
            yield i

    async def worker(item: int) -> None:
        nonlocal finished
        await asyncio.sleep(0.001 * (item % 3))
        finished += 1

    await for_each(items(), worker, 5)
    assert finished == 30
    assert max(ahead) == 5  # never more items taken than workers running


async def test_for_each_stops_on_an_unexpected_error() -> None:
    started: list[int] = []

    async def items() -> AsyncIterator[int]:
        for i in range(100):
            yield i

    async def worker(item: int) -> None:
        started.append(item)
        if item == 3:
            raise RuntimeError("boom")
        await asyncio.sleep(0.01)

    with pytest.raises(RuntimeError, match="boom"):
        await for_each(items(), worker, 4)
    assert len(started) < 100
