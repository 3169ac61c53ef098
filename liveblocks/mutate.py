"""Change the Storage of many rooms with one function: read each room's Storage as JSON,
ask the function for JSON Patch operations, apply them.

::

    def add_version(room, storage):
        if "version" in storage:
            return []                              # nothing to do: "unchanged"
        return [{"op": "add", "path": "/version", "value": 2}]

    report = mutate_storage(client, add_version, rooms='metadata["app"]:"editor"')
    for result in report.failed:
        print(result.room_id, result.reason)
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Union

from ._batch import (
    DEFAULT_CONCURRENCY,
    check_concurrency,
    failure_reason,
    for_each,
    run_sync,
)
from ._client import AsyncLiveblocks, Liveblocks
from ._models.rooms import Room
from ._models.storage import JsonPatchOperation
from .export._select import RoomFilter, list_rooms

__all__ = [
    "MutationReport",
    "MutationResult",
    "PatchFunction",
    "RoomFilter",
    "RoomSelection",
    "mutate_storage",
    "mutate_storage_async",
]

logger = logging.getLogger("liveblocks")

#: The user's function: given the room and its Storage as plain JSON, the JSON Patch
#: operations to apply (an empty list leaves the room unchanged). May be async.
PatchFunction = Callable[
    [Room, dict[str, Any]],
    Union[Iterable[JsonPatchOperation], Awaitable[Iterable[JsonPatchOperation]]],
]

#: Which rooms: ``None`` for all, a rooms query string, a :class:`RoomFilter`, or room ids.
RoomSelection = Union[str, RoomFilter, Iterable[str], None]


@dataclass(frozen=True)
class MutationResult:
    """What happened to one room: ``"patched"`` (``operations`` applied), ``"unchanged"``
    (the function returned no operations) or ``"failed"`` (``reason`` says why; nothing
    was applied if the function raised)."""

    room_id: str
    status: Literal["patched", "unchanged", "failed"]
    operations: int = 0
    reason: str | None = None


@dataclass
class MutationReport:
    """Every room's result, in the order the rooms finished."""

    results: list[MutationResult] = field(default_factory=list)

    def _with(self, status: str) -> list[MutationResult]:
        return [r for r in self.results if r.status == status]

    @property
    def patched(self) -> list[MutationResult]:
        return self._with("patched")

    @property
    def unchanged(self) -> list[MutationResult]:
        return self._with("unchanged")

    @property
    def failed(self) -> list[MutationResult]:
        return self._with("failed")

    @property
    def ok(self) -> bool:
        """True when no room failed."""
        return not any(r.status == "failed" for r in self.results)


async def _ids(room_ids: Iterable[str]) -> AsyncIterator[str]:
    for room_id in room_ids:
        yield room_id


def _room_source(
    client: AsyncLiveblocks, rooms: RoomSelection
) -> AsyncIterator[Room] | AsyncIterator[str]:
    if rooms is None:
        return list_rooms(client, RoomFilter())
    if isinstance(rooms, str):
        return list_rooms(client, RoomFilter(query=rooms))
    if isinstance(rooms, RoomFilter):
        return list_rooms(client, rooms)
    return _ids(rooms)


async def _operations(
    fn: PatchFunction, room: Room, storage: dict[str, Any]
) -> list[JsonPatchOperation]:
    answer = fn(room, storage)
    if inspect.isawaitable(answer):
        answer = await answer
    return list(answer or ())


async def mutate_storage_async(
    client: AsyncLiveblocks,
    fn: PatchFunction,
    *,
    rooms: RoomSelection = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_result: Callable[[MutationResult], None] | None = None,
) -> MutationReport:
    """For every room of ``rooms``, at most ``concurrency`` at a time: read its Storage as
    JSON, call ``fn(room, storage)``, and apply the JSON Patch operations it returns.

    A room for which ``fn`` raises gets no request beyond the read; its error, and any
    failure to read or patch, is reported in its :class:`MutationResult` and the other
    rooms go on. Each room's patch is applied all or nothing by the API. Rooms given by id
    are read with one more request each (``fn`` receives the :class:`Room`).
    """
    check_concurrency(concurrency)
    report = MutationReport()

    def record(result: MutationResult) -> None:
        report.results.append(result)
        if result.status == "failed":
            logger.debug("storage mutation of room %r failed: %s", result.room_id, result.reason)
        if on_result is not None:
            on_result(result)

    async def mutate(item: Room | str) -> None:
        room_id = item if isinstance(item, str) else item.id
        try:
            room = await client.rooms[room_id].get() if isinstance(item, str) else item
            storage: Mapping[str, Any] = await client.rooms[room_id].storage.get(format="json")
        except Exception as exc:
            record(MutationResult(room_id, "failed", reason=f"reading: {failure_reason(exc)}"))
            return
        try:
            operations = await _operations(fn, room, dict(storage))
        except Exception as exc:
            reason = f"the function raised {failure_reason(exc)}"
            record(MutationResult(room_id, "failed", reason=reason))
            return
        if not operations:
            record(MutationResult(room_id, "unchanged"))
            return
        try:
            await client.rooms[room_id].storage.patch(operations)
        except Exception as exc:
            reason = f"patching: {failure_reason(exc)}"
            record(MutationResult(room_id, "failed", len(operations), reason))
            return
        record(MutationResult(room_id, "patched", len(operations)))

    source: AsyncIterator[Any] = _room_source(client, rooms)
    await for_each(source, mutate, concurrency)
    return report


def mutate_storage(
    client: Liveblocks | None,
    fn: PatchFunction,
    *,
    rooms: RoomSelection = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_result: Callable[[MutationResult], None] | None = None,
    secret: str | None = None,
    base_url: str | None = None,
) -> MutationReport:
    """:func:`mutate_storage_async` from sync code, in ``asyncio.run``: on ``client`` (its
    settings and transport, requests sent from ``concurrency`` threads) or on a new client
    made from ``secret`` and ``base_url``. ``fn`` runs in the calling thread's event loop."""

    return run_sync(
        client,
        lambda aclient: mutate_storage_async(
            aclient, fn, rooms=rooms, concurrency=concurrency, on_result=on_result
        ),
        secret=secret,
        base_url=base_url,
        concurrency=concurrency,
        what="mutate_storage",
    )
