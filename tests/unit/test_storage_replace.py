"""``storage.replace``: delete, then initialize, and never leave a room without Storage
because one initialize failed on the way. Sync (requests) and async (aiohttp) clients
against a local server that fails on cue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from liveblocks import _retry, errors
from tests.fakes.faultserver import Drop, FaultServer, Reply, run

MODES = ["sync", "async"]

DOCUMENT = {
    "liveblocksType": "LiveObject",
    "data": {
        "title": "Plan ✓",
        "items": {"liveblocksType": "LiveList", "data": [1, 2.5, None, {"k": [True]}]},
    },
}
OTHER = {"liveblocksType": "LiveObject", "data": {"title": "someone else's"}}
PATH = "/v2/rooms/r%201/storage"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.02)
    monkeypatch.setattr(_retry, "MAX_BACKOFF", 0.05)


def replace(client: Any) -> Any:
    return client.rooms["r 1"].storage.replace(DOCUMENT)


def exchanges(server: FaultServer) -> list[tuple[str, str]]:
    return [(r.method, r.target) for r in server.requests]


def assert_initializes(server: FaultServer, count: int) -> None:
    posts = [r for r in server.requests if r.method == "POST"]
    assert len(posts) == count
    for post in posts:  # every attempt sends the whole document again
        assert post.target == PATH
        assert json.loads(post.body) == DOCUMENT
        assert post.headers["content-type"] == "application/json"


@pytest.mark.parametrize("mode", MODES)
def test_plain_replace_is_two_requests(mode: str, server: FaultServer) -> None:
    server.script(Reply(204), Reply(200, DOCUMENT))
    assert run(mode, server.url, replace) == DOCUMENT
    assert exchanges(server) == [("DELETE", PATH), ("POST", PATH)]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [500, 502, 504])
def test_initialize_is_retried_after_a_server_error(
    mode: str, status: int, server: FaultServer
) -> None:
    server.script(Reply(204), Reply(status, {"error": "OOPS", "message": "try later"}))
    server.script(Reply(200, DOCUMENT))
    assert run(mode, server.url, replace) == DOCUMENT
    assert exchanges(server) == [("DELETE", PATH), ("POST", PATH), ("POST", PATH)]
    assert_initializes(server, 2)


@pytest.mark.parametrize("mode", MODES)
def test_lost_answer_then_409_is_confirmed_by_reading_back(
    mode: str, server: FaultServer
) -> None:
    """The first initialize landed but its answer was lost: the retry gets 409, the
    document is read back, and it is ours: success, not a failure."""
    server.script(Reply(204), Drop(), Reply(409, {"error": "STORAGE_ALREADY_EXISTS"}))
    server.script(Reply(200, DOCUMENT))
    result = run(mode, server.url, replace)
    assert result == DOCUMENT
    assert type(result).__name__ == "InitializeStorageDocumentResponse"
    assert exchanges(server) == [
        ("DELETE", PATH),
        ("POST", PATH),
        ("POST", PATH),
        ("GET", PATH),
    ]
    assert_initializes(server, 2)


@pytest.mark.parametrize("mode", MODES)
def test_timeout_then_409_is_confirmed(mode: str, server: FaultServer) -> None:
    server.script(Reply(204), Reply(200, DOCUMENT, delay=0.6), Reply(409))
    server.script(Reply(200, DOCUMENT))
    assert run(mode, server.url, replace, timeout=0.2) == DOCUMENT
    assert [m for m, _ in exchanges(server)] == ["DELETE", "POST", "POST", "GET"]


@pytest.mark.parametrize("mode", MODES)
def test_409_on_a_retry_with_another_document_is_raised(mode: str, server: FaultServer) -> None:
    server.script(Reply(204), Reply(500), Reply(409, {"error": "CONFLICT", "message": "exists"}))
    server.script(Reply(200, OTHER))
    with pytest.raises(errors.ConflictError) as info:
        run(mode, server.url, replace)
    assert (info.value.method, info.value.path) == ("POST", PATH)
    assert [m for m, _ in exchanges(server)] == ["DELETE", "POST", "POST", "GET"]


@pytest.mark.parametrize("mode", MODES)
def test_409_on_the_first_attempt_is_raised(mode: str, server: FaultServer) -> None:
    """Storage came back between the delete and the initialize: another writer's."""
    server.script(Reply(204), Reply(409, {"error": "CONFLICT", "message": "exists"}))
    with pytest.raises(errors.ConflictError):
        run(mode, server.url, replace)
    assert [m for m, _ in exchanges(server)] == ["DELETE", "POST"]


@pytest.mark.parametrize("mode", MODES)
def test_retries_end_with_the_last_error(mode: str, server: FaultServer) -> None:
    server.script(Reply(204), *[Reply(500, {"error": "E", "message": f"n{i}"}) for i in range(3)])
    with pytest.raises(errors.InternalServerError) as info:
        run(mode, server.url, replace, max_retries=2)
    assert info.value.message == "n2"
    assert_initializes(server, 3)


@pytest.mark.parametrize("mode", MODES)
def test_no_retry_when_retries_are_disabled(mode: str, server: FaultServer) -> None:
    server.script(Reply(204), Reply(500))
    with pytest.raises(errors.InternalServerError):
        run(mode, server.url, replace, max_retries=0)
    assert_initializes(server, 1)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [400, 422, 501])
def test_answers_a_retry_cannot_change_are_raised_at_once(
    mode: str, status: int, server: FaultServer
) -> None:
    server.script(Reply(204), Reply(status, {"error": "NO", "message": "refused"}))
    with pytest.raises(errors.APIStatusError) as info:
        run(mode, server.url, replace)
    assert info.value.status == status
    assert_initializes(server, 1)


@pytest.mark.parametrize("mode", MODES)
def test_503_is_retried_by_the_requester_only(mode: str, server: FaultServer) -> None:
    """429 and 503 are retried for every method by the requester; replace adds no
    retries of its own on top (no 3 x 3 attempts)."""
    server.script(Reply(204), *[Reply(503, headers={"Retry-After": "0"}) for _ in range(3)])
    with pytest.raises(errors.InternalServerError):
        run(mode, server.url, replace, max_retries=2)
    assert_initializes(server, 3)
