"""Live Storage at the wire and in memory: the exact requests of a mutation and the exact
operations each edit makes, bounded requests, a failing callback sending nothing, trees
built from the server's nodes (node types the SDK does not edit kept as they are), the
Python protocols of LiveObject, LiveList and LiveMap, and the errors that say what to
fix before anything is sent."""

from __future__ import annotations

import asyncio
import io
import json
import math
import sys
import warnings
from typing import Any

import pytest

from liveblocks import (
    AsyncLiveblocks,
    Liveblocks,
    LiveFile,
    LiveList,
    LiveMap,
    LiveObject,
    LiveText,
)
from liveblocks.errors import ResponseDecodeError
from liveblocks.live import UnknownLiveNode
from liveblocks.live._document import read_document
from liveblocks.mutate import mass_mutate_storage
from liveblocks.resources.storage import MutationProgress
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport, MockTransport

BASE = "https://api.liveblocks.test"
NDJSON = {"Content-Type": "application/x-ndjson"}

#: A document as request-storage-mutation sends it: root, list, register, object, map.
NODES = [
    ["root", {"type": 0, "data": {"title": "Plan", "count": 3}}],
    ["si:1", {"type": 1, "parentId": "root", "parentKey": "items"}],
    ["si:2", {"type": 3, "parentId": "si:1", "parentKey": "!", "data": "a"}],
    ["si:3", {"type": 0, "parentId": "si:1", "parentKey": "!!", "data": {"done": False}}],
    ["si:4", {"type": 2, "parentId": "root", "parentKey": "people"}],
    ["si:5", {"type": 3, "parentId": "si:4", "parentKey": "al", "data": {"role": "admin"}}],
]


def ndjson(actor: int, nodes: list[Any]) -> bytes:
    return b"\n".join(json.dumps(x).encode() for x in [{"actor": actor}, *nodes]) + b"\n"


class Server:
    """Answers request-storage-mutation with ``nodes`` and records send-message bodies."""

    def __init__(self, nodes: list[Any] = NODES, actor: int = 7) -> None:
        self.body = ndjson(actor, nodes)
        self.headers = dict(NDJSON)
        self.messages: list[Any] = []

    def __call__(self, request: Request) -> Response:
        if request.path.endswith("/request-storage-mutation"):
            return Response(200, self.headers, self.body)
        if request.path.endswith("/send-message"):
            assert isinstance(request.body, bytes)
            self.messages.append(json.loads(request.body))
            return Response(200, {"Content-Type": "application/json"}, b'{"messages":[]}')
        return Response(404, {}, b'{"error":"NOT_FOUND","message":"no"}')

    @property
    def ops(self) -> list[Any]:
        return [op for body in self.messages for op in body["messages"][0]["ops"]]


def client_for(server: Server) -> tuple[Liveblocks, MockTransport]:
    transport = MockTransport(server)
    return Liveblocks("sk_test_live", base_url=BASE, transport=transport), transport


# -- the wire -------------------------------------------------------------------------


def test_a_mutation_reads_then_sends_its_operations() -> None:
    server = Server()
    client, transport = client_for(server)

    def edit(root: LiveObject) -> str:
        root["title"] = "Roadmap"
        root["items"].push(LiveObject({"done": True, "tags": LiveList(["x"])}))
        root["empty"] = LiveObject()
        return "done"

    assert client.rooms["doc 1"].storage.mutate(edit) == "done"
    read, send = transport.requests
    assert (read.method, read.url, read.body) == (
        "POST",
        f"{BASE}/v2/rooms/doc%201/request-storage-mutation",
        b"{}",
    )
    assert read.headers["Content-Type"] == "application/json"
    assert read.headers["Authorization"] == "Bearer sk_test_live"
    assert (send.method, send.url) == ("POST", f"{BASE}/v2/rooms/doc%201/send-message")
    assert send.headers["Content-Type"] == "application/json"
    assert server.messages == [
        {
            "messages": [
                {
                    "type": 201,
                    "ops": [
                        {"type": 3, "id": "root", "opId": "7:0", "data": {"title": "Roadmap"}},
                        {
                            "type": 4,
                            "id": "7:0",
                            "parentId": "si:1",
                            "parentKey": '!"',
                            "data": {"done": True},
                            "opId": "7:1",
                            "intent": "push",
                        },
                        {
                            "type": 2,
                            "id": "7:1",
                            "parentId": "7:0",
                            "parentKey": "tags",
                            "opId": "7:2",
                        },
                        {
                            "type": 8,
                            "id": "7:2",
                            "parentId": "7:1",
                            "parentKey": "!",
                            "data": "x",
                            "opId": "7:3",
                            "intent": "set",
                        },
                        # An update takes an op id for its plain values even when it has
                        # none (as node does): 7:4 is skipped.
                        {
                            "type": 4,
                            "id": "7:3",
                            "parentId": "root",
                            "parentKey": "empty",
                            "data": {},
                            "opId": "7:5",
                        },
                    ],
                }
            ]
        }
    ]


def test_each_edit_makes_the_operations_node_makes() -> None:
    server = Server()
    client, _ = client_for(server)
    file = LiveFile(id="fl_" + "a" * 21, name="a.txt", size=3, mime_type="text/plain")

    def edit(root: LiveObject) -> None:
        items, people = root["items"], root["people"]
        items.insert(0, "first")  # before "!": " ~"
        items.move(0, 2)  # to the end
        items.set(1, LiveMap({"k": 1}))
        items.delete(0)
        people["bo"] = file
        people.delete("al")
        del root["count"]
        root.update({"title": "T", "count": 3, "title2": None})
        items.clear()

    client.rooms["r"].storage.mutate(edit)
    assert server.ops == [
        {
            "type": 8,
            "id": "7:0",
            "parentId": "si:1",
            "parentKey": " ~",
            "data": "first",
            "opId": "7:0",
        },
        {"type": 1, "id": "7:0", "opId": "7:1", "parentKey": '!"'},  # after the last
        {
            "type": 7,
            "id": "7:1",
            "parentId": "si:1",
            "parentKey": "!!",
            "opId": "7:2",
            "intent": "set",
            "deletedId": "si:3",
        },
        {"type": 8, "id": "7:2", "parentId": "7:1", "parentKey": "k", "data": 1, "opId": "7:3"},
        {"type": 5, "id": "si:2", "opId": "7:4"},
        {
            "type": 11,
            "id": "7:3",
            "parentId": "si:4",
            "parentKey": "bo",
            "data": {"id": "fl_" + "a" * 21, "name": "a.txt", "size": 3, "mimeType": "text/plain"},
            "opId": "7:5",
        },
        {"type": 5, "id": "si:5", "opId": "7:6"},
        {"type": 6, "id": "root", "opId": "7:7", "key": "count"},
        {
            "type": 3,
            "id": "root",
            "opId": "7:8",
            "data": {"title": "T", "count": 3, "title2": None},
        },
        {"type": 5, "id": "7:1", "opId": "7:9"},
        {"type": 5, "id": "7:0", "opId": "7:10"},
    ]


def test_no_edit_no_send() -> None:
    server = Server()
    client, transport = client_for(server)
    assert client.mutate_storage("r", lambda root: root.to_immutable())["count"] == 3
    assert len(transport.requests) == 1
    client.rooms["r"].storage.mutate(lambda root: root.set("count", 3))  # the same value
    assert len(transport.requests) == 2 and not server.messages


def test_a_failing_callback_sends_nothing_and_its_error_propagates() -> None:
    server = Server()
    client, transport = client_for(server)
    error = LookupError("no such item")
    kept: list[LiveObject] = []

    def edit(root: LiveObject) -> None:
        kept.append(root)
        root["title"] = "never sent"
        raise error

    with pytest.raises(LookupError) as caught:
        client.rooms["r"].storage.mutate(edit)
    assert caught.value is error
    assert len(transport.requests) == 1 and not server.messages
    with pytest.raises(RuntimeError, match="mutation that has ended"):
        kept[0]["title"] = "later"


async def test_async_callbacks_may_be_coroutines() -> None:
    server = Server()
    transport = AsyncMockTransport(server)
    async with AsyncLiveblocks("sk_test_live", base_url=BASE, transport=transport) as client:

        async def edit(root: LiveObject) -> int:
            await asyncio.sleep(0)
            root["items"].append("b")
            return len(root["items"])

        assert await client.rooms["r"].storage.mutate(edit) == 3
        assert await client.mutate_storage("r", lambda root: root.get("title")) == "Plan"
    assert server.ops == [
        {
            "type": 8,
            "id": "7:0",
            "parentId": "si:1",
            "parentKey": '!"',
            "data": "b",
            "opId": "7:0",
            "intent": "push",
        },
    ]

    error = ValueError("late")

    async def failing(root: LiveObject) -> None:
        root["title"] = "x"
        await asyncio.sleep(0)
        raise error

    server.messages.clear()
    async with AsyncLiveblocks("sk_test_live", base_url=BASE, transport=transport) as client:
        with pytest.raises(ValueError) as caught:
            await client.rooms["r"].storage.mutate(failing)
    assert caught.value is error and not server.messages


def test_a_coroutine_callback_needs_the_async_client() -> None:
    server = Server()
    client, _ = client_for(server)

    async def edit(root: LiveObject) -> None:
        root["title"] = "x"

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "coroutine was never awaited" would fail here
        with pytest.raises(TypeError, match="coroutine function needs AsyncLiveblocks"):
            client.rooms["r"].storage.mutate(edit)
    assert not server.messages


def test_an_answer_that_is_not_ndjson_is_refused() -> None:
    server = Server()
    server.headers = {"Content-Type": "application/json"}
    client, _ = client_for(server)
    with pytest.raises(ResponseDecodeError, match="Unexpected response content type"):
        client.rooms["r"].storage.mutate(lambda root: None)
    server.headers = dict(NDJSON)
    server.body = b'{"nope": 1}\n["root",{"type":0,"data":{}}]\n'
    with pytest.raises(ResponseDecodeError, match="Failed to obtain a unique session"):
        client.rooms["r"].storage.mutate(lambda root: None)
    server.body = b'{"actor": 1}\n["si:1",{"type":1,"parentId":"root","parentKey":"l"}]\n'
    with pytest.raises(ResponseDecodeError, match="no root"):
        client.rooms["r"].storage.mutate(lambda root: None)
    server.body = b'{"actor": 1}\n["root",{"type":0,"data":{}}]\n[1, 2\n'
    with pytest.raises(ResponseDecodeError, match="line 3"):
        client.rooms["r"].storage.mutate(lambda root: None)


def test_large_edits_go_in_bounded_requests_in_order() -> None:
    server = Server()
    client, _ = client_for(server)

    def many(root: LiveObject) -> None:
        for i in range(25_000):
            root["items"].push(i)

    client.rooms["r"].storage.mutate(many)
    sizes = [len(body["messages"][0]["ops"]) for body in server.messages]
    assert sizes == [10_000, 10_000, 5_000]
    assert [op["data"] for op in server.ops] == list(range(25_000))

    server.messages.clear()
    big = "x" * (3 * 1024 * 1024)

    def large(root: LiveObject) -> None:
        root["a"] = big
        root["b"] = big
        root["c"] = "small"
        root["d"] = "x" * (5 * 1024 * 1024)  # larger than a request's bound: on its own

    client.rooms["r"].storage.mutate(large)
    assert [
        [next(iter(op["data"])) for op in m["messages"][0]["ops"]] for m in server.messages
    ] == [
        ["a"],
        ["b", "c"],
        ["d"],
    ]


# -- trees from the server -------------------------------------------------------------


def test_the_tree_reads_as_the_document() -> None:
    doc = read_document(ndjson(3, NODES))
    root = doc.root
    assert root.to_immutable() == {
        "title": "Plan",
        "count": 3,
        "items": ["a", {"done": False}],
        "people": {"al": {"role": "admin"}},
    }
    assert isinstance(root["items"], LiveList) and isinstance(root["people"], LiveMap)
    assert isinstance(root["items"][1], LiveObject)
    assert root["people"]["al"] == {"role": "admin"}  # a plain value, as a dict


def test_list_items_are_ordered_by_position_whatever_the_order_of_the_nodes() -> None:
    nodes = [
        ["root", {"type": 0, "data": {}}],
        ["si:1", {"type": 1, "parentId": "root", "parentKey": "l"}],
        ["si:4", {"type": 3, "parentId": "si:1", "parentKey": "#", "data": "c"}],
        ["si:2", {"type": 3, "parentId": "si:1", "parentKey": "!", "data": "a"}],
        ["si:3", {"type": 3, "parentId": "si:1", "parentKey": '"', "data": "b"}],
        ["si:6", {"type": 3, "parentId": "root", "parentKey": "plain", "data": [1]}],
    ]
    body = ndjson(1, nodes).replace(b"\n", b"\r\n\r\n")  # blank lines, CRLF: still read
    root = read_document(body).root
    assert root.to_immutable() == {"l": ["a", "b", "c"], "plain": [1]}


def test_node_types_the_sdk_does_not_edit_are_kept_and_readable() -> None:
    nodes = [
        ["root", {"type": 0, "data": {"a": 1}}],
        [
            "si:1",
            {
                "type": 4,
                "parentId": "root",
                "parentKey": "text",
                "data": [["Hello "], ["world", {"bold": True}]],
                "version": 4,
            },
        ],
        ["si:2", {"type": 42, "parentId": "root", "parentKey": "future", "data": {"x": [1]}}],
        ["si:3", {"type": 3, "parentId": "si:2", "parentKey": "inside", "data": "kept"}],
        ["si:4", {"type": 1, "parentId": "root", "parentKey": "l"}],
        ["si:5", {"type": 42, "parentId": "si:4", "parentKey": "!", "data": None}],
        ["si:6", {"type": 3, "parentId": "si:4", "parentKey": "!!", "data": "b"}],
    ]
    server = Server(nodes)
    client, _ = client_for(server)

    def edit(root: LiveObject) -> Any:
        text, future = root["text"], root["future"]
        assert isinstance(text, LiveText) and isinstance(future, UnknownLiveNode)
        assert str(text) == "Hello world" and text.version == 4
        assert future.type == 42 and future.data == {"x": [1]}
        root["a"] = 2
        root["l"].move(0, 1)  # an unknown node moves like any item
        view = root.to_immutable()
        del root["text"]
        return view

    view = client.rooms["r"].storage.mutate(edit)
    assert view == {
        "a": 2,
        "text": [["Hello "], ["world", {"bold": True}]],
        "future": {"x": [1]},
        "l": ["b", None],
    }
    assert server.ops == [
        {"type": 3, "id": "root", "opId": "7:0", "data": {"a": 2}},
        {"type": 1, "id": "si:5", "opId": "7:1", "parentKey": '!"'},
        {"type": 6, "id": "root", "opId": "7:2", "key": "text"},
    ]
    with pytest.raises(TypeError, match="does not create or edit"):
        LiveText("hello")


# -- the Python protocols ------------------------------------------------------------


def test_live_object_protocols() -> None:
    obj = LiveObject({"a": 1, "b": {"c": [1]}}, d=LiveList([1]))
    assert len(obj) == 3 and list(obj) == ["a", "b", "d"] and "a" in obj and "z" not in obj
    assert obj.get("a") == 1 and obj.get("z") is None and obj.get("z", 0) == 0
    assert obj["b"] == {"c": [1]} and isinstance(obj["d"], LiveList)
    obj["b"]["c"].append(2)  # a copy: plain values change only when set again
    assert obj["b"] == {"c": [1]}
    obj.set("e", (1, 2))
    obj.update([("f", 1)], g=2)
    del obj["a"]
    obj.delete("nothing")  # no error, as node
    with pytest.raises(KeyError):
        del obj["nothing"]
    assert obj.pop("g") == 2 and obj.setdefault("h", "x") == "x"
    assert dict(obj.items())["e"] == [1, 2]
    assert obj.to_immutable() == {"b": {"c": [1]}, "d": [1], "e": [1, 2], "f": 1, "h": "x"}
    assert obj == {"b": {"c": [1]}, "d": LiveList([1]), "e": [1, 2], "f": 1, "h": "x"}
    assert repr(LiveObject(a=1)) == "LiveObject({'a': 1})"


def test_live_list_protocols() -> None:
    lst = LiveList(["a", "b", "c"])
    assert (
        len(lst) == 3 and list(lst) == ["a", "b", "c"] and lst[-1] == "c" and lst[0:2] == ["a", "b"]
    )
    lst.append("d")
    lst.push("e")
    lst.insert(0, "z")
    lst.insert(-1, "y")  # before the last item
    assert lst == ["z", "a", "b", "c", "d", "y", "e"]
    lst.move(0, -1)
    lst[0] = "A"
    lst.set(-1, "Z")
    del lst[1]
    lst.delete(-2)
    assert lst.to_immutable() == ["A", "c", "d", "y", "Z"]
    lst.extend(["x", "x"])
    lst += ["w"]
    assert lst.count("x") == 2 and lst.index("d") == 2 and "w" in lst
    assert lst.pop() == "w" and lst.pop(0) == "A"
    lst.remove("x")
    lst.reverse()
    assert list(lst) == ["x", "Z", "y", "d", "c"]
    del lst[1:3]
    assert list(lst) == ["x", "d", "c"]
    lst.clear()
    assert len(lst) == 0 and list(reversed(LiveList([1, 2]))) == [2, 1]
    for bad in (lambda: lst[0], lambda: LiveList([1]).move(0, 1), lambda: LiveList().delete(0)):
        with pytest.raises(IndexError, match="LiveList of"):
            bad()
    with pytest.raises(IndexError, match="give -1 to 1"):
        LiveList([1]).insert(2, "x")
    with pytest.raises(TypeError, match="a LiveList index must be an integer"):
        LiveList([1])["0"]  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="slice assignment"):
        LiveList([1])[0:1] = [2]
    assert repr(LiveList([1, LiveObject()])) == "LiveList([1, LiveObject({})])"


def test_live_map_protocols() -> None:
    m = LiveMap({"a": 1}, b=LiveObject(x=1))
    m["c"] = [1]
    m.set("d", None)
    assert len(m) == 4 and list(m) == ["a", "b", "c", "d"] and "d" in m
    assert m["c"] == [1] and m.get("d", "default") is None and m.get("e", 0) == 0
    assert m.delete("a") is True and m.delete("a") is False
    with pytest.raises(KeyError):
        del m["a"]
    del m["c"]
    m.update({"e": 2})
    assert m.to_immutable() == {"b": {"x": 1}, "d": None, "e": 2}
    assert m == {"b": {"x": 1}, "d": None, "e": 2}


def test_structures_built_before_being_placed_go_whole() -> None:
    server = Server()
    client, _ = client_for(server)
    tree = LiveObject({"list": LiveList()})
    tree["list"].push(LiveMap())
    tree["list"][0]["k"] = "v"
    tree["list"].insert(0, "first")
    tree["list"].move(1, 0)
    tree["gone"] = LiveList([1])
    del tree["gone"]

    client.rooms["r"].storage.mutate(lambda root: root.set("tree", tree))
    assert server.ops == [
        {
            "type": 4,
            "id": "7:0",
            "parentId": "root",
            "parentKey": "tree",
            "data": {},
            "opId": "7:1",
        },
        {"type": 2, "id": "7:1", "parentId": "7:0", "parentKey": "list", "opId": "7:2"},
        {
            "type": 7,
            "id": "7:2",
            "parentId": "7:1",
            "parentKey": " }",
            "opId": "7:3",
            "intent": "set",
        },
        {"type": 8, "id": "7:3", "parentId": "7:2", "parentKey": "k", "data": "v", "opId": "7:4"},
        {
            "type": 8,
            "id": "7:4",
            "parentId": "7:1",
            "parentKey": " ~",
            "data": "first",
            "opId": "7:5",
            "intent": "set",
        },
    ]


def test_plain_lson_for_a_whole_document() -> None:
    seen: list[bytes] = []

    def handler(request: Request) -> Response:
        assert isinstance(request.body, bytes)
        seen.append(request.body)
        return Response(200, {"Content-Type": "application/json"}, request.body)

    client = Liveblocks("sk_test_live", base_url=BASE, transport=MockTransport(handler))
    document = LiveObject({"t": "x", "l": LiveList([1, LiveMap({"k": LiveObject()})])})
    client.rooms["r"].storage.initialize(document)
    assert json.loads(seen[0]) == {
        "liveblocksType": "LiveObject",
        "data": {
            "t": "x",
            "l": {
                "liveblocksType": "LiveList",
                "data": [
                    1,
                    {
                        "liveblocksType": "LiveMap",
                        "data": {"k": {"liveblocksType": "LiveObject", "data": {}}},
                    },
                ],
            },
        },
    }


# -- errors before anything is sent ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({1, 2}, r"root\['x'\]: a set is not a JSON value"),
        ({"a": [1, b"x"]}, r"root\['x'\]\['a'\]\[1\]: a bytes is not a JSON value"),
        ({"a": {2: "x"}}, r"root\['x'\]\['a'\]: JSON object keys are strings, got the key 2"),
        (math.nan, r"root\['x'\]: nan is not a JSON number"),
        ([math.inf], r"root\['x'\]\[0\]: inf is not a JSON number"),
        (2**64, "too large"),
        ({"nested": LiveList()}, "cannot sit inside a plain dict or list; make the container"),
        (object(), "a object is not a JSON value"),
    ],
)
def test_values_that_are_not_json_are_refused(value: Any, message: str) -> None:
    server = Server()
    client, _ = client_for(server)
    with pytest.raises(TypeError, match=message):
        client.rooms["r"].storage.mutate(lambda root: root.set("x", value))
    assert not server.messages


def test_the_path_of_a_refused_value_is_given() -> None:
    server = Server()
    client, _ = client_for(server)
    with pytest.raises(TypeError, match=r"root\['items'\]\[1\]\['tags'\]\[0\]\[2\]: a set"):
        client.rooms["r"].storage.mutate(lambda root: root["items"][1].set("tags", [[1, 2, set()]]))
    with pytest.raises(TypeError, match=r"a new LiveList\[0\]: a set"):
        LiveList([set()])


def test_a_structure_goes_in_one_place_only() -> None:
    server = Server()
    client, _ = client_for(server)

    def twice(root: LiveObject) -> None:
        item = root["items"][1]
        root["copy"] = item

    with pytest.raises(ValueError, match=r"root\['copy'\]: this LiveObject is already in Storage"):
        client.rooms["r"].storage.mutate(twice)

    def same_new_twice(root: LiveObject) -> None:
        shared = LiveObject()
        root.update({"a": shared, "b": shared})

    with pytest.raises(ValueError, match="the same LiveObject is given twice"):
        client.rooms["r"].storage.mutate(same_new_twice)

    inner = LiveList()
    LiveObject({"x": inner})
    with pytest.raises(ValueError, match="already inside another LiveObject"):
        LiveMap({"y": inner})
    loop = LiveObject()
    with pytest.raises(ValueError, match="cannot be placed inside itself"):
        loop["self"] = loop
    outer = LiveList([loop])
    with pytest.raises(ValueError, match="cannot be placed inside itself"):
        loop["outer"] = outer

    file = LiveFile(id="fl_" + "b" * 21, name="b.txt", size=1, mime_type="text/plain")

    def file_twice(root: LiveObject) -> None:
        root["a"] = file
        root["items"].push(file)

    with pytest.raises(ValueError, match=r"LiveFile\(data=file.data\)"):
        client.rooms["r"].storage.mutate(file_twice)
    assert not server.messages


def test_a_removed_structure_is_read_only() -> None:
    server = Server()
    client, _ = client_for(server)

    def edit(root: LiveObject) -> None:
        item = root["items"][1]
        del root["items"][1]
        assert item["done"] is False  # still readable
        with pytest.raises(ValueError, match=r"removed from Storage \(deleted or replaced\)"):
            item["done"] = True
        people = root["people"]
        root["people"] = LiveMap()
        with pytest.raises(ValueError, match="removed from Storage"):
            people.set("x", 1)

    client.rooms["r"].storage.mutate(edit)
    assert [op["type"] for op in server.ops] == [5, 7]


def test_a_new_structure_taken_out_can_be_placed_again() -> None:
    inner = LiveList([1])
    outer = LiveObject({"a": inner})
    del outer["a"]
    LiveMap({"b": inner})  # free again: no error
    lst = LiveList([inner := LiveList()])
    lst.delete(0)
    LiveObject({"c": inner})


def test_mass_mutation_bounds_are_checked_before_any_request() -> None:
    server = Server()
    client, transport = client_for(server)
    for bad in (0, 21, True, 2.0):
        with pytest.raises(ValueError, match="concurrency must be an integer between 1 and 20"):
            client.mass_mutate_storage(lambda room, root: None, concurrency=bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="concurrency must be an integer between 1 and 20"):
            mass_mutate_storage(client, lambda room, root: None, concurrency=bad)  # type: ignore[arg-type]
    assert not transport.requests


class Project(Server):
    """A few rooms listed by GET /v2/rooms, each with the same document."""

    def __init__(self, rooms: list[str]) -> None:
        super().__init__()
        self.rooms = rooms

    def __call__(self, request: Request) -> Response:
        if request.method == "GET" and request.path == "/v2/rooms":
            data = [
                {
                    "type": "room",
                    "id": room,
                    "organizationId": "default",
                    "createdAt": "2024-01-01T00:00:00.000Z",
                    "defaultAccesses": [],
                    "usersAccesses": {},
                    "groupsAccesses": {},
                    "metadata": {},
                }
                for room in self.rooms
            ]
            body = json.dumps({"nextCursor": None, "data": data}).encode()
            return Response(200, {"Content-Type": "application/json"}, body)
        return super().__call__(request)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_mass_mutation_on_the_sync_client_takes_coroutines_and_shows_progress(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = Project(["a", "b", "c"])
    client, transport = client_for(project)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    async def edit(room: Any, root: LiveObject) -> None:
        await asyncio.sleep(0)
        if room.id != "b":
            root["seen"] = room.id

    seen: list[str] = []
    report = client.mass_mutate_storage(
        edit,
        query='metadata["k"]:"v"',
        group_ids=["g1", "g2"],
        on_result=lambda result: seen.append(result.room_id),
        progress=True,
    )
    assert sorted(seen) == ["a", "b", "c"]
    assert sorted(r.room_id for r in report.mutated) == ["a", "c"]
    assert [r.room_id for r in report.unchanged] == ["b"] and report.ok
    listing = next(r for r in transport.requests if r.method == "GET")
    assert "query=metadata%5B%22k%22%5D%3A%22v%22" in listing.url
    assert "groupIds=g1%2Cg2" in listing.url
    assert sorted(op["data"]["seen"] for op in project.ops) == ["a", "c"]
    assert "mass_mutate_storage: " in terminal.getvalue()  # the bar, cleared at the end


def test_a_mutation_keeps_the_progress_it_is_given_up_to_date() -> None:
    server = Server()
    client, transport = client_for(server)
    done = MutationProgress()
    client.rooms["r"].storage.mutate(lambda root: root.set("title", "x"), progress=done)
    assert (done.stage, done.operations, done.requests, done.sent) == ("done", 1, 1, 1)

    def fails(root: LiveObject) -> None:
        root["title"] = "y"
        raise KeyError("nope")

    raised = MutationProgress()
    with pytest.raises(KeyError):
        client.rooms["r"].storage.mutate(fails, progress=raised)
    assert (raised.stage, raised.sent) == ("callback", 0)
    assert [r.url.rsplit("/", 1)[-1] for r in transport.requests] == [
        "request-storage-mutation",
        "send-message",
        "request-storage-mutation",
    ]


def test_a_callback_that_is_not_callable_is_refused_before_any_request() -> None:
    server = Server()
    client, transport = client_for(server)
    with pytest.raises(TypeError, match="the callback must be a function of the root"):
        client.rooms["r"].storage.mutate({"title": "x"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"must take \(room, root\)"):
        client.mass_mutate_storage("edit")  # type: ignore[arg-type]
    assert not transport.requests


def test_placing_a_structure_where_it_already_is_changes_nothing() -> None:
    server = Server()
    client, _ = client_for(server)

    def edit(root: LiveObject) -> None:
        root["items"] = root["items"]
        root["items"][1] = root["items"][1]
        root["people"]["al"] = root["people"]["al"]  # a plain value: set again
        root["nested"] = LiveMap()
        root["nested"]["m"] = inner = LiveMap()
        root["nested"]["m"] = inner

    client.rooms["r"].storage.mutate(edit)
    assert [op["type"] for op in server.ops] == [8, 7, 7]
