"""Comments (threads, comments, reactions, subscriptions) through both clients and both faces.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from liveblocks import AsyncLiveblocks, Liveblocks, models

BODY = models.CommentBody(
    version=1,
    content=[models.CommentBodyContentItem(type="paragraph", children=[{"text": "Hi"}])],
)
NOW = datetime.datetime.now(datetime.timezone.utc)


def sync_usage(client: Liveblocks) -> None:
    threads = client.rooms["r"].threads
    thread = threads["th"]
    comment = thread.comments["cm"]

    # Resource model
    listed = [t.id for t in threads.list(query="resolved:false")]
    created = threads.create(
        comment={"user_id": "alice", "body": {"version": 1, "content": []}},
        metadata={"status": "open"},
    )
    threads.create(comment=models.CreateThreadRequestBodyComment(user_id="alice", body=BODY))
    got = thread.get()
    thread_metadata = thread.edit_metadata(metadata={"status": None}, user_id="alice")
    resolved = thread.resolve(user_id="alice")
    thread.unresolve(user_id="alice")
    subscription = thread.subscribe(user_id="alice")
    thread.unsubscribe(user_id="alice")
    subscribers = [s.user_id for s in thread.subscriptions()]
    notified = [n.user_id for n in thread.inbox_notifications()]
    participants = thread.participants()
    reply = thread.comments.create(user_id="bob", body=BODY, attachment_ids=["at_1"])
    fetched = comment.get()
    comment.edit(body={"version": 1, "content": []}, edited_at=NOW)
    reaction = comment.add_reaction(user_id="bob", emoji="👍")
    comment.remove_reaction(user_id="bob", emoji="👍")
    comment_metadata = comment.edit_metadata(metadata={"pinned": True}, user_id="bob")
    comment.delete()
    thread.delete()

    # Flat API
    page = client.get_threads("r", query="resolved:true")
    client.create_thread(
        "r",
        body=models.CreateThreadRequestBody(
            comment=models.CreateThreadRequestBodyComment(user_id="alice", body=BODY)
        ),
    )
    client.get_thread("r", "th")
    client.delete_thread("r", "th")
    client.get_thread_participants("r", "th")
    client.edit_thread_metadata(
        "r", "th", body=models.EditThreadMetadataRequestBody(metadata={"a": 1}, user_id="u")
    )
    client.mark_thread_as_resolved(
        "r", "th", body=models.MarkThreadAsResolvedRequestBody(user_id="u")
    )
    client.mark_thread_as_unresolved(
        "r", "th", body=models.MarkThreadAsUnresolvedRequestBody(user_id="u")
    )
    client.subscribe_to_thread("r", "th", body=models.SubscribeToThreadRequestBody(user_id="u"))
    client.unsubscribe_from_thread(
        "r", "th", body=models.UnsubscribeFromThreadRequestBody(user_id="u")
    )
    subscriptions = client.get_thread_subscriptions("r", "th")
    client.create_comment(
        "r", "th", body=models.CreateCommentRequestBody(user_id="u", body=BODY, created_at=NOW)
    )
    flat_comment = client.get_comment("r", "th", "cm")
    client.edit_comment("r", "th", "cm", body=models.EditCommentRequestBody(body=BODY))
    client.delete_comment("r", "th", "cm")
    client.add_comment_reaction(
        "r", "th", "cm", body=models.AddCommentReactionRequestBody(user_id="u", emoji="🎉")
    )
    client.remove_comment_reaction(
        "r", "th", "cm", body=models.RemoveCommentReactionRequestBody(user_id="u", emoji="🎉")
    )
    client.edit_comment_metadata(
        "r",
        "th",
        "cm",
        body=models.EditCommentMetadataRequestBody(metadata={"k": None}, user_id="u"),
    )
    notifications = client.get_thread_inbox_notifications("r", "th")
    if TYPE_CHECKING:
        # fmt: off
        reveal_type(listed)  # expect: list[str]
        reveal_type(created)  # expect: liveblocks._models.comments.Thread
        reveal_type(got.comments)  # expect: list[liveblocks._models.comments.Comment]
        reveal_type(thread_metadata)  # expect: liveblocks._models.comments.ThreadMetadata
        reveal_type(resolved)  # expect: liveblocks._models.comments.Thread
        reveal_type(subscription)  # expect: liveblocks._models.comments.Subscription
        reveal_type(subscribers)  # expect: list[str | msgspec.UnsetType]
        reveal_type(notified)  # expect: list[str]
        reveal_type(participants)  # expect: liveblocks._models.comments.GetThreadParticipantsResponse
        reveal_type(reply)  # expect: liveblocks._models.comments.Comment
        reveal_type(fetched.body)  # expect: liveblocks._models.comments.CommentBody | msgspec.UnsetType
        reveal_type(reaction)  # expect: liveblocks._models.comments.CommentReaction
        reveal_type(comment_metadata)  # expect: liveblocks._models.comments.CommentMetadata
        reveal_type(page)  # expect: liveblocks._models.comments.GetThreadsResponse
        reveal_type(subscriptions)  # expect: liveblocks._models.comments.GetThreadSubscriptionsResponse
        reveal_type(flat_comment)  # expect: liveblocks._models.comments.Comment
        reveal_type(notifications)  # expect: liveblocks._models.comments.GetThreadInboxNotificationsResponse
        reveal_type(comment.delete())  # expect: None
        # fmt: on


async def async_usage(client: AsyncLiveblocks) -> None:
    threads = client.rooms["r"].threads
    thread = threads["th"]
    comment = thread.comments["cm"]

    # Resource model
    listed = [t.id async for t in threads.list(query="resolved:false")]
    pending = threads.create(comment={"user_id": "alice", "body": BODY})
    created = await pending
    await thread.get()
    await thread.edit_metadata(metadata={"status": None}, user_id="alice")
    await thread.resolve(user_id="alice")
    await thread.unresolve(user_id="alice")
    subscription = await thread.subscribe(user_id="alice")
    await thread.unsubscribe(user_id="alice")
    subscribers = await thread.subscriptions().to_list()
    notified = [n async for n in thread.inbox_notifications()]
    await thread.participants()
    reply = await thread.comments.create(user_id="bob", body=BODY)
    await comment.get()
    await comment.edit(body=BODY, metadata={"k": 1})
    reaction = await comment.add_reaction(user_id="bob", emoji="👍", created_at=NOW)
    await comment.remove_reaction(user_id="bob", emoji="👍")
    await comment.edit_metadata(metadata={"pinned": True}, user_id="bob")
    await comment.delete()
    await thread.delete()

    # Flat API
    pending_page = client.get_threads("r")
    page = await pending_page
    await client.create_thread(
        "r",
        body=models.CreateThreadRequestBody(
            comment=models.CreateThreadRequestBodyComment(user_id="alice", body=BODY)
        ),
    )
    await client.get_thread("r", "th")
    await client.delete_thread("r", "th")
    await client.get_thread_participants("r", "th")
    await client.edit_thread_metadata(
        "r", "th", body=models.EditThreadMetadataRequestBody(metadata={"a": 1}, user_id="u")
    )
    await client.mark_thread_as_resolved(
        "r", "th", body=models.MarkThreadAsResolvedRequestBody(user_id="u")
    )
    await client.mark_thread_as_unresolved(
        "r", "th", body=models.MarkThreadAsUnresolvedRequestBody(user_id="u")
    )
    await client.subscribe_to_thread(
        "r", "th", body=models.SubscribeToThreadRequestBody(user_id="u")
    )
    await client.unsubscribe_from_thread(
        "r", "th", body=models.UnsubscribeFromThreadRequestBody(user_id="u")
    )
    await client.get_thread_subscriptions("r", "th")
    await client.create_comment(
        "r", "th", body=models.CreateCommentRequestBody(user_id="u", body=BODY)
    )
    await client.get_comment("r", "th", "cm")
    await client.edit_comment("r", "th", "cm", body=models.EditCommentRequestBody(body=BODY))
    await client.delete_comment("r", "th", "cm")
    await client.add_comment_reaction(
        "r", "th", "cm", body=models.AddCommentReactionRequestBody(user_id="u", emoji="🎉")
    )
    await client.edit_comment_metadata(
        "r",
        "th",
        "cm",
        body=models.EditCommentMetadataRequestBody(metadata={"k": None}, user_id="u"),
    )
    notifications = await client.get_thread_inbox_notifications("r", "th")
    if TYPE_CHECKING:
        # fmt: off
        reveal_type(listed)  # expect: list[str]
        _ = reveal_type(pending)  # expect: typing.Coroutine[Any, Any, liveblocks._models.comments.Thread]
        reveal_type(created)  # expect: liveblocks._models.comments.Thread
        reveal_type(subscription)  # expect: liveblocks._models.comments.Subscription
        reveal_type(subscribers)  # expect: list[liveblocks._models.comments.UserSubscription]
        reveal_type(notified)  # expect: list[liveblocks._models.comments.GetThreadInboxNotificationsResponseDataItem]
        reveal_type(reply)  # expect: liveblocks._models.comments.Comment
        reveal_type(reaction)  # expect: liveblocks._models.comments.CommentReaction
        _ = reveal_type(pending_page)  # expect: typing.Coroutine[Any, Any, liveblocks._models.comments.GetThreadsResponse]
        reveal_type(page)  # expect: liveblocks._models.comments.GetThreadsResponse
        reveal_type(notifications)  # expect: liveblocks._models.comments.GetThreadInboxNotificationsResponse
        reveal_type(threads.list())  # expect: liveblocks._pagination.AsyncPager[liveblocks._models.comments.Thread]
        reveal_type(thread.subscriptions())  # expect: liveblocks._pagination.AsyncPager[liveblocks._models.comments.UserSubscription]
        # fmt: on
