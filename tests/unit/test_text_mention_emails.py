"""prepare_text_mention_notification_email in the small: the requests it makes, and what it
refuses (compared with @liveblocks/emails in tests/node/test_text_mention_emails_vs_node.py)."""

from __future__ import annotations

import sys
from typing import Any

import msgspec
import pytest

from liveblocks import Liveblocks
from liveblocks.text_mention_email import prepare_text_mention_notification_email
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import MockTransport
from liveblocks.webhooks import TextMentionNotificationEventModel
from tests.fakes.comments_fake import CommentsFake
from tests.prosemirror_corpus import doc, para, text, yjs_update

MENTION = {"type": "liveblocksMention", "attrs": {"id": "bob", "notificationId": "in_m"}}


@pytest.fixture
def setup() -> tuple[Liveblocks, MockTransport, dict[str, Any]]:
    fake = CommentsFake()
    fake.set_text_document(
        "r 1", {"type": "tiptap", "rootKey": "default"}, yjs_update(doc(para(text("hi "), MENTION)))
    )
    notification = fake.add_text_mention("bob", "r 1", "in_m", "ann", "2024-05-02T10:00:00.000Z")

    def answer(request: Request) -> Response:
        found = fake.answer(request)
        assert found is not None, request
        return found

    transport = MockTransport(answer)
    event = {
        "type": "notification",
        "data": {
            "channel": "email",
            "kind": "textMention",
            "projectId": "p",
            "roomId": "r 1",
            "userId": "bob",
            "mentionId": "in_m",
            "inboxNotificationId": notification["id"],
            "createdAt": "2024-05-02T10:00:00.000Z",
            "triggeredAt": "2024-05-02T10:00:00.000Z",
        },
    }
    return (
        Liveblocks("sk_test_m", base_url="https://api.test", transport=transport),
        transport,
        event,
    )


def test_the_requests_and_the_data(setup: tuple[Liveblocks, MockTransport, dict[str, Any]]) -> None:
    client, transport, event = setup
    seen: list[list[str]] = []

    def names(ids: list[str]) -> list[Any]:
        seen.append(ids)
        return [{"name": i.title()} for i in ids]

    email = prepare_text_mention_notification_email(client, event, resolve_users=names)
    assert email is not None
    assert [(r.method, r.path) for r in transport.requests] == [
        ("GET", "/v2/rooms/r%201"),
        ("GET", f"/v2/users/bob/inbox-notifications/{event['data']['inboxNotificationId']}"),
        ("GET", "/v2/rooms/r%201/ydoc-binary"),
    ]
    assert seen == [["ann", "bob"]]  # the author first, then who is mentioned: one call
    assert email.mention.author.info == {"name": "Ann"}
    assert email.mention.content == (
        '<div style="font-size:14px;">hi <span data-mention style="color:blue;">@Bob</span></div>'
    )
    assert email.room_info == {"name": "r 1"}
    assert email.to_dict()["mention"]["textMentionId"] == "in_m"


def test_a_typed_event_model_works_too(
    setup: tuple[Liveblocks, MockTransport, dict[str, Any]],
) -> None:
    client, _, event = setup
    typed = msgspec.json.decode(msgspec.json.encode(event), type=TextMentionNotificationEventModel)
    email = prepare_text_mention_notification_email(client, typed)
    assert email is not None and email.mention.id == "bob"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "thread"}, "kind 'textMention'"),
        ({"mentionId": None}, "not a complete text mention notification event"),
    ],
)
def test_events_that_are_not_text_mentions_are_refused(
    setup: tuple[Liveblocks, MockTransport, dict[str, Any]], change: dict[str, Any], message: str
) -> None:
    client, transport, event = setup
    broken = {**event, "data": {**event["data"], **change}}
    with pytest.raises(ValueError, match=message):
        prepare_text_mention_notification_email(client, broken)
    assert transport.requests == []


def test_resolvers_that_break_the_contract(
    setup: tuple[Liveblocks, MockTransport, dict[str, Any]],
) -> None:
    client, _, event = setup

    async def later(ids: list[str]) -> list[Any]:
        return []

    with pytest.raises(TypeError, match="resolve_users returned an awaitable: use an Async"):
        prepare_text_mention_notification_email(client, event, resolve_users=later)
    with pytest.raises(ValueError, match="expected 2, got 1"):
        prepare_text_mention_notification_email(client, event, resolve_users=lambda ids: [None])


def test_without_pycrdt_the_error_says_what_to_install(
    setup: tuple[Liveblocks, MockTransport, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _, event = setup
    monkeypatch.setitem(sys.modules, "pycrdt", None)
    with pytest.raises(ModuleNotFoundError, match=r"liveblocks-sdk\[yjs\]"):
        prepare_text_mention_notification_email(client, event)
