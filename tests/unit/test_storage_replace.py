"""``storage.replace``: a room without Storage is initialized (the initialize retried, so
one failure on the way does not leave the room without Storage); a room with Storage is
changed by Live Storage operations, never emptied, not even for a moment. Sync (requests)
and async (aiohttp) clients against a local server that fails on cue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from liveblocks import _retry, errors
from liveblocks.live import _document
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
READ_PATH = "/v2/rooms/r%201/request-storage-mutation"
SEND_PATH = "/v2/rooms/r%201/send-message"
READ = ("POST", READ_PATH)
NDJSON = {"Content-Type": "application/x-ndjson"}


def nodes(actor: int, *lines: Any) -> Reply:
    """A request-storage-mutation answer: the actor, then the nodes."""
    body = b"\n".join(json.dumps(x).encode() for x in [{"actor": actor}, *lines]) + b"\n"
    return Reply(200, body, NDJSON)


def empty() -> Reply:
    """The answer for a room without Storage."""
    return nodes(3, ["root", {"type": 0, "data": {}}])


def stored() -> Reply:
    """A room with Storage: a title, a key the document does not have, and a list."""
    return nodes(
        7,
        ["root", {"type": 0, "data": {"title": "old", "gone": True}}],
        ["si:1", {"type": 1, "parentId": "root", "parentKey": "items"}],
        ["si:2", {"type": 3, "parentId": "si:1", "parentKey": "!", "data": "x"}],
    )


SENT = Reply(200, {"messages": []})


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
    posts = [r for r in server.requests if r.method == "POST" and r.target == PATH]
    assert len(posts) == count
    for post in posts:  # every attempt sends the whole document again
        assert json.loads(post.body) == DOCUMENT
        assert post.headers["content-type"] == "application/json"


def operations(server: FaultServer) -> list[list[dict[str, Any]]]:
    """The operations of each send-message request, in order."""
    sent = []
    for request in server.requests:
        if request.target == SEND_PATH:
            assert request.headers["content-type"] == "application/json"
            (message,) = json.loads(request.body)["messages"]
            assert message["type"] == 201
            sent.append(message["ops"])
    return sent


# -- a room that has Storage: operations, never a delete -------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_room_with_storage_is_changed_by_operations_not_emptied(
    mode: str, server: FaultServer
) -> None:
    server.script(stored(), SENT)
    result = run(mode, server.url, replace)
    assert result == DOCUMENT
    assert type(result).__name__ == "InitializeStorageDocumentResponse"
    # No DELETE, no initialize: the read, then one request of operations.
    assert exchanges(server) == [READ, ("POST", SEND_PATH)]
    assert server.requests[0].body == b"{}"
    item = {"parentId": "7:0", "intent": "set"}
    assert operations(server) == [
        [
            # Every top-level key set to its new value first ...
            {"type": 3, "id": "root", "opId": "7:0", "data": {"title": "Plan ✓"}},
            {"type": 2, "id": "7:0", "opId": "7:1", "parentId": "root", "parentKey": "items"},
            {**item, "type": 8, "id": "7:1", "opId": "7:2", "parentKey": "!", "data": 1},
            {**item, "type": 8, "id": "7:2", "opId": "7:3", "parentKey": "!!", "data": 2.5},
            {**item, "type": 8, "id": "7:3", "opId": "7:4", "parentKey": '!"', "data": None},
            {
                **item,
                "type": 8,
                "id": "7:4",
                "opId": "7:5",
                "parentKey": "!#",
                "data": {"k": [True]},
            },
            # ... then the keys that go deleted.
            {"type": 6, "id": "root", "opId": "7:6", "key": "gone"},
        ]
    ]


def holding(title: Any, items: list[Any]) -> Reply:
    """A room whose Storage has DOCUMENT's keys: ``title`` and the list ``items``."""
    lines: list[Any] = [
        ["root", {"type": 0, "data": {"title": title}}],
        ["si:1", {"type": 1, "parentId": "root", "parentKey": "items"}],
    ]
    keys = ["!", "!!", '!"', "!#", "!$"]
    for n, item in enumerate(items):
        lines.append(
            [f"si:{n + 2}", {"type": 3, "parentId": "si:1", "parentKey": keys[n], "data": item}]
        )
    return nodes(7, *lines)


@pytest.mark.parametrize("mode", MODES)
def test_a_room_that_holds_the_document_already_gets_no_operation(
    mode: str, server: FaultServer
) -> None:
    server.script(holding("Plan ✓", [1, 2.5, None, {"k": [True]}]))
    assert run(mode, server.url, replace) == DOCUMENT
    assert exchanges(server) == [READ]


@pytest.mark.parametrize("mode", MODES)
def test_only_the_keys_that_differ_are_written(mode: str, server: FaultServer) -> None:
    # The list is the same as the document's; only the title differs.
    server.script(holding("Plan", [1, 2.5, None, {"k": [True]}]), SENT)
    assert run(mode, server.url, replace) == DOCUMENT
    assert operations(server) == [
        [{"type": 3, "id": "root", "opId": "7:0", "data": {"title": "Plan ✓"}}]
    ]


@pytest.mark.parametrize("mode", MODES)
def test_a_value_equal_in_python_but_not_in_json_type_is_written(
    mode: str, server: FaultServer
) -> None:
    # True == 1 and 1 == 1.0 in Python; in Storage they are different values.
    server.script(holding("Plan ✓", [True, 2.5, None, {"k": [1]}]), SENT)
    assert run(mode, server.url, replace) == DOCUMENT
    (ops,) = operations(server)
    assert [op["type"] for op in ops][:2] == [2, 8]  # the list made again, item by item
    assert {op.get("parentKey") for op in ops} >= {"items"}


LIVE_TEXT = {"liveblocksType": "LiveText", "data": [["Hello "], ["world", {"bold": True}]]}
LIVE_FILE = {
    "liveblocksType": "LiveFile",
    "data": {
        "id": "fl_abcdefghijklmnopqrstu",
        "name": "a.txt",
        "size": 5,
        "mimeType": "text/plain",
    },
}


@pytest.mark.parametrize("mode", MODES)
def test_files_texts_maps_and_nested_structures_become_the_nodes_initialize_makes(
    mode: str, server: FaultServer
) -> None:
    """A LiveText is created with its segments at version 0 and a LiveFile with its
    metadata as given, as the server initializes them; plain values keep what looks like
    a structure inside them as plain JSON; an unchanged plain value is not sent again."""
    document = {
        "liveblocksType": "LiveObject",
        "data": {
            "title": "old",
            "text": LIVE_TEXT,
            "file": LIVE_FILE,
            "plain": {"x": {"liveblocksType": "LiveList", "data": [1]}},
            "map": {
                "liveblocksType": "LiveMap",
                "data": {"a": {"liveblocksType": "LiveObject", "data": {"n": 1, "f": LIVE_FILE}}},
            },
        },
    }
    server.script(stored(), SENT)
    assert run(mode, server.url, lambda c: c.rooms["r 1"].storage.replace(document)) == document
    assert operations(server) == [
        [
            {
                "type": 3,
                "id": "root",
                "opId": "7:0",
                "data": {"plain": {"x": {"liveblocksType": "LiveList", "data": [1]}}},
            },
            {
                "type": 9,
                "id": "7:0",
                "opId": "7:1",
                "parentId": "root",
                "parentKey": "text",
                "data": LIVE_TEXT["data"],
                "version": 0,
            },
            {
                "type": 11,
                "id": "7:1",
                "opId": "7:2",
                "parentId": "root",
                "parentKey": "file",
                "data": LIVE_FILE["data"],
            },
            {"type": 7, "id": "7:2", "opId": "7:3", "parentId": "root", "parentKey": "map"},
            {
                "type": 4,
                "id": "7:3",
                "opId": "7:4",
                "parentId": "7:2",
                "parentKey": "a",
                "data": {"n": 1},
            },
            {
                "type": 11,
                "id": "7:4",
                "opId": "7:5",
                "parentId": "7:3",
                "parentKey": "f",
                "data": LIVE_FILE["data"],
            },
            {"type": 6, "id": "root", "opId": "7:6", "key": "gone"},
            {"type": 6, "id": "root", "opId": "7:7", "key": "items"},
        ]
    ]


@pytest.mark.parametrize("mode", MODES)
def test_a_large_document_goes_in_several_requests_with_the_deletes_last(
    mode: str, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests of at most the bound, in order; whichever request an interruption stops
    at, the keys set before it are there and none was deleted yet."""
    original = _document.Document.request_bodies

    def small(self: _document.Document, max_ops: int = 3, max_bytes: int = 1 << 22) -> Any:
        return original(self, max_ops=max_ops, max_bytes=max_bytes)

    monkeypatch.setattr(_document.Document, "request_bodies", small)
    server.script(stored(), SENT, SENT, SENT)
    assert run(mode, server.url, replace) == DOCUMENT
    sent = operations(server)
    assert [len(ops) for ops in sent] == [3, 3, 1]
    flat = [op for ops in sent for op in ops]
    assert [op["opId"] for op in flat] == [f"7:{n}" for n in range(7)]
    assert [op["type"] for op in sent[-1]] == [6]  # the delete comes after every set
    assert all(op["type"] != 6 for op in flat[:-1])


@pytest.mark.parametrize("mode", MODES)
def test_a_failed_request_of_operations_stops_the_replace_before_the_deletes(
    mode: str, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = _document.Document.request_bodies

    def small(self: _document.Document, max_ops: int = 3, max_bytes: int = 1 << 22) -> Any:
        return original(self, max_ops=max_ops, max_bytes=max_bytes)

    monkeypatch.setattr(_document.Document, "request_bodies", small)
    server.script(stored(), SENT, Reply(422, {"error": "NO", "message": "refused"}))
    with pytest.raises(errors.UnprocessableEntityError):
        run(mode, server.url, replace)
    assert exchanges(server) == [READ, ("POST", SEND_PATH), ("POST", SEND_PATH)]
    assert all(op["type"] != 6 for ops in operations(server) for op in ops)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"liveblocksType": "LiveFoo", "data": 1}, "root['x']: a Storage node of type 'LiveFoo'"),
        (
            {"liveblocksType": "LiveList", "data": [{"liveblocksType": "LiveObject"}]},
            "root['x'][0]: a LiveObject needs its data as a JSON object, got NoneType",
        ),
        ({"liveblocksType": "LiveText"}, "root['x']: a LiveText needs its data"),
        (
            {"liveblocksType": "LiveFile", "data": {"id": "fl_1"}},
            "root['x']: a LiveFile needs a file name",
        ),
    ],
)
def test_a_document_that_cannot_be_written_as_operations_is_refused_before_sending(
    mode: str, value: Any, words: str, server: FaultServer
) -> None:
    document = {"liveblocksType": "LiveObject", "data": {"x": value}}
    server.script(stored())
    with pytest.raises(ValueError, match="^" + words.replace("[", r"\[")) as info:
        run(mode, server.url, lambda c: c.rooms["r 1"].storage.replace(document))
    assert not isinstance(info.value, errors.LiveblocksError)
    assert exchanges(server) == [READ]  # read only: the room is left as it was


@pytest.mark.parametrize("mode", MODES)
def test_a_document_that_cannot_be_written_as_operations_initializes_an_empty_room(
    mode: str, server: FaultServer
) -> None:
    """A room without Storage is initialized as before: the server decides."""
    document = {"liveblocksType": "LiveObject", "data": {"x": {"liveblocksType": "LiveFoo"}}}
    server.script(empty(), Reply(200, document))
    assert run(mode, server.url, lambda c: c.rooms["r 1"].storage.replace(document)) == document
    assert exchanges(server) == [READ, ("POST", PATH)]
    assert json.loads(server.requests[1].body) == document


@pytest.mark.parametrize("mode", MODES)
def test_a_409_on_the_first_initialize_writes_over_the_storage_found(
    mode: str, server: FaultServer
) -> None:
    """Storage came in between the read and the initialize (another writer's, or one the
    server counts as there though empty): read again and written over, not an error."""
    server.script(empty(), Reply(409, {"error": "CONFLICT", "message": "exists"}), stored(), SENT)
    assert run(mode, server.url, replace) == DOCUMENT
    assert exchanges(server) == [READ, ("POST", PATH), READ, ("POST", SEND_PATH)]
    assert [op["type"] for op in operations(server)[0]] == [3, 2, 8, 8, 8, 8, 6]


# -- a room without Storage: initialized, the initialize retried -------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_room_without_storage_is_read_then_initialized(mode: str, server: FaultServer) -> None:
    server.script(empty(), Reply(200, DOCUMENT))
    assert run(mode, server.url, replace) == DOCUMENT
    assert exchanges(server) == [READ, ("POST", PATH)]
    assert_initializes(server, 1)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [500, 502, 504])
def test_initialize_is_retried_after_a_server_error(
    mode: str, status: int, server: FaultServer
) -> None:
    server.script(empty(), Reply(status, {"error": "OOPS", "message": "try later"}))
    server.script(Reply(200, DOCUMENT))
    assert run(mode, server.url, replace) == DOCUMENT
    assert exchanges(server) == [READ, ("POST", PATH), ("POST", PATH)]
    assert_initializes(server, 2)


@pytest.mark.parametrize("mode", MODES)
def test_lost_answer_then_409_is_confirmed_by_reading_back(mode: str, server: FaultServer) -> None:
    """The first initialize landed but its answer was lost: the retry gets 409, the
    document is read back, and it is ours: success, not a failure."""
    server.script(empty(), Drop(), Reply(409, {"error": "STORAGE_ALREADY_EXISTS"}))
    server.script(Reply(200, DOCUMENT))
    result = run(mode, server.url, replace)
    assert result == DOCUMENT
    assert type(result).__name__ == "InitializeStorageDocumentResponse"
    assert exchanges(server) == [
        READ,
        ("POST", PATH),
        ("POST", PATH),
        ("GET", PATH),
    ]
    assert_initializes(server, 2)


@pytest.mark.parametrize("mode", MODES)
def test_timeout_then_409_is_confirmed(mode: str, server: FaultServer) -> None:
    server.script(empty(), Reply(200, DOCUMENT, delay=0.6), Reply(409))
    server.script(Reply(200, DOCUMENT))
    assert run(mode, server.url, replace, timeout=0.2) == DOCUMENT
    assert [m for m, _ in exchanges(server)] == ["POST", "POST", "POST", "GET"]


@pytest.mark.parametrize("mode", MODES)
def test_409_on_a_retry_with_another_document_is_raised(mode: str, server: FaultServer) -> None:
    server.script(empty(), Reply(500), Reply(409, {"error": "CONFLICT", "message": "exists"}))
    server.script(Reply(200, OTHER))
    with pytest.raises(errors.ConflictError) as info:
        run(mode, server.url, replace)
    assert (info.value.method, info.value.path) == ("POST", PATH)
    assert [m for m, _ in exchanges(server)] == ["POST", "POST", "POST", "GET"]


@pytest.mark.parametrize("mode", MODES)
def test_retries_end_with_the_last_error(mode: str, server: FaultServer) -> None:
    server.script(empty(), *[Reply(500, {"error": "E", "message": f"n{i}"}) for i in range(3)])
    with pytest.raises(errors.InternalServerError) as info:
        run(mode, server.url, replace, max_retries=2)
    assert info.value.message == "n2"
    assert_initializes(server, 3)


@pytest.mark.parametrize("mode", MODES)
def test_no_retry_when_retries_are_disabled(mode: str, server: FaultServer) -> None:
    server.script(empty(), Reply(500))
    with pytest.raises(errors.InternalServerError):
        run(mode, server.url, replace, max_retries=0)
    assert_initializes(server, 1)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [400, 422, 501])
def test_answers_a_retry_cannot_change_are_raised_at_once(
    mode: str, status: int, server: FaultServer
) -> None:
    server.script(empty(), Reply(status, {"error": "NO", "message": "refused"}))
    with pytest.raises(errors.APIStatusError) as info:
        run(mode, server.url, replace)
    assert info.value.status == status
    assert_initializes(server, 1)


@pytest.mark.parametrize("mode", MODES)
def test_503_is_retried_by_the_requester_only(mode: str, server: FaultServer) -> None:
    """429 and 503 are retried for every method by the requester; replace adds no
    retries of its own on top (no 3 x 3 attempts)."""
    server.script(empty(), *[Reply(503, headers={"Retry-After": "0"}) for _ in range(3)])
    with pytest.raises(errors.InternalServerError):
        run(mode, server.url, replace, max_retries=2)
    assert_initializes(server, 3)
