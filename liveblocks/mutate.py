"""Change the Storage of many rooms with one function, one of two ways:

- as Live structures (``mass_mutate_storage``, what ``client.mass_mutate_storage`` runs):
  the function edits each room's root :class:`~liveblocks.LiveObject`; the edits are sent
  as operations that merge with what users write meanwhile;
- as JSON Patch (``mass_patch_storage``): the function reads each room's Storage as JSON
  and returns JSON Patch operations, which the API applies all or nothing.

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

``mutate_storage`` and ``mutate_storage_async`` are the JSON Patch job's former names,
kept as deprecated aliases (one room's Live edits are ``client.mutate_storage``).
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from ._batch import (
    DEFAULT_CONCURRENCY,
    RoomFilter,
    RoomSelection,
    Shard,
    check_concurrency,
    run_sync,
)
from ._mutation import (
    MAX_CONCURRENCY,
    LiveFunction,
    MutationReport,
    MutationResult,
    PatchFunction,
    check_mass_concurrency,
    mass_mutate_storage_async,
    mass_patch_storage_async,
)
from .client import Liveblocks, batch_client

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
    "mass_patch_storage",
    "mass_patch_storage_async",
    "mutate_storage",
    "mutate_storage_async",
]

P = ParamSpec("P")
R = TypeVar("R")


def mass_mutate_storage(
    client: Liveblocks | None,
    fn: LiveFunction,
    *,
    rooms: RoomSelection = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_result: Callable[[MutationResult], None] | None = None,
    shard: Shard | str | tuple[int, int] | None = None,
    secret: str | None = None,
    base_url: str | None = None,
    max_requests_per_second: float | None = None,
) -> MutationReport:
    """:func:`mass_mutate_storage_async` from sync code, in ``asyncio.run``: on
    ``client`` (its settings and transport, requests sent from ``concurrency`` threads)
    or on a new client made from ``secret``, ``base_url`` and ``max_requests_per_second``.
    ``fn`` runs in the calling thread's event loop."""
    check_mass_concurrency(concurrency)
    return run_sync(
        lambda: batch_client(
            client,
            secret=secret,
            base_url=base_url,
            concurrency=concurrency,
            max_requests_per_second=max_requests_per_second,
        ),
        lambda aclient: mass_mutate_storage_async(
            aclient, fn, rooms=rooms, concurrency=concurrency, on_result=on_result, shard=shard
        ),
        what="mass_mutate_storage",
    )


def mass_patch_storage(
    client: Liveblocks | None,
    fn: PatchFunction,
    *,
    rooms: RoomSelection = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_result: Callable[[MutationResult], None] | None = None,
    shard: Shard | str | tuple[int, int] | None = None,
    secret: str | None = None,
    base_url: str | None = None,
    max_requests_per_second: float | None = None,
) -> MutationReport:
    """:func:`mass_patch_storage_async` from sync code, in ``asyncio.run``: on ``client``
    (its settings and transport, requests sent from ``concurrency`` threads) or on a new
    client made from ``secret``, ``base_url`` and ``max_requests_per_second``. ``fn``
    runs in the calling thread's event loop."""
    check_concurrency(concurrency)
    return run_sync(
        lambda: batch_client(
            client,
            secret=secret,
            base_url=base_url,
            concurrency=concurrency,
            max_requests_per_second=max_requests_per_second,
        ),
        lambda aclient: mass_patch_storage_async(
            aclient, fn, rooms=rooms, concurrency=concurrency, on_result=on_result, shard=shard
        ),
        what="mass_patch_storage",
    )


def _renamed(new: Callable[P, R], old_name: str) -> Callable[P, R]:
    """``new`` under its former name, warning each call that the name is deprecated."""
    message = (
        f"liveblocks.mutate.{old_name} is deprecated: it is liveblocks.mutate.{new.__name__} "
        f"now (the same parameters); {old_name} is kept as an alias for a while"
    )

    def warn() -> None:
        warnings.warn(message, DeprecationWarning, stacklevel=3)

    old: Any
    if inspect.iscoroutinefunction(new):

        @functools.wraps(new)
        async def old(*args: Any, **kwargs: Any) -> Any:
            warn()
            return await new(*args, **kwargs)

    else:

        @functools.wraps(new)
        def old(*args: Any, **kwargs: Any) -> Any:
            warn()
            return new(*args, **kwargs)

    old.__name__ = old.__qualname__ = old_name
    old.__doc__ = f"Deprecated: the former name of :func:`{new.__name__}`.\n\n{new.__doc__}"
    return old  # type: ignore[no-any-return]


mutate_storage = _renamed(mass_patch_storage, "mutate_storage")
mutate_storage_async = _renamed(mass_patch_storage_async, "mutate_storage_async")
