"""Export a project's rooms to a directory, and import them into another project.

Async, on an :class:`~liveblocks.AsyncLiveblocks`::

    async with AsyncLiveblocks() as client:
        result = await export_rooms_async(client, "backup", query='metadata["team"]:"a"')

Sync, with a :class:`~liveblocks.Liveblocks` (its settings and transport are used) or
with ``secret=`` / ``base_url=`` (or the environment)::

    result = export_rooms(None, "backup", concurrency=16)
    if not result.ok:
        print(result.failures)
    import_rooms(None, "backup", secret="sk_other_project")

The command line does the same: ``python -m liveblocks export DIR`` / ``import DIR``.

An export directory::

    manifest.json             source, filters, shard; counts, failures with reasons, times
    rooms.ndjson              one room per line, as the API's JSON (rooms fully exported)
    index.ndjson              one line per room: its file name ("file") and what it has
                              (storage, yjs, threads: true/false; files, attachments: counts)
    storage/<name>.json       the room's Storage as plain LSON, where it has any
    files/<name>/<file>       the bytes of each file a LiveFile of that Storage refers to
    yjs/<name>.bin            the room's Yjs document as one update, where it has one
    threads/<name>.ndjson     the room's threads with their comments (``threads=True``)
    attachments/<name>/<att>  the bytes of each attachment of those comments

``<name>`` is the room's name in ``index.ndjson``: :func:`file_name` of its id, which fits
any file system and never collides with another room's, even where case is ignored;
``<file>`` and ``<att>`` are :func:`file_name` of the file's or attachment's id.

Files are written by one thread, never by the event loop: each under a temporary name,
flushed to disk and renamed a batch at a time, so a file is always whole; a room's
``index.ndjson`` and ``rooms.ndjson`` lines are written only once its files are on disk.
``resume=True`` completes an interrupted or partly failed export (from the same server,
with the same options): it fetches only rooms not yet in ``rooms.ndjson`` and documents
whose files are missing or cut short.

A directory is read as untrusted input: no symbolic link in it is ever followed, and
only its own regular files are opened; every document ``index.ndjson`` claims must be
there, lines are read with a bound, and a line cut short is an interrupted export. A
room's file that breaks this fails the room; the manifest, the index, ``rooms.ndjson``
or a folder that does refuses the run (:class:`DamagedExportError`, naming the file and
line). A destination may be a URL of object storage (``s3://bucket/prefix``, ``gs://``,
``az://``, ``memory://``) instead of a path, through fsspec (the extras
``liveblocks-sdk[s3]``, ``[gcs]``, ``[azure]``): each file is one whole object, and
``index.ndjson`` and ``rooms.ndjson`` are numbered parts (``index/000000001.ndjson``, ...)
written after the objects they claim. One run at a time writes a destination: its lock
(``.liveblocks-lock.json``) makes a second one fail with :class:`DestinationLockedError`.
``shard="K/N"`` exports the rooms whose id hashes to K (see
:class:`Shard`); :func:`merge_exports` joins the N directories.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from .._batch import DEFAULT_CONCURRENCY, RoomFilter, Shard, run_sync
from ..client import Liveblocks, batch_client
from ._common import OnRoom, RoomFailure
from ._export import EMPTY_YJS_UPDATE, ExportResult, export_rooms_async
from ._import import ImportPlan, ImportResult, OnReplace, import_rooms_async
from ._layout import DamagedExportError, ExportDirectory, ExportDirectoryError, file_name
from ._lock import DEFAULT_LOCK_TIMEOUT, DestinationLockedError
from ._merge import merge_exports
from ._objects import StorageOptions
from ._threads import Carried

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_LOCK_TIMEOUT",
    "EMPTY_YJS_UPDATE",
    "Carried",
    "DamagedExportError",
    "DestinationLockedError",
    "ExportDirectory",
    "ExportDirectoryError",
    "ExportResult",
    "ImportPlan",
    "ImportResult",
    "OnReplace",
    "OnRoom",
    "RoomFailure",
    "RoomFilter",
    "Shard",
    "StorageOptions",
    "export_rooms",
    "export_rooms_async",
    "file_name",
    "import_rooms",
    "import_rooms_async",
    "merge_exports",
]


def export_rooms(
    client: Liveblocks | None,
    directory: str | os.PathLike[str],
    *,
    secret: str | None = None,
    base_url: str | None = None,
    max_requests_per_second: float | None = None,
    query: str | None = None,
    user_id: str | None = None,
    group_ids: str | Sequence[str] | None = None,
    organization_id: str | None = None,
    threads: bool = False,
    concurrency: int = DEFAULT_CONCURRENCY,
    resume: bool = False,
    shard: Shard | str | tuple[int, int] | None = None,
    on_room: OnRoom | None = None,
    storage_options: StorageOptions | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> ExportResult:
    """:func:`export_rooms_async` from sync code: runs it in ``asyncio.run``, on ``client``
    (its settings and transport, its ``max_requests_per_second`` included) or on a new
    client made from ``secret``, ``base_url`` and ``max_requests_per_second`` (a cap on
    requests per second, retries included: give each of N shards a project's budget / N)."""

    return run_sync(
        lambda: batch_client(
            client,
            secret=secret,
            base_url=base_url,
            concurrency=concurrency,
            max_requests_per_second=max_requests_per_second,
        ),
        lambda aclient: export_rooms_async(
            aclient,
            directory,
            query=query,
            user_id=user_id,
            group_ids=group_ids,
            organization_id=organization_id,
            threads=threads,
            concurrency=concurrency,
            resume=resume,
            shard=shard,
            on_room=on_room,
            storage_options=storage_options,
            lock_timeout=lock_timeout,
        ),
        what="export_rooms",
    )


def import_rooms(
    client: Liveblocks | None,
    directory: str | os.PathLike[str],
    *,
    secret: str | None = None,
    base_url: str | None = None,
    max_requests_per_second: float | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    shard: Shard | str | tuple[int, int] | None = None,
    on_room: OnRoom | None = None,
    id_map: str | os.PathLike[str] | None = None,
    rooms: Iterable[str] | None = None,
    query: str | None = None,
    only: str | Iterable[str] | None = None,
    skip_existing: bool = False,
    dry_run: bool = False,
    on_replace: OnReplace | None = None,
    storage_options: StorageOptions | None = None,
) -> ImportResult:
    """:func:`import_rooms_async` from sync code (see :func:`export_rooms` for ``client``):
    ``rooms``, ``query``, ``only``, ``skip_existing``, ``dry_run`` and ``on_replace`` choose
    what it restores, as there."""

    return run_sync(
        lambda: batch_client(
            client,
            secret=secret,
            base_url=base_url,
            concurrency=concurrency,
            max_requests_per_second=max_requests_per_second,
        ),
        lambda aclient: import_rooms_async(
            aclient,
            directory,
            concurrency=concurrency,
            shard=shard,
            on_room=on_room,
            id_map=id_map,
            rooms=rooms,
            query=query,
            only=only,
            skip_existing=skip_existing,
            dry_run=dry_run,
            on_replace=on_replace,
            storage_options=storage_options,
        ),
        what="import_rooms",
    )
