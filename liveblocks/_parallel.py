"""Running a :class:`~liveblocks._call.Parallel` step: a bounded number of calls in flight,
threads for the sync client, tasks for the async one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._checks import check_int

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ._call import Call, Parallel, Requester

__all__ = ["run_parallel_async", "run_parallel_sync"]

_END = object()


def _check_limit(limit: object) -> int:
    return check_int(limit, "the number of requests in flight", minimum=1, type_error=ValueError)


def run_parallel_sync(requester: Requester, step: Parallel[Any]) -> list[Any]:
    """Each call in a worker thread, at most ``step.limit`` at once; calls are taken from
    the iterator in this thread, only when a worker is free."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    limit = _check_limit(step.limit)
    results: dict[int, Any] = {}
    error: BaseException | None = None
    count = 0
    with ThreadPoolExecutor(limit, thread_name_prefix="liveblocks-parallel") as pool:
        running: dict[Future[Any], int] = {}
        exhausted = False
        while True:
            while not exhausted and error is None and len(running) < limit:
                try:
                    call: Call[Any] = next(step.calls)
                except StopIteration:
                    exhausted = True
                except Exception as exc:
                    error = exc
                else:
                    running[pool.submit(requester.execute, call)] = count
                    count += 1
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                index = running.pop(future)
                try:
                    value = future.result()
                except Exception as exc:
                    error = error or exc
                    continue
                results[index] = value
                if error is None and step.on_done is not None:
                    try:
                        step.on_done(index, value)
                    except Exception as exc:
                        error = exc
    if error is not None:
        raise error
    return [results[i] for i in range(count)]


async def run_parallel_async(requester: Requester, step: Parallel[Any]) -> list[Any]:
    """Each call in a task, at most ``step.limit`` at once; calls are taken from the
    iterator in a worker thread (it may read a file), only when a slot is free. On a
    failure the calls still in flight are cancelled."""
    import asyncio

    limit = _check_limit(step.limit)
    results: dict[int, Any] = {}
    error: BaseException | None = None
    count = 0
    running: dict[asyncio.Task[Any], int] = {}
    exhausted = False
    try:
        while True:
            while not exhausted and error is None and len(running) < limit:
                try:
                    pulled: Any = await asyncio.to_thread(next, step.calls, _END)
                except Exception as exc:
                    error = exc
                    break
                if pulled is _END:
                    exhausted = True
                    break
                running[asyncio.ensure_future(requester.execute(pulled))] = count
                count += 1
            if error is not None and running:
                for task in running:
                    task.cancel()
            if not running:
                break
            done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                index = running.pop(task)
                if task.cancelled():
                    continue
                failure = task.exception()
                if failure is not None:
                    error = error or failure
                    continue
                value = task.result()
                results[index] = value
                if error is None and step.on_done is not None:
                    try:
                        step.on_done(index, value)
                    except Exception as callback_error:
                        error = callback_error
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)
    if error is not None:
        raise error
    return [results[i] for i in range(count)]
