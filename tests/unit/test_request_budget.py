"""``max_requests_per_second`` (``--max-rps``): the rate that reaches a loopback server stays
within the budget, with many threads (sync) or tasks (async) sending at once; a burst is
bounded; retries take their tokens; a 429's Retry-After is still honoured; and a client
without a budget never touches one."""

from __future__ import annotations

import asyncio
import itertools
import math
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks import cli as cli_module
from liveblocks._rate import RequestBudget
from tests.fakes.faultserver import SECRET, FaultServer, Reply

RATE = 50.0
REQUESTS = 200
BURST = 5
# 200 requests at 50/s after a burst of 5: the last one cannot start before 3.9 s.
FLOOR = (REQUESTS - BURST) / RATE


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as fault:
        yield fault


def most_in_a_window(times: list[float], window: float) -> int:
    """The largest number of arrivals within any ``window`` seconds."""
    times = sorted(times)
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] > window:
            start += 1
        most = max(most, end - start + 1)
    return most


def check_rate(server: FaultServer, elapsed: float) -> None:
    assert server.count == REQUESTS
    assert elapsed >= FLOOR - 0.05, f"{REQUESTS} requests in {elapsed:.2f} s at {RATE}/s"
    assert elapsed < 30  # the budget slows, it never stalls
    arrivals = [r.time for r in server.requests]
    # Any half second holds at most the burst and half a second's worth (and a little
    # for arrivals bunched by the network), never the 200 an unbounded client sends.
    assert most_in_a_window(arrivals, 0.5) <= BURST + RATE * 0.5 + 3
    # The first requests go at once, as a burst (nothing waits for a first token).
    assert arrivals[BURST - 1] - arrivals[0] < 1.0


def test_sync_client_holds_the_rate_across_threads(server: FaultServer) -> None:
    with Liveblocks(SECRET, base_url=server.url, max_requests_per_second=RATE) as client:
        assert client.max_requests_per_second == RATE
        ids = iter(range(REQUESTS))
        lock = threading.Lock()
        got: list[str] = []

        def worker() -> None:
            while True:
                with lock:
                    n = next(ids, None)
                if n is None:
                    return
                room = client.rooms[f"room-{n}"].get()
                with lock:
                    got.append(room.id)

        threads = [threading.Thread(target=worker) for _ in range(8)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.monotonic() - started
    assert sorted(got) == sorted(f"room-{n}" for n in range(REQUESTS))
    check_rate(server, elapsed)


def test_async_client_holds_the_rate_without_blocking_the_loop(server: FaultServer) -> None:
    ticks: list[float] = []

    async def main() -> float:
        async with AsyncLiveblocks(
            SECRET, base_url=server.url, max_requests_per_second=RATE
        ) as client:
            stop = asyncio.Event()

            async def ticker() -> None:  # runs only while the loop is free
                while not stop.is_set():
                    ticks.append(time.monotonic())
                    await asyncio.sleep(0.01)

            tick_task = asyncio.create_task(ticker())
            started = time.monotonic()
            rooms = await asyncio.gather(
                *(client.rooms[f"room-{n}"].get() for n in range(REQUESTS))
            )
            elapsed = time.monotonic() - started
            stop.set()
            await tick_task
        assert sorted(r.id for r in rooms) == sorted(f"room-{n}" for n in range(REQUESTS))
        return elapsed

    elapsed = asyncio.run(asyncio.wait_for(main(), 60))
    check_rate(server, elapsed)
    # The loop kept turning while 200 requests waited for their tokens.
    assert len(ticks) > elapsed / 0.01 / 4
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 1.0


def test_every_attempt_takes_a_token(server: FaultServer) -> None:
    # 10 answers 429 (Retry-After: 0), then the room: 11 attempts of one call at 10/s with
    # a burst of 5 take at least 0.6 s, where the retries alone would take none.
    server.script(*[Reply(429, {"error": "RATE_LIMITED"}, {"Retry-After": "0"})] * 10)
    with Liveblocks(
        SECRET, base_url=server.url, max_requests_per_second=10, max_retries=10
    ) as client:
        started = time.monotonic()
        room = client.rooms["r1"].get()
        elapsed = time.monotonic() - started
    assert room.id == "r1"
    assert server.count == 11
    assert elapsed >= (11 - 5) / 10 - 0.05
    assert min(server.gaps()[5:]) >= 0.1 - 0.03


def test_retry_after_is_still_honoured(server: FaultServer) -> None:
    server.script(Reply(429, {"error": "RATE_LIMITED"}, {"Retry-After": "1"}))

    async def main() -> float:
        async with AsyncLiveblocks(
            SECRET, base_url=server.url, max_requests_per_second=1000
        ) as client:
            started = time.monotonic()
            await client.rooms["r1"].get()
            return time.monotonic() - started

    elapsed = asyncio.run(asyncio.wait_for(main(), 20))
    assert server.count == 2
    assert elapsed >= 0.95
    assert server.gaps()[0] >= 0.95


def test_no_budget_takes_no_lock_and_no_token(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: RequestBudget) -> float:
        raise AssertionError("a client without a budget took a token")

    monkeypatch.setattr(RequestBudget, "_book", refuse)
    with Liveblocks(SECRET, base_url=server.url) as client:
        assert client.max_requests_per_second is None
        assert client._requester.options.budget is None
        assert client.rooms["r1"].get().id == "r1"

    async def main() -> str:
        async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
            assert client._requester.options.budget is None
            return (await client.rooms["r2"].get()).id

    assert asyncio.run(main()) == "r2"


def test_copies_share_the_budget_unless_given_another() -> None:
    with Liveblocks(SECRET, max_requests_per_second=20) as client:
        budget = client._requester.options.budget
        assert budget is not None and (budget.rate, budget.burst) == (20.0, 5)
        assert client.with_options(timeout=3)._requester.options.budget is budget
        other = client.with_options(max_requests_per_second=2)
        assert other.max_requests_per_second == 2
        assert other._requester.options.budget is not budget
        assert client.with_options(max_requests_per_second=None).max_requests_per_second is None
        assert client.max_requests_per_second == 20
        twin = client.async_twin(2)
        assert twin._requester.options.budget is budget
        assert "max_requests_per_second=20.0" in repr(client._requester.options)
    # A budget under 5 a second bursts at most one second's worth.
    assert RequestBudget(2).burst == 2 and RequestBudget(0.5).burst == 1


@pytest.mark.parametrize("value", [0, -1, math.nan, math.inf, "10", True])
def test_a_budget_must_be_a_positive_number(value: Any) -> None:
    with pytest.raises(ValueError, match="max_requests_per_second"):
        Liveblocks(SECRET, max_requests_per_second=value)
    with pytest.raises(ValueError, match="max_requests_per_second"):
        AsyncLiveblocks(SECRET, max_requests_per_second=value)


def test_cli_max_rps_reaches_the_job(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}

    def export_rooms(client: Any, directory: str, **kwargs: Any) -> Any:
        seen.update(kwargs)
        raise ValueError("stop here")

    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", "sk_test_cli")
    monkeypatch.setattr(cli_module, "export_rooms", export_rooms)
    assert cli_module.main(["export", "out", "--max-rps", "12.5", "-q"]) == 2
    assert seen["max_requests_per_second"] == 12.5
    with pytest.raises(SystemExit) as exited:
        cli_module.main(["export", "out", "--max-rps", "0"])
    assert exited.value.code == 2
    assert "--max-rps: must be a number > 0, got '0'" in capsys.readouterr().err
