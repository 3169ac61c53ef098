"""Rooms' text-editor documents, read and written by the SDK and by
@liveblocks/node-prosemirror (withProsemirrorDocument) on the dev server: the same JSON,
text and Markdown from documents the other side made, and the same document after the
same setContent / clearContent calls."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pycrdt
import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from tests.devserver_process import SECRET, DevServer
from tests.nodesdk import run_node
from tests.prosemirror_corpus import (
    CORPUS,
    MARKDOWN_SAFE,
    MARKDOWN_TEXTS,
    NEEDS_STARTER_KIT,
    doc,
    para,
    text,
)

FULL = doc(para(text("X")), {"type": "heading", "content": [text("H")]})

#: setContent / clearContent sequences (None: clearContent), from an empty room.
SEQUENCES: dict[str, list[Any]] = {
    "string on a document": [FULL, "plain\nlines, not *parsed*"],
    "empty string on a document": [FULL, ""],
    "empty string on an empty room": [""],
    "clear": [FULL, None],
    "clear an empty room": [None],
    "a block on a document": [FULL, para(text("P"))],
    "a doc on a document": [FULL, CORPUS["bullet list"]],
    "an empty doc": [doc()],
    "an empty doc on a document": [FULL, doc()],
    "loose inline content": [
        doc(text("t1"), {"type": "hardBreak"}, text("t2"), FULL["content"][1], text("t3"))
    ],
    "a list item": [{"type": "listItem", "content": [para(text("a"))]}],
    "a text node on a document": [FULL, text("T")],
    "one document after another": [
        CORPUS["everything"],
        CORPUS["hard breaks"],
        CORPUS["links"],
        "plain",
    ],
}


def node_jobs(devserver: DevServer, tmp: Path, jobs: list[dict[str, Any]]) -> list[Any]:
    plan = tmp / f"plan-{uuid.uuid4().hex[:6]}.json"
    plan.write_text(json.dumps({"jobs": jobs}))
    results: list[Any] = run_node(
        "prosemirror.mjs", str(plan), base_url=devserver.url, secret=SECRET
    )
    return results


def fresh_room(client: Liveblocks) -> str:
    room_id = f"pm-{uuid.uuid4().hex[:12]}"
    client.rooms.create(id=room_id, default_accesses=[])
    return room_id


def comment_marks_as_a_set(json_doc: Any) -> Any:
    """Several comment marks on one text, in a fixed order: pycrdt keeps no order among a
    text's formatting attributes, so neither side can rely on it (see the module doc)."""
    if isinstance(json_doc, dict):
        fixed = {k: comment_marks_as_a_set(v) for k, v in json_doc.items()}
        if "marks" in fixed:
            fixed["marks"] = sorted(fixed["marks"], key=lambda m: json.dumps(m, sort_keys=True))
        return fixed
    if isinstance(json_doc, list):
        return [comment_marks_as_a_set(v) for v in json_doc]
    return json_doc


@pytest.fixture(scope="module")
def made_by_node(
    devserver: DevServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each corpus document set by Node in its own room: name -> (room id, what Node read)."""
    with Liveblocks(SECRET, base_url=devserver.url) as client:
        rooms = {name: fresh_room(client) for name in CORPUS}
    jobs = [
        {"room": rooms[name], "steps": [{"set": CORPUS[name]}, {"read": True}]} for name in CORPUS
    ]
    results = node_jobs(devserver, tmp_path_factory.mktemp("pm"), jobs)
    return {name: (rooms[name], reads[0]) for name, reads in zip(CORPUS, results, strict=True)}


@pytest.mark.parametrize("name", list(CORPUS))
def test_reading_what_node_wrote_gives_node_s_json_text_and_markdown(
    live: Liveblocks, made_by_node: dict[str, tuple[str, dict[str, Any]]], name: str
) -> None:
    room_id, seen = made_by_node[name]
    with live.rooms[room_id].prosemirror() as document:
        assert comment_marks_as_a_set(document.to_json()) == comment_marks_as_a_set(seen["json"])
        assert document.get_text() == seen["text"]
        markdown = document.to_markdown()
    assert markdown == seen["markdownAll"]
    if name in MARKDOWN_SAFE:
        assert seen["error"] is None
        assert markdown == seen["markdown"]  # Node's own toMarkdown
    else:
        assert name in NEEDS_STARTER_KIT
        assert "not supported by Markdown renderer" in seen["error"]


def test_the_markdown_of_a_rich_document(
    live: Liveblocks, made_by_node: dict[str, tuple[str, dict[str, Any]]]
) -> None:
    room_id, _ = made_by_node["everything"]
    with live.rooms[room_id].prosemirror() as document:
        assert document.to_markdown() == (
            "# Plan ✨\n\n"
            "Mix of **bold *and italic***.\n\n"
            "* `a `~~b~~\n\n"
            "> ```js\n> q = 1\n> ```\n\n"
            "---\n\n"
            "3. three"
        )
        # A separator before every block but the first, however deep (Tiptap's getText).
        assert (
            document.get_text()
            == ("Plan ✨\n\nMix of bold and italic." + "\n\n" * 3 + "a b" + "\n\n" * 2 + "q = 1")
            + "\n\n" * 4
            + "three"
        )


def test_node_reads_what_the_sdk_wrote(
    live: Liveblocks, devserver: DevServer, tmp_path: Path
) -> None:
    rooms = {}
    for name, content in CORPUS.items():
        rooms[name] = fresh_room(live)
        with live.rooms[rooms[name]].prosemirror() as document:
            document.set_content(content)
            rooms[name] = (rooms[name], document.to_json())
    jobs = [{"room": room_id, "steps": [{"read": True}]} for room_id, _ in rooms.values()]
    results = node_jobs(devserver, tmp_path, jobs)
    for (name, (_, ours)), [seen] in zip(rooms.items(), results, strict=True):
        assert comment_marks_as_a_set(seen["json"]) == comment_marks_as_a_set(ours), name
        original = comment_marks_as_a_set(CORPUS[name])
        # What was set is what is read, with the schema's default attributes filled in.
        assert len(seen["json"]["content"]) == len(original["content"]), name


def test_set_and_clear_content_leave_what_node_s_leave(
    live: Liveblocks, devserver: DevServer, tmp_path: Path
) -> None:
    ours: dict[str, Any] = {}
    jobs = []
    for name, steps in SEQUENCES.items():
        with live.rooms[fresh_room(live)].prosemirror() as document:
            for content in steps:
                if content is None:
                    document.clear_content()
                else:
                    document.set_content(content)
            ours[name] = (document.to_json(), document.get_text())
        node_steps = [{"clear": True} if c is None else {"set": c} for c in steps]
        jobs.append({"room": fresh_room(live), "steps": [*node_steps, {"read": True}]})
    results = node_jobs(devserver, tmp_path, jobs)
    for (name, (json_doc, plain)), [seen] in zip(ours.items(), results, strict=True):
        assert json_doc == seen["json"], name
        assert plain == seen["text"], name


def test_a_named_field_is_its_own_document(
    live: Liveblocks, devserver: DevServer, tmp_path: Path
) -> None:
    room_id = fresh_room(live)
    with live.rooms[room_id].prosemirror(field="notes") as notes:
        notes.set_content(CORPUS["headings"])
    [[default], [seen]] = node_jobs(
        devserver,
        tmp_path,
        [
            {"room": room_id, "steps": [{"read": True}]},
            {"room": room_id, "field": "notes", "steps": [{"read": True}]},
        ],
    )
    assert default["json"] == {"type": "doc"}
    assert seen["text"] == "Title\n\nSection\n\nSub section\n\nBody"
    with live.rooms[room_id].prosemirror() as document:
        assert document.to_json() == {"type": "doc"}


def test_changing_one_word_sends_a_small_update(devserver: DevServer) -> None:
    long_doc = doc(*(para(text(f"Paragraph {i} of a long document. " * 10)) for i in range(200)))
    sent: list[int] = []
    from tests.devserver.test_yjs_documents import Recorded, RecordingTransport

    recorded = Recorded()
    with Liveblocks(
        SECRET, base_url=devserver.url, transport=RecordingTransport(recorded)
    ) as client:
        room_id = fresh_room(client)
        with client.rooms[room_id].prosemirror() as document:
            document.set_content(long_doc)
            changed = document.to_json()
            changed["content"][100]["content"][0]["text"] = "Changed one word."

            document.update(lambda _: changed)
            assert document.to_json() == changed
        sent = [len(body) for body in recorded.puts]
    assert sent[0] > 60_000
    assert sent[1] < 1024, sent


async def test_the_async_client_reads_and_writes_the_same(
    alive: AsyncLiveblocks, live: Liveblocks
) -> None:
    room_id = fresh_room(live)
    async with alive.rooms[room_id].prosemirror() as document:
        await document.set_content(CORPUS["everything"])
        await document.set_content("now plain")
        assert document.to_json() == doc(para(text("now plain")))
        await document.clear_content()
        assert document.to_json() == doc(para())
        await document.update(lambda _: CORPUS["ordered list"])
        markdown = document.to_markdown()
    with live.rooms[room_id].prosemirror() as again:
        # Loose lists (Tiptap's have no "tight"), numbers right-aligned, a list right
        # after another of its kind set apart by an extra blank line.
        assert again.to_markdown() == markdown
        assert markdown == "1. first\n\n2. second\n\n\n 9. nine\n\n10. ten\n\n    1. inner"
    raw: pycrdt.Doc[Any] = pycrdt.Doc()
    raw.apply_update(live.rooms[room_id].yjs.get_binary())
    assert str(raw.get("default", type=pycrdt.XmlFragment)).startswith("<orderedList")


def test_the_schema_is_node_s(devserver: DevServer, tmp_path: Path) -> None:
    from liveblocks.prosemirror._schema import MARKS, NODES

    plan = tmp_path / "schema.json"
    plan.write_text(json.dumps({"schema": True}))
    schema = run_node("prosemirror.mjs", str(plan), base_url=devserver.url, secret=SECRET)
    ours_nodes = [
        {
            "name": t.name,
            "attrs": t.attrs,
            "groups": list(t.groups),
            "inline": t.inline,
            "leaf": t.leaf,
            "textblock": t.textblock,
        }
        for t in NODES.values()
    ]
    theirs = [{k: v for k, v in n.items() if k != "content"} for n in schema["nodes"]]
    assert ours_nodes == theirs
    contents = {n["name"]: n["content"] for n in schema["nodes"]}
    assert contents == {
        "paragraph": "inline*",
        "liveblocksMention": None,
        "liveblocksGroupMention": None,
        "blockquote": "block+",
        "bulletList": "listItem+",
        "codeBlock": "text*",
        "doc": "block+",
        "hardBreak": None,
        "heading": "inline*",
        "horizontalRule": None,
        "listItem": "paragraph block*",
        "orderedList": "listItem+",
        "text": None,
    }
    assert [(t.name, t.rank, t.attrs, t.overlapping) for t in MARKS.values()] == [
        (m["name"], m["rank"], m["attrs"], m["overlapping"]) for m in schema["marks"]
    ]


def test_comment_marks_are_stored_under_the_key_node_gives_them(
    live: Liveblocks, made_by_node: dict[str, tuple[str, dict[str, Any]]]
) -> None:
    from liveblocks.prosemirror._model import Mark
    from liveblocks.prosemirror._yxml import _marks_to_attributes

    room_id, _ = made_by_node["mentions and comments"]
    raw: pycrdt.Doc[Any] = pycrdt.Doc()
    raw.apply_update(live.rooms[room_id].yjs.get_binary())
    paragraph = raw.get("default", type=pycrdt.XmlFragment).children[0]
    texts = [c for c in paragraph.children if isinstance(c, pycrdt.XmlText)]
    stored = {key for t in texts for _, attrs in t.diff() for key in (attrs or {})}
    marks = [
        Mark("liveblocksCommentMark", {"threadId": "th_1"}),
        Mark("liveblocksCommentMark", {"threadId": "th_2", "orphan": True}),
    ]
    ours = set(_marks_to_attributes(marks))
    assert ours == stored
    assert all(key.startswith("liveblocksCommentMark--") and len(key) == 31 for key in ours)


def test_markdown_is_read_as_prosemirror_markdown_reads_it(
    devserver: DevServer, tmp_path: Path
) -> None:
    from liveblocks.prosemirror import markdown_to_prosemirror

    plan = tmp_path / "markdown.json"
    plan.write_text(json.dumps({"markdown": MARKDOWN_TEXTS}))
    theirs = run_node("prosemirror.mjs", str(plan), base_url=devserver.url, secret=SECRET)
    for markdown, expected in zip(MARKDOWN_TEXTS, theirs, strict=True):
        assert markdown_to_prosemirror(markdown) == expected, markdown


def test_set_markdown_leaves_what_set_content_of_node_s_parse_leaves(
    live: Liveblocks, devserver: DevServer, tmp_path: Path
) -> None:
    from liveblocks.prosemirror import markdown_to_prosemirror

    markdown = MARKDOWN_TEXTS[2] + "\n\n" + MARKDOWN_TEXTS[4] + "\n\n" + MARKDOWN_TEXTS[8]
    ours = fresh_room(live)
    with live.rooms[ours].prosemirror() as document:
        document.set_content(FULL)
        document.set_markdown(markdown)
        mine = document.to_json()
        # Written back as Markdown, it reads as the same document.
        again = markdown_to_prosemirror(document.to_markdown())
    theirs = fresh_room(live)
    jobs = [
        {"room": ours, "steps": [{"read": True}]},
        {
            "room": theirs,
            "steps": [{"set": FULL}, {"set": markdown_to_prosemirror(markdown)}, {"read": True}],
        },
    ]
    [[node_reads_ours], [node_own]] = node_jobs(devserver, tmp_path, jobs)
    assert mine == node_reads_ours["json"] == node_own["json"]
    assert again["content"] == mine["content"][:-1]  # (setContent's trailing paragraph)
