"""Models of the Feeds operations: a room's feeds and their messages.

Times (``created_at``, ``updated_at``, ``timestamp``) are Unix times in milliseconds, as
the API sends them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from ..types import UNSET, Unset
from ._base import FreeForm, Model, WithAdditionalProperties

__all__ = [
    "CreateFeedMessageRequestBody",
    "CreateFeedMessageRequestBodyData",
    "CreateFeedRequestBody",
    "CreateFeedRequestBodyMetadata",
    "Feed",
    "FeedMessage",
    "FeedMessageData",
    "FeedMetadata",
    "GetFeedMessagesResponse",
    "GetFeedsResponse",
    "UpdateFeedMessageRequestBody",
    "UpdateFeedMessageRequestBodyData",
    "UpdateFeedRequestBody",
    "UpdateFeedRequestBodyMetadata",
]

#: A feed's metadata value: a string or a list of strings (``None`` deletes it on update).
FeedMetadataValue = Union[str, Sequence[str]]


class FeedMetadata(FreeForm):
    """A feed's metadata: key -> string or list of strings."""


class FeedMessageData(FreeForm):
    """A message's content: any JSON object of yours."""


class CreateFeedRequestBodyMetadata(FreeForm):
    """The metadata of a new feed."""


class UpdateFeedRequestBodyMetadata(FreeForm):
    """Keys to set on a feed's metadata; ``None`` deletes a key."""


class CreateFeedMessageRequestBodyData(FreeForm):
    """The content of a new message."""


class UpdateFeedMessageRequestBodyData(FreeForm):
    """The new content of a message."""


class Feed(WithAdditionalProperties, Model):
    """A feed of a room: ``feed_id`` (chosen by you), metadata and times (Unix ms)."""

    feed_id: str
    metadata: FeedMetadata
    created_at: int | float
    updated_at: int | float


class FeedMessage(WithAdditionalProperties, Model):
    """A message of a feed: ``id``, its ``data`` and times (Unix ms)."""

    id: str
    created_at: int | float
    updated_at: int | float
    data: FeedMessageData


class GetFeedsResponse(Model):
    """One page of feeds; ``next_cursor`` is ``None`` on the last page."""

    next_cursor: str | None
    data: list[Feed]


class GetFeedMessagesResponse(Model):
    """One page of a feed's messages; ``next_cursor`` is ``None`` on the last page."""

    next_cursor: str | None
    data: list[FeedMessage]


# Bodies take the official package's models or plain dicts; from_dict builds the models.
if TYPE_CHECKING:
    NewMetadata = CreateFeedRequestBodyMetadata | Mapping[str, FeedMetadataValue]
    MetadataUpdate = UpdateFeedRequestBodyMetadata | Mapping[str, FeedMetadataValue | None]
    NewMessageData = CreateFeedMessageRequestBodyData | Mapping[str, Any]
    MessageDataUpdate = UpdateFeedMessageRequestBodyData | Mapping[str, Any]
else:
    NewMetadata = CreateFeedRequestBodyMetadata
    MetadataUpdate = UpdateFeedRequestBodyMetadata
    NewMessageData = CreateFeedMessageRequestBodyData
    MessageDataUpdate = UpdateFeedMessageRequestBodyData


class CreateFeedRequestBody(WithAdditionalProperties, Model):
    """A new feed. ``timestamp`` (Unix ms) sets its creation time (default: now)."""

    feed_id: str
    metadata: NewMetadata | Unset = UNSET
    timestamp: int | float | Unset = UNSET


class UpdateFeedRequestBody(WithAdditionalProperties, Model):
    """Keys to set on the feed's metadata; ``None`` deletes a key."""

    metadata: MetadataUpdate


class CreateFeedMessageRequestBody(WithAdditionalProperties, Model):
    """A new message: ``data``, an optional ``id`` (made by the server when absent) and
    ``timestamp`` (Unix ms, default: now)."""

    data: NewMessageData
    id: str | Unset = UNSET
    timestamp: int | float | Unset = UNSET


class UpdateFeedMessageRequestBody(WithAdditionalProperties, Model):
    """A message's new ``data``; ``timestamp`` (Unix ms) records when (default: now)."""

    data: MessageDataUpdate
    timestamp: int | float | Unset = UNSET
