"""Webhook events as the JSON dicts Liveblocks sends, typed with TypedDicts, and the
helpers that tell notification kinds apart. Import them from :mod:`liveblocks.webhooks`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict, TypeGuard, Union

#: Where a notification is delivered.
NotificationChannel = Literal["email", "slack", "teams", "webPush"]


# --- Events as JSON dicts ---------------------------------------------------------------
# Timestamps are ISO 8601 strings, as they arrive.


class _RoomEventData(TypedDict):
    projectId: str
    roomId: str


class _ThreadEventData(_RoomEventData):
    threadId: str


class _CommentEventData(_ThreadEventData):
    commentId: str


class _StorageUpdatedData(_RoomEventData):
    updatedAt: str


class _UserEnteredData(_RoomEventData):
    connectionId: int
    userId: str | None
    userInfo: dict[str, Any] | None
    enteredAt: str
    numActiveUsers: int


class _UserLeftData(_RoomEventData):
    connectionId: int
    userId: str | None
    userInfo: dict[str, Any] | None
    leftAt: str
    numActiveUsers: int


class _RoomCreatedData(_RoomEventData):
    createdAt: str


class _RoomDeletedData(_RoomEventData):
    deletedAt: str


class _YDocUpdatedData(_RoomEventData):
    updatedAt: str


class _CommentCreatedData(_CommentEventData):
    createdAt: str
    createdBy: str


class _CommentEditedData(_CommentEventData):
    editedAt: str


class _CommentDeletedData(_CommentEventData):
    deletedAt: str


class _CommentReactionAddedData(_CommentEventData):
    emoji: str
    addedAt: str
    addedBy: str


class _CommentReactionRemovedData(_CommentEventData):
    emoji: str
    removedAt: str
    removedBy: str


class _CommentMetadataUpdatedData(_CommentEventData):
    updatedAt: str
    updatedBy: str


class _ThreadMetadataUpdatedData(_ThreadEventData):
    updatedAt: str
    updatedBy: str


class _ThreadCreatedData(_ThreadEventData):
    createdAt: str
    createdBy: str


class _ThreadDeletedData(_ThreadEventData):
    deletedAt: str


class _ThreadMarkedAsResolvedData(_ThreadEventData):
    updatedAt: str
    updatedBy: str


class _ThreadMarkedAsUnresolvedData(_ThreadEventData):
    updatedAt: str
    updatedBy: str


class _NotificationEventData(TypedDict):
    channel: NotificationChannel
    projectId: str
    userId: str
    inboxNotificationId: str
    createdAt: str
    triggeredAt: str


class _ThreadNotificationData(_NotificationEventData):
    kind: Literal["thread"]
    roomId: str
    threadId: str


class _TextMentionNotificationData(_NotificationEventData):
    kind: Literal["textMention"]
    roomId: str
    mentionId: str


class _CustomNotificationData(_NotificationEventData):
    kind: str
    roomId: str | None
    subjectId: str


class StorageUpdatedEvent(TypedDict):
    """A room's Storage changed."""

    type: Literal["storageUpdated"]
    data: _StorageUpdatedData


class UserEnteredEvent(TypedDict):
    """A user connected to a room."""

    type: Literal["userEntered"]
    data: _UserEnteredData


class UserLeftEvent(TypedDict):
    """A user disconnected from a room."""

    type: Literal["userLeft"]
    data: _UserLeftData


class RoomCreatedEvent(TypedDict):
    """A room was created."""

    type: Literal["roomCreated"]
    data: _RoomCreatedData


class RoomDeletedEvent(TypedDict):
    """A room was deleted."""

    type: Literal["roomDeleted"]
    data: _RoomDeletedData


class CommentCreatedEvent(TypedDict):
    """A comment was added to a thread."""

    type: Literal["commentCreated"]
    data: _CommentCreatedData


class CommentEditedEvent(TypedDict):
    """A comment was edited."""

    type: Literal["commentEdited"]
    data: _CommentEditedData


class CommentDeletedEvent(TypedDict):
    """A comment was deleted."""

    type: Literal["commentDeleted"]
    data: _CommentDeletedData


class CommentReactionAddedEvent(TypedDict):
    """A reaction was added to a comment."""

    type: Literal["commentReactionAdded"]
    data: _CommentReactionAddedData


class CommentReactionRemovedEvent(TypedDict):
    """A reaction was removed from a comment."""

    type: Literal["commentReactionRemoved"]
    data: _CommentReactionRemovedData


class CommentMetadataUpdatedEvent(TypedDict):
    """A comment's metadata changed."""

    type: Literal["commentMetadataUpdated"]
    data: _CommentMetadataUpdatedData


class ThreadMetadataUpdatedEvent(TypedDict):
    """A thread's metadata changed."""

    type: Literal["threadMetadataUpdated"]
    data: _ThreadMetadataUpdatedData


class ThreadCreatedEvent(TypedDict):
    """A thread was created."""

    type: Literal["threadCreated"]
    data: _ThreadCreatedData


class ThreadDeletedEvent(TypedDict):
    """A thread was deleted."""

    type: Literal["threadDeleted"]
    data: _ThreadDeletedData


class ThreadMarkedAsResolvedEvent(TypedDict):
    """A thread was marked as resolved."""

    type: Literal["threadMarkedAsResolved"]
    data: _ThreadMarkedAsResolvedData


class ThreadMarkedAsUnresolvedEvent(TypedDict):
    """A thread was marked as unresolved."""

    type: Literal["threadMarkedAsUnresolved"]
    data: _ThreadMarkedAsUnresolvedData


class YDocUpdatedEvent(TypedDict):
    """A room's Yjs document changed."""

    type: Literal["ydocUpdated"]
    data: _YDocUpdatedData


class ThreadNotificationEvent(TypedDict):
    """A user has unread activity in a thread to be notified about."""

    type: Literal["notification"]
    data: _ThreadNotificationData


class TextMentionNotificationEvent(TypedDict):
    """A user was mentioned in a text editor."""

    type: Literal["notification"]
    data: _TextMentionNotificationData


class CustomNotificationEvent(TypedDict):
    """A notification of the application's own kind (its ``kind`` starts with ``$``)."""

    type: Literal["notification"]
    data: _CustomNotificationData


NotificationEvent = Union[
    ThreadNotificationEvent, TextMentionNotificationEvent, CustomNotificationEvent
]

WebhookEvent = Union[
    StorageUpdatedEvent,
    UserEnteredEvent,
    UserLeftEvent,
    RoomCreatedEvent,
    RoomDeletedEvent,
    CommentCreatedEvent,
    CommentEditedEvent,
    CommentDeletedEvent,
    CommentReactionAddedEvent,
    CommentReactionRemovedEvent,
    CommentMetadataUpdatedEvent,
    ThreadMetadataUpdatedEvent,
    ThreadCreatedEvent,
    ThreadDeletedEvent,
    ThreadMarkedAsResolvedEvent,
    ThreadMarkedAsUnresolvedEvent,
    YDocUpdatedEvent,
    ThreadNotificationEvent,
    TextMentionNotificationEvent,
    CustomNotificationEvent,
]


def _notification_kind(event: Mapping[str, Any]) -> object:
    if event.get("type") != "notification":
        return None
    data = event.get("data")
    return data.get("kind") if isinstance(data, Mapping) else None


def _is_custom_kind(kind: object) -> bool:
    return isinstance(kind, str) and kind.startswith("$")


def is_thread_notification_event(event: WebhookEvent) -> TypeGuard[ThreadNotificationEvent]:
    """Whether ``event`` is a notification about a thread."""
    return _notification_kind(event) == "thread"


def is_text_mention_notification_event(
    event: WebhookEvent,
) -> TypeGuard[TextMentionNotificationEvent]:
    """Whether ``event`` is a notification about a mention in a text editor."""
    return _notification_kind(event) == "textMention"


def is_custom_notification_event(event: WebhookEvent) -> TypeGuard[CustomNotificationEvent]:
    """Whether ``event`` is a notification of a custom kind (one starting with ``$``)."""
    return _is_custom_kind(_notification_kind(event))
