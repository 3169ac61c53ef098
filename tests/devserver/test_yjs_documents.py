"""Yjs documents edited as pycrdt documents against the real dev server: the room ends up
with the edited document, and what goes over the wire is the edit, not the document."""

from __future__ import annotations

from typing import Any

import pycrdt

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.transports import Request, Response
from liveblocks.transports._requests import RequestsTransport
from liveblocks.transports.aiohttp_transport import AiohttpTransport
from tests.devserver_process import SECRET, DevServer

WORDS = 100_000 // len("lorem ")


class Recorded:
    """The bodies of the PUTs a transport sends."""

    def __init__(self) -> None:
        self.puts: list[bytes] = []

    def note(self, request: Request) -> None:
        if request.method == "PUT":
            assert isinstance(request.body, bytes)
            self.puts.append(request.body)


class RecordingTransport(RequestsTransport):
    def __init__(self, recorded: Recorded) -> None:
        super().__init__()
        self.recorded = recorded

    def send(self, request: Request) -> Response:
        self.recorded.note(request)
        return super().send(request)


class AsyncRecordingTransport(AiohttpTransport):
    def __init__(self, recorded: Recorded) -> None:
        super().__init__()
        self.recorded = recorded

    async def send(self, request: Request) -> Response:
        self.recorded.note(request)
        return await super().send(request)


def big_document() -> bytes:
    doc: pycrdt.Doc[Any] = pycrdt.Doc()
    doc["body"] = pycrdt.Text("lorem " * WORDS)
    doc["meta"] = pycrdt.Map({"title": "Big"})
    update = doc.get_update()
    assert len(update) >= 100_000
    return update


def stored_text(client: Liveblocks, room_id: str, guid: str | None = None) -> str:
    doc: pycrdt.Doc[Any] = pycrdt.Doc()
    doc.apply_update(client.rooms[room_id].yjs.get_binary(guid=guid))
    return str(doc.get("body", type=pycrdt.Text))


def replace_word(doc: pycrdt.Doc[Any], index: int, word: str) -> None:
    text = doc.get("body", type=pycrdt.Text)
    start = index * len("lorem ")
    del text[start : start + len("lorem")]
    text.insert(start, word)


def test_editing_one_word_of_a_100_kb_document_sends_under_1_kb(
    devserver: DevServer, room_id: str
) -> None:
    recorded = Recorded()
    transport = RecordingTransport(recorded)
    with Liveblocks(SECRET, base_url=devserver.url, transport=transport) as client:
        client.rooms.create(id=room_id, default_accesses=[])
        client.rooms[room_id].yjs.send_update(big_document())
        edit = client.rooms[room_id].yjs.edit()
        with edit as doc:
            replace_word(doc, 500, "ipsum")
        expected = "lorem " * 500 + "ipsum " + "lorem " * (WORDS - 501)
        assert stored_text(client, room_id) == expected
        assert client.rooms[room_id].yjs.get()["meta"] == {"title": "Big"}
        first, sent = recorded.puts
        assert len(first) >= 100_000
        assert sent == edit.sent
        assert len(sent) < 1024, len(sent)

        # Nothing changed: nothing sent.
        with client.rooms[room_id].yjs.edit() as doc:
            assert str(doc.get("body", type=pycrdt.Text)) == expected
        assert len(recorded.puts) == 2
    transport.close()


def test_mutate_deletes_and_the_server_keeps_the_rest(live: Liveblocks, room_id: str) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    live.rooms[room_id].yjs.send_update(big_document())

    def cut(doc: pycrdt.Doc[Any]) -> int:
        text = doc.get("body", type=pycrdt.Text)
        del text[6:]
        doc.get("meta", type=pycrdt.Map)["title"] = "Small"
        return len(text)

    assert live.rooms[room_id].yjs.mutate(cut) == 6
    assert stored_text(live, room_id) == "lorem "
    assert live.rooms[room_id].yjs.get_document().get("meta", type=pycrdt.Map).to_py() == {
        "title": "Small"
    }


def test_a_subdocument_by_guid(live: Liveblocks, room_id: str) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    guid = "3b5f1b0e-sub-1"
    main: pycrdt.Doc[Any] = pycrdt.Doc()
    main.get("docs", type=pycrdt.Map)["chapter"] = pycrdt.Doc(guid=guid)
    live.rooms[room_id].yjs.send_update(main.get_update())
    live.rooms[room_id].yjs.send_update(big_document(), guid=guid)
    main_before = live.rooms[room_id].yjs.get_binary()
    with live.rooms[room_id].yjs.edit(guid=guid) as doc:
        assert doc.guid == guid
        replace_word(doc, 0, "first")
    assert stored_text(live, room_id, guid).startswith("first lorem lorem")
    assert live.rooms[room_id].yjs.get_binary() == main_before  # the main document untouched


async def test_async_edit_sends_under_1_kb_and_mutate_awaits(
    devserver: DevServer, room_id: str
) -> None:
    recorded = Recorded()
    async with AsyncLiveblocks(
        SECRET, base_url=devserver.url, transport=AsyncRecordingTransport(recorded)
    ) as client:
        await client.rooms.create(id=room_id, default_accesses=[])
        await client.rooms[room_id].yjs.send_update(big_document())
        async with client.rooms[room_id].yjs.edit() as doc:
            replace_word(doc, 10, "dolor")

        async def append(doc: pycrdt.Doc[Any]) -> str:
            doc.get("body", type=pycrdt.Text).insert(0, "sit ")
            return "done"

        assert await client.rooms[room_id].yjs.mutate(append) == "done"
        document = await client.rooms[room_id].yjs.get_document()
    text = str(document.get("body", type=pycrdt.Text))
    assert text == "sit " + "lorem " * 10 + "dolor " + "lorem " * (WORDS - 11)
    assert [len(body) < 1024 for body in recorded.puts] == [False, True, True]
