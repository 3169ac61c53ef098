"""Verify the webhook requests Liveblocks sends, and read their events.

```python
from liveblocks.webhooks import WebhookHandler

handler = WebhookHandler("whsec_...")      # the signing secret of the webhook endpoint

event = handler.verify_request(headers=request.headers, raw_body=request.body)
if event["type"] == "storageUpdated":
    print(event["data"]["roomId"])
```

:meth:`WebhookHandler.verify_request` returns the event as a JSON ``dict`` (typed with the
``TypedDict`` classes below); :meth:`WebhookHandler.verify_request_typed` returns it as a
:class:`msgspec.Struct` with snake_case fields and ``datetime`` timestamps. Both raise
``ValueError``, with the reason, for any request that is not a genuine, fresh, known event.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import hmac
import time
from collections.abc import Mapping
from typing import Any, Literal, TypedDict, TypeGuard, Union, cast, get_args

import msgspec

from ._models._base import Model

__all__ = [
    "CommentCreatedData",
    "CommentCreatedEvent",
    "CommentCreatedEventModel",
    "CommentDeletedData",
    "CommentDeletedEvent",
    "CommentDeletedEventModel",
    "CommentEditedData",
    "CommentEditedEvent",
    "CommentEditedEventModel",
    "CommentMetadataUpdatedData",
    "CommentMetadataUpdatedEvent",
    "CommentMetadataUpdatedEventModel",
    "CommentReactionAddedData",
    "CommentReactionAddedEvent",
    "CommentReactionAddedEventModel",
    "CommentReactionRemovedData",
    "CommentReactionRemovedEvent",
    "CommentReactionRemovedEventModel",
    "CustomNotificationData",
    "CustomNotificationEvent",
    "CustomNotificationEventModel",
    "NotificationChannel",
    "NotificationEvent",
    "NotificationEventModel",
    "RoomCreatedData",
    "RoomCreatedEvent",
    "RoomCreatedEventModel",
    "RoomDeletedData",
    "RoomDeletedEvent",
    "RoomDeletedEventModel",
    "StorageUpdatedData",
    "StorageUpdatedEvent",
    "StorageUpdatedEventModel",
    "TextMentionNotificationData",
    "TextMentionNotificationEvent",
    "TextMentionNotificationEventModel",
    "ThreadCreatedData",
    "ThreadCreatedEvent",
    "ThreadCreatedEventModel",
    "ThreadDeletedData",
    "ThreadDeletedEvent",
    "ThreadDeletedEventModel",
    "ThreadMarkedAsResolvedData",
    "ThreadMarkedAsResolvedEvent",
    "ThreadMarkedAsResolvedEventModel",
    "ThreadMarkedAsUnresolvedData",
    "ThreadMarkedAsUnresolvedEvent",
    "ThreadMarkedAsUnresolvedEventModel",
    "ThreadMetadataUpdatedData",
    "ThreadMetadataUpdatedEvent",
    "ThreadMetadataUpdatedEventModel",
    "ThreadNotificationData",
    "ThreadNotificationEvent",
    "ThreadNotificationEventModel",
    "UserEnteredData",
    "UserEnteredEvent",
    "UserEnteredEventModel",
    "UserLeftData",
    "UserLeftEvent",
    "UserLeftEventModel",
    "WebhookEvent",
    "WebhookEventModel",
    "WebhookHandler",
    "YDocUpdatedData",
    "YDocUpdatedEvent",
    "YDocUpdatedEventModel",
    "is_custom_notification_event",
    "is_text_mention_notification_event",
    "is_thread_notification_event",
]

_SECRET_PREFIX = "whsec_"
#: How far a request's timestamp may lie from the local clock, either way.
_TOLERANCE_SECONDS = 5 * 60
_SIGNATURE_VERSION = "v1"
_BUILTIN_NOTIFICATION_KINDS = frozenset({"thread", "textMention"})

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


# --- Verification -----------------------------------------------------------------------


class WebhookHandler:
    """Checks that a webhook request comes from Liveblocks and returns its event.

    ``secret`` is the endpoint's signing secret from the Liveblocks dashboard
    (``"whsec_..."``). It is kept only as the decoded key and never shown.
    """

    __slots__ = ("_key",)

    def __init__(self, secret: str) -> None:
        if not isinstance(secret, str) or not secret.strip().startswith(_SECRET_PREFIX):
            raise ValueError("Invalid secret: it must be a string starting with 'whsec_'")
        try:
            key = base64.b64decode(secret.strip()[len(_SECRET_PREFIX) :], validate=True)
        except (binascii.Error, ValueError):
            raise ValueError(
                "Invalid secret: the part after 'whsec_' is not valid base64; "
                "copy the whole secret from the Liveblocks dashboard"
            ) from None
        if not key:
            raise ValueError("Invalid secret: the part after 'whsec_' is empty")
        self._key = key

    def __repr__(self) -> str:
        return "WebhookHandler(secret='whsec_***')"

    def verify_request(self, *, headers: Mapping[str, str], raw_body: str | bytes) -> WebhookEvent:
        """Verify a request and return its event as the JSON ``dict``.

        ``headers`` is the request's headers (any mapping; names are matched without regard
        to case) and ``raw_body`` the body exactly as received, not parsed.
        Raises ``ValueError``, saying why, if the request cannot be trusted or its event
        is of a type this version does not know.
        """
        _, event = self._verified_event(headers, raw_body)
        return cast(WebhookEvent, event)

    def verify_request_typed(
        self, *, headers: Mapping[str, str], raw_body: str | bytes
    ) -> WebhookEventModel:
        """Verify a request, like :meth:`verify_request`, and return its event as a Struct.

        The result is one of the ``...EventModel`` classes (match it with ``isinstance``);
        its ``data`` has snake_case fields and ``datetime`` timestamps.
        """
        body, event = self._verified_event(headers, raw_body)
        event_type: str = event["type"]
        if event_type == "notification":
            kind: str = event["data"]["kind"]
            decoder = _NOTIFICATION_DECODERS.get(kind, _CUSTOM_NOTIFICATION_DECODER)
            try:
                return decoder.decode(body)
            except msgspec.ValidationError as exc:
                raise ValueError(
                    f"Invalid raw_body: the {kind!r} notification does not have "
                    f"the expected fields ({exc})"
                ) from None
        try:
            return _EVENT_MODEL_DECODER.decode(body)
        except msgspec.ValidationError as exc:
            raise ValueError(
                f"Invalid raw_body: the {event_type!r} event does not have "
                f"the expected fields ({exc})"
            ) from None

    def _verified_event(
        self, headers: Mapping[str, str], raw_body: str | bytes
    ) -> tuple[bytes, dict[str, Any]]:
        """The body and its event, once the body is shown genuine, fresh and of a known type."""
        webhook_id, timestamp, signatures = _signature_headers(headers)
        if isinstance(raw_body, str):
            body = raw_body.encode()
        elif isinstance(raw_body, (bytes, bytearray, memoryview)):
            body = bytes(raw_body)
        else:
            raise ValueError(
                f"Invalid raw_body: expected the request body as str or bytes, "
                f"got {type(raw_body).__name__}; pass the body unparsed"
            )
        _check_timestamp(timestamp)
        mac = hmac.new(self._key, f"{webhook_id}.{timestamp}.".encode(), hashlib.sha256)
        mac.update(body)
        expected = base64.b64encode(mac.digest())
        if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
            raise ValueError(
                "Invalid signature: no webhook-signature entry matches; check the webhook "
                "secret and pass the request body exactly as received"
            )
        try:
            event = _JSON_DECODER.decode(body)
        except msgspec.DecodeError as exc:
            raise ValueError(f"Invalid raw_body: not valid JSON ({exc})") from None
        return body, _checked_event(event)


def _signature_headers(headers: Mapping[str, str]) -> tuple[str, str, list[bytes]]:
    """The webhook id, the timestamp and the ``v1`` signatures, from the headers."""
    if not hasattr(headers, "items"):
        raise ValueError("Invalid headers: expected a mapping of header names to values")
    wanted = ("webhook-id", "webhook-timestamp", "webhook-signature")
    found: dict[str, object] = {}
    for key, raw in headers.items():
        lowered = key.lower() if isinstance(key, str) else None
        if lowered in wanted and lowered not in found:
            found[lowered] = raw
    values: list[str] = []
    for name in wanted:
        value = found.get(name)
        if value is None or value == "":
            raise ValueError(f"Missing {name} header")
        if not isinstance(value, str):
            raise ValueError(f"Invalid {name} header: expected a string")
        values.append(value)
    webhook_id, timestamp, signature_header = values
    signatures = [
        signature.encode()
        for version, _, signature in (entry.partition(",") for entry in signature_header.split())
        if version == _SIGNATURE_VERSION
    ]
    return webhook_id, timestamp, signatures


def _check_timestamp(timestamp: str) -> None:
    """Refuses a timestamp (Unix seconds) that is not within the tolerance of now."""
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise ValueError("Invalid timestamp: webhook-timestamp must be Unix time in seconds")
    now = int(time.time())
    sent_at = int(timestamp)
    if sent_at < now - _TOLERANCE_SECONDS:
        raise ValueError("Timestamp too old: the request was sent more than 5 minutes ago")
    if sent_at > now + _TOLERANCE_SECONDS:
        raise ValueError("Timestamp in the future: it is more than 5 minutes ahead of now")


def _checked_event(event: object) -> dict[str, Any]:
    """The event, unless its type (or notification kind) is one this version does not know."""
    if not isinstance(event, dict):
        raise ValueError("Invalid raw_body: the event is not a JSON object")
    event_type = event.get("type")
    if not (isinstance(event_type, str) and event_type in _EVENT_TYPES):
        raise ValueError(
            f"Unknown event type {event_type!r}; a newer version of liveblocks may support it"
        )
    kind = _notification_kind(event)
    if event_type == "notification" and not (
        (isinstance(kind, str) and kind in _BUILTIN_NOTIFICATION_KINDS) or _is_custom_kind(kind)
    ):
        raise ValueError(
            f"Unknown notification kind {kind!r}; a newer version of liveblocks may support it"
        )
    return event
