"""A room's ProseMirror document at the wire and in the small: what is fetched and sent,
what is refused before any request, and the readers' corner cases. (The comparison with
@liveblocks/node-prosemirror itself is tests/node/test_prosemirror_vs_node.py.)"""

from __future__ import annotations

import sys
from typing import Any

import pycrdt
import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.prosemirror._model import Node
from liveblocks.prosemirror._to_markdown import to_markdown
from liveblocks.prosemirror._yxml import read_fragment
from liveblocks.transports.mock import AsyncMockTransport, MockTransport
from tests.fakes.yjs_room import YjsRoom
from tests.prosemirror_corpus import BREAK, CORPUS, doc, heading, link, para, text, yjs_update

BASE = "https://api.test"
ROOM = f"{BASE}/v2/rooms/r%201"


def client_for(room: YjsRoom) -> tuple[Liveblocks, MockTransport]:
    transport = MockTransport(room)
    return Liveblocks("sk_test_pm", base_url=BASE, transport=transport), transport


def wire(transport: MockTransport | AsyncMockTransport) -> list[tuple[str, str]]:
    return [(r.method, r.url) for r in transport.requests]


def test_set_content_sends_one_update_then_reads_the_document_again() -> None:
    room = YjsRoom()
    client, transport = client_for(room)
    with client.rooms["r 1"].prosemirror() as document:
        assert document.to_json() == {"type": "doc"}
        document.set_content(CORPUS["headings"])
        assert document.get_text() == "Title\n\nSection\n\nSub section\n\nBody"
    assert wire(transport) == [
        ("GET", f"{ROOM}/ydoc-binary"),
        ("PUT", f"{ROOM}/ydoc"),
        ("GET", f"{ROOM}/ydoc-binary"),
    ]
    assert transport.requests[1].headers["Content-Type"] == "application/octet-stream"
    fragment = room.doc.get("default", type=pycrdt.XmlFragment)
    assert str(fragment).startswith('<heading level="1">Title</heading><heading level="2">')


def test_an_unchanged_document_sends_nothing() -> None:
    room = YjsRoom(yjs_update(CORPUS["everything"]))
    client, transport = client_for(room)
    with client.rooms["r 1"].prosemirror() as document:
        document.update(lambda json_doc: json_doc)
    assert [r.method for r in transport.requests] == ["GET"]


def test_update_replaces_exactly_and_sends_only_the_difference() -> None:
    long_doc = doc(*(para(text(f"paragraph {i} " * 20)) for i in range(100)))
    room = YjsRoom(yjs_update(long_doc))
    client, _ = client_for(room)

    def bold_second_word(json_doc: dict[str, Any]) -> dict[str, Any]:
        json_doc["content"][50]["content"] = [
            text("paragraph "),
            text("50", "bold"),
            text(" " + "paragraph 50 " * 19),
        ]
        return json_doc

    with client.rooms["r 1"].prosemirror() as document:
        document.update(bold_second_word)
        assert document.to_json()["content"][50]["content"][1] == text("50", "bold")
        assert len(document.to_json()["content"]) == 100
    (sent,) = room.received
    assert len(sent) < 200
    assert len(room.doc.get_update()) > 20_000


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (doc({"type": "foo"}), "Unknown node type: 'foo'"),
        (doc(para(text(""))), "Empty text nodes are not allowed"),
        (doc(para(text("x", "shout"))), "Unknown mark type: 'shout'"),
        (doc(para(heading(1, text("h")))), "a heading node cannot be inside a paragraph node"),
        (
            doc({"type": "listItem", "content": [heading(2, text("h"))]}),
            "must start with a paragraph",
        ),
        ({"type": "bulletList"}, "a bulletList node cannot be empty"),
        ({"content": []}, "Invalid node type: None"),
    ],
)
def test_content_the_schema_cannot_hold_is_refused_before_any_request(
    content: dict[str, Any], message: str
) -> None:
    room = YjsRoom(yjs_update(CORPUS["paragraphs"]))
    client, transport = client_for(room)
    with client.rooms["r 1"].prosemirror() as document:
        with pytest.raises(ValueError, match="Invalid content") as raised:
            document.set_content(content)
        assert message in str(raised.value)
        with pytest.raises(TypeError, match="got list"):
            document.set_content([para(text("x"))])  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="must return a ProseMirror doc"):
            document.update(lambda _: para(text("x")))
    assert [r.method for r in transport.requests] == ["GET"]


def test_reading_skips_what_the_schema_cannot_hold() -> None:
    ydoc: pycrdt.Doc[Any] = pycrdt.Doc()
    fragment = ydoc.get("default", type=pycrdt.XmlFragment)
    fragment.children.append(pycrdt.XmlElement("paragraph", {}, [pycrdt.XmlText("kept")]))
    fragment.children.append(pycrdt.XmlElement("unknownWidget", {}, [pycrdt.XmlText("no")]))
    odd = fragment.children.append(pycrdt.XmlElement("paragraph"))
    odd_text = odd.children.append(pycrdt.XmlText())
    odd_text.insert(0, "unknown mark", {"sparkle": {}})
    heading_el = fragment.children.append(
        pycrdt.XmlElement("heading", {"level": 3, "extra": "dropped"})  # type: ignore[dict-item]
    )
    heading_el.children.append(pycrdt.XmlText("H"))
    nodes = read_fragment(fragment)
    assert [n.to_json() for n in nodes] == [
        para(text("kept")),
        {"type": "paragraph"},
        heading(3, text("H")),
    ]


def test_text_serializers_and_the_block_separator() -> None:
    mention = {"type": "liveblocksMention", "attrs": {"id": "ada", "notificationId": None}}
    room = YjsRoom(yjs_update(doc(para(text("Hi "), mention, text("!")), para(text("Bye")))))
    client, _ = client_for(room)
    with client.rooms["r 1"].prosemirror() as document:
        assert document.get_text() == "Hi !\n\nBye"
        assert (
            document.get_text(
                block_separator=" | ",
                text_serializers={"liveblocksMention": lambda node: "@" + node["attrs"]["id"]},
            )
            == "Hi @ada! | Bye"
        )


@pytest.mark.parametrize(
    ("content", "markdown"),
    [
        (doc(para(text("https://a.test", link("https://a.test")))), "<https://a.test>"),
        (doc(para(text("a `tick`", "code"))), "`` a `tick` ``"),
        (doc(para(text("a"), BREAK, text("b"))), "a\\\nb"),
        (doc(para(text(" both ", "bold", "italic"), text("x"))), " ***both*** x"),
        (doc(para(text("* star at start"))), "\\* star at start"),
        (
            doc(heading(6, text("# six")), para(text("snake_case and _x_"))),
            "###### # six\n\nsnake_case and \\_x\\_",
        ),
    ],
)
def test_markdown_corner_cases(content: dict[str, Any], markdown: str) -> None:
    assert to_markdown(Node.from_json(content)) == markdown


def test_a_document_used_outside_its_block_or_with_the_wrong_client() -> None:
    client, transport = client_for(YjsRoom())
    document = client.rooms["r 1"].prosemirror(field="notes")
    assert repr(document) == "<ProsemirrorDocument /v2/rooms/r%201 field='notes'>"
    with pytest.raises(RuntimeError, match="not loaded"):
        document.to_json()
    with pytest.raises(TypeError, match="async with"):
        document.__aenter__().send(None)
    with pytest.raises(ValueError, match="field"):
        client.rooms["r 1"].prosemirror(field="")
    assert transport.requests == []


def test_without_pycrdt_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    client, transport = client_for(YjsRoom())
    monkeypatch.setitem(sys.modules, "pycrdt", None)
    with pytest.raises(ModuleNotFoundError, match=r'pip install "liveblocks-sdk\[yjs\]"'):
        with client.rooms["r 1"].prosemirror():
            pass
    assert transport.requests == []


async def test_the_async_client() -> None:
    room = YjsRoom(yjs_update(CORPUS["links"], field="body"))
    transport = AsyncMockTransport(room)
    async with AsyncLiveblocks("sk_test_pm", base_url=BASE, transport=transport) as client:
        async with client.rooms["r 1"].prosemirror(field="body") as document:
            assert document.get_text().startswith("See the docs, https://example.com/a_b")
            await document.set_content("replaced")
            assert document.to_json() == doc(para(text("replaced")))
        with pytest.raises(TypeError, match="async with"):
            with client.rooms["r 1"].prosemirror():
                pass
    assert [r.method for r in transport.requests] == ["GET", "PUT", "GET"]
