"""Yjs documents as pycrdt documents, at the wire: what is fetched, what is sent (only the
changes, nothing when nothing changed or the edit failed), on both clients."""

from __future__ import annotations

import sys
from typing import Any

import pycrdt
import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.errors import ResponseDecodeError
from liveblocks.transports import Response
from liveblocks.transports.mock import AsyncMockTransport, MockTransport
from tests.fakes.yjs_room import YjsRoom

BASE = "https://api.test"


def stored_document(text: str) -> bytes:
    doc: pycrdt.Doc[Any] = pycrdt.Doc()
    doc["body"] = pycrdt.Text(text)
    return doc.get_update()


class FakeRoom(YjsRoom):
    """The room's document, its text under "body"."""

    def __init__(self, text: str = "hello world") -> None:
        super().__init__(stored_document(text))

    @property
    def text(self) -> str:
        return str(self.doc.get("body", type=pycrdt.Text))


def sync_client(room: FakeRoom) -> tuple[Liveblocks, MockTransport]:
    transport = MockTransport(room)
    return Liveblocks("sk_test_yjs", base_url=BASE, transport=transport), transport


def wire(transport: MockTransport | AsyncMockTransport) -> list[tuple[str, str]]:
    return [(r.method, r.url) for r in transport.requests]


def test_get_document_reads_the_binary_update_into_a_pycrdt_doc() -> None:
    room = FakeRoom("hello world")
    client, transport = sync_client(room)
    doc = client.rooms["r 1"].yjs.get_document()
    assert isinstance(doc, pycrdt.Doc)
    assert str(doc.get("body", type=pycrdt.Text)) == "hello world"
    assert wire(transport) == [("GET", f"{BASE}/v2/rooms/r%201/ydoc-binary")]


def test_edit_sends_only_what_the_block_changed() -> None:
    room = FakeRoom("hello world " * 2000)
    client, transport = sync_client(room)
    edit = client.rooms["r 1"].yjs.edit()
    with edit as doc:
        text = doc.get("body", type=pycrdt.Text)
        del text[0:5]
        text.insert(0, "HELLO")
    assert room.text == "HELLO world " + "hello world " * 1999
    assert wire(transport) == [
        ("GET", f"{BASE}/v2/rooms/r%201/ydoc-binary"),
        ("PUT", f"{BASE}/v2/rooms/r%201/ydoc"),
    ]
    assert transport.requests[1].headers["Content-Type"] == "application/octet-stream"
    assert edit.sent == room.received[0]
    assert len(room.received[0]) < 100  # the document itself is 24 KB


def test_a_deletion_alone_is_sent() -> None:
    room = FakeRoom("keep drop")
    client, _ = sync_client(room)
    with client.rooms["r 1"].yjs.edit() as doc:
        del doc.get("body", type=pycrdt.Text)[4:]
    assert room.text == "keep"
    assert len(room.received) == 1


def test_nothing_is_sent_when_nothing_changed_or_the_block_raises() -> None:
    room = FakeRoom()
    client, transport = sync_client(room)
    edit = client.rooms["r 1"].yjs.edit()
    with edit as doc:
        str(doc.get("body", type=pycrdt.Text))
    assert edit.sent is None
    with pytest.raises(ZeroDivisionError):
        with client.rooms["r 1"].yjs.edit() as doc:
            doc.get("body", type=pycrdt.Text).insert(0, "lost ")
            1 / 0  # noqa: B018
    assert room.text == "hello world"
    assert [r.method for r in transport.requests] == ["GET", "GET"]


def test_mutate_returns_the_callback_result_and_sends_the_changes() -> None:
    room = FakeRoom("abc")
    client, _ = sync_client(room)

    def append(doc: pycrdt.Doc[Any]) -> int:
        text = doc.get("body", type=pycrdt.Text)
        text += "def"
        return len(str(text))

    assert client.rooms["r 1"].yjs.mutate(append) == 6
    assert room.text == "abcdef"
    assert client.rooms["r 1"].yjs.mutate(lambda doc: None) is None
    assert len(room.received) == 1


def test_guid_names_the_subdocument_on_both_requests() -> None:
    served = stored_document("sub")
    transport = MockTransport(
        lambda request: Response(200, {}, served if request.method == "GET" else b"")
    )
    client = Liveblocks("sk_test_yjs", base_url=BASE, transport=transport)
    with client.rooms["r 1"].yjs.edit(guid="sub/doc 1") as doc:
        assert doc.guid == "sub/doc 1"
        doc.get("body", type=pycrdt.Text).insert(0, "a ")
    assert wire(transport) == [
        ("GET", f"{BASE}/v2/rooms/r%201/ydoc-binary?guid=sub%2Fdoc+1"),
        ("PUT", f"{BASE}/v2/rooms/r%201/ydoc?guid=sub%2Fdoc+1"),
    ]


def test_a_malformed_answer_is_a_decode_error() -> None:
    transport = MockTransport(lambda request: Response(200, {}, b"\xff\xff not yjs"))
    client = Liveblocks("sk_test_yjs", base_url=BASE, transport=transport)
    with pytest.raises(ResponseDecodeError, match="not a Yjs binary update"):
        client.rooms["r 1"].yjs.get_document()


def test_without_pycrdt_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    client, transport = sync_client(FakeRoom())
    monkeypatch.setitem(sys.modules, "pycrdt", None)
    with pytest.raises(ModuleNotFoundError, match=r'pip install "liveblocks-sdk\[yjs\]"'):
        client.rooms["r 1"].yjs.get_document()
    with pytest.raises(ModuleNotFoundError, match=r"liveblocks-sdk\[yjs\]"):
        with client.rooms["r 1"].yjs.edit():
            pass
    assert transport.requests == []


def test_the_wrong_with_for_the_client_is_refused() -> None:
    client, transport = sync_client(FakeRoom())
    with pytest.raises(TypeError, match="async with"):
        client.rooms["r 1"].yjs.edit().__aenter__().send(None)
    with pytest.raises(TypeError, match="coroutine function needs AsyncLiveblocks"):

        async def callback(doc: pycrdt.Doc[Any]) -> None:
            pass

        client.rooms["r 1"].yjs.mutate(callback)  # type: ignore[arg-type]
    assert [r.method for r in transport.requests] == ["GET"]  # the mutate's read, no send


async def test_async_edit_and_mutate() -> None:
    room = FakeRoom("one two")
    transport = AsyncMockTransport(room)
    async with AsyncLiveblocks("sk_test_yjs", base_url=BASE, transport=transport) as client:
        edit = client.rooms["r 1"].yjs.edit()
        async with edit as doc:
            doc.get("body", type=pycrdt.Text).insert(0, "zero ")
        assert room.text == "zero one two"

        async def upper(doc: pycrdt.Doc[Any]) -> str:
            text = doc.get("body", type=pycrdt.Text)
            del text[0:4]
            text.insert(0, "ZERO")
            return str(text)

        assert await client.rooms["r 1"].yjs.mutate(upper) == "ZERO one two"
        with pytest.raises(TypeError, match="async with"):
            with client.rooms["r 1"].yjs.edit():
                pass
    assert room.text == "ZERO one two"
    assert edit.sent == room.received[0]
    assert [r.method for r in transport.requests] == ["GET", "PUT", "GET", "PUT"]
