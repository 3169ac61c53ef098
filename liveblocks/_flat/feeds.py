"""Flat methods of the Feeds section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from .._models.feeds import (
        CreateFeedMessageRequestBody,
        CreateFeedRequestBody,
        Feed,
        FeedMessage,
        GetFeedMessagesResponse,
        GetFeedsResponse,
        UpdateFeedMessageRequestBody,
        UpdateFeedRequestBody,
    )


class FeedsFlatAPI(ResourceTree[M]):
    @endpoint
    def get_feeds(
        self,
        room_id: str,
        *,
        cursor: str | Unset = UNSET,
        since: int | Unset = UNSET,
        limit: int | Unset = 20,
    ) -> Call[GetFeedsResponse]:
        """One page of a room's feeds (``feeds.list()`` iterates over all of them)."""
        return self.rooms[room_id].feeds._page(cursor, since, limit)

    @endpoint
    def create_feed(self, room_id: str, *, body: CreateFeedRequestBody) -> Call[Feed]:
        """Create a feed in a room."""
        return self.rooms[room_id].feeds._create(body)

    @endpoint
    def get_feed(self, room_id: str, feed_id: str) -> Call[Feed]:
        """One feed of a room."""
        return self.rooms[room_id].feeds[feed_id].get.call()

    @endpoint
    def delete_feed(self, room_id: str, feed_id: str) -> Call[None]:
        """Delete a feed."""
        return self.rooms[room_id].feeds[feed_id].delete.call()

    @endpoint
    def update_feed(self, room_id: str, feed_id: str, *, body: UpdateFeedRequestBody) -> Call[Feed]:
        """Update a feed's metadata."""
        return self.rooms[room_id].feeds[feed_id]._update(body)

    @endpoint
    def get_feed_messages(
        self,
        room_id: str,
        feed_id: str,
        *,
        cursor: str | Unset = UNSET,
        since: int | Unset = UNSET,
        limit: int | Unset = 20,
    ) -> Call[GetFeedMessagesResponse]:
        """One page of a feed's messages."""
        messages = self.rooms[room_id].feeds[feed_id].messages
        return messages._page(cursor, since, limit)

    @endpoint
    def create_feed_message(
        self, room_id: str, feed_id: str, *, body: CreateFeedMessageRequestBody
    ) -> Call[FeedMessage]:
        """Add a message to a feed."""
        return self.rooms[room_id].feeds[feed_id].messages._create(body)

    @endpoint
    def delete_feed_message(self, room_id: str, feed_id: str, message_id: str) -> Call[None]:
        """Delete a feed message."""
        return self.rooms[room_id].feeds[feed_id].messages[message_id].delete.call()

    @endpoint
    def update_feed_message(
        self, room_id: str, feed_id: str, message_id: str, *, body: UpdateFeedMessageRequestBody
    ) -> Call[FeedMessage]:
        """Replace a feed message's data."""
        return self.rooms[room_id].feeds[feed_id].messages[message_id]._update(body)
