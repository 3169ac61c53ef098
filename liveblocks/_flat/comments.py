"""Flat methods of the Comments section."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from .._models.comments import (
        AddCommentReactionRequestBody,
        Comment,
        CommentMetadata,
        CommentReaction,
        CreateCommentRequestBody,
        CreateThreadRequestBody,
        EditCommentMetadataRequestBody,
        EditCommentRequestBody,
        EditThreadMetadataRequestBody,
        GetThreadInboxNotificationsResponse,
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
    )


class CommentsFlatAPI(ResourceTree[M]):
    @endpoint
    def get_threads(self, room_id: str, *, query: str | Unset = UNSET) -> Call[GetThreadsResponse]:
        """A room's threads, all in one answer (``rooms[id].threads.list()`` iterates)."""
        return self.rooms[room_id].threads._list(query)

    @endpoint
    def create_thread(self, room_id: str, *, body: CreateThreadRequestBody) -> Call[Thread]:
        """Create a thread and its first comment."""
        return self.rooms[room_id].threads._create(body)

    @endpoint
    def get_thread(self, room_id: str, thread_id: str) -> Call[Thread]:
        """Get a thread."""
        return self.rooms[room_id].threads[thread_id].get.call()

    @endpoint
    def delete_thread(self, room_id: str, thread_id: str) -> Call[None]:
        """Delete a thread."""
        return self.rooms[room_id].threads[thread_id].delete.call()

    @endpoint
    def get_thread_participants(
        self, room_id: str, thread_id: str
    ) -> Call[GetThreadParticipantsResponse]:
        """Deprecated: use ``get_thread_subscriptions``. A thread's participants."""
        warnings.warn(
            "get_thread_participants is deprecated; use get_thread_subscriptions instead",
            DeprecationWarning,
            stacklevel=3,
        )
        return self.rooms[room_id].threads[thread_id]._participants()

    @endpoint
    def edit_thread_metadata(
        self, room_id: str, thread_id: str, *, body: EditThreadMetadataRequestBody
    ) -> Call[ThreadMetadata]:
        """Edit a thread's metadata."""
        return self.rooms[room_id].threads[thread_id]._edit_metadata(body)

    @endpoint
    def mark_thread_as_resolved(
        self, room_id: str, thread_id: str, *, body: MarkThreadAsResolvedRequestBody
    ) -> Call[Thread]:
        """Mark a thread as resolved."""
        return self.rooms[room_id].threads[thread_id]._resolve(body)

    @endpoint
    def mark_thread_as_unresolved(
        self, room_id: str, thread_id: str, *, body: MarkThreadAsUnresolvedRequestBody
    ) -> Call[Thread]:
        """Mark a thread as unresolved."""
        return self.rooms[room_id].threads[thread_id]._unresolve(body)

    @endpoint
    def subscribe_to_thread(
        self, room_id: str, thread_id: str, *, body: SubscribeToThreadRequestBody
    ) -> Call[Subscription]:
        """Subscribe a user to a thread."""
        return self.rooms[room_id].threads[thread_id]._subscribe(body)

    @endpoint
    def unsubscribe_from_thread(
        self, room_id: str, thread_id: str, *, body: UnsubscribeFromThreadRequestBody
    ) -> Call[None]:
        """Unsubscribe a user from a thread."""
        return self.rooms[room_id].threads[thread_id]._unsubscribe(body)

    @endpoint
    def get_thread_subscriptions(
        self, room_id: str, thread_id: str
    ) -> Call[GetThreadSubscriptionsResponse]:
        """A thread's subscriptions."""
        return self.rooms[room_id].threads[thread_id]._subscriptions()

    @endpoint
    def create_comment(
        self, room_id: str, thread_id: str, *, body: CreateCommentRequestBody
    ) -> Call[Comment]:
        """Reply to a thread."""
        return self.rooms[room_id].threads[thread_id].comments._create(body)

    @endpoint
    def get_comment(self, room_id: str, thread_id: str, comment_id: str) -> Call[Comment]:
        """Get a comment."""
        return self.rooms[room_id].threads[thread_id].comments[comment_id].get.call()

    @endpoint
    def edit_comment(
        self, room_id: str, thread_id: str, comment_id: str, *, body: EditCommentRequestBody
    ) -> Call[Comment]:
        """Edit a comment."""
        return self.rooms[room_id].threads[thread_id].comments[comment_id]._edit(body)

    @endpoint
    def delete_comment(self, room_id: str, thread_id: str, comment_id: str) -> Call[None]:
        """Delete a comment."""
        return self.rooms[room_id].threads[thread_id].comments[comment_id].delete.call()

    @endpoint
    def add_comment_reaction(
        self,
        room_id: str,
        thread_id: str,
        comment_id: str,
        *,
        body: AddCommentReactionRequestBody,
    ) -> Call[CommentReaction]:
        """Add a reaction to a comment."""
        return self.rooms[room_id].threads[thread_id].comments[comment_id]._add_reaction(body)

    @endpoint
    def remove_comment_reaction(
        self,
        room_id: str,
        thread_id: str,
        comment_id: str,
        *,
        body: RemoveCommentReactionRequestBody,
    ) -> Call[None]:
        """Remove a reaction from a comment."""
        return self.rooms[room_id].threads[thread_id].comments[comment_id]._remove_reaction(body)

    @endpoint
    def edit_comment_metadata(
        self,
        room_id: str,
        thread_id: str,
        comment_id: str,
        *,
        body: EditCommentMetadataRequestBody,
    ) -> Call[CommentMetadata]:
        """Edit a comment's metadata."""
        return self.rooms[room_id].threads[thread_id].comments[comment_id]._edit_metadata(body)

    @endpoint
    def get_thread_inbox_notifications(
        self, room_id: str, thread_id: str
    ) -> Call[GetThreadInboxNotificationsResponse]:
        """Every user's inbox notifications about a thread."""
        return self.rooms[room_id].threads[thread_id]._inbox_notifications()
