"""Change the Storage of many rooms with one function, one of two ways:

- as Live structures (``mass_mutate_storage``, what ``client.mass_mutate_storage`` runs):
  the function edits each room's root :class:`~liveblocks.LiveObject`; the edits are sent
  as operations that merge with what users write meanwhile;
- as JSON Patch (``mutate_storage``): the function reads each room's Storage as JSON and
  returns JSON Patch operations, which the API applies all or nothing.

Both run on one engine: the rooms streamed from the room list (or given by id), a
bounded number at a time, each room's failure recorded with its reason while the others
go on, and one :class:`MutationReport`.

::

    def add_version(room, root):
        if "version" not in root:
            root["version"] = 2                    # no edit: the room is "unchanged"

    report = client.mass_mutate_storage(add_version, query='metadata["app"]:"editor"')
    for result in report.failed:
        print(result.room_id, result.reason)
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Union

from ._batch import (
    DEFAULT_CONCURRENCY,
    check_concurrency,
    failure_reason,
    for_each,
    is_retryable,
    run_sync,
)
from ._models.rooms import Room
from ._models.storage import JsonPatchOperation
from .client import AsyncLiveblocks, Liveblocks
from .export._select import RoomFilter, list_rooms
from .resources.storage import MutationProgress, mutation_steps

if TYPE_CHECKING:
    from .live.object import LiveObject

__all__ = [
    "MAX_CONCURRENCY",
    "LiveFunction",
    "MutationReport",
    "MutationResult",
    "PatchFunction",
    "RoomFilter",
    "RoomSelection",
    "mass_mutate_storage",
    "mass_mutate_storage_async",
    "mutate_storage",
    "mutate_storage_async",
]

#: The most rooms ``mass_mutate_storage`` handles at once (as ``@liveblocks/node``).
MAX_CONCURRENCY = 20

logger = logging.getLogger("liveblocks")

#: The user's function: given the room and its Storage as plain JSON, the JSON Patch
#: operations to apply (an empty list leaves the room unchanged). May be async.
PatchFunction = Callable[
    [Room, dict[str, Any]],
    Union[Iterable[JsonPatchOperation], Awaitable[Iterable[JsonPatchOperation]]],
]

#: The user's function for Live edits: given the room and its Storage's root, edits the
#: root in place (no edit leaves the room unchanged). May be async.
LiveFunction = Callable[[Room, "LiveObject"], Union[Awaitable[object], object]]

#: Which rooms: ``None`` for all, a rooms query string, a :class:`RoomFilter`, or room ids.
RoomSelection = Union[str, RoomFilter, Iterable[str], None]


@dataclass(frozen=True)
class MutationResult:
    """What happened to one room: ``"mutated"`` (Live edits: ``operations`` sent),
    ``"patched"`` (JSON Patch: ``operations`` applied), ``"unchanged"`` (the function
    made no edit, nothing was sent) or ``"failed"`` (``reason`` says why; nothing was
    sent if the function raised). ``retryable``: the failure is one that running again may
    get past as it is (no answer, a timeout, 429 or a server error), not one that would
    come back (the function raised, the server refused)."""

    room_id: str
    status: Literal["mutated", "patched", "unchanged", "failed"]
    operations: int = 0
    reason: str | None = None
    retryable: bool = False


@dataclass
class MutationReport:
    """Every room's result, in the order the rooms finished."""

    results: list[MutationResult] = field(default_factory=list)

    def _with(self, status: str) -> list[MutationResult]:
        return [r for r in self.results if r.status == status]

    @property
    def mutated(self) -> list[MutationResult]:
        """The rooms whose Storage was changed (by Live edits or by a JSON Patch)."""
        return [r for r in self.results if r.status in ("mutated", "patched")]

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
    if isinstance(answer, Awaitable):
        answer = await answer
    return list(answer or ())


RoomWork = Callable[[Union[Room, str]], Coroutine[Any, Any, MutationResult]]


async def _run(
    client: AsyncLiveblocks,
    rooms: RoomSelection,
    work: RoomWork,
    concurrency: int,
    on_result: Callable[[MutationResult], None] | None,
) -> MutationReport:
    """The engine: ``work`` on every room of ``rooms``, ``concurrency`` at a time; each
    room's result recorded as it finishes."""
    report = MutationReport()

    async def one(item: Room | str) -> None:
        result = await work(item)
        report.results.append(result)
        if result.status == "failed":
            logger.debug("storage mutation of room %r failed: %s", result.room_id, result.reason)
        if on_result is not None:
            on_result(result)

    source: AsyncIterator[Any] = _room_source(client, rooms)
    await for_each(source, one, concurrency)
    return report


async def _room_of(client: AsyncLiveblocks, item: Room | str) -> Room:
    return await client.rooms[item].get() if isinstance(item, str) else item


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

    async def patch(item: Room | str) -> MutationResult:
        room_id = item if isinstance(item, str) else item.id
        try:
            room = await _room_of(client, item)
            storage: Mapping[str, Any] = await client.rooms[room_id].storage.get(format="json")
        except Exception as exc:
            reason = f"reading: {failure_reason(exc)}"
            return MutationResult(room_id, "failed", reason=reason, retryable=is_retryable(exc))
        try:
            operations = await _operations(fn, room, dict(storage))
        except Exception as exc:
            reason = f"the function raised {failure_reason(exc)}"
            return MutationResult(room_id, "failed", reason=reason)
        if not operations:
            return MutationResult(room_id, "unchanged")
        try:
            await client.rooms[room_id].storage.patch(operations)
        except Exception as exc:
            reason = f"patching: {failure_reason(exc)}"
            return MutationResult(room_id, "failed", len(operations), reason, is_retryable(exc))
        return MutationResult(room_id, "patched", len(operations))

    return await _run(client, rooms, patch, concurrency, on_result)


def check_mass_concurrency(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CONCURRENCY:
        raise ValueError(f"concurrency should be between 1 and {MAX_CONCURRENCY}, got {value!r}")
    return value


async def mass_mutate_storage_async(
    client: AsyncLiveblocks,
    fn: LiveFunction,
    *,
    rooms: RoomSelection = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_result: Callable[[MutationResult], None] | None = None,
) -> MutationReport:
    """For every room of ``rooms``, at most ``concurrency`` (1-20) at a time: read its
    Storage as Live structures, call ``fn(room, root)`` (a plain or a coroutine
    function), and send the operations its edits made.

    A room for which ``fn`` raises gets nothing sent; its error, and any failure to read
    or send, is reported in its :class:`MutationResult` and the other rooms go on.
    """
    check_mass_concurrency(concurrency)
    if not callable(fn):
        raise TypeError(f"the function must take (room, root), got {fn!r}")

    async def mutate(item: Room | str) -> MutationResult:
        room_id = item if isinstance(item, str) else item.id
        progress = MutationProgress()
        try:
            room = await _room_of(client, item)
            resource = client.rooms[room_id]
            steps = mutation_steps(resource._path, fn, (room,), True, progress)
            await client._requester.run_steps(steps)
        except Exception as exc:
            retryable = progress.stage != "callback" and is_retryable(exc)
            reason = _reason(exc, progress)
            return MutationResult(room_id, "failed", progress.operations, reason, retryable)
        if not progress.operations:
            return MutationResult(room_id, "unchanged")
        return MutationResult(room_id, "mutated", progress.operations)

    return await _run(client, rooms, mutate, concurrency, on_result)


def _reason(exc: Exception, progress: MutationProgress) -> str:
    reason = failure_reason(exc)
    if progress.stage == "callback":
        return f"the function raised {reason}"
    if progress.stage == "sending":
        sent = f" ({progress.sent} of {progress.requests} requests sent)" if progress.sent else ""
        return f"sending: {reason}{sent}"
    return f"reading: {reason}"


def mass_mutate_storage(
    client: Liveblocks | None,
    fn: LiveFunction,
    *,
    rooms: RoomSelection = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_result: Callable[[MutationResult], None] | None = None,
    secret: str | None = None,
    base_url: str | None = None,
) -> MutationReport:
    """:func:`mass_mutate_storage_async` from sync code, in ``asyncio.run``: on
    ``client`` (its settings and transport, requests sent from ``concurrency`` threads)
    or on a new client made from ``secret`` and ``base_url``. ``fn`` runs in the calling
    thread's event loop."""
    check_mass_concurrency(concurrency)
    return run_sync(
        client,
        lambda aclient: mass_mutate_storage_async(
            aclient, fn, rooms=rooms, concurrency=concurrency, on_result=on_result
        ),
        secret=secret,
        base_url=base_url,
        concurrency=concurrency,
        what="mass_mutate_storage",
    )


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


def mass_mutate_with(
    client: object,
    fn: LiveFunction,
    *,
    query: str | None,
    user_id: str | None,
    group_ids: str | Iterable[str] | None,
    organization_id: str | None,
    concurrency: int,
    on_result: Callable[[MutationResult], None] | None,
    progress: bool,
) -> Any:
    """``client.mass_mutate_storage(...)``: the report (sync client), or a coroutine of it
    (async client); with ``progress``, rooms done shown on stderr."""
    check_mass_concurrency(concurrency)
    if not callable(fn):
        raise TypeError(f"the function must take (room, root), got {fn!r}")
    if not isinstance(client, (Liveblocks, AsyncLiveblocks)):
        raise TypeError(f"a Liveblocks or AsyncLiveblocks client is needed, got {client!r}")
    groups = group_ids if group_ids is None or isinstance(group_ids, str) else list(group_ids)
    rooms = RoomFilter.of(
        query=query, user_id=user_id, group_ids=groups, organization_id=organization_id
    )
    shown: Any = None
    report_to = on_result
    if progress:
        import sys

        from .cli import _Progress

        shown = _Progress("mass_mutate_storage", False, sys.stderr)

        def report_to(result: MutationResult) -> None:
            shown(result.room_id, result.status)
            if on_result is not None:
                on_result(result)

    if isinstance(client, AsyncLiveblocks):

        async def run() -> MutationReport:
            try:
                return await mass_mutate_storage_async(
                    client, fn, rooms=rooms, concurrency=concurrency, on_result=report_to
                )
            finally:
                if shown is not None:
                    shown.close()

        return run()
    try:
        return mass_mutate_storage(
            client, fn, rooms=rooms, concurrency=concurrency, on_result=report_to
        )
    finally:
        if shown is not None:
            shown.close()
