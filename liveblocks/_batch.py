"""The batch base: what the batch jobs (export, import, the Storage mutations of many
rooms) stand on. Which rooms (the room list's filters, a stable shard of them, the list
streamed a page at a time, or rooms given by id); a bounded number of rooms at a time;
one line saying why a room failed; rooms done on stderr; an async job run from sync code.

The jobs are peers on it, in ``liveblocks.export`` and ``liveblocks.mutate``. It stands
below the clients: it is given a client (for sync code, a zero-argument function that
opens one), it never makes one.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Iterable,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, TypeVar, Union

from ._checks import check_int
from ._encoding import joined_ids
from .errors import APIConnectionError, APIStatusError, LiveblocksError
from .types import UNSET

if TYPE_CHECKING:
    from ._models.rooms import Room
    from .client import AsyncLiveblocks

__all__ = [
    "DEFAULT_CONCURRENCY",
    "ROOMS_PAGE_SIZE",
    "SHARDS_ENV",
    "Progress",
    "RoomFilter",
    "RoomSelection",
    "Shard",
    "announce_total",
    "check_concurrency",
    "failure_reason",
    "for_each",
    "is_retryable",
    "is_transient_status",
    "list_rooms",
    "rooms_of",
    "run_sync",
]

T = TypeVar("T")

logger = logging.getLogger("liveblocks")

#: Rooms handled at once: keeps a few connections busy while staying well below the
#: API's rate limits (429s that still happen are absorbed by the retry layer).
DEFAULT_CONCURRENCY = 8


def failure_reason(exc: BaseException) -> str:
    """One line saying why a room failed: the error's class, the answer's status and error
    code when there was one, and the message's first line."""
    if isinstance(exc, LiveblocksError) and exc.status is not None:
        code = f" {exc.code}" if exc.code and exc.code != exc.message else ""
        text = f"{exc.status}{code}: {exc.message.splitlines()[0] if exc.message else ''}"
    else:
        text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def is_retryable(exc: BaseException) -> bool:
    """Whether running the job again may get past this failure as it is: no answer came
    (a lost connection, a timeout), or the server answered 429 or a server error (5xx,
    except 501 and 505: the server lacks the endpoint). Not a refusal (another 4xx), an
    answer that could not be read, bad input (a damaged export, a function that raised)
    or this machine's files. An error that wraps one of the SDK's says so in its
    ``retryable`` attribute."""
    if isinstance(exc, APIConnectionError):  # APITimeoutError included
        return True
    if isinstance(exc, APIStatusError):
        return is_transient_status(exc.status)
    wrapped = getattr(exc, "retryable", None)
    return wrapped if isinstance(wrapped, bool) else False


def is_transient_status(status: int) -> bool:
    """429, or a server error other than 501 and 505 (the server lacks the endpoint)."""
    return status == 429 or (status >= 500 and status not in (501, 505))


def check_concurrency(value: object) -> int:
    """A job's ``concurrency``: an integer >= 1 (``ValueError`` otherwise)."""
    return check_int(value, "concurrency", minimum=1, type_error=ValueError)


async def for_each(
    items: AsyncIterable[T], worker: Callable[[T], Coroutine[Any, Any, None]], concurrency: int
) -> None:
    """Run ``worker`` on every item, at most ``concurrency`` at a time.

    Items are pulled from ``items`` only when a slot is free, so a streamed source is never
    read ahead. ``worker`` should handle its own failures; an exception escaping it stops
    the run (the other workers are cancelled) and is raised here.
    """
    running: set[asyncio.Task[None]] = set()

    async def wait_one() -> None:
        nonlocal running
        done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        # Every finished task's outcome is read (none is left unretrieved); the first
        # error stops the run.
        errors = [task.exception() for task in done if not task.cancelled()]
        first = next((error for error in errors if error is not None), None)
        if first is not None:
            raise first

    iterator = aiter(items)
    try:
        while True:
            # Wait for a free slot before pulling: a new page of a streamed list is then
            # fetched only when a worker could take its first item.
            while len(running) >= concurrency:
                await wait_one()
            try:
                item = await anext(iterator)
            except StopAsyncIteration:
                break
            running.add(asyncio.create_task(worker(item)))
        while running:
            await wait_one()
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        close = getattr(iterator, "aclose", None)
        if close is not None:
            await close()


#: Rooms fetched per page when streaming the room list (the API's maximum).
ROOMS_PAGE_SIZE = 100


@dataclass(frozen=True)
class RoomFilter:
    """The room list's filters: ``query`` (rooms query language, e.g.
    ``metadata["team"]:"a"``), ``user_id``, ``group_ids``, ``organization_id``."""

    query: str | None = None
    user_id: str | None = None
    group_ids: tuple[str, ...] = field(default=())
    organization_id: str | None = None

    @classmethod
    def of(
        cls,
        *,
        query: str | None = None,
        user_id: str | None = None,
        group_ids: str | Sequence[str] | None = None,
        organization_id: str | None = None,
    ) -> RoomFilter:
        """Filters from user input; ``group_ids`` may be a list or a comma-separated string."""
        if isinstance(group_ids, str):
            groups = tuple(g.strip() for g in group_ids.split(",") if g.strip())
        else:
            groups = tuple(group_ids or ())
            joined_ids(groups, "group_ids")  # each id stays one id on the wire
        return cls(query or None, user_id or None, groups, organization_id or None)

    def to_dict(self) -> dict[str, Any]:
        """The filters as written in an export's manifest."""
        return {
            "query": self.query,
            "userId": self.user_id,
            "groupIds": list(self.group_ids),
            "organizationId": self.organization_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoomFilter:
        return cls.of(
            query=data.get("query"),
            user_id=data.get("userId"),
            group_ids=data.get("groupIds") or (),
            organization_id=data.get("organizationId"),
        )


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count``: the rooms whose id hashes to ``index``.

    The hash is SHA-1 of the id's UTF-8 bytes, its first 8 bytes read as a big-endian
    integer, modulo ``count``: the same on every machine and Python version, so N jobs
    given ``0/N`` ... ``N-1/N`` cover every room exactly once.
    """

    index: int
    count: int

    def __post_init__(self) -> None:
        check_int(self.index, "a shard's index")
        check_int(self.count, "a shard's count")
        if self.count < 1 or not 0 <= self.index < self.count:
            raise ValueError(f"shard must be K/N with 0 <= K < N, got {self.index}/{self.count}")

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"K/N"``, e.g. ``"0/3"``."""
        index, sep, count = text.partition("/")
        try:
            if not sep:
                raise ValueError
            return cls(int(index), int(count))
        except ValueError:
            raise ValueError(
                f"shard must be K/N with 0 <= K < N (e.g. 0/3), got {text!r}"
            ) from None

    @classmethod
    def auto(cls, count: int | None = None, environ: Mapping[str, str] | None = None) -> Shard:
        """This task's shard, from the variables its scheduler sets: a Kubernetes Indexed
        Job (``JOB_COMPLETION_INDEX``; the count from ``count`` or ``$LIVEBLOCKS_SHARDS``),
        an AWS Batch array job (``AWS_BATCH_JOB_ARRAY_INDEX``, ``AWS_BATCH_JOB_ARRAY_SIZE``)
        or a Slurm job array (``SLURM_ARRAY_TASK_ID``, ``SLURM_ARRAY_TASK_COUNT``,
        ``SLURM_ARRAY_TASK_MIN`` and ``_STEP``: an array ``1-8`` gives shards 0/8 ... 7/8).

        ``environ`` defaults to ``os.environ``. ``ValueError``, naming the variables looked
        at, when none is set, when more than one scheduler's are, or when the count is
        missing, not a number or disagrees with ``count``.
        """
        env = os.environ if environ is None else environ
        found = [scheduler for scheduler in _SCHEDULERS if scheduler.index_variable in env]
        if not found:
            looked = ", ".join(s.index_variable for s in _SCHEDULERS)
            raise ValueError(
                f"shard auto: no scheduler's task index found (looked at {looked}); "
                "run under a Kubernetes Indexed Job, an AWS Batch array job or a Slurm job "
                "array, or give the shard as K/N"
            )
        if len(found) > 1:
            names = " and ".join(s.index_variable for s in found)
            raise ValueError(f"shard auto: both {names} are set; give the shard as K/N")
        return found[0].shard(env, _given_count(count, env))

    @classmethod
    def of(cls, value: Shard | str | tuple[int, int] | None) -> Shard | None:
        """A shard from what a job function takes: a :class:`Shard`, ``"K/N"``, ``"auto"``
        (:meth:`auto`), ``(K, N)`` or ``None`` (every room)."""
        if value is None or isinstance(value, Shard):
            return value
        if isinstance(value, str):
            return cls.auto() if value.strip() == "auto" else cls.parse(value)
        index, count = value
        return cls(index, count)

    def __contains__(self, room_id: object) -> bool:
        if not isinstance(room_id, str):
            return False
        digest = hashlib.sha1(room_id.encode("utf-8"), usedforsecurity=False).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


#: The shard count of ``shard="auto"`` when the scheduler does not give one (a Kubernetes
#: Indexed Job: set it to the Job's ``completions``).
SHARDS_ENV = "LIVEBLOCKS_SHARDS"


def _number(env: Mapping[str, str], name: str) -> int:
    text = env[name]
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"shard auto: ${name} is not an integer: {text!r}") from None


def _optional_number(env: Mapping[str, str], name: str | None, default: T) -> int | T:
    return _number(env, name) if name is not None and name in env else default


def _given_count(count: int | None, env: Mapping[str, str]) -> tuple[int, str] | None:
    """The count given by the caller (``--shards``) or ``$LIVEBLOCKS_SHARDS``, with where
    it came from; the two must agree when both are there."""
    from_env = _number(env, SHARDS_ENV) if SHARDS_ENV in env else None
    if count is not None:
        check_int(count, "the shard count", minimum=1, type_error=ValueError)
        if from_env is not None and from_env != count:
            raise ValueError(
                f"shard auto: the shard count {count} disagrees with ${SHARDS_ENV}={from_env}"
            )
        return count, "the shard count given"
    return (from_env, f"${SHARDS_ENV}") if from_env is not None else None


@dataclass(frozen=True)
class _Scheduler:
    """Where a scheduler puts a task's index and the number of tasks."""

    name: str
    index_variable: str
    count_variable: str | None
    first_variable: str | None = None  # the first index (Slurm arrays may start at 1)
    step_variable: str | None = None

    def shard(self, env: Mapping[str, str], given: tuple[int, str] | None) -> Shard:
        first = _optional_number(env, self.first_variable, 0)
        step = _optional_number(env, self.step_variable, 1)
        offset = _number(env, self.index_variable) - first
        if step < 1 or offset % step:
            raise ValueError(
                f"shard auto: {self.name}'s ${self.index_variable}={env[self.index_variable]} "
                f"is not on its array's steps (first {first}, step {step})"
            )
        count = self._count(env, given)
        index = offset // step
        if not 0 <= index < count:
            raise ValueError(
                f"shard auto: {self.name}'s ${self.index_variable}={env[self.index_variable]} "
                f"gives shard {index}, not in 0..{count - 1} (the array must be one range "
                "of task ids, e.g. 0-7 or 1-8)"
            )
        return Shard(index, count)

    def _count(self, env: Mapping[str, str], given: tuple[int, str] | None) -> int:
        own = _optional_number(env, self.count_variable, None)
        if own is not None and given is not None and own != given[0]:
            raise ValueError(
                f"shard auto: {self.name}'s ${self.count_variable}={own} disagrees with "
                f"{given[1]} ({given[0]})"
            )
        count = own if own is not None else given[0] if given is not None else None
        if count is None:
            variables = f"${self.count_variable} or " if self.count_variable else ""
            raise ValueError(
                f"shard auto: {self.name} gives ${self.index_variable} but no shard count: "
                f"set {variables}${SHARDS_ENV}, or pass --shards N (shard=Shard.auto(N))"
            )
        if count < 1:
            raise ValueError(f"shard auto: the shard count must be >= 1, got {count}")
        return count


_SCHEDULERS = (
    _Scheduler("a Kubernetes Indexed Job", "JOB_COMPLETION_INDEX", None),
    _Scheduler("an AWS Batch array job", "AWS_BATCH_JOB_ARRAY_INDEX", "AWS_BATCH_JOB_ARRAY_SIZE"),
    _Scheduler(
        "a Slurm job array",
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_STEP",
    ),
)


async def list_rooms(
    client: AsyncLiveblocks, filters: RoomFilter, shard: Shard | None = None
) -> AsyncIterator[Room]:
    """Every room matching the filters (and in the shard), each once, one page held at a
    time. A room the listing gives again (a server repeating its pages) is skipped: the
    ids handed out are kept, never the rooms."""
    pager = client.rooms.list(
        limit=ROOMS_PAGE_SIZE,
        query=filters.query if filters.query is not None else UNSET,
        user_id=filters.user_id if filters.user_id is not None else UNSET,
        group_ids=list(filters.group_ids) if filters.group_ids else UNSET,
        organization_id=filters.organization_id if filters.organization_id is not None else UNSET,
    )
    seen: set[str] = set()
    warned = False
    async for room in pager:
        room_id = room.id
        if shard is not None and room_id not in shard:
            continue
        if room_id in seen:
            if not warned:
                logger.warning(
                    "the room list gave room %r a second time; each room is handled once",
                    room_id,
                )
                warned = True
            continue
        seen.add(room_id)
        yield room


#: Which rooms: ``None`` for all, a rooms query string, a :class:`RoomFilter`, or room ids.
RoomSelection = Union[str, RoomFilter, Iterable[str], None]


def rooms_of(
    client: AsyncLiveblocks, rooms: RoomSelection, shard: Shard | None = None
) -> AsyncIterator[Room | str]:
    """The rooms of a selection (and in the shard): streamed from the room list, or the
    ids given (as they are: the job reads each room when it needs it)."""
    if rooms is None:
        return list_rooms(client, RoomFilter(), shard)
    if isinstance(rooms, str):
        return list_rooms(client, RoomFilter(query=rooms), shard)
    if isinstance(rooms, RoomFilter):
        return list_rooms(client, rooms, shard)
    return _ids(rooms, shard)


async def _ids(room_ids: Iterable[str], shard: Shard | None = None) -> AsyncIterator[str]:
    for room_id in room_ids:
        if shard is None or room_id in shard:
            yield room_id


class Progress:
    """Rooms done and rooms per second on stderr: a tqdm bar, or a plain line on a
    terminal when tqdm is not installed; nothing when quiet or not on a terminal. Once a
    job knows how many rooms it handles (:meth:`set_total`), ``N/TOTAL`` and an ETA."""

    def __init__(self, label: str, quiet: bool, stream: IO[str]) -> None:
        self.failed = 0
        self._stream = stream
        self._bar: Any = None
        self._plain = False
        self._count = 0
        self._total: int | None = None
        self._started = self._shown = time.monotonic()
        self._label = label
        if quiet:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            self._plain = stream.isatty()
        else:
            self._bar = tqdm(desc=label, unit=" rooms", file=stream, disable=None, leave=False)

    def __call__(self, room_id: str, outcome: str) -> None:
        self._count += 1
        if outcome == "failed":
            self.failed += 1
        if self._bar is not None:
            self._bar.update(1)
            if outcome == "failed":
                self._bar.set_postfix(failed=self.failed, refresh=False)
        elif self._plain and time.monotonic() - self._shown >= 0.2:
            self._show()

    def set_total(self, total: int) -> None:
        """The number of rooms the job will report (an import or merge knows it from its
        index; an export only if its listing says)."""
        self._total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def _show(self) -> None:
        self._shown = time.monotonic()
        rate = self._count / max(self._shown - self._started, 1e-9)
        if self._total is None:
            done = f"{self._count} rooms"
        else:
            left = max(self._total - self._count, 0)
            eta = f", ETA {_duration(left / rate)}" if rate > 0 and left else ""
            done = f"{self._count}/{self._total} rooms{eta}"
        self._stream.write(f"\r{self._label}: {done}, {rate:.1f} rooms/s, {self.failed} failed")
        self._stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.refresh()  # the last count, which the bar may not have drawn yet
            self._bar.close()
        elif self._plain and self._count:
            self._show()
            self._stream.write("\n")
        self._bar = None
        self._plain = False


def _duration(seconds: float) -> str:
    """``1:02:03`` or ``02:03``."""
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def announce_total(on_room: Any, total: int) -> None:
    """Tell a job's ``on_room`` callback how many rooms it will report, if it wants to
    know (it has a ``set_total`` method, as :class:`Progress` does)."""
    set_total = getattr(on_room, "set_total", None)
    if callable(set_total):
        set_total(total)


def run_sync(
    open_client: Callable[[], AsyncLiveblocks],
    job: Callable[[AsyncLiveblocks], Awaitable[T]],
    *,
    what: str,
) -> T:
    """Run an async batch job to completion from sync code, in ``asyncio.run``, on the
    client ``open_client()`` gives (closed when the job ends); ``what`` names the
    function for the error raised inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        raise RuntimeError(
            f"{what}() cannot run inside an event loop; await {what}_async() there instead"
        )

    async def main() -> T:
        async with open_client() as client:
            return await job(client)

    return asyncio.run(main())
