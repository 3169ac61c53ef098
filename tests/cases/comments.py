"""Comments operations: threads, comments, reactions, subscriptions."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from liveblocks import models
from liveblocks.types import UNSET, Unset

from ._case import OpCase, api_json, example

UTC = datetime.timezone.utc
ROOM = "/v2/rooms/my-room-id"
THREADS = ROOM + "/threads"
THREAD = THREADS + "/th_abc123"
COMMENT = THREAD + "/comments/cm_abc123"

CREATED = datetime.datetime(2022, 7, 13, 14, 32, 50, 697000, tzinfo=UTC)
WHEN = datetime.datetime(2024, 1, 15, 10, 30, tzinfo=UTC)
WHEN_JSON = "2024-01-15T10:30:00Z"

BODY = example("CommentBody")
THREAD_JSON = example("Thread")

#: A comment with everything the API may send: reactions, attachments, an edit, metadata.
COMMENT_JSON: dict[str, Any] = {
    "type": "comment",
    "threadId": "th_abc123",
    "roomId": "my-room-id",
    "id": "cm_abc123",
    "userId": "alice",
    "createdAt": "2022-07-13T14:32:50.697Z",
    "editedAt": "2022-07-13T15:00:00.000Z",
    "body": BODY,
    "metadata": {"priority": 2, "pinned": True, "tag": "review"},
    "reactions": [{"userId": "bob", "createdAt": "2022-07-13T14:40:00.000Z", "emoji": "👍"}],
    "attachments": [example("CommentAttachment")],
}


def _with_extras(thread: dict[str, Any]) -> dict[str, Any]:
    """The thread with fields and values this SDK does not know yet."""
    extra = copy.deepcopy(thread)
    extra["futureField"] = {"nested": [1, 2]}
    extra["comments"][0]["type"] = "comment-v2"
    extra["comments"][0]["futureField"] = "x"
    extra["comments"][0]["attachments"] = [
        {**example("CommentAttachment"), "type": "attachment-v2", "previewUrl": "https://x"}
    ]
    extra["comments"].append({**COMMENT_JSON, "id": "cm_deleted", "deletedAt": WHEN_JSON})
    del extra["comments"][1]["body"]
    return extra


def collect(pager: Any) -> Any:
    """Every item of a list: a list (sync client) or an awaitable of one (async client)."""
    return pager.to_list()


def _items(value: Any, page_type: type) -> list[Any]:
    if isinstance(value, page_type):
        data = value.data  # type: ignore[attr-defined]
        return [] if isinstance(data, Unset) else list(data)
    assert isinstance(value, list)
    return value


# -- checks --------------------------------------------------------------------------------


def check_thread(thread: Any) -> None:
    assert isinstance(thread, models.Thread)
    assert thread.type_ == "thread"
    assert thread.id == "th_abc123"
    assert thread.room_id == "my-room-id"
    assert thread.created_at == CREATED
    assert thread.updated_at == CREATED
    assert thread.resolved is False
    assert isinstance(thread.metadata, models.ThreadMetadata)
    assert thread.metadata == {"color": "blue"}
    (comment,) = thread.comments
    assert isinstance(comment, models.Comment)
    assert comment.thread_id == "th_abc123"
    assert isinstance(comment.body, models.CommentBody)
    assert comment.body.version == 1
    assert comment.reactions == []
    assert api_json(thread) == THREAD_JSON


def check_threads(value: Any) -> None:
    threads = _items(value, models.GetThreadsResponse)
    (thread,) = threads
    assert isinstance(thread, models.Thread)
    assert thread.metadata == {}
    assert thread.comments[0].user_id == "alice"
    if isinstance(value, models.GetThreadsResponse):
        assert api_json(value) == example("GetThreadsResponse")


def check_threads_with_extras(value: Any) -> None:
    (thread,) = _items(value, models.GetThreadsResponse)
    assert isinstance(thread, models.Thread)
    first, deleted = thread.comments
    assert first.type_ == "comment-v2"
    assert first.attachments[0].type_ == "attachment-v2"
    assert first.attachments[0].mime_type == "image/png"
    assert deleted.deleted_at == WHEN
    assert deleted.body is UNSET
    assert "futureField" not in thread.to_dict()


def check_comment(comment: Any) -> None:
    assert isinstance(comment, models.Comment)
    assert comment.id == "cm_abc123"
    assert comment.type_ == "comment"
    assert comment.edited_at == datetime.datetime(2022, 7, 13, 15, 0, tzinfo=UTC)
    assert isinstance(comment.metadata, models.CommentMetadata)
    assert comment.metadata == {"priority": 2, "pinned": True, "tag": "review"}
    (reaction,) = comment.reactions
    assert isinstance(reaction, models.CommentReaction)
    assert (reaction.user_id, reaction.emoji) == ("bob", "👍")
    (attachment,) = comment.attachments
    assert isinstance(attachment, models.CommentAttachment)
    assert (attachment.name, attachment.size) == ("screenshot.png", 12345)
    assert isinstance(comment.body, models.CommentBody)
    (paragraph,) = comment.body.content
    assert isinstance(paragraph, models.CommentBodyContentItem)
    assert paragraph["children"][1] == {"text": "world", "bold": True}
    assert api_json(comment) == COMMENT_JSON


def check_none(value: Any) -> None:
    assert value is None


def check_participants(value: Any) -> None:
    assert isinstance(value, models.GetThreadParticipantsResponse)
    assert value.participant_ids == ["alice", "bob"]


def check_thread_metadata(value: Any) -> None:
    assert isinstance(value, models.ThreadMetadata)
    assert value == {"color": "blue", "priority": 3}


def check_comment_metadata(value: Any) -> None:
    assert isinstance(value, models.CommentMetadata)
    assert value == {"tag": "done", "pinned": False}


def check_subscription(value: Any) -> None:
    assert isinstance(value, models.Subscription)
    assert (value.kind, value.subject_id, value.created_at) == ("thread", "th_abc123", CREATED)
    assert api_json(value) == example("Subscription")


def check_subscriptions(value: Any) -> None:
    subscription, future = _items(value, models.GetThreadSubscriptionsResponse)
    assert isinstance(subscription, models.UserSubscription)
    assert (subscription.user_id, subscription.subject_id) == ("alice", "th_abc123")
    assert isinstance(future, models.UserSubscription)
    assert future.kind == "future-kind"
    assert future.user_id is UNSET


def check_reaction(value: Any) -> None:
    assert isinstance(value, models.CommentReaction)
    assert (value.user_id, value.emoji, value.created_at) == ("alice", "🎉", WHEN)


NOTIFICATIONS_JSON = {
    "data": [
        {**example("InboxNotificationThreadData"), "userId": "alice"},
        {
            **example("InboxNotificationThreadData"),
            "id": "in_def456",
            "userId": "bob",
            "readAt": "2024-01-16T08:00:00.000Z",
            "kind": "thread-v2",
            "futureField": True,
        },
    ]
}


def check_notifications(value: Any) -> None:
    alice, bob = _items(value, models.GetThreadInboxNotificationsResponse)
    assert isinstance(alice, models.GetThreadInboxNotificationsResponseDataItem)
    assert (alice.id, alice.kind, alice.user_id, alice.thread_id) == (
        "in_abc123",
        "thread",
        "alice",
        "th_abc123",
    )
    assert alice.read_at is None
    assert alice.notified_at == WHEN
    assert alice.organization_id == "org_123456789"
    assert isinstance(bob, models.GetThreadInboxNotificationsResponseDataItem)
    assert bob.kind == "thread-v2"
    assert bob.read_at == datetime.datetime(2024, 1, 16, 8, tzinfo=UTC)


def check_no_notifications(value: Any) -> None:
    assert _items(value, models.GetThreadInboxNotificationsResponse) == []


# -- request bodies ------------------------------------------------------------------------

CREATE_THREAD_JSON = {
    "comment": {
        "userId": "alice",
        "body": BODY,
        "createdAt": WHEN_JSON,
        "metadata": {"priority": 1},
    },
    "metadata": {"color": "blue", "resolvedBy": None},
}

CREATE_COMMENT_JSON = {
    "userId": "alice",
    "body": BODY,
    "createdAt": WHEN_JSON,
    "metadata": {"tag": "review"},
    "attachmentIds": ["at_abc123", "at_def456"],
}

EDIT_COMMENT_JSON = {
    "body": BODY,
    "editedAt": WHEN_JSON,
    "metadata": {"tag": "edited"},
    "attachmentIds": [],
}


def _comment(client: Any) -> Any:
    return client.rooms["my-room-id"].threads["th_abc123"].comments["cm_abc123"]


def _body() -> models.CommentBody:
    return models.CommentBody(
        version=1,
        content=[
            models.CommentBodyContentItem(
                type="paragraph", children=[{"text": "Hello "}, {"text": "world", "bold": True}]
            )
        ],
    )


CASES = [
    OpCase(
        "get_threads",
        lambda c: c.get_threads("my-room-id"),
        "GET",
        THREADS,
        response=example("GetThreadsResponse"),
        check=check_threads,
        resource=lambda c: collect(c.rooms["my-room-id"].threads.list()),
    ),
    OpCase(
        "get_threads",
        lambda c: c.get_threads(room_id="my-room-id", query='metadata["color"]:"blue"'),
        "GET",
        THREADS,
        query={"query": 'metadata["color"]:"blue"'},
        response={"data": [_with_extras(THREAD_JSON)], "nextCursor": None},
        check=check_threads_with_extras,
        resource=lambda c: collect(
            c.rooms["my-room-id"].threads.list(query='metadata["color"]:"blue"')
        ),
        id="query-and-unknown-fields",
    ),
    OpCase(
        "create_thread",
        lambda c: c.create_thread(
            "my-room-id",
            body=models.CreateThreadRequestBody(
                comment=models.CreateThreadRequestBodyComment(
                    user_id="alice",
                    body=_body(),
                    created_at=WHEN,
                    metadata=models.CommentMetadata(priority=1),
                ),
                metadata={"color": "blue", "resolvedBy": None},
            ),
        ),
        "POST",
        THREADS,
        body=CREATE_THREAD_JSON,
        response=THREAD_JSON,
        check=check_thread,
        resource=lambda c: c.rooms["my-room-id"].threads.create(
            comment={
                "user_id": "alice",
                "body": BODY,
                "created_at": WHEN,
                "metadata": {"priority": 1},
            },
            metadata={"color": "blue", "resolvedBy": None},
        ),
    ),
    OpCase(
        "create_thread",
        lambda c: c.create_thread(
            "my-room-id",
            body=models.CreateThreadRequestBody(
                comment=models.CreateThreadRequestBodyComment(user_id="alice", body=_body())
            ),
        ),
        "POST",
        THREADS,
        body={"comment": {"userId": "alice", "body": BODY}},
        response=THREAD_JSON,
        check=check_thread,
        resource=lambda c: c.rooms["my-room-id"].threads.create(
            comment=models.CreateThreadRequestBodyComment(user_id="alice", body=_body())
        ),
        id="minimal",
    ),
    OpCase(
        "get_thread",
        lambda c: c.get_thread("my-room-id", "th_abc123"),
        "GET",
        THREAD,
        response=THREAD_JSON,
        check=check_thread,
        resource=lambda c: c.rooms["my-room-id"].threads["th_abc123"].get(),
    ),
    OpCase(
        "get_thread",
        lambda c: c.get_thread(room_id="room/1", thread_id="th 1?#"),
        "GET",
        "/v2/rooms/room%2F1/threads/th%201%3F%23",
        response=THREAD_JSON,
        check=check_thread,
        resource=lambda c: c.rooms["room/1"].threads["th 1?#"].get(),
        id="encoded-ids",
    ),
    OpCase(
        "delete_thread",
        lambda c: c.delete_thread("my-room-id", "th_abc123"),
        "DELETE",
        THREAD,
        status=204,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].threads["th_abc123"].delete(),
    ),
    OpCase(
        "get_thread_participants",
        lambda c: c.get_thread_participants("my-room-id", "th_abc123"),
        "GET",
        THREAD + "/participants",
        response=example("GetThreadParticipantsResponse"),
        check=check_participants,
        resource=lambda c: c.rooms["my-room-id"].threads["th_abc123"].participants(),
        deprecated=True,
    ),
    OpCase(
        "edit_thread_metadata",
        lambda c: c.edit_thread_metadata(
            "my-room-id",
            "th_abc123",
            body=models.EditThreadMetadataRequestBody(
                metadata=models.EditThreadMetadataRequestBodyMetadata(priority=3, old=None),
                user_id="alice",
                updated_at=WHEN,
            ),
        ),
        "POST",
        THREAD + "/metadata",
        body={"metadata": {"priority": 3, "old": None}, "userId": "alice", "updatedAt": WHEN_JSON},
        response={"color": "blue", "priority": 3},
        check=check_thread_metadata,
        resource=lambda c: (
            c.rooms["my-room-id"]
            .threads["th_abc123"]
            .edit_metadata(metadata={"priority": 3, "old": None}, user_id="alice", updated_at=WHEN)
        ),
    ),
    OpCase(
        "mark_thread_as_resolved",
        lambda c: c.mark_thread_as_resolved(
            "my-room-id",
            "th_abc123",
            body=models.MarkThreadAsResolvedRequestBody(user_id="alice"),
        ),
        "POST",
        THREAD + "/mark-as-resolved",
        body=example("MarkThreadAsResolvedRequestBody"),
        response=THREAD_JSON,
        check=check_thread,
        resource=lambda c: c.rooms["my-room-id"].threads["th_abc123"].resolve(user_id="alice"),
    ),
    OpCase(
        "mark_thread_as_unresolved",
        lambda c: c.mark_thread_as_unresolved(
            "my-room-id",
            "th_abc123",
            body=models.MarkThreadAsUnresolvedRequestBody(user_id="alice"),
        ),
        "POST",
        THREAD + "/mark-as-unresolved",
        body=example("MarkThreadAsUnresolvedRequestBody"),
        response=THREAD_JSON,
        check=check_thread,
        resource=lambda c: c.rooms["my-room-id"].threads["th_abc123"].unresolve(user_id="alice"),
    ),
    OpCase(
        "subscribe_to_thread",
        lambda c: c.subscribe_to_thread(
            "my-room-id", "th_abc123", body=models.SubscribeToThreadRequestBody(user_id="alice")
        ),
        "POST",
        THREAD + "/subscribe",
        body=example("SubscribeToThreadRequestBody"),
        response=example("Subscription"),
        check=check_subscription,
        resource=lambda c: c.rooms["my-room-id"].threads["th_abc123"].subscribe(user_id="alice"),
    ),
    OpCase(
        "unsubscribe_from_thread",
        lambda c: c.unsubscribe_from_thread(
            "my-room-id",
            "th_abc123",
            body=models.UnsubscribeFromThreadRequestBody(user_id="alice"),
        ),
        "POST",
        THREAD + "/unsubscribe",
        body=example("UnsubscribeFromThreadRequestBody"),
        response={},
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].threads["th_abc123"].unsubscribe(user_id="alice"),
    ),
    OpCase(
        "get_thread_subscriptions",
        lambda c: c.get_thread_subscriptions("my-room-id", "th_abc123"),
        "GET",
        THREAD + "/subscriptions",
        response={
            "data": [
                *example("GetThreadSubscriptionsResponse")["data"],
                {
                    "kind": "future-kind",
                    "subjectId": "x",
                    "createdAt": "2022-07-13T14:32:50.697Z",
                    "futureField": 1,
                },
            ]
        },
        check=check_subscriptions,
        resource=lambda c: collect(c.rooms["my-room-id"].threads["th_abc123"].subscriptions()),
    ),
    OpCase(
        "create_comment",
        lambda c: c.create_comment(
            "my-room-id",
            "th_abc123",
            body=models.CreateCommentRequestBody(
                user_id="alice",
                body=_body(),
                created_at=WHEN,
                metadata={"tag": "review"},
                attachment_ids=["at_abc123", "at_def456"],
            ),
        ),
        "POST",
        THREAD + "/comments",
        body=CREATE_COMMENT_JSON,
        response=COMMENT_JSON,
        check=check_comment,
        resource=lambda c: (
            c.rooms["my-room-id"]
            .threads["th_abc123"]
            .comments.create(
                user_id="alice",
                body=BODY,
                created_at=WHEN,
                metadata={"tag": "review"},
                attachment_ids=("at_abc123", "at_def456"),
            )
        ),
    ),
    OpCase(
        "create_comment",
        lambda c: c.create_comment(
            "my-room-id",
            "th_abc123",
            body=models.CreateCommentRequestBody(user_id="alice", body=_body()),
        ),
        "POST",
        THREAD + "/comments",
        body={"userId": "alice", "body": BODY},
        response=COMMENT_JSON,
        check=check_comment,
        resource=lambda c: (
            c.rooms["my-room-id"]
            .threads["th_abc123"]
            .comments.create(user_id="alice", body={"content": BODY["content"]})
        ),
        id="minimal",
    ),
    OpCase(
        "get_comment",
        lambda c: c.get_comment("my-room-id", "th_abc123", "cm_abc123"),
        "GET",
        COMMENT,
        response=COMMENT_JSON,
        check=check_comment,
        resource=lambda c: _comment(c).get(),
    ),
    OpCase(
        "get_comment",
        lambda c: c.get_comment("my-room-id", thread_id="th/1", comment_id="cm é"),
        "GET",
        ROOM + "/threads/th%2F1/comments/cm%20%C3%A9",
        response=COMMENT_JSON,
        check=check_comment,
        resource=lambda c: c.rooms["my-room-id"].threads["th/1"].comments["cm é"].get(),
        id="encoded-ids",
    ),
    OpCase(
        "edit_comment",
        lambda c: c.edit_comment(
            "my-room-id",
            "th_abc123",
            "cm_abc123",
            body=models.EditCommentRequestBody(
                body=_body(),
                edited_at=WHEN,
                metadata=models.CommentMetadata(tag="edited"),
                attachment_ids=[],
            ),
        ),
        "POST",
        COMMENT,
        body=EDIT_COMMENT_JSON,
        response=COMMENT_JSON,
        check=check_comment,
        resource=lambda c: _comment(c).edit(
            body=_body(), edited_at=WHEN, metadata={"tag": "edited"}, attachment_ids=[]
        ),
    ),
    OpCase(
        "delete_comment",
        lambda c: c.delete_comment("my-room-id", "th_abc123", "cm_abc123"),
        "DELETE",
        COMMENT,
        status=204,
        check=check_none,
        resource=lambda c: _comment(c).delete(),
    ),
    OpCase(
        "add_comment_reaction",
        lambda c: c.add_comment_reaction(
            "my-room-id",
            "th_abc123",
            "cm_abc123",
            body=models.AddCommentReactionRequestBody(user_id="alice", emoji="🎉", created_at=WHEN),
        ),
        "POST",
        COMMENT + "/add-reaction",
        body={"userId": "alice", "emoji": "🎉", "createdAt": WHEN_JSON},
        response={"userId": "alice", "emoji": "🎉", "createdAt": WHEN_JSON, "futureField": 1},
        check=check_reaction,
        resource=lambda c: _comment(c).add_reaction(user_id="alice", emoji="🎉", created_at=WHEN),
    ),
    OpCase(
        "remove_comment_reaction",
        lambda c: c.remove_comment_reaction(
            "my-room-id",
            "th_abc123",
            "cm_abc123",
            body=models.RemoveCommentReactionRequestBody(
                user_id="alice", emoji="🎉", removed_at=WHEN
            ),
        ),
        "POST",
        COMMENT + "/remove-reaction",
        body={"userId": "alice", "emoji": "🎉", "removedAt": WHEN_JSON},
        status=204,
        check=check_none,
        resource=lambda c: _comment(c).remove_reaction(
            user_id="alice", emoji="🎉", removed_at=WHEN
        ),
    ),
    OpCase(
        "edit_comment_metadata",
        lambda c: c.edit_comment_metadata(
            "my-room-id",
            "th_abc123",
            "cm_abc123",
            body=models.EditCommentMetadataRequestBody(
                metadata=models.EditCommentMetadataRequestBodyMetadata(
                    tag="done", pinned=False, old=None
                ),
                user_id="alice",
                updated_at=WHEN,
            ),
        ),
        "POST",
        COMMENT + "/metadata",
        body={
            "metadata": {"tag": "done", "pinned": False, "old": None},
            "userId": "alice",
            "updatedAt": WHEN_JSON,
        },
        response={"tag": "done", "pinned": False},
        check=check_comment_metadata,
        resource=lambda c: _comment(c).edit_metadata(
            metadata={"tag": "done", "pinned": False, "old": None},
            user_id="alice",
            updated_at=WHEN,
        ),
    ),
    OpCase(
        "get_thread_inbox_notifications",
        lambda c: c.get_thread_inbox_notifications("my-room-id", "th_abc123"),
        "GET",
        THREAD + "/inbox-notifications",
        response=NOTIFICATIONS_JSON,
        check=check_notifications,
        resource=lambda c: collect(
            c.rooms["my-room-id"].threads["th_abc123"].inbox_notifications()
        ),
    ),
    OpCase(
        "get_thread_inbox_notifications",
        lambda c: c.get_thread_inbox_notifications("my-room-id", "th_abc123"),
        "GET",
        THREAD + "/inbox-notifications",
        response={},
        check=check_no_notifications,
        resource=lambda c: collect(
            c.rooms["my-room-id"].threads["th_abc123"].inbox_notifications()
        ),
        id="no-data",
    ),
]
