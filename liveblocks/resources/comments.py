"""Comments: ``client.rooms[room_id].threads``, ``threads[thread_id]`` and its ``comments``."""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Union

import msgspec

from .._call import Call, M, PageSpec, Resource, cached_property, endpoint, paginated, query_items
from .._models.comments import (
    AddCommentReactionRequestBody,
    Comment,
    CommentBody,
    CommentMetadata,
    CommentReaction,
    CreateCommentRequestBody,
    CreateThreadRequestBody,
    CreateThreadRequestBodyComment,
    CreateThreadRequestBodyVisibility,
    EditCommentMetadataRequestBody,
    EditCommentRequestBody,
    EditThreadMetadataRequestBody,
    GetThreadInboxNotificationsResponse,
    GetThreadInboxNotificationsResponseDataItem,
    GetThreadParticipantsResponse,
    GetThreadsResponse,
    GetThreadSubscriptionsResponse,
    MarkThreadAsResolvedRequestBody,
    MarkThreadAsUnresolvedRequestBody,
    RemoveCommentReactionRequestBody,
    SubscribeToThreadRequestBody,
    Subscription,
    Thread,
    ThreadMetadata,
    UnsubscribeFromThreadRequestBody,
    UserSubscription,
)
from ..types import UNSET, Unset
from ._common import coerce, json_call

__all__ = ["CommentResource", "Comments", "ThreadResource", "Threads"]

#: A comment body given as the model or as its JSON object ``{"version": 1, "content": [...]}``.
CommentBodyInput = Union[CommentBody, Mapping[str, Any]]


class Threads(Resource[M]):
    """The room's threads. ``threads[thread_id]`` binds one thread without a request."""

    path_template = "/v2/rooms/{room_id}/threads"

    def __getitem__(self, thread_id: str) -> ThreadResource[M]:
        return ThreadResource(self._requester, self._bind("thread_id", thread_id))

    @paginated
    def list(self, *, query: str | Unset = UNSET) -> PageSpec[GetThreadsResponse, Thread]:
        """Every thread of the room, or those matching ``query``
        (e.g. ``metadata["status"]:"open" AND resolved:false``).

        The API sends all of them in one answer; this iterates over it."""

        def fetch(cursor: str | None) -> Call[GetThreadsResponse]:
            return self._list(query)

        return PageSpec(fetch, _thread_items, _single_page)

    def _list(self, query: str | Unset) -> Call[GetThreadsResponse]:
        params = query_items({"query": query})
        return json_call(
            "GET", "/v2/rooms/{room_id}/threads", self._ids, GetThreadsResponse, query=params
        )

    @endpoint
    def create(
        self,
        *,
        comment: CreateThreadRequestBodyComment | Mapping[str, Any],
        metadata: Mapping[str, Any] | Unset = UNSET,
        visibility: CreateThreadRequestBodyVisibility | str | Unset = UNSET,
    ) -> Call[Thread]:
        """Start a thread with its first comment, given as a model or a dict of its fields
        (``{"user_id": "alice", "body": {"version": 1, "content": [...]}}``, with
        ``"attachment_ids"`` to attach uploaded files). ``visibility="private"`` shows it
        only to users with ``comments:private:*`` permissions (default: public)."""
        first = coerce(CreateThreadRequestBodyComment, comment, "comment")
        if not isinstance(first.body, CommentBody):
            first = msgspec.structs.replace(first, body=comment_body(first.body))
        if not isinstance(visibility, Unset):
            visibility = CreateThreadRequestBodyVisibility(visibility)
        return self._create(
            CreateThreadRequestBody(comment=first, metadata=metadata, visibility=visibility)
        )

    def _create(self, body: CreateThreadRequestBody) -> Call[Thread]:
        return json_call("POST", "/v2/rooms/{room_id}/threads", self._ids, Thread, body)


class ThreadResource(Resource[M]):
    """One thread, bound by id. Makes no request until a method is called."""

    path_template = "/v2/rooms/{room_id}/threads/{thread_id}"

    @cached_property
    def comments(self) -> Comments[M]:
        """The thread's comments: ``comments.create(...)``, ``comments[comment_id]``."""
        return Comments(self._requester, self._ids)

    @endpoint
    def get(self) -> Call[Thread]:
        """The thread, with its comments."""
        return json_call("GET", "/v2/rooms/{room_id}/threads/{thread_id}", self._ids, Thread)

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the thread and its comments."""
        return json_call("DELETE", "/v2/rooms/{room_id}/threads/{thread_id}", self._ids, None)

    @endpoint
    def edit_metadata(
        self,
        *,
        metadata: Mapping[str, Any],
        user_id: str,
        updated_at: datetime.datetime | Unset = UNSET,
    ) -> Call[ThreadMetadata]:
        """Set keys of the thread's metadata (``None`` removes a key); returns all of it."""
        return self._edit_metadata(
            EditThreadMetadataRequestBody(metadata=metadata, user_id=user_id, updated_at=updated_at)
        )

    def _edit_metadata(self, body: EditThreadMetadataRequestBody) -> Call[ThreadMetadata]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/threads/{thread_id}/metadata",
            self._ids,
            ThreadMetadata,
            body,
        )

    @endpoint
    def resolve(self, *, user_id: str) -> Call[Thread]:
        """Mark the thread as resolved by ``user_id``."""
        return self._resolve(MarkThreadAsResolvedRequestBody(user_id=user_id))

    def _resolve(self, body: MarkThreadAsResolvedRequestBody) -> Call[Thread]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/threads/{thread_id}/mark-as-resolved",
            self._ids,
            Thread,
            body,
        )

    @endpoint
    def unresolve(self, *, user_id: str) -> Call[Thread]:
        """Mark the thread as unresolved by ``user_id``."""
        return self._unresolve(MarkThreadAsUnresolvedRequestBody(user_id=user_id))

    def _unresolve(self, body: MarkThreadAsUnresolvedRequestBody) -> Call[Thread]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/threads/{thread_id}/mark-as-unresolved",
            self._ids,
            Thread,
            body,
        )

    @endpoint
    def subscribe(self, *, user_id: str) -> Call[Subscription]:
        """Subscribe ``user_id`` to the thread's notifications."""
        return self._subscribe(SubscribeToThreadRequestBody(user_id=user_id))

    def _subscribe(self, body: SubscribeToThreadRequestBody) -> Call[Subscription]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/threads/{thread_id}/subscribe",
            self._ids,
            Subscription,
            body,
        )

    @endpoint
    def unsubscribe(self, *, user_id: str) -> Call[None]:
        """Unsubscribe ``user_id`` from the thread's notifications."""
        return self._unsubscribe(UnsubscribeFromThreadRequestBody(user_id=user_id))

    def _unsubscribe(self, body: UnsubscribeFromThreadRequestBody) -> Call[None]:
        return json_call(
            "POST", "/v2/rooms/{room_id}/threads/{thread_id}/unsubscribe", self._ids, None, body
        )

    @paginated
    def subscriptions(self) -> PageSpec[GetThreadSubscriptionsResponse, UserSubscription]:
        """Every subscription to the thread (one answer; this iterates over it)."""

        def fetch(cursor: str | None) -> Call[GetThreadSubscriptionsResponse]:
            return self._subscriptions()

        return PageSpec(fetch, _subscription_items, _single_page)

    def _subscriptions(self) -> Call[GetThreadSubscriptionsResponse]:
        return json_call(
            "GET",
            "/v2/rooms/{room_id}/threads/{thread_id}/subscriptions",
            self._ids,
            GetThreadSubscriptionsResponse,
        )

    @paginated
    def inbox_notifications(
        self,
    ) -> PageSpec[GetThreadInboxNotificationsResponse, GetThreadInboxNotificationsResponseDataItem]:
        """Every user's inbox notification about the thread (each names its ``user_id``)."""

        def fetch(cursor: str | None) -> Call[GetThreadInboxNotificationsResponse]:
            return self._inbox_notifications()

        return PageSpec(fetch, _notification_items, _single_page)

    def _inbox_notifications(self) -> Call[GetThreadInboxNotificationsResponse]:
        return json_call(
            "GET",
            "/v2/rooms/{room_id}/threads/{thread_id}/inbox-notifications",
            self._ids,
            GetThreadInboxNotificationsResponse,
        )

    @endpoint
    def participants(self) -> Call[GetThreadParticipantsResponse]:
        """Deprecated: use :meth:`subscriptions`. The ids of the thread's comment authors
        and mentioned users."""
        warnings.warn(
            "Thread participants are deprecated; use thread subscriptions instead",
            DeprecationWarning,
            stacklevel=3,
        )
        return self._participants()

    def _participants(self) -> Call[GetThreadParticipantsResponse]:
        return json_call(
            "GET",
            "/v2/rooms/{room_id}/threads/{thread_id}/participants",
            self._ids,
            GetThreadParticipantsResponse,
        )


class Comments(Resource[M]):
    """A thread's comments. ``comments[comment_id]`` binds one comment without a request."""

    path_template = "/v2/rooms/{room_id}/threads/{thread_id}/comments"

    def __getitem__(self, comment_id: str) -> CommentResource[M]:
        return CommentResource(self._requester, self._bind("comment_id", comment_id))

    @endpoint
    def create(
        self,
        *,
        user_id: str,
        body: CommentBodyInput,
        created_at: datetime.datetime | Unset = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        attachment_ids: Sequence[str] | Unset = UNSET,
    ) -> Call[Comment]:
        """Reply to the thread as ``user_id``. ``body`` is the comment's rich text
        (``{"version": 1, "content": [{"type": "paragraph", "children": [{"text": "Hi"}]}]}``)."""
        return self._create(
            CreateCommentRequestBody(
                user_id=user_id,
                body=comment_body(body),
                created_at=created_at,
                metadata=metadata,
                attachment_ids=attachment_ids,
            )
        )

    def _create(self, body: CreateCommentRequestBody) -> Call[Comment]:
        return json_call(
            "POST", "/v2/rooms/{room_id}/threads/{thread_id}/comments", self._ids, Comment, body
        )


class CommentResource(Resource[M]):
    """One comment, bound by id. Makes no request until a method is called."""

    path_template = "/v2/rooms/{room_id}/threads/{thread_id}/comments/{comment_id}"

    @endpoint
    def get(self) -> Call[Comment]:
        """The comment."""
        return json_call(
            "GET",
            "/v2/rooms/{room_id}/threads/{thread_id}/comments/{comment_id}",
            self._ids,
            Comment,
        )

    @endpoint
    def edit(
        self,
        *,
        body: CommentBodyInput,
        edited_at: datetime.datetime | Unset = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        attachment_ids: Sequence[str] | Unset = UNSET,
    ) -> Call[Comment]:
        """Replace the comment's body (and metadata, attachments)."""
        return self._edit(
            EditCommentRequestBody(
                body=comment_body(body),
                edited_at=edited_at,
                metadata=metadata,
                attachment_ids=attachment_ids,
            )
        )

    def _edit(self, body: EditCommentRequestBody) -> Call[Comment]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/threads/{thread_id}/comments/{comment_id}",
            self._ids,
            Comment,
            body,
        )

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the comment for good."""
        return json_call(
            "DELETE",
            "/v2/rooms/{room_id}/threads/{thread_id}/comments/{comment_id}",
            self._ids,
            None,
        )

    @endpoint
    def add_reaction(
        self, *, user_id: str, emoji: str, created_at: datetime.datetime | Unset = UNSET
    ) -> Call[CommentReaction]:
        """Add ``user_id``'s ``emoji`` reaction to the comment."""
        return self._add_reaction(
            AddCommentReactionRequestBody(user_id=user_id, emoji=emoji, created_at=created_at)
        )

    def _add_reaction(self, body: AddCommentReactionRequestBody) -> Call[CommentReaction]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/threads/{thread_id}/comments/{comment_id}/add-reaction",
            self._ids,
            CommentReaction,
            body,
        )

    @endpoint
    def remove_reaction(
        self, *, user_id: str, emoji: str, removed_at: datetime.datetime | Unset = UNSET
    ) -> Call[None]:
        """Remove ``user_id``'s ``emoji`` reaction from the comment."""
        return self._remove_reaction(
            RemoveCommentReactionRequestBody(user_id=user_id, emoji=emoji, removed_at=removed_at)
        )

    def _remove_reaction(self, body: RemoveCommentReactionRequestBody | Unset) -> Call[None]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/threads/{thread_id}/comments/{comment_id}/remove-reaction",
            self._ids,
            None,
            None if isinstance(body, Unset) else body,
        )

    @endpoint
    def edit_metadata(
        self,
        *,
        metadata: Mapping[str, Any],
        user_id: str,
        updated_at: datetime.datetime | Unset = UNSET,
    ) -> Call[CommentMetadata]:
        """Set keys of the comment's metadata (``None`` removes a key); returns all of it."""
        body = EditCommentMetadataRequestBody(
            metadata=metadata, user_id=user_id, updated_at=updated_at
        )
        return self._edit_metadata(body)

    def _edit_metadata(self, body: EditCommentMetadataRequestBody) -> Call[CommentMetadata]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/threads/{thread_id}/comments/{comment_id}/metadata",
            self._ids,
            CommentMetadata,
            body,
        )


def comment_body(value: CommentBody | Mapping[str, Any]) -> CommentBody:
    """A comment body given as the model or as its JSON object."""
    if isinstance(value, CommentBody):
        return value
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - {"version", "content"})
        if unknown or "content" not in value:
            raise ValueError(
                "body must be a comment body such as "
                '{"version": 1, "content": [{"type": "paragraph", "children": [{"text": "Hi"}]}]}'
                + (f"; unknown keys: {', '.join(map(str, unknown))}" if unknown else "")
            )
        return CommentBody(version=value.get("version", 1), content=list(value["content"]))
    raise TypeError(f"body must be a CommentBody or a dict, got {type(value).__name__}")


def _thread_items(page: GetThreadsResponse) -> list[Thread]:
    return page.data


def _subscription_items(page: GetThreadSubscriptionsResponse) -> list[UserSubscription]:
    return page.data


def _notification_items(
    page: GetThreadInboxNotificationsResponse,
) -> list[GetThreadInboxNotificationsResponseDataItem]:
    return [] if isinstance(page.data, Unset) else page.data


def _single_page(page: Any) -> None:
    return None
