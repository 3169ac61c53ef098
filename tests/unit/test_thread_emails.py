"""Thread notification emails beyond what Node is compared on: a typed event gives the same
email as its dict, wrong events and resolvers are refused with clear messages, answers of
the API that are errors or loop forever end in a LiveblocksError."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.emails import (
    UnreadMentionEmailData,
    UnreadRepliesEmailData,
    prepare_thread_notification_email,
)
from liveblocks.errors import LiveblocksError, NotFoundError
from liveblocks.webhooks import WebhookHandler
from tests.email_scenarios import Scenario, fill
from tests.fakes.comments_fake import CommentsFake, serve
from tests.fakes.faultserver import FaultServer, Reply
from tests.unit.test_webhooks import SECRET as WEBHOOK_SECRET
from tests.unit.test_webhooks import signed_headers

SECRET = "sk_test_emails_unit_01234"


@pytest.fixture
def api() -> Iterator[tuple[FaultServer, list[Scenario]]]:
    fake = CommentsFake()
    scenarios = fill(fake)
    with serve(fake) as server:
        yield server, scenarios


def _prepare(url: str, event: Any, **options: Any) -> Any:
    with Liveblocks(SECRET, base_url=url, max_retries=0) as client:
        return prepare_thread_notification_email(client, event, **options)


def test_a_typed_event_gives_the_same_email_as_its_dict(
    api: tuple[FaultServer, list[Scenario]],
) -> None:
    server, scenarios = api
    for scenario in scenarios[:2]:
        raw = json.dumps(scenario.event)
        handler = WebhookHandler(WEBHOOK_SECRET)
        typed = handler.verify_request_typed(headers=signed_headers(raw), raw_body=raw)
        plain = handler.verify_request(headers=signed_headers(raw), raw_body=raw)
        assert _prepare(server.url, typed) == _prepare(server.url, plain)


def test_the_data_is_typed_by_kind(api: tuple[FaultServer, list[Scenario]]) -> None:
    server, scenarios = api
    replies = _prepare(server.url, scenarios[0].event)
    mention = _prepare(server.url, scenarios[1].event)
    assert isinstance(replies, UnreadRepliesEmailData)
    assert [c.author.id for c in replies.comments] == ["bob", "alice"]
    assert replies.room_info == {"name": "room-1"}
    assert isinstance(mention, UnreadMentionEmailData)
    assert mention.comments == [mention.comment]
    assert mention.comment.author.info == {"name": "alice"}
    assert mention.comment.url is None


def test_other_events_are_refused(api: tuple[FaultServer, list[Scenario]]) -> None:
    server, scenarios = api
    event = json.loads(json.dumps(scenarios[0].event))
    event["data"]["kind"] = "textMention"
    with pytest.raises(ValueError, match="not a notification event of kind 'thread'"):
        _prepare(server.url, event)
    del event["data"]["threadId"]
    event["data"]["kind"] = "thread"
    with pytest.raises(ValueError, match="not a complete thread notification event"):
        _prepare(server.url, event)
    assert server.count == 0


def test_a_coroutine_resolver_needs_the_async_client(
    api: tuple[FaultServer, list[Scenario]],
) -> None:
    server, scenarios = api

    async def users(ids: list[str]) -> list[Any]:
        return [None for _ in ids]

    with pytest.raises(
        TypeError, match="resolve_users returned an awaitable: use an AsyncLiveblocks client"
    ):
        _prepare(server.url, scenarios[0].event, resolve_users=users)

    async def main() -> Any:
        async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
            return await prepare_thread_notification_email(
                client, scenarios[0].event, resolve_users=users
            )

    assert asyncio.run(main()).comments[0].author.info == {"name": "bob"}


def test_a_resolver_must_answer_every_id(api: tuple[FaultServer, list[Scenario]]) -> None:
    server, scenarios = api
    with pytest.raises(ValueError, match="same length as the ids it was given: expected 3, got 1"):
        _prepare(server.url, scenarios[0].event, resolve_users=lambda ids: [{"name": "x"}])


def test_an_unknown_notification_is_a_not_found_error(
    api: tuple[FaultServer, list[Scenario]],
) -> None:
    server, scenarios = api
    event = json.loads(json.dumps(scenarios[0].event))
    event["data"]["inboxNotificationId"] = "in_missing"
    with pytest.raises(NotFoundError) as info:
        _prepare(server.url, event)
    assert info.value.code == "INBOX_NOTIFICATION_NOT_FOUND"


def test_a_groups_cursor_seen_before_ends_the_loop(
    api: tuple[FaultServer, list[Scenario]],
) -> None:
    server, scenarios = api
    answer = server.handler
    assert answer is not None

    def looping(received: Any) -> Any:
        if received.path.endswith("/groups"):
            return Reply(200, {"data": [], "nextCursor": "again"})
        return answer(received)

    server.handler = looping
    with pytest.raises(LiveblocksError, match="cursor seen before"):
        _prepare(server.url, scenarios[0].event)
    assert sum(r.path.endswith("/groups") for r in server.requests) == 2
