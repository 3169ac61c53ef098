"""WebhookHandler: signatures, timestamps, event types, and the dict and Struct results."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import time
import types
from datetime import datetime, timezone
from typing import Any, cast

import msgspec
import pytest

from liveblocks import webhooks
from liveblocks.webhooks import (
    CommentCreatedEventModel,
    CustomNotificationEventModel,
    StorageUpdatedEventModel,
    TextMentionNotificationEventModel,
    ThreadNotificationEventModel,
    UserEnteredEventModel,
    WebhookEvent,
    WebhookHandler,
    is_custom_notification_event,
    is_text_mention_notification_event,
    is_thread_notification_event,
)

KEY = os.urandom(24)
SECRET = "whsec_" + base64.b64encode(KEY).decode()
OTHER_KEY = os.urandom(24)

STORAGE_UPDATED: dict[str, Any] = {
    "type": "storageUpdated",
    "data": {
        "roomId": "my-room",
        "projectId": "pr_123",
        "updatedAt": "2024-05-01T12:30:00.000Z",
    },
}
USER_ENTERED: dict[str, Any] = {
    "type": "userEntered",
    "data": {
        "projectId": "pr_123",
        "roomId": "my-room",
        "connectionId": 42,
        "userId": "alice",
        "userInfo": {"name": "Alice", "color": "#ff0000"},
        "enteredAt": "2024-05-01T12:31:00.000Z",
        "numActiveUsers": 3,
    },
}
COMMENT_CREATED: dict[str, Any] = {
    "type": "commentCreated",
    "data": {
        "projectId": "pr_123",
        "roomId": "my-room",
        "threadId": "th_1",
        "commentId": "cm_1",
        "createdAt": "2024-05-01T12:32:00.000Z",
        "createdBy": "bob",
    },
}
THREAD_NOTIFICATION: dict[str, Any] = {
    "type": "notification",
    "data": {
        "channel": "email",
        "kind": "thread",
        "projectId": "pr_123",
        "roomId": "my-room",
        "userId": "alice",
        "threadId": "th_1",
        "inboxNotificationId": "in_1",
        "createdAt": "2024-05-01T12:33:00.000Z",
        "triggeredAt": "2024-05-01T12:38:00.000Z",
    },
}
TEXT_MENTION_NOTIFICATION: dict[str, Any] = {
    "type": "notification",
    "data": {
        "channel": "slack",
        "kind": "textMention",
        "projectId": "pr_123",
        "roomId": "my-room",
        "userId": "alice",
        "mentionId": "mn_1",
        "inboxNotificationId": "in_2",
        "createdAt": "2024-05-01T12:34:00.000Z",
        "triggeredAt": "2024-05-01T12:39:00.000Z",
    },
}
CUSTOM_NOTIFICATION: dict[str, Any] = {
    "type": "notification",
    "data": {
        "channel": "webPush",
        "kind": "$myKind",
        "projectId": "pr_123",
        "roomId": None,
        "userId": "alice",
        "subjectId": "invoice-7",
        "inboxNotificationId": "in_3",
        "createdAt": "2024-05-01T12:35:00.000Z",
        "triggeredAt": "2024-05-01T12:40:00.000Z",
    },
}


def signature(body: str | bytes, msg_id: str, timestamp: str, key: bytes = KEY) -> str:
    """A ``v1,<base64>`` entry, computed as the Liveblocks service does."""
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + raw, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(
    body: str | bytes,
    *,
    msg_id: str = "msg_2bVxj8XvDxYX",
    timestamp: int | str | None = None,
    key: bytes = KEY,
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": ts,
        "webhook-signature": signature(body, msg_id, ts, key),
    }


def request(event: Any) -> tuple[dict[str, str], str]:
    body = json.dumps(event)
    return signed_headers(body), body


def verify(event: Any) -> WebhookEvent:
    headers, body = request(event)
    return WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


# --- valid requests ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        STORAGE_UPDATED,
        USER_ENTERED,
        COMMENT_CREATED,
        THREAD_NOTIFICATION,
        TEXT_MENTION_NOTIFICATION,
        CUSTOM_NOTIFICATION,
    ],
    ids=lambda e: f"{e['type']}-{e['data'].get('kind', '')}",
)
def test_valid_request_returns_the_event_dict(event: dict[str, Any]) -> None:
    headers, body = request(event)
    assert WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body) == event


def test_bytes_body() -> None:
    body = json.dumps(USER_ENTERED).encode()
    result = WebhookHandler(SECRET).verify_request(headers=signed_headers(body), raw_body=body)
    assert result == USER_ENTERED
    assert result["type"] == "userEntered"
    assert result["data"]["numActiveUsers"] == 3


def test_non_ascii_str_body_is_signed_as_utf8() -> None:
    event = {**COMMENT_CREATED, "data": {**COMMENT_CREATED["data"], "createdBy": "zoë 東京"}}
    body = json.dumps(event, ensure_ascii=False)
    handler = WebhookHandler(SECRET)
    assert handler.verify_request(headers=signed_headers(body), raw_body=body) == event
    assert handler.verify_request(headers=signed_headers(body), raw_body=body.encode()) == event


def test_any_one_of_several_signatures_is_enough() -> None:
    body = json.dumps(STORAGE_UPDATED)
    headers = signed_headers(body)
    wrong = signature(body, headers["webhook-id"], headers["webhook-timestamp"], OTHER_KEY)
    headers["webhook-signature"] = f"{wrong} {headers['webhook-signature']}"
    assert WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body) == STORAGE_UPDATED


def test_only_v1_signatures_count() -> None:
    body = json.dumps(STORAGE_UPDATED)
    headers = signed_headers(body)
    headers["webhook-signature"] = headers["webhook-signature"].replace("v1,", "v2,")
    with pytest.raises(ValueError, match="Invalid signature"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_header_names_are_case_insensitive() -> None:
    body = json.dumps(STORAGE_UPDATED)
    lower = signed_headers(body)
    headers = {
        "Content-Type": "application/json",
        "Webhook-Id": lower["webhook-id"],
        "WEBHOOK-TIMESTAMP": lower["webhook-timestamp"],
        "Webhook-Signature": lower["webhook-signature"],
    }
    handler = WebhookHandler(SECRET)
    assert handler.verify_request(headers=headers, raw_body=body) == STORAGE_UPDATED
    proxy = types.MappingProxyType(headers)  # any Mapping, not only dict
    assert handler.verify_request(headers=proxy, raw_body=body) == STORAGE_UPDATED


def test_timestamp_within_five_minutes_is_accepted() -> None:
    body = json.dumps(STORAGE_UPDATED)
    handler = WebhookHandler(SECRET)
    for offset in (-4 * 60, 4 * 60):
        headers = signed_headers(body, timestamp=int(time.time()) + offset)
        assert handler.verify_request(headers=headers, raw_body=body) == STORAGE_UPDATED


NOW = 1_714_566_600.75  # a fixed clock: the bounds are tested to the second


@pytest.mark.parametrize("offset", [-300, -299, 0, 299, 300])
def test_timestamp_up_to_exactly_five_minutes_away_is_accepted(
    offset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webhooks, "time", types.SimpleNamespace(time=lambda: NOW))
    body = json.dumps(STORAGE_UPDATED)
    headers = signed_headers(body, timestamp=int(NOW) + offset)
    assert WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body) == STORAGE_UPDATED


@pytest.mark.parametrize(
    ("offset", "words"),
    [(-301, "Timestamp too old"), (-9 * 60, "Timestamp too old"), (301, "Timestamp in the future")],
)
def test_timestamp_one_second_beyond_five_minutes_is_refused(
    offset: int, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webhooks, "time", types.SimpleNamespace(time=lambda: NOW))
    body = json.dumps(STORAGE_UPDATED)
    headers = signed_headers(body, timestamp=int(NOW) + offset)
    with pytest.raises(ValueError, match=words):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_secret_with_a_trailing_line_break_is_accepted() -> None:
    headers, body = request(STORAGE_UPDATED)
    handler = WebhookHandler(f"{SECRET}\n")
    assert handler.verify_request(headers=headers, raw_body=body) == STORAGE_UPDATED


# --- helpers ----------------------------------------------------------------------------


def test_notification_helpers() -> None:
    thread = verify(THREAD_NOTIFICATION)
    mention = verify(TEXT_MENTION_NOTIFICATION)
    custom = verify(CUSTOM_NOTIFICATION)
    storage = verify(STORAGE_UPDATED)

    assert is_thread_notification_event(thread)
    assert not is_text_mention_notification_event(thread)
    assert not is_custom_notification_event(thread)

    assert is_text_mention_notification_event(mention)
    assert not is_thread_notification_event(mention)
    assert not is_custom_notification_event(mention)

    assert is_custom_notification_event(custom)
    assert not is_thread_notification_event(custom)
    assert not is_text_mention_notification_event(custom)

    for check in (
        is_thread_notification_event,
        is_text_mention_notification_event,
        is_custom_notification_event,
    ):
        assert not check(storage)

    assert is_thread_notification_event(thread)
    assert thread["data"]["threadId"] == "th_1"
    assert is_custom_notification_event(custom)
    assert custom["data"]["subjectId"] == "invoice-7"


# --- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ("", "Secret is required and must be a non-empty string"),
        (base64.b64encode(KEY).decode(), "Invalid secret, must start with whsec_"),
        (" whsec_" + base64.b64encode(KEY).decode(), "Invalid secret, must start with whsec_"),
        (None, "Secret is required and must be a non-empty string"),
        (KEY, "Secret is required and must be a non-empty string"),
        ("whsec_" + base64.b64encode(KEY).decode()[:-3] + "!!!", "invalid base64"),
        ("whsec_abc", "invalid base64"),  # bad padding
        ("whsec_", "invalid base64 after the 'whsec_' prefix: there is no key after it"),
    ],
)
def test_invalid_secret(secret: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        WebhookHandler(secret)


@pytest.mark.parametrize("header", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_header(header: str) -> None:
    headers, body = request(STORAGE_UPDATED)
    del headers[header]
    with pytest.raises(ValueError, match=f"^Invalid {header} header: it is missing or empty$"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


@pytest.mark.parametrize("header", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_empty_header_counts_as_missing(header: str) -> None:
    headers, body = request(STORAGE_UPDATED)
    headers[header] = ""
    with pytest.raises(ValueError, match=f"^Invalid {header} header: it is missing or empty$"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_header_value_that_is_not_a_string() -> None:
    headers, body = request(STORAGE_UPDATED)
    bad: dict[str, Any] = {**headers, "webhook-id": ["msg_1"]}
    with pytest.raises(ValueError, match="Invalid webhook-id header"):
        WebhookHandler(SECRET).verify_request(headers=bad, raw_body=body)


def test_headers_that_are_not_a_mapping() -> None:
    with pytest.raises(ValueError, match="Invalid headers"):
        WebhookHandler(SECRET).verify_request(headers=None, raw_body="{}")  # type: ignore[arg-type]


@pytest.mark.parametrize("timestamp", ["soon", "1.7e9", "-1700000000", " 1700000000", "١٢٣"])
def test_invalid_timestamp(timestamp: str) -> None:
    body = json.dumps(STORAGE_UPDATED)
    headers = signed_headers(body, timestamp=timestamp)
    with pytest.raises(ValueError, match="Invalid timestamp"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_timestamp_too_old() -> None:
    body = json.dumps(STORAGE_UPDATED)
    headers = signed_headers(body, timestamp=int(time.time()) - 10 * 60)
    with pytest.raises(ValueError, match="Timestamp too old"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_timestamp_in_the_future() -> None:
    body = json.dumps(STORAGE_UPDATED)
    headers = signed_headers(body, timestamp=int(time.time()) + 10 * 60)
    with pytest.raises(ValueError, match="Timestamp in the future"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_signature_made_with_another_secret() -> None:
    body = json.dumps(STORAGE_UPDATED)
    headers = signed_headers(body, key=OTHER_KEY)
    with pytest.raises(ValueError, match="Invalid signature"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_tampered_body() -> None:
    headers, body = request(STORAGE_UPDATED)
    with pytest.raises(ValueError, match="Invalid signature"):
        WebhookHandler(SECRET).verify_request(
            headers=headers, raw_body=body.replace("my-room", "your-room")
        )


def test_reserialized_body_is_refused() -> None:
    headers, body = request(STORAGE_UPDATED)
    reserialized = json.dumps(json.loads(body), separators=(",", ":"))
    with pytest.raises(ValueError, match="Invalid signature"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=reserialized)


@pytest.mark.parametrize(
    "value",
    ["", "v1", "v1,", "v1,not-base64", "garbage", "v1,ünïcode"],
)
def test_malformed_signature_header(value: str) -> None:
    headers, body = request(STORAGE_UPDATED)
    headers["webhook-signature"] = value
    with pytest.raises(ValueError, match=r"Invalid signature|Invalid webhook-signature"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_signature_of_another_webhook_id_is_refused() -> None:
    headers, body = request(STORAGE_UPDATED)
    headers["webhook-id"] = "msg_other"
    with pytest.raises(ValueError, match="Invalid signature"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


@pytest.mark.parametrize("raw_body", [STORAGE_UPDATED, None, 42])
def test_raw_body_that_is_not_str_or_bytes(raw_body: Any) -> None:
    headers, _ = request(STORAGE_UPDATED)
    with pytest.raises(ValueError, match="Invalid raw_body, must be a string, got "):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=raw_body)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "Invalid raw_body: not valid JSON"),
        ('{"type": "storageUpdated"', "Invalid raw_body: not valid JSON"),
        ("[1, 2]", "Invalid raw_body: the event is not a JSON object"),
        ('"storageUpdated"', "Invalid raw_body: the event is not a JSON object"),
    ],
)
def test_raw_body_that_is_not_a_json_object(body: str, message: str) -> None:
    handler = WebhookHandler(SECRET)
    with pytest.raises(ValueError, match=message):
        handler.verify_request(headers=signed_headers(body), raw_body=body)
    with pytest.raises(ValueError, match=message):
        handler.verify_request_typed(headers=signed_headers(body), raw_body=body)


@pytest.mark.parametrize(
    "event",
    [
        {"type": "roomMoved", "data": {"roomId": "r"}},
        {"data": {"roomId": "r"}},
        {"type": None},
        {"type": ["storageUpdated"]},
        {"type": "StorageUpdated", "data": STORAGE_UPDATED["data"]},
    ],
)
def test_unknown_event_type(event: dict[str, Any]) -> None:
    headers, body = request(event)
    handler = WebhookHandler(SECRET)
    with pytest.raises(ValueError, match="Unknown event type"):
        handler.verify_request(headers=headers, raw_body=body)
    with pytest.raises(ValueError, match="Unknown event type"):
        handler.verify_request_typed(headers=headers, raw_body=body)


def test_unknown_event_type_message_names_the_type() -> None:
    headers, body = request({"type": "roomMoved", "data": {}})
    with pytest.raises(ValueError, match=r"Unknown event type, please upgrade .*got 'roomMoved'"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


@pytest.mark.parametrize("kind", ["mention", "myKind", "", None, ["thread"], {"$": 1}])
def test_unknown_notification_kind(kind: Any) -> None:
    event = {"type": "notification", "data": {**THREAD_NOTIFICATION["data"], "kind": kind}}
    headers, body = request(event)
    handler = WebhookHandler(SECRET)
    with pytest.raises(ValueError, match="Unknown notification kind"):
        handler.verify_request(headers=headers, raw_body=body)
    with pytest.raises(ValueError, match="Unknown notification kind"):
        handler.verify_request_typed(headers=headers, raw_body=body)


def test_notification_without_data() -> None:
    headers, body = request({"type": "notification"})
    with pytest.raises(ValueError, match="Unknown notification kind: None"):
        WebhookHandler(SECRET).verify_request(headers=headers, raw_body=body)


def test_secret_never_appears_in_errors_or_repr() -> None:
    handler = WebhookHandler(SECRET)
    encoded_key = SECRET.removeprefix("whsec_")
    assert encoded_key not in repr(handler)
    assert encoded_key not in str(handler)

    body = json.dumps(STORAGE_UPDATED)
    old = int(time.time()) - 10 * 60
    failing_calls: list[Any] = [
        lambda: WebhookHandler(SECRET + "A"),
        lambda: WebhookHandler(SECRET.removeprefix("whsec_")),
        lambda: WebhookHandler(SECRET[:-2] + "=x"),
        lambda: handler.verify_request(headers={}, raw_body=body),
        lambda: handler.verify_request(headers=signed_headers(body, key=OTHER_KEY), raw_body=body),
        lambda: handler.verify_request(headers=signed_headers(body, timestamp=old), raw_body=body),
        lambda: handler.verify_request(headers=signed_headers(body), raw_body=cast(Any, {"a": 1})),
        lambda: handler.verify_request(headers=signed_headers("nope"), raw_body="nope"),
        lambda: handler.verify_request_typed(
            headers=signed_headers(body, key=OTHER_KEY), raw_body=body
        ),
    ]
    for call in failing_calls:
        with pytest.raises(ValueError) as info:
            call()
        for text in (str(info.value), repr(info.value)):
            assert SECRET not in text
            assert encoded_key not in text
        assert info.value.__cause__ is None
        assert info.value.__context__ is None or info.value.__suppress_context__


# --- typed Structs ----------------------------------------------------------------------


def test_typed_storage_updated() -> None:
    headers, body = request(STORAGE_UPDATED)
    event = WebhookHandler(SECRET).verify_request_typed(headers=headers, raw_body=body)
    assert isinstance(event, StorageUpdatedEventModel)
    assert event.type == "storageUpdated"
    assert event.data.room_id == "my-room"
    assert event.data.project_id == "pr_123"
    assert event.data.updated_at == datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
    as_dict = event.to_dict()  # back to the JSON shape: type tag, camelCase keys
    assert as_dict["type"] == "storageUpdated"
    assert as_dict["data"]["roomId"] == "my-room"
    updated_at = as_dict["data"]["updatedAt"].replace("Z", "+00:00")
    assert datetime.fromisoformat(updated_at) == event.data.updated_at


def test_typed_user_entered_from_bytes() -> None:
    body = json.dumps(USER_ENTERED).encode()
    event = WebhookHandler(SECRET).verify_request_typed(headers=signed_headers(body), raw_body=body)
    assert isinstance(event, UserEnteredEventModel)
    assert event.data.connection_id == 42
    assert event.data.user_id == "alice"
    assert event.data.user_info == {"name": "Alice", "color": "#ff0000"}
    assert event.data.num_active_users == 3
    assert isinstance(event.data.entered_at, datetime)
    assert event.data.entered_at.tzinfo is not None


def test_typed_anonymous_user_entered() -> None:
    data = {k: v for k, v in USER_ENTERED["data"].items() if k != "userInfo"}
    headers, body = request({"type": "userEntered", "data": {**data, "userId": None}})
    event = WebhookHandler(SECRET).verify_request_typed(headers=headers, raw_body=body)
    assert isinstance(event, UserEnteredEventModel)
    assert event.data.user_id is None
    assert event.data.user_info is None


def test_typed_comment_created() -> None:
    headers, body = request(COMMENT_CREATED)
    event = WebhookHandler(SECRET).verify_request_typed(headers=headers, raw_body=body)
    assert isinstance(event, CommentCreatedEventModel)
    assert (event.data.thread_id, event.data.comment_id, event.data.created_by) == (
        "th_1",
        "cm_1",
        "bob",
    )
    assert event.data.created_at == datetime(2024, 5, 1, 12, 32, tzinfo=timezone.utc)


def test_typed_notifications() -> None:
    handler = WebhookHandler(SECRET)

    headers, body = request(THREAD_NOTIFICATION)
    thread = handler.verify_request_typed(headers=headers, raw_body=body)
    assert isinstance(thread, ThreadNotificationEventModel)
    assert thread.type == "notification"
    assert thread.data.kind == "thread"
    assert thread.data.channel == "email"
    assert thread.data.thread_id == "th_1"
    assert thread.data.inbox_notification_id == "in_1"
    assert thread.data.triggered_at == datetime(2024, 5, 1, 12, 38, tzinfo=timezone.utc)

    headers, body = request(TEXT_MENTION_NOTIFICATION)
    mention = handler.verify_request_typed(headers=headers, raw_body=body)
    assert isinstance(mention, TextMentionNotificationEventModel)
    assert mention.data.mention_id == "mn_1"
    assert mention.data.room_id == "my-room"

    headers, body = request(CUSTOM_NOTIFICATION)
    custom = handler.verify_request_typed(headers=headers, raw_body=body)
    assert isinstance(custom, CustomNotificationEventModel)
    assert custom.data.kind == "$myKind"
    assert custom.data.subject_id == "invoice-7"
    assert custom.data.room_id is None
    assert custom.data.created_at == datetime(2024, 5, 1, 12, 35, tzinfo=timezone.utc)


def test_typed_event_encodes_back_to_its_json() -> None:
    headers, body = request(THREAD_NOTIFICATION)
    event = WebhookHandler(SECRET).verify_request_typed(headers=headers, raw_body=body)
    assert msgspec.json.decode(msgspec.json.encode(event)) == {
        "type": "notification",
        "data": {
            **THREAD_NOTIFICATION["data"],
            "createdAt": "2024-05-01T12:33:00Z",
            "triggeredAt": "2024-05-01T12:38:00Z",
        },
    }


def test_typed_ignores_unknown_fields() -> None:
    event = {**COMMENT_CREATED, "data": {**COMMENT_CREATED["data"], "newField": 1}, "extra": True}
    headers, body = request(event)
    result = WebhookHandler(SECRET).verify_request_typed(headers=headers, raw_body=body)
    assert isinstance(result, CommentCreatedEventModel)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (
            {"type": "storageUpdated", "data": {"roomId": "r", "projectId": "p"}},
            r"Invalid raw_body: the 'storageUpdated' event does not have the expected fields"
            r".*updatedAt",
        ),
        (
            {"type": "commentCreated", "data": {**COMMENT_CREATED["data"], "createdAt": "soon"}},
            r"Invalid raw_body: the 'commentCreated' event .*createdAt",
        ),
        (
            {"type": "notification", "data": {"kind": "$myKind"}},
            r"Invalid raw_body: the '\$myKind' notification does not have the expected fields",
        ),
    ],
)
def test_typed_refuses_events_missing_fields(event: dict[str, Any], message: str) -> None:
    headers, body = request(event)
    with pytest.raises(ValueError, match=message):
        WebhookHandler(SECRET).verify_request_typed(headers=headers, raw_body=body)


def test_typed_runs_the_same_checks() -> None:
    handler = WebhookHandler(SECRET)
    body = json.dumps(STORAGE_UPDATED)
    with pytest.raises(ValueError, match="Invalid webhook-signature header"):
        handler.verify_request_typed(
            headers={"webhook-id": "m", "webhook-timestamp": "1"}, raw_body=body
        )
    with pytest.raises(ValueError, match="Timestamp in the future"):
        handler.verify_request_typed(
            headers=signed_headers(body, timestamp=int(time.time()) + 600), raw_body=body
        )
    with pytest.raises(ValueError, match="Invalid signature"):
        handler.verify_request_typed(headers=signed_headers(body, key=OTHER_KEY), raw_body=body)
