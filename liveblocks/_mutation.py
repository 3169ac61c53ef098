"""The Storage mutation jobs of many rooms, on the batch base: each room's Storage read,
given to the user's function, and its changes sent, a bounded number of rooms at a time,
each room's failure recorded with its reason while the others go on.

Two jobs: Live edits (:func:`mass_mutate_storage_async`, what ``client.mass_mutate_storage``
runs) and JSON Patch (:func:`mass_patch_storage_async`). :mod:`liveblocks.mutate` is their
public face, with the sync functions that open a client; this module stands below the
clients (it is given one, never makes one), so that a client's method can run a job.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Union

from ._batch import (
    DEFAULT_CONCURRENCY,
    Progress,
    RoomFilter,
    RoomSelection,
    Shard,
    check_concurrency,
    failure_reason,
    for_each,
    is_retryable,
    rooms_of,
    run_sync,
)
from ._checks import check_int
from ._models.rooms import Room
from ._models.storage import JsonPatchOperation
from .resources.storage import MutationProgress

if TYPE_CHECKING:
    from .client import AsyncLiveblocks
    from .live.object import LiveObject

__all__ = [
    "MAX_CONCURRENCY",
    "LiveFunction",
    "MutationReport",
    "MutationResult",
    "PatchFunction",
    "check_mass_concurrency",
    "mass_mutate_for_client",
    "mass_mutate_storage_async",
    "mass_patch_storage_async",
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


RoomWork = Callable[[Union[Room, str]], Coroutine[Any, Any, MutationResult]]


async def _run(
    client: AsyncLiveblocks,
    rooms: RoomSelection,
    work: RoomWork,
    concurrency: int,
    on_result: Callable[[MutationResult], None] | None,
    shard: Shard | str | tuple[int, int] | None = None,
) -> MutationReport:
    """The engine: ``work`` on every room of ``rooms`` (in ``shard``), ``concurrency`` at
    a time; each room's result recorded as it finishes."""
    report = MutationReport()

    async def one(item: Room | str) -> None:
        result = await work(item)
        report.results.append(result)
        if result.status == "failed":
            logger.debug("storage mutation of room %r failed: %s", result.room_id, result.reason)
        if on_result is not None:
            on_result(result)

    await for_each(rooms_of(client, rooms, Shard.of(shard)), one, concurrency)
    return report


async def _room_of(client: AsyncLiveblocks, item: Room | str) -> Room:
    return await client.rooms[item].get() if isinstance(item, str) else item


async def _operations(
    fn: PatchFunction, room: Room, storage: dict[str, Any]
) -> list[JsonPatchOperation]:
    answer = fn(room, storage)
    if isinstance(answer, Awaitable):
        answer = await answer
    return list(answer or ())


async def mass_patch_storage_async(
    client: AsyncLiveblocks,
    fn: PatchFunction,
    *,
    rooms: RoomSelection = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    shard: Shard | str | tuple[int, int] | None = None,
    on_result: Callable[[MutationResult], None] | None = None,
) -> MutationReport:
    """For every room of ``rooms``, at most ``concurrency`` at a time: read its Storage as
    JSON, call ``fn(room, storage)``, and apply the JSON Patch operations it returns.

    A room for which ``fn`` raises gets no request beyond the read; its error, and any
    failure to read or patch, is reported in its :class:`MutationResult` and the other
    rooms go on. Each room's patch is applied all or nothing by the API. Rooms given by id
    are read with one more request each (``fn`` receives the :class:`Room`). ``shard``
    (``"K/N"``, ``"auto"``: see :class:`~liveblocks.export.Shard`) keeps the rooms of one
    shard.
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

    return await _run(client, rooms, patch, concurrency, on_result, shard)


def check_mass_concurrency(value: object) -> int:
    """``concurrency`` of a Live mass mutation: 1 to :data:`MAX_CONCURRENCY`."""
    return check_int(
        value, "concurrency", minimum=1, maximum=MAX_CONCURRENCY, type_error=ValueError
    )


def _check_function(fn: object) -> None:
    if not callable(fn):
        raise TypeError(f"the function must take (room, root), got {fn!r}")


async def mass_mutate_storage_async(
    client: AsyncLiveblocks,
    fn: LiveFunction,
    *,
    rooms: RoomSelection = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    shard: Shard | str | tuple[int, int] | None = None,
    on_result: Callable[[MutationResult], None] | None = None,
) -> MutationReport:
    """For every room of ``rooms``, at most ``concurrency`` (1-20) at a time: read its
    Storage as Live structures, call ``fn(room, root)`` (a plain or a coroutine
    function), and send the operations its edits made.

    A room for which ``fn`` raises gets nothing sent; its error, and any failure to read
    or send, is reported in its :class:`MutationResult` and the other rooms go on.
    ``shard`` (``"K/N"``, ``"auto"``: see :class:`~liveblocks.export.Shard`) keeps the
    rooms of one shard.
    """
    check_mass_concurrency(concurrency)
    _check_function(fn)

    async def mutate(item: Room | str) -> MutationResult:
        room_id = item if isinstance(item, str) else item.id
        progress = MutationProgress()
        try:
            room = await _room_of(client, item)
            storage = client.rooms[room_id].storage
            await storage.mutate(lambda root: fn(room, root), progress=progress)
        except Exception as exc:
            retryable = progress.stage != "callback" and is_retryable(exc)
            reason = _reason(exc, progress)
            return MutationResult(room_id, "failed", progress.operations, reason, retryable)
        if not progress.operations:
            return MutationResult(room_id, "unchanged")
        return MutationResult(room_id, "mutated", progress.operations)

    return await _run(client, rooms, mutate, concurrency, on_result, shard)


def _reason(exc: Exception, progress: MutationProgress) -> str:
    reason = failure_reason(exc)
    if progress.stage == "callback":
        return f"the function raised {reason}"
    if progress.stage == "sending":
        sent = f" ({progress.sent} of {progress.requests} requests sent)" if progress.sent else ""
        return f"sending: {reason}{sent}"
    return f"reading: {reason}"


def mass_mutate_for_client(
    client: Any,
    fn: LiveFunction,
    *,
    rooms: RoomFilter,
    concurrency: int,
    on_result: Callable[[MutationResult], None] | None,
    progress: bool,
    is_async: bool,
) -> Any:
    """``client.mass_mutate_storage(...)`` on either client (``is_async`` says which):
    the report, run on the sync client's async twin, or a coroutine of it; with
    ``progress``, rooms done shown on stderr."""
    check_mass_concurrency(concurrency)
    _check_function(fn)
    shown = Progress("mass_mutate_storage", not progress, sys.stderr)

    def report_to(result: MutationResult) -> None:
        shown(result.room_id, result.status)
        if on_result is not None:
            on_result(result)

    async def job(aclient: AsyncLiveblocks) -> MutationReport:
        try:
            return await mass_mutate_storage_async(
                aclient, fn, rooms=rooms, concurrency=concurrency, on_result=report_to
            )
        finally:
            shown.close()

    if is_async:
        return job(client)
    try:
        return run_sync(lambda: client.async_twin(concurrency), job, what="mass_mutate_storage")
    finally:
        shown.close()
