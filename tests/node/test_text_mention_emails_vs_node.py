"""prepare_text_mention_notification_email gives the data and the HTML @liveblocks/emails'
prepareTextMentionNotificationEmailAsHtml gives (None where it gives null), both SDKs
reading the same rooms, inbox notifications and Yjs documents (Tiptap and Lexical) from one
stateful fake API on loopback; on the sync client and on the async one (with coroutine
resolvers)."""

from __future__ import annotations

import asyncio
import base64
import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.text_mention_email import prepare_text_mention_notification_email
from tests.fakes.comments_fake import CommentsFake, serve
from tests.fakes.faultserver import FaultServer
from tests.nodesdk import run_node
from tests.prosemirror_corpus import BREAK, doc, heading, para, text, yjs_update

SECRET = "sk_test_mentions_0123456789"
READER = "user-0"


def mention(user_id: str, notification_id: str) -> dict[str, Any]:
    return {
        "type": "liveblocksMention",
        "attrs": {"id": user_id, "notificationId": notification_id},
    }


def group_mention(group_id: str, notification_id: str, user_ids: Any) -> dict[str, Any]:
    attrs = {"id": group_id, "notificationId": notification_id, "userIds": user_ids}
    return {"type": "liveblocksGroupMention", "attrs": attrs}


TIPTAP = doc(
    heading(1, text("Plan "), mention(READER, "in_heading")),
    para(text("Intro")),
    para(
        text("before "),
        BREAK,
        text("Hey "),
        text("bold", "bold"),
        text(" "),
        text("it", "italic"),
        text(" "),
        text("gone", "strike"),
        text(" "),
        text("x<y & 'q'", "code"),
        text(" "),
        mention(READER, "in_tiptap"),
        text(", ask "),
        mention("user-2", "in_other"),
        text(" or "),
        group_mention("team", "in_team", json.dumps(["user-0", "user-5"])),
        text(" — ünïcödé 😀"),
        BREAK,
        text("after the break"),
    ),
    para(group_mention("design", "in_group", None), text(" please review")),
    {
        "type": "bulletList",
        "content": [{"type": "listItem", "content": [para(mention(READER, "in_list"))]}],
    },
)

LEXICAL = [
    {"type": "heading", "children": [{"text": "Title", "format": 0}]},
    {
        "type": "paragraph",
        "children": [
            {"text": "first line", "format": 0},
            {"linebreak": True},
            {"text": "Hi ", "format": 0},
            {"text": "bold italic", "format": 3},
            {"text": " ", "format": 0},
            {"text": "struck code", "format": 4 | 16},
            {"text": " <&> ", "format": 0},
            {"decorator": {"__type": "lb-mention", "__id": "in_lex", "__userId": READER}},
            {"text": " and ", "format": 0},
            {"decorator": {"__type": "lb-mention", "__id": "in_lex2", "__userId": "user-2"}},
            {
                "decorator": {
                    "__type": "lb-group-mention",
                    "__id": "in_lexg",
                    "__groupId": "team",
                    "__userIds": ["user-0"],
                }
            },
            {"text": " end", "format": 0},
        ],
    },
]


def lexical_update(tmp: Path, key: str) -> bytes:
    blocks = tmp / "lexical.json"
    blocks.write_text(json.dumps(LEXICAL))
    encoded = run_node("lexical_doc.mjs", str(blocks), key)
    return base64.b64decode(encoded)


def event(room_id: str, notification: dict[str, Any], mention_id: str) -> dict[str, Any]:
    return {
        "type": "notification",
        "data": {
            "channel": "email",
            "kind": "textMention",
            "projectId": "pr_1",
            "roomId": room_id,
            "userId": READER,
            "mentionId": mention_id,
            "inboxNotificationId": notification["id"],
            "createdAt": "2024-05-02T10:00:00.000Z",
            "triggeredAt": "2024-05-02T09:59:00.000Z",
        },
    }


def fill(fake: CommentsFake, tmp: Path) -> dict[str, dict[str, Any]]:
    """The scenarios, by name: each an event the fake has the state for."""
    fake.set_text_document(
        "tiptap", {"type": "tiptap", "rootKey": "default"}, yjs_update(TIPTAP, "default")
    )
    fake.set_text_document(
        "tiptap-keys", {"type": "tiptap", "rootKey": ["body", "x"]}, yjs_update(TIPTAP, "body")
    )
    fake.set_text_document(
        "lexical", {"type": "lexical", "rootKey": "root"}, lexical_update(tmp, "root")
    )
    fake.set_text_document("no-editor", None, yjs_update(TIPTAP, "default"))
    fake.set_text_document("blocknote", {"type": "blocknote", "rootKey": "x"}, None)

    def notified(room: str, mention_id: str, **extra: Any) -> dict[str, Any]:
        notification = fake.add_text_mention(
            READER,
            room,
            mention_id,
            extra.pop("by", "user-1"),
            extra.pop("notified_at", "2024-05-02T10:00:00.000Z"),
            **extra,
        )
        return event(room, notification, mention_id)

    read_thread = {"id": "in_thread", "kind": "thread", "threadId": "th_1", "roomId": "tiptap",
                   "readAt": None, "notifiedAt": "2024-05-02T10:00:00.000Z"}  # fmt: skip
    fake.inbox.setdefault(READER, {})["in_thread"] = read_thread
    return {
        "tiptap user": notified("tiptap", "in_tiptap"),
        "tiptap group": notified("tiptap", "in_team", by="user-9"),
        "tiptap group, no user ids": notified("tiptap", "in_group"),
        "tiptap root key list": notified("tiptap-keys", "in_tiptap"),
        "tiptap read later": notified("tiptap", "in_tiptap", read_at="2024-05-01T00:00:00.000Z"),
        "tiptap already read": notified("tiptap", "in_tiptap", read_at="2024-05-03T00:00:00.000Z"),
        "tiptap in a heading": notified("tiptap", "in_heading"),
        "tiptap in a list": notified("tiptap", "in_list"),
        "tiptap gone": notified("tiptap", "in_missing"),
        "lexical user": notified("lexical", "in_lex"),
        "lexical group": notified("lexical", "in_lexg"),
        "no text editor": notified("no-editor", "in_tiptap"),
        "not a text mention": event("tiptap", read_thread, "in_tiptap"),
    }


USERS = {
    "user-1": {"name": "Ada <Lovelace>", "avatar": "https://a.test/1.png"},
    "user-0": {"name": "Zoé"},
    "user-9": {"name": ""},
}
OPTIONS: dict[str, tuple[Any, Any, Any]] = {
    "defaults": (None, None, None),
    "resolved": (USERS, {"name": "Design doc", "url": "https://app.test/r"}, None),
    "styled": (
        USERS,
        {"url": "https://app.test/r"},
        {"mention": {"color": "purple", "fontWeight": 600}, "container": {"padding": 4}},
    ),
}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FaultServer, dict[str, Any]]]:
    fake = CommentsFake()
    scenarios = fill(fake, tmp_path_factory.mktemp("lexical"))
    with serve(fake) as server:
        yield server, scenarios


CASES = [(name, option) for name in (
    "tiptap user", "tiptap group", "tiptap group, no user ids", "tiptap root key list",
    "tiptap read later", "tiptap already read", "tiptap in a heading", "tiptap in a list",
    "tiptap gone", "lexical user", "lexical group", "no text editor", "not a text mention",
) for option in OPTIONS]  # fmt: skip


@pytest.fixture(scope="module")
def node(api: tuple[FaultServer, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Any:
    server, scenarios = api
    cases = []
    for name, option in CASES:
        users, room_info, styles = OPTIONS[option]
        cases.append(
            {"event": scenarios[name], "users": users, "roomInfo": room_info, "styles": styles}
        )
    path = tmp_path_factory.mktemp("mentions") / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    return run_node("text_mention_email.mjs", str(path), base_url=server.url, secret=SECRET)


def options_for(option: str, mode: str) -> dict[str, Any]:
    users, room_info, styles = OPTIONS[option]

    def resolve_users(ids: list[str]) -> list[Any]:
        return [(users or {}).get(i) for i in ids]

    async def resolve_users_later(ids: list[str]) -> list[Any]:
        await asyncio.sleep(0)
        return resolve_users(ids)

    async def resolve_room_later(room_id: str) -> Any:
        return room_info

    options: dict[str, Any] = {"styles": styles}
    if users is not None:
        options["resolve_users"] = resolve_users if mode == "sync" else resolve_users_later
    if room_info is not None:
        options["resolve_room_info"] = (
            (lambda room_id: room_info) if mode == "sync" else resolve_room_later
        )
    return options


def as_node_json(data: Any) -> Any:
    """Our data as Node's JSON.stringify writes it (the date in ISO with milliseconds)."""
    if data is None:
        return None
    written = data.to_dict()
    created = data.mention.created_at.astimezone(datetime.timezone.utc)
    written["mention"]["createdAt"] = created.isoformat(timespec="milliseconds")[:-6] + "Z"
    return written


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=lambda c: str(c))
def test_the_sync_client_prepares_what_node_prepares(
    api: tuple[FaultServer, dict[str, Any]], node: Any, index: int, case: tuple[str, str]
) -> None:
    server, scenarios = api
    name, option = case
    with Liveblocks(SECRET, base_url=server.url) as client:
        ours = prepare_text_mention_notification_email(
            client, scenarios[name], **options_for(option, "sync")
        )
    assert as_node_json(ours) == node[index]


async def test_the_async_client_prepares_the_same(
    api: tuple[FaultServer, dict[str, Any]], node: Any
) -> None:
    server, scenarios = api
    async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
        for index, (name, option) in enumerate(CASES):
            ours = await prepare_text_mention_notification_email(
                client, scenarios[name], **options_for(option, "async")
            )
            assert as_node_json(ours) == node[index], (name, option)


def test_the_scenarios_cover_data_and_none(node: Any) -> None:
    found = {name for (name, _), result in zip(CASES, node, strict=True) if result is not None}
    assert found == {
        "tiptap user",
        "tiptap group",
        "tiptap group, no user ids",
        "tiptap root key list",
        "tiptap read later",
        "lexical user",
        "lexical group",
    }
    first = node[CASES.index(("tiptap user", "resolved"))]
    assert first["mention"]["content"].startswith('<div style="font-size:14px;">Hey <strong')
    assert "@Zoé</span>" in first["mention"]["content"]
    assert first["mention"]["author"] == {"id": "user-1", "info": USERS["user-1"]}
