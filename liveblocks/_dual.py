"""Code written once that waits for other code (API calls, the caller's resolvers) and runs
on both clients: a generator yields a batch of named zero-argument functions and receives
their results, in order. :func:`run_sync` calls them one by one; :func:`run_async` also
awaits what they return when it is awaitable, a batch's awaitables concurrently.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

__all__ = ["Dual", "Step", "run_async", "run_sync"]

T = TypeVar("T")

#: What to call, and its name for messages (``"resolve_users"``, ``"get_thread"``).
Step = tuple[str, Callable[[], Any]]
#: Yields batches of steps, receives the list of their results, returns the outcome.
Dual = Generator[Sequence[Step], list[Any], T]


def run_sync(steps: Dual[T], async_twin: str) -> T:
    """Run ``steps``, calling each step in turn; an awaitable result is refused (its
    function belongs with ``async_twin``, named in the message)."""
    try:
        batch = next(steps)
        while True:
            batch = steps.send([_call_sync(step, async_twin) for step in batch])
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


def _call_sync(step: Step, async_twin: str) -> Any:
    name, function = step
    value = function()
    if type(value) is list:  # what resolvers and API calls mostly return: not awaitable
        return value
    if inspect.isawaitable(value):
        if inspect.iscoroutine(value):
            value.close()  # never awaited, and no warning about it
        raise TypeError(f"{name} returned an awaitable: use {async_twin} to await it")
    return value


async def run_async(steps: Dual[T]) -> T:
    """Run ``steps``, awaiting what each step returns when it is awaitable (the
    awaitables of one batch together)."""
    import asyncio

    try:
        batch = next(steps)
        while True:
            values = [function() for _, function in batch]
            waiting = [i for i, value in enumerate(values) if inspect.isawaitable(value)]
            if len(waiting) == 1:  # no tasks needed for one
                values[waiting[0]] = await values[waiting[0]]
            elif waiting:
                done = await asyncio.gather(*(values[i] for i in waiting))
                for index, value in zip(waiting, done, strict=True):
                    values[index] = value
            batch = steps.send(values)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
