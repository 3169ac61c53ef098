"""Storage trees from the server must be trees, and any tree can be walked.

A request-storage-mutation answer whose nodes do not form one tree (a node its own
parent, a cycle, an id listed twice, two roots, a parent that is not there, a LiveList
inside itself) is a ResponseDecodeError on both clients, before the callback runs and
before anything is sent; a callback that deletes keys used to spin forever on such trees.
A valid tree 10,000 levels deep is built, read as JSON and as plain LSON, and edited
without RecursionError, whatever the order of its nodes.

Every call that could loop runs in a daemon thread that must finish within ``TIMEOUT``
(``asyncio.wait_for`` cannot stop a loop that never yields).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, LiveList, LiveObject
from liveblocks.errors import ResponseDecodeError
from liveblocks.export import export_rooms
from liveblocks.live._document import read_document
from liveblocks.mutate import mass_mutate_storage
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport, MockTransport
from tests.fakes.faultserver import room_json

from .test_live import Server, ndjson

T = TypeVar("T")
BASE = "https://api.liveblocks.test"
SECRET = "sk_test_trees"
TIMEOUT = 3.0
DEPTH = 10_000

ROOT = ["root", {"type": 0, "data": {"title": "Plan"}}]


def node(node_id: str, kind: int, parent: str | None, key: str | None, **more: Any) -> list[Any]:
    fields: dict[str, Any] = {"type": kind, **more}
    if parent is not None:
        fields["parentId"] = parent
    if key is not None:
        fields["parentKey"] = key
    return [node_id, fields]


OBJECT, LIST, MAP, REGISTER = 0, 1, 2, 3

#: name -> (nodes, the reason in the error)
BROKEN = {
    "own-parent": (
        [ROOT, node("a", OBJECT, "a", "self", data={"x": 1})],
        "the Storage node 'a' is its own ancestor (the nodes form a cycle)",
    ),
    "two-node-cycle": (
        [ROOT, node("a", OBJECT, "b", "k", data={}), node("b", MAP, "a", "k")],
        "the Storage node 'a' is its own ancestor (the nodes form a cycle)",
    ),
    "cycle-under-a-chain": (
        [
            ROOT,
            node("d", REGISTER, "c", "x", data=1),
            node("c", OBJECT, "b", "k", data={}),
            node("b", OBJECT, "a", "k", data={}),
            node("a", LIST, "c", "!"),
        ],
        "the Storage node 'c' is its own ancestor (the nodes form a cycle)",
    ),
    "id-listed-twice": (
        [ROOT, node("a", LIST, "root", "items"), node("a", LIST, "a", "!")],
        "the Storage node 'a' is listed twice",
    ),
    "two-roots": (
        [ROOT, node("a", LIST, "root", "items"), ["root", {"type": 0, "data": {"other": 1}}]],
        "the Storage nodes have two roots ('root' twice)",
    ),
    "a-second-node-without-parent": (
        [ROOT, node("a", OBJECT, None, None, data={"x": 1})],
        "the Storage node 'a' has no parent: a document has one root",
    ),
    "root-with-a-parent": (
        [
            ["root", {"type": 0, "parentId": "a", "parentKey": "k", "data": {}}],
            node("a", OBJECT, "root", "k", data={}),
        ],
        "the Storage root has a parent ('a')",
    ),
    "dangling-parent": (
        [ROOT, node("a", OBJECT, "gone", "k", data={})],
        "the parent of the Storage node 'a', 'gone', is not in the document",
    ),
    "a-parent-id-that-is-not-a-string": (
        [ROOT, ["a", {"type": OBJECT, "parentId": 5, "parentKey": "k", "data": {}}]],
        "Storage node on line 3: Expected `str | null`, got `int` - at `$[1].parentId`",
    ),
    "no-parent-key": (
        [ROOT, node("a", OBJECT, "root", None, data={})],
        "the Storage node 'a' has no parent key",
    ),
    "live-list-its-own-parent": (
        [ROOT, node("l", LIST, "root", "items"), node("m", LIST, "m", "!")],
        "the Storage node 'm' is its own ancestor (the nodes form a cycle)",
    ),
}


def within(seconds: float, fn: Callable[[], T]) -> T:
    """``fn()`` in a daemon thread: its result, or its exception; a test failure if it
    is still running after ``seconds``."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # handed to the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def delete_every_key(root: LiveObject) -> None:
    calls.append(root)
    for key in list(root):
        del root[key]


calls: list[Any] = []


@pytest.fixture(autouse=True)
def _no_calls() -> None:
    calls.clear()


@pytest.mark.parametrize("name", BROKEN)
def test_sync_mutate_refuses_a_broken_tree(name: str) -> None:
    nodes, reason = BROKEN[name]
    server = Server(nodes)
    transport = MockTransport(server)
    with Liveblocks(SECRET, base_url=BASE, transport=transport) as client:
        with pytest.raises(ResponseDecodeError) as raised:
            within(TIMEOUT, lambda: client.rooms["r"].storage.mutate(delete_every_key))
    error = raised.value
    assert error.message == f"The server's answer does not match the API: {reason}"
    assert (error.method, error.path) == ("POST", "/v2/rooms/r/request-storage-mutation")
    assert calls == [] and server.messages == []
    assert [r.path for r in transport.requests] == ["/v2/rooms/r/request-storage-mutation"]


@pytest.mark.parametrize("name", BROKEN)
def test_async_mutate_refuses_a_broken_tree(name: str) -> None:
    nodes, reason = BROKEN[name]
    server = Server(nodes)

    async def mutate() -> Any:
        async with AsyncLiveblocks(
            SECRET, base_url=BASE, transport=AsyncMockTransport(server)
        ) as client:
            return await client.rooms["r"].storage.mutate(delete_every_key)

    with pytest.raises(ResponseDecodeError) as raised:
        within(TIMEOUT, lambda: asyncio.run(mutate()))
    assert raised.value.message == f"The server's answer does not match the API: {reason}"
    assert calls == [] and server.messages == []


@pytest.mark.parametrize("name", BROKEN)
def test_reading_a_broken_tree_fails(name: str) -> None:
    nodes, reason = BROKEN[name]
    with pytest.raises(msgspec.DecodeError) as raised:
        within(TIMEOUT, lambda: read_document(ndjson(1, nodes)))
    assert str(raised.value) == reason


class Rooms(Server):
    """GET /v2/rooms/{id} for the rooms given by id, then the Storage of ``Server``."""

    def __call__(self, request: Request) -> Response:
        if request.method == "GET":
            room_id = request.path.rsplit("/", 1)[1]
            return Response(
                200, {"Content-Type": "application/json"}, json.dumps(room_json(room_id)).encode()
            )
        return super().__call__(request)


def test_mass_mutation_reports_a_broken_tree_as_a_reading_failure() -> None:
    nodes, reason = BROKEN["two-node-cycle"]
    server = Rooms(nodes)
    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(server)) as client:
        report = within(
            TIMEOUT,
            lambda: mass_mutate_storage(
                client, lambda room, root: delete_every_key(root), rooms=["r1", "r2"]
            ),
        )
    assert sorted(r.room_id for r in report.failed) == ["r1", "r2"]
    assert {r.reason for r in report.failed} == {
        f"reading: ResponseDecodeError: 200: The server's answer does not match the API: {reason}"
    }
    assert calls == [] and server.messages == []


# -- deep trees ---------------------------------------------------------------------------


def deep_nodes(depth: int = DEPTH) -> list[Any]:
    """``root["deep"]``: a LiveList holding a LiveList ... ``depth`` deep, the last one
    holding the string ``"bottom"``."""
    nodes = [ROOT, node("l0", LIST, "root", "deep")]
    nodes += [node(f"l{i}", LIST, f"l{i - 1}", "!") for i in range(1, depth)]
    nodes.append(node("bottom", REGISTER, f"l{depth - 1}", "!", data="bottom"))
    return nodes


def _down_json(value: Any, depth: int = DEPTH) -> Any:
    """Walk ``depth`` one-item lists down (without recursion); what is at the bottom."""
    for _ in range(depth):
        assert type(value) is list and len(value) == 1
        value = value[0]
    return value


def _down_lson(value: Any, depth: int = DEPTH) -> Any:
    for _ in range(depth):
        assert value["liveblocksType"] == "LiveList" and len(value["data"]) == 1
        value = value["data"][0]
    return value


def _deepest(root: LiveObject) -> LiveList:
    live: Any = root["deep"]
    for _ in range(DEPTH - 1):
        live = live[0]
    assert isinstance(live, LiveList)
    return live


@pytest.mark.parametrize("order", ["parents-first", "children-first"])
def test_a_deep_tree_is_built_and_read(order: str) -> None:
    nodes = deep_nodes()
    if order == "children-first":
        nodes = [nodes[0], *reversed(nodes[1:])]  # every parent after its children
    doc = within(TIMEOUT, lambda: read_document(ndjson(1, nodes)))
    view = within(TIMEOUT, doc.root.to_immutable)
    assert view["title"] == "Plan"
    assert _down_json(view["deep"]) == "bottom"
    lson = within(TIMEOUT, doc.root._plain_lson_)
    assert lson["liveblocksType"] == "LiveObject"
    assert _down_lson(lson["data"]["deep"]) == "bottom"
    assert _deepest(doc.root)[0] == "bottom"
    assert _down_json(_deepest(doc.root).to_immutable(), 1) == "bottom"


def test_a_deep_tree_is_mutated_on_both_clients() -> None:
    server = Server(deep_nodes())

    def push_at_the_bottom(root: LiveObject) -> list[Any]:
        deepest = _deepest(root)
        deepest.push("pushed")
        return deepest.to_immutable()

    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(server)) as client:
        result = within(TIMEOUT, lambda: client.rooms["r"].storage.mutate(push_at_the_bottom))
    assert result == ["bottom", "pushed"]
    ((op,),) = [m["messages"][0]["ops"] for m in server.messages]
    assert op == {
        "type": 8,
        "id": "7:0",
        "opId": "7:0",
        "parentId": f"l{DEPTH - 1}",
        "parentKey": op["parentKey"],
        "data": "pushed",
        "intent": "push",
    }
    assert op["parentKey"] > "!"  # after the item there

    server.messages.clear()
    kept: list[LiveList] = []

    def delete_the_tree(root: LiveObject) -> Any:
        kept.append(_deepest(root))
        del root["deep"]
        return root.to_immutable()

    async def on_async() -> Any:
        async with AsyncLiveblocks(
            SECRET, base_url=BASE, transport=AsyncMockTransport(server)
        ) as client:
            return await client.rooms["r"].storage.mutate(delete_the_tree)

    assert within(TIMEOUT, lambda: asyncio.run(on_async())) == {"title": "Plan"}
    assert [m["messages"][0]["ops"] for m in server.messages] == [
        [{"type": 6, "id": "root", "opId": "7:0", "key": "deep"}]
    ]
    with pytest.raises(ValueError, match="was removed from Storage"):
        kept[0].push(1)  # the whole removed tree is out of Storage, down to the bottom


def test_deep_plain_values_are_read() -> None:
    depth = 800  # as deep as the JSON decoder goes with the test's own frames on the stack
    value = json.loads("[" * depth + '"bottom"' + "]" * depth)
    nodes = [
        ["root", {"type": 0, "data": {"plain": value}}],
        node("m", MAP, "root", "map"),
        node("r", REGISTER, "m", "k", data=value),
    ]
    root = within(TIMEOUT, lambda: read_document(ndjson(1, nodes)).root)
    assert _down_json(within(TIMEOUT, lambda: root["plain"]), depth) == "bottom"
    view = within(TIMEOUT, root.to_immutable)
    assert _down_json(view["plain"], depth) == "bottom"
    assert _down_json(view["map"]["k"], depth) == "bottom"
    copy = root["plain"]
    assert copy is not root["plain"]  # a copy each time, however deep


def test_data_nested_deeper_than_can_be_read_is_a_decode_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    body = (
        ndjson(1, [ROOT])
        + b'["a",{"type":3,"parentId":"root","parentKey":"k","data":'
        + deep
        + b"}]\n"
    )
    server = Server()
    server.body = body
    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(server)) as client:
        with pytest.raises(ResponseDecodeError, match="line 3: its data is nested too deeply"):
            within(TIMEOUT, lambda: client.rooms["r"].storage.mutate(delete_every_key))
    assert calls == []


def test_an_export_reports_a_storage_document_nested_too_deeply(tmp_path: Path) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    document = b'{"liveblocksType":"LiveObject","data":{"a":' + deep + b',"f":"LiveFile"}}'

    def api(request: Request) -> Response:
        if request.path == "/v2/rooms":
            body = json.dumps({"nextCursor": None, "data": [room_json("deep")]}).encode()
            return Response(200, {"Content-Type": "application/json"}, body)
        if request.path.endswith("/storage"):
            return Response(200, {"Content-Type": "application/json"}, document)
        return Response(200, {"Content-Type": "application/octet-stream"}, b"")

    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(api)) as client:
        result = within(TIMEOUT, lambda: export_rooms(client, tmp_path / "out"))
    assert [f.room_id for f in result.failures] == ["deep"]
    assert result.failures[0].reason == (
        "ResponseDecodeError: The Storage document of room 'deep' cannot be read: it is "
        "nested too deeply"
    )
