"""Feeds operations."""

from __future__ import annotations

import datetime
from typing import Any

from liveblocks import models

from ._case import OpCase, example_323

ROOM = "/v2/rooms/my-room-id"
FEEDS = ROOM + "/feeds"
FEED = FEEDS + "/my-feed-id"
MESSAGES = FEED + "/messages"
CURSOR = "eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9"
WHEN = datetime.datetime.fromtimestamp(1660000988.137, tz=datetime.timezone.utc)


def _feed(c: Any) -> Any:
    return c.rooms["my-room-id"].feeds["my-feed-id"]


def check_none(value: Any) -> None:
    assert value is None


def check_feed(value: Any) -> None:
    assert isinstance(value, models.Feed)
    assert value.feed_id == "my-feed-id"
    assert isinstance(value.metadata, models.FeedMetadata)
    assert value.metadata == {"type": "chat", "name": "General Discussion"}
    assert value.created_at == value.updated_at == 1660000988137


def check_feeds(value: Any) -> None:
    assert isinstance(value, models.GetFeedsResponse)
    assert value.next_cursor == CURSOR
    (feed,) = value.data
    check_feed(feed)


def check_message(value: Any) -> None:
    assert isinstance(value, models.FeedMessage)
    assert value.id == "msg_xyz789"
    assert isinstance(value.data, models.FeedMessageData)
    assert value.data == {"type": "text", "content": "Hello, world!"}
    assert value.created_at == 1660000988137


def check_messages(value: Any) -> None:
    assert isinstance(value, models.GetFeedMessagesResponse)
    assert value.next_cursor == CURSOR
    (message,) = value.data
    check_message(message)


CASES = [
    OpCase(
        "get_feeds",
        lambda c: c.get_feeds("my-room-id"),
        "GET",
        FEEDS,
        query={"limit": "20"},
        response=example_323("GetFeedsResponse"),
        check=check_feeds,
    ),
    OpCase(
        "get_feeds",
        lambda c: c.get_feeds("my-room-id", cursor=CURSOR, since=1660000988137, limit=50),
        "GET",
        FEEDS,
        query={"cursor": CURSOR, "since": "1660000988137", "limit": "50"},
        response=example_323("GetFeedsResponse"),
        check=check_feeds,
        id="params",
    ),
    OpCase(
        "create_feed",
        lambda c: c.create_feed(
            "my-room-id",
            body=models.CreateFeedRequestBody.from_dict(example_323("CreateFeedRequestBody")),
        ),
        "POST",
        FEEDS,
        body=example_323("CreateFeedRequestBody"),
        response=example_323("Feed"),
        check=check_feed,
        resource=lambda c: c.rooms["my-room-id"].feeds.create(
            feed_id="my-feed-id",
            metadata={"type": "chat", "name": "General Discussion"},
            timestamp=WHEN,  # a datetime is sent as Unix milliseconds
        ),
    ),
    OpCase(
        "create_feed",
        lambda c: c.create_feed("my-room-id", body=models.CreateFeedRequestBody(feed_id="f")),
        "POST",
        FEEDS,
        body={"feedId": "f"},
        response=example_323("Feed"),
        check=check_feed,
        resource=lambda c: c.rooms["my-room-id"].feeds.create(feed_id="f"),
        id="id-only",
    ),
    OpCase(
        "get_feed",
        lambda c: c.get_feed("my-room-id", "my-feed-id"),
        "GET",
        FEED,
        response=example_323("Feed"),
        check=check_feed,
        resource=lambda c: _feed(c).get(),
    ),
    OpCase(
        "update_feed",
        lambda c: c.update_feed(
            "my-room-id",
            "my-feed-id",
            body=models.UpdateFeedRequestBody(metadata={"tags": ["product", "news"], "old": None}),
        ),
        "PATCH",
        FEED,
        body={"metadata": {"tags": ["product", "news"], "old": None}},
        response=example_323("Feed"),
        check=check_feed,
        resource=lambda c: _feed(c).update(metadata={"tags": ["product", "news"], "old": None}),
    ),
    OpCase(
        "delete_feed",
        lambda c: c.delete_feed("my-room-id", "my-feed-id"),
        "DELETE",
        FEED,
        status=204,
        check=check_none,
        resource=lambda c: _feed(c).delete(),
    ),
    OpCase(
        "get_feed_messages",
        lambda c: c.get_feed_messages("my-room-id", "my-feed-id"),
        "GET",
        MESSAGES,
        query={"limit": "20"},
        response=example_323("GetFeedMessagesResponse"),
        check=check_messages,
    ),
    OpCase(
        "get_feed_messages",
        lambda c: c.get_feed_messages(
            "my-room-id", "my-feed-id", cursor=CURSOR, since=1660000988137, limit=5
        ),
        "GET",
        MESSAGES,
        query={"cursor": CURSOR, "since": "1660000988137", "limit": "5"},
        response=example_323("GetFeedMessagesResponse"),
        check=check_messages,
        id="params",
    ),
    OpCase(
        "create_feed_message",
        lambda c: c.create_feed_message(
            "my-room-id",
            "my-feed-id",
            body=models.CreateFeedMessageRequestBody.from_dict(
                example_323("CreateFeedMessageRequestBody")
            ),
        ),
        "POST",
        MESSAGES,
        body=example_323("CreateFeedMessageRequestBody"),
        response=example_323("FeedMessage"),
        check=check_message,
        resource=lambda c: _feed(c).messages.create(
            {"type": "text", "content": "Hello, world!"},
            id="msg_xyz789",
            timestamp=1660000988137,
        ),
    ),
    OpCase(
        "update_feed_message",
        lambda c: c.update_feed_message(
            "my-room-id",
            "my-feed-id",
            "msg_xyz789",
            body=models.UpdateFeedMessageRequestBody.from_dict(
                example_323("UpdateFeedMessageRequestBody")
            ),
        ),
        "PATCH",
        MESSAGES + "/msg_xyz789",
        body=example_323("UpdateFeedMessageRequestBody"),
        response=example_323("FeedMessage"),
        check=check_message,
        resource=lambda c: (
            _feed(c)
            .messages["msg_xyz789"]
            .update({"type": "text", "content": "Hello, edited world!"}, timestamp=1660000999999)
        ),
    ),
    OpCase(
        "delete_feed_message",
        lambda c: c.delete_feed_message("my-room-id", "my-feed-id", "msg_xyz789"),
        "DELETE",
        MESSAGES + "/msg_xyz789",
        status=204,
        check=check_none,
        resource=lambda c: _feed(c).messages["msg_xyz789"].delete(),
    ),
]
