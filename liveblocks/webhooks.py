"""Verify the webhook requests Liveblocks sends, and read their events.

```python
from liveblocks.webhooks import WebhookHandler

handler = WebhookHandler("whsec_...")      # the signing secret of the webhook endpoint

event = handler.verify_request(headers=request.headers, raw_body=request.body)
if event["type"] == "storageUpdated":
    print(event["data"]["roomId"])
```

:meth:`WebhookHandler.verify_request` returns the event as a JSON ``dict`` (typed with the
``TypedDict`` classes this module exports); :meth:`WebhookHandler.verify_request_typed`
returns it as a :class:`msgspec.Struct` with snake_case fields and ``datetime``
timestamps. Both raise
``ValueError``, with the reason, for any request that is not a genuine, fresh, known event.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Mapping
from typing import Any, cast

import msgspec

from ._webhook_events import (
    CommentCreatedEvent,
    CommentDeletedEvent,
    CommentEditedEvent,
    CommentMetadataUpdatedEvent,
    CommentReactionAddedEvent,
    CommentReactionRemovedEvent,
    CustomNotificationEvent,
    NotificationChannel,
    NotificationEvent,
    RoomCreatedEvent,
    RoomDeletedEvent,
    StorageUpdatedEvent,
    TextMentionNotificationEvent,
    ThreadCreatedEvent,
    ThreadDeletedEvent,
    ThreadMarkedAsResolvedEvent,
    ThreadMarkedAsUnresolvedEvent,
    ThreadMetadataUpdatedEvent,
    ThreadNotificationEvent,
    UserEnteredEvent,
    UserLeftEvent,
    WebhookEvent,
    YDocUpdatedEvent,
    _is_custom_kind,
    _notification_kind,
    is_custom_notification_event,
    is_text_mention_notification_event,
    is_thread_notification_event,
)
from ._webhook_models import (
    _CUSTOM_NOTIFICATION_DECODER,
    _EVENT_MODEL_DECODER,
    _EVENT_TYPES,
    _JSON_DECODER,
    _NOTIFICATION_DECODERS,
    CommentCreatedData,
    CommentCreatedEventModel,
    CommentDeletedData,
    CommentDeletedEventModel,
    CommentEditedData,
    CommentEditedEventModel,
    CommentMetadataUpdatedData,
    CommentMetadataUpdatedEventModel,
    CommentReactionAddedData,
    CommentReactionAddedEventModel,
    CommentReactionRemovedData,
    CommentReactionRemovedEventModel,
    CustomNotificationData,
    CustomNotificationEventModel,
    NotificationEventModel,
    RoomCreatedData,
    RoomCreatedEventModel,
    RoomDeletedData,
    RoomDeletedEventModel,
    StorageUpdatedData,
    StorageUpdatedEventModel,
    TextMentionNotificationData,
    TextMentionNotificationEventModel,
    ThreadCreatedData,
    ThreadCreatedEventModel,
    ThreadDeletedData,
    ThreadDeletedEventModel,
    ThreadMarkedAsResolvedData,
    ThreadMarkedAsResolvedEventModel,
    ThreadMarkedAsUnresolvedData,
    ThreadMarkedAsUnresolvedEventModel,
    ThreadMetadataUpdatedData,
    ThreadMetadataUpdatedEventModel,
    ThreadNotificationData,
    ThreadNotificationEventModel,
    UserEnteredData,
    UserEnteredEventModel,
    UserLeftData,
    UserLeftEventModel,
    WebhookEventModel,
    YDocUpdatedData,
    YDocUpdatedEventModel,
)

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


# --- Verification -----------------------------------------------------------------------


class WebhookHandler:
    """Checks that a webhook request comes from Liveblocks and returns its event.

    ``secret`` is the endpoint's signing secret from the Liveblocks dashboard
    (``"whsec_..."``). It is kept only as the decoded key and never shown.
    """

    __slots__ = ("_key",)

    def __init__(self, secret: str) -> None:
        if not secret or not isinstance(secret, str):
            raise ValueError(
                "Secret is required and must be a non-empty string: pass the endpoint's "
                "signing secret ('whsec_...') from the Liveblocks dashboard"
            )
        if not secret.startswith(_SECRET_PREFIX):
            raise ValueError(
                "Invalid secret, must start with whsec_ (the endpoint's signing secret, "
                "not the project's secret key)"
            )
        try:
            # Characters outside the base64 alphabet are skipped, as other Liveblocks SDKs
            # do; a length that cannot be base64 is refused.
            key = base64.b64decode(secret[len(_SECRET_PREFIX) :])
        except (binascii.Error, ValueError):
            raise ValueError(
                "Webhook secret contains invalid base64 after the 'whsec_' prefix. "
                "Please copy the full secret from your Liveblocks dashboard."
            ) from None
        if not key:
            raise ValueError(
                "Webhook secret contains invalid base64 after the 'whsec_' prefix: "
                "there is no key after it. Copy the full secret from the Liveblocks dashboard."
            )
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
                f"Invalid raw_body, must be a string, got {type(raw_body).__name__!r} instead. "
                "Make sure you pass the raw request body string, not a parsed object "
                "(bytes are accepted too)."
            )
        _check_timestamp(timestamp)
        mac = hmac.new(self._key, f"{webhook_id}.{timestamp}.".encode(), hashlib.sha256)
        mac.update(body)
        expected = base64.b64encode(mac.digest())
        if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
            raise ValueError(
                f"Invalid signature for webhook {webhook_id}. Make sure you are using the "
                "correct webhook secret and that the raw request body is passed unchanged "
                "(not parsed or re-serialized): no webhook-signature entry matches."
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
            raise ValueError(f"Invalid {name} header: it is missing or empty")
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


#: How to upgrade: the distribution is ``liveblocks-sdk`` (``liveblocks`` is the import name).
_UPGRADE = "pip install --upgrade liveblocks-sdk"


def _checked_event(event: object) -> dict[str, Any]:
    """The event, unless its type (or notification kind) is one this version does not know."""
    if not isinstance(event, dict):
        raise ValueError(
            "Unknown event type, please upgrade to a higher version of liveblocks "
            f"({_UPGRADE}; Invalid raw_body: the event is not a JSON object)"
        )
    event_type = event.get("type")
    if not (isinstance(event_type, str) and event_type in _EVENT_TYPES):
        raise ValueError(
            "Unknown event type, please upgrade to a higher version of liveblocks "
            f"({_UPGRADE}; got {event_type!r})"
        )
    kind = _notification_kind(event)
    if event_type == "notification" and not (
        (isinstance(kind, str) and kind in _BUILTIN_NOTIFICATION_KINDS) or _is_custom_kind(kind)
    ):
        raise ValueError(
            f"Unknown notification kind: {kind!r}; a newer version of liveblocks may support it"
        )
    return event
