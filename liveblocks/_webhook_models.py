"""Webhook events as msgspec Structs (snake_case fields, ``datetime`` timestamps), and their
decoders. Import them from :mod:`liveblocks.webhooks`."""

from __future__ import annotations

import datetime
from typing import Any, Literal, Union, cast, get_args

import msgspec

from ._models._base import Model

# --- Events as Structs ------------------------------------------------------------------
# Fields are snake_case (``room_id``) and timestamps are timezone-aware ``datetime``s.


class _RoomData(Model):
    project_id: str
    room_id: str


class _ThreadData(_RoomData):
    thread_id: str


class _CommentData(_ThreadData):
    comment_id: str


class StorageUpdatedData(_RoomData):
    """What a ``storageUpdated`` event carries."""

    updated_at: datetime.datetime


class UserEnteredData(_RoomData):
    """What a ``userEntered`` event carries (``user_id`` is ``None`` for anonymous users)."""

    connection_id: int
    entered_at: datetime.datetime
    num_active_users: int
    user_id: str | None = None
    user_info: dict[str, Any] | None = None


class UserLeftData(_RoomData):
    """What a ``userLeft`` event carries (``user_id`` is ``None`` for anonymous users)."""

    connection_id: int
    left_at: datetime.datetime
    num_active_users: int
    user_id: str | None = None
    user_info: dict[str, Any] | None = None


class RoomCreatedData(_RoomData):
    """What a ``roomCreated`` event carries."""

    created_at: datetime.datetime


class RoomDeletedData(_RoomData):
    """What a ``roomDeleted`` event carries."""

    deleted_at: datetime.datetime


class YDocUpdatedData(_RoomData):
    """What a ``ydocUpdated`` event carries."""

    updated_at: datetime.datetime


class CommentCreatedData(_CommentData):
    """What a ``commentCreated`` event carries."""

    created_at: datetime.datetime
    created_by: str


class CommentEditedData(_CommentData):
    """What a ``commentEdited`` event carries."""

    edited_at: datetime.datetime


class CommentDeletedData(_CommentData):
    """What a ``commentDeleted`` event carries."""

    deleted_at: datetime.datetime


class CommentReactionAddedData(_CommentData):
    """What a ``commentReactionAdded`` event carries."""

    emoji: str
    added_at: datetime.datetime
    added_by: str


class CommentReactionRemovedData(_CommentData):
    """What a ``commentReactionRemoved`` event carries."""

    emoji: str
    removed_at: datetime.datetime
    removed_by: str


class CommentMetadataUpdatedData(_CommentData):
    """What a ``commentMetadataUpdated`` event carries."""

    updated_at: datetime.datetime
    updated_by: str


class ThreadMetadataUpdatedData(_ThreadData):
    """What a ``threadMetadataUpdated`` event carries."""

    updated_at: datetime.datetime
    updated_by: str


class ThreadCreatedData(_ThreadData):
    """What a ``threadCreated`` event carries."""

    created_at: datetime.datetime
    created_by: str


class ThreadDeletedData(_ThreadData):
    """What a ``threadDeleted`` event carries."""

    deleted_at: datetime.datetime


class ThreadMarkedAsResolvedData(_ThreadData):
    """What a ``threadMarkedAsResolved`` event carries."""

    updated_at: datetime.datetime
    updated_by: str


class ThreadMarkedAsUnresolvedData(_ThreadData):
    """What a ``threadMarkedAsUnresolved`` event carries."""

    updated_at: datetime.datetime
    updated_by: str


class _NotificationData(Model):
    channel: str
    """Where to deliver it: ``"email"``, ``"slack"``, ``"teams"`` or ``"webPush"``."""
    project_id: str
    user_id: str
    inbox_notification_id: str
    created_at: datetime.datetime
    triggered_at: datetime.datetime


class ThreadNotificationData(_NotificationData):
    """What a notification of kind ``thread`` carries."""

    kind: Literal["thread"]
    room_id: str
    thread_id: str


class TextMentionNotificationData(_NotificationData):
    """What a notification of kind ``textMention`` carries."""

    kind: Literal["textMention"]
    room_id: str
    mention_id: str


class CustomNotificationData(_NotificationData):
    """What a notification of a custom kind (``$...``) carries."""

    kind: str
    subject_id: str
    room_id: str | None = None


class _EventModel(Model, tag_field="type"):
    """An event; its JSON ``type`` is the class's tag."""

    @property
    def type(self) -> str:
        """The event's type, as in its JSON (``"storageUpdated"``, ``"notification"``...)."""
        return cast(str, self.__struct_config__.tag)


class StorageUpdatedEventModel(_EventModel, tag="storageUpdated"):
    """A room's Storage changed."""

    data: StorageUpdatedData


class UserEnteredEventModel(_EventModel, tag="userEntered"):
    """A user connected to a room."""

    data: UserEnteredData


class UserLeftEventModel(_EventModel, tag="userLeft"):
    """A user disconnected from a room."""

    data: UserLeftData


class RoomCreatedEventModel(_EventModel, tag="roomCreated"):
    """A room was created."""

    data: RoomCreatedData


class RoomDeletedEventModel(_EventModel, tag="roomDeleted"):
    """A room was deleted."""

    data: RoomDeletedData


class CommentCreatedEventModel(_EventModel, tag="commentCreated"):
    """A comment was added to a thread."""

    data: CommentCreatedData


class CommentEditedEventModel(_EventModel, tag="commentEdited"):
    """A comment was edited."""

    data: CommentEditedData


class CommentDeletedEventModel(_EventModel, tag="commentDeleted"):
    """A comment was deleted."""

    data: CommentDeletedData


class CommentReactionAddedEventModel(_EventModel, tag="commentReactionAdded"):
    """A reaction was added to a comment."""

    data: CommentReactionAddedData


class CommentReactionRemovedEventModel(_EventModel, tag="commentReactionRemoved"):
    """A reaction was removed from a comment."""

    data: CommentReactionRemovedData


class CommentMetadataUpdatedEventModel(_EventModel, tag="commentMetadataUpdated"):
    """A comment's metadata changed."""

    data: CommentMetadataUpdatedData


class ThreadMetadataUpdatedEventModel(_EventModel, tag="threadMetadataUpdated"):
    """A thread's metadata changed."""

    data: ThreadMetadataUpdatedData


class ThreadCreatedEventModel(_EventModel, tag="threadCreated"):
    """A thread was created."""

    data: ThreadCreatedData


class ThreadDeletedEventModel(_EventModel, tag="threadDeleted"):
    """A thread was deleted."""

    data: ThreadDeletedData


class ThreadMarkedAsResolvedEventModel(_EventModel, tag="threadMarkedAsResolved"):
    """A thread was marked as resolved."""

    data: ThreadMarkedAsResolvedData


class ThreadMarkedAsUnresolvedEventModel(_EventModel, tag="threadMarkedAsUnresolved"):
    """A thread was marked as unresolved."""

    data: ThreadMarkedAsUnresolvedData


class YDocUpdatedEventModel(_EventModel, tag="ydocUpdated"):
    """A room's Yjs document changed."""

    data: YDocUpdatedData


class ThreadNotificationEventModel(_EventModel, tag="notification"):
    """A user has unread activity in a thread to be notified about."""

    data: ThreadNotificationData


class TextMentionNotificationEventModel(_EventModel, tag="notification"):
    """A user was mentioned in a text editor."""

    data: TextMentionNotificationData


class CustomNotificationEventModel(_EventModel, tag="notification"):
    """A notification of the application's own kind (its ``kind`` starts with ``$``)."""

    data: CustomNotificationData


NotificationEventModel = Union[
    ThreadNotificationEventModel,
    TextMentionNotificationEventModel,
    CustomNotificationEventModel,
]

# Every event type but "notification" has one Struct, so one tagged union decodes them all.
_NonNotificationEventModel = Union[
    StorageUpdatedEventModel,
    UserEnteredEventModel,
    UserLeftEventModel,
    RoomCreatedEventModel,
    RoomDeletedEventModel,
    CommentCreatedEventModel,
    CommentEditedEventModel,
    CommentDeletedEventModel,
    CommentReactionAddedEventModel,
    CommentReactionRemovedEventModel,
    CommentMetadataUpdatedEventModel,
    ThreadMetadataUpdatedEventModel,
    ThreadCreatedEventModel,
    ThreadDeletedEventModel,
    ThreadMarkedAsResolvedEventModel,
    ThreadMarkedAsUnresolvedEventModel,
    YDocUpdatedEventModel,
]

WebhookEventModel = Union[_NonNotificationEventModel, NotificationEventModel]

_EVENT_MODEL_DECODER = msgspec.json.Decoder(_NonNotificationEventModel)
# Notifications share the type "notification"; their ``kind`` picks the Struct.
_NOTIFICATION_DECODERS: dict[str, msgspec.json.Decoder[NotificationEventModel]] = {
    "thread": msgspec.json.Decoder(ThreadNotificationEventModel),
    "textMention": msgspec.json.Decoder(TextMentionNotificationEventModel),
}
_CUSTOM_NOTIFICATION_DECODER = msgspec.json.Decoder(CustomNotificationEventModel)
_JSON_DECODER = msgspec.json.Decoder()

_EVENT_TYPES = frozenset(cls.__struct_config__.tag for cls in get_args(WebhookEventModel))
