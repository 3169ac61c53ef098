"""The retry policy on its own: which failures are retried, how long to wait, settings."""

from __future__ import annotations

import email.utils
import random
from typing import Any

import pytest

from liveblocks import DEFAULT_TIMEOUT, AsyncLiveblocks, Liveblocks, Timeout, _retry
from tests.fakes.faultserver import SECRET

NOW = 1_700_000_000.0


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT", "DELETE", "POST", "PATCH"])
@pytest.mark.parametrize("status", [429, 503])
def test_429_and_503_retried_for_every_method(method: str, status: int) -> None:
    assert _retry.is_retryable_status(method, status)


@pytest.mark.parametrize("status", [500, 502, 504, 520])
def test_other_5xx_only_for_replayable_methods(status: int) -> None:
    for method in ("GET", "HEAD", "PUT", "DELETE"):
        assert _retry.is_retryable_status(method, status)
    for method in ("POST", "PATCH", "OPTIONS"):
        assert not _retry.is_retryable_status(method, status)


@pytest.mark.parametrize("status", [200, 400, 401, 403, 404, 409, 422, 501, 505])
def test_never_retried(status: int) -> None:
    assert not _retry.is_retryable_status("GET", status)


def test_failures_only_for_replayable_methods() -> None:
    assert [
        m
        for m in ("GET", "HEAD", "PUT", "DELETE", "POST", "PATCH", "OPTIONS")
        if _retry.is_retryable_failure(m)
    ] == ["GET", "HEAD", "PUT", "DELETE"]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("2", 2.0),
        (" 3 ", 3.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("-4", 0.0),
        ("86400", 60.0),
        ("inf", 60.0),
        ("nan", None),
        ("soon", None),
        ("", None),
        (email.utils.formatdate(NOW + 7, usegmt=True), 7.0),
        (email.utils.formatdate(NOW - 30, usegmt=True), 0.0),
        (email.utils.formatdate(NOW + 7200, usegmt=True), 60.0),
        ("Tue, 14 Nov 2023 22:13:27 -0000", 7.0),  # no zone: still GMT
        ("Tue, 14 Nov 2023 22:13:27", 7.0),
        ("Tue, 99 Nov 2023 22:13:27 GMT", None),
    ],
)
def test_retry_after(value: str, seconds: float | None) -> None:
    assert _retry.retry_after({"retry-after": value}, now=NOW) == seconds


def test_retry_after_header_name_any_case() -> None:
    assert _retry.retry_after({"Retry-After": "5"}) == 5.0
    assert _retry.retry_after({}) is None


def test_retry_after_cap_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "MAX_RETRY_AFTER", 10.0)
    assert _retry.retry_after({"retry-after": "30"}) == 10.0


def test_backoff_is_exponential_with_full_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(random, "uniform", lambda low, high: (low, high))
    ceilings: list[Any] = [_retry.backoff(n) for n in range(7)]
    assert ceilings == [(0.0, 0.5), (0.0, 1.0), (0.0, 2.0), (0.0, 4.0)] + [(0.0, 8.0)] * 3
    assert _retry.backoff(10_000) == (0.0, 8.0)  # no overflow however many retries


def test_backoff_spreads_out() -> None:
    delays = [_retry.backoff(2) for _ in range(500)]
    assert all(0.0 <= d <= 2.0 for d in delays)
    assert min(delays) < 0.5 and max(delays) > 1.5


def test_retry_after_wins_over_backoff() -> None:
    assert _retry.retry_delay(0, {"retry-after": "3"}) == 3.0
    assert 0.0 <= _retry.retry_delay(0, {"retry-after": "later"}) <= 0.5
    assert 0.0 <= _retry.retry_delay(0) <= 0.5


# --- settings on the client and per call ----------------------------------------------


@pytest.mark.parametrize("cls", [Liveblocks, AsyncLiveblocks])
def test_defaults(cls: Any) -> None:
    client = cls(SECRET)
    assert client.max_retries == 2
    assert client.timeout == DEFAULT_TIMEOUT == Timeout(connect=5.0, read=60.0)


@pytest.mark.parametrize("cls", [Liveblocks, AsyncLiveblocks])
def test_no_timeout_only_when_asked(cls: Any) -> None:
    assert cls(SECRET, timeout=None).timeout is None
    assert cls(SECRET, timeout=7).timeout == Timeout(connect=7.0, read=7.0, pool=7.0)
    assert cls(SECRET, timeout=Timeout(connect=1, read=None)).timeout == Timeout(1, None)


@pytest.mark.parametrize("cls", [Liveblocks, AsyncLiveblocks])
@pytest.mark.parametrize("bad", [-1, 1.5, "2", None, True])
def test_invalid_max_retries(cls: Any, bad: Any) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        cls(SECRET, max_retries=bad)
    with pytest.raises(ValueError, match="max_retries"):
        cls(SECRET).with_options(max_retries=bad)


@pytest.mark.parametrize("bad", [0, -1, True, "5"])
def test_invalid_timeout(bad: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        Liveblocks(SECRET, timeout=bad)


@pytest.mark.parametrize("cls", [Liveblocks, AsyncLiveblocks])
def test_with_options_copies_settings_and_shares_connections(cls: Any) -> None:
    client = cls(SECRET, timeout=10, max_retries=4)
    copy = client.with_options(max_retries=0)
    assert (copy.max_retries, copy.timeout) == (0, Timeout(10, 10, pool=10))
    assert (client.max_retries, client.timeout) == (4, Timeout(10, 10, pool=10))
    assert copy._requester.transport is client._requester.transport
    assert type(copy) is cls
    assert copy.with_options(timeout=None).timeout is None
    assert copy.with_options(timeout=None).max_retries == 0
    assert client.with_options().timeout == client.timeout
