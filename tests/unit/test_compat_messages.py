"""Drop-in: wherever the official package (3.16.0a1, 3.23.0) raises or warns, this SDK
raises the same exception type (or a subclass) with a message that contains the official
wording, so that ``pytest.raises(..., match=...)`` written against it keeps passing.

One test per message of the official package: its client, errors, session, webhooks and
models modules (every ``raise`` and ``warnings.warn`` in them)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
import responses

from liveblocks import AsyncLiveblocks, Liveblocks, LiveblocksError, errors, models
from liveblocks.webhooks import WebhookHandler
from tests.cases._case import REFERENCE

BASE = "https://api.liveblocks.test"
KEY = b"0123456789abcdef0123456789abcdef"
WEBHOOK_SECRET = "whsec_" + base64.b64encode(KEY).decode()
CLIENTS = [Liveblocks, AsyncLiveblocks]


def raises(kind: type[BaseException], wording: str) -> Any:
    """The official wording, anywhere in the message (ours may say more after it)."""
    return pytest.raises(kind, match=re.escape(wording))


@pytest.fixture
def client() -> Iterator[Liveblocks]:
    with Liveblocks("sk_test_messages", base_url=BASE) as client:
        yield client


# --- client: the secret key ---------------------------------------------------------------


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize("secret", ["foo", "pk_live_abc", "", "SK_abc"])
def test_secret_keys_must_start_with_sk(cls: type[Any], secret: str) -> None:
    with raises(ValueError, "Invalid value for 'secret'. Secret keys must start with 'sk_'."):
        cls(secret=secret)


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize("secret", ["sk_abc def", "sk_abc/def", "sk_abc.def"])
def test_invalid_chars_found_in_secret(cls: type[Any], secret: str) -> None:
    with raises(ValueError, "Invalid chars found in 'secret'. Please check that you correctly"):
        cls(secret=secret)


def test_a_secret_the_official_accepts_is_accepted() -> None:
    Liveblocks(secret="sk_dev_abc-DEF_123").close()


# --- errors -------------------------------------------------------------------------------


def test_liveblocks_error_reads_message_then_status() -> None:
    assert str(LiveblocksError("Forbidden", 403)) == "Forbidden (status 403)"
    with_details = LiveblocksError("Forbidden", 403, "Suggestion: use another key")
    assert str(with_details) == "Forbidden (status 403)\nSuggestion: use another key"
    assert (with_details.status, with_details.details) == (403, "Suggestion: use another key")


def test_an_api_error_reads_as_the_official_one(client: Liveblocks) -> None:
    body = {"error": "FORBIDDEN", "message": "Forbidden", "suggestion": "Check the key"}
    with responses.RequestsMock() as mock:
        mock.add("GET", f"{BASE}/v2/rooms/r", json=body, status=403)
        with raises(errors.LiveblocksError, "Forbidden (status 403)\nSuggestion: Check the key"):
            client.get_room("r")


@pytest.mark.parametrize("body", [b"", b"{}", b'{"error": "INTERNAL"}'])
def test_an_error_happened_without_an_error_message(client: Liveblocks, body: bytes) -> None:
    with responses.RequestsMock() as mock:
        mock.add("DELETE", f"{BASE}/v2/rooms/r", body=body, status=500)
        with raises(errors.LiveblocksError, "An error happened without an error message"):
            client.with_options(max_retries=0).delete_room("r")


# --- session ------------------------------------------------------------------------------


@pytest.mark.parametrize("user_id", ["", None])
def test_invalid_value_for_user_id(client: Liveblocks, user_id: Any) -> None:
    with raises(ValueError, "Invalid value for 'user_id'. Please provide a non-empty string."):
        client.prepare_session(user_id)


def test_you_can_no_longer_change_these_permissions(client: Liveblocks) -> None:
    session = client.prepare_session("alice").allow("r", ["*:read"])
    client.authorize_user = lambda **_: models.AuthorizeUserResponse(token="t")  # type: ignore[method-assign, assignment, misc]
    session.authorize()
    with raises(RuntimeError, "You can no longer change these permissions."):
        session.allow("other", ["*:read"])


def test_more_than_10_rooms(client: Liveblocks) -> None:
    session = client.prepare_session("alice")
    for i in range(10):
        session.allow(f"room-{i}", ["*:read"])
    with raises(
        RuntimeError, "You cannot add permissions for more than 10 rooms in a single token"
    ):
        session.allow("room-10", ["*:read"])


@pytest.mark.parametrize("pattern", ["", "a*b", "**", "x" * 129])
def test_invalid_room_name_or_pattern(client: Liveblocks, pattern: str) -> None:
    with raises(ValueError, "Invalid room name or pattern"):
        client.prepare_session("alice").allow(pattern, ["*:read"])


def test_permission_list_cannot_be_empty(client: Liveblocks) -> None:
    with raises(ValueError, "Permission list cannot be empty"):
        client.prepare_session("alice").allow("r", [])


@pytest.mark.parametrize("permission", ["room:admin", "*:READ"])
def test_not_a_valid_permission(client: Liveblocks, permission: str) -> None:
    with raises(ValueError, f"Not a valid permission: {permission}"):
        client.prepare_session("alice").allow("r", ["*:read", permission])  # type: ignore[list-item]


def test_you_cannot_reuse_session_instances(client: Liveblocks) -> None:
    client.authorize_user = lambda **_: models.AuthorizeUserResponse(token="t")  # type: ignore[method-assign, assignment, misc]
    session = client.prepare_session("alice").allow("r", ["*:read"])
    session.authorize()
    with raises(
        RuntimeError,
        "You cannot reuse Session instances. Please create a new session every time.",
    ):
        session.authorize()


async def test_the_async_session_raises_the_same() -> None:
    async with AsyncLiveblocks("sk_test_messages", base_url=BASE) as client:
        with raises(ValueError, "Not a valid permission: room:admin"):
            client.prepare_session("alice").allow("r", ["room:admin"])  # type: ignore[list-item]
        with raises(ValueError, "Invalid value for 'user_id'"):
            client.prepare_session("")


def test_access_tokens_without_any_permission_warn(client: Liveblocks) -> None:
    client.authorize_user = lambda **_: models.AuthorizeUserResponse(token="t")  # type: ignore[method-assign, assignment, misc]
    with pytest.warns(
        UserWarning,
        match=re.escape(
            "Access tokens without any permission will not be supported soon, you should use "
            "wildcards when the client requests a token for resources outside a room. See "
            "https://liveblocks.io/docs/errors/liveblocks-client/"
            "access-tokens-not-enough-permissions"
        ),
    ):
        client.prepare_session("alice").authorize()


# --- webhooks -----------------------------------------------------------------------------


def signed(body: str, *, timestamp: int | None = None, msg_id: str = "msg_1") -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(KEY, f"{msg_id}.{stamp}.{body}".encode(), hashlib.sha256)
    signature = base64.b64encode(mac.digest()).decode()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": stamp,
        "webhook-signature": f"v1,{signature}",
    }


STORAGE_UPDATED = json.dumps(
    {
        "type": "storageUpdated",
        "data": {
            "roomId": "r",
            "projectId": "p",
            "updatedAt": "2024-01-01T00:00:00.000Z",
        },
    }
)


@pytest.mark.parametrize("secret", ["", None])
def test_webhook_secret_is_required(secret: Any) -> None:
    with raises(ValueError, "Secret is required and must be a non-empty string"):
        WebhookHandler(secret)


def test_webhook_secret_must_start_with_whsec() -> None:
    with raises(ValueError, "Invalid secret, must start with whsec_"):
        WebhookHandler(base64.b64encode(KEY).decode())


def test_webhook_secret_with_invalid_base64() -> None:
    with raises(
        ValueError,
        "Webhook secret contains invalid base64 after the 'whsec_' prefix. "
        "Please copy the full secret from your Liveblocks dashboard.",
    ):
        WebhookHandler("whsec_abc")


def test_a_webhook_secret_the_official_accepts_is_accepted() -> None:
    # Characters outside the base64 alphabet are skipped, as the official package does.
    headers = signed(STORAGE_UPDATED)
    handler = WebhookHandler(WEBHOOK_SECRET[:12] + "-" + WEBHOOK_SECRET[12:])
    assert handler.verify_request(headers=headers, raw_body=STORAGE_UPDATED)["type"] == (
        "storageUpdated"
    )


@pytest.mark.parametrize("header", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_invalid_webhook_header(header: str) -> None:
    headers = signed(STORAGE_UPDATED)
    del headers[header]
    with raises(ValueError, f"Invalid {header} header"):
        WebhookHandler(WEBHOOK_SECRET).verify_request(headers=headers, raw_body=STORAGE_UPDATED)


def test_invalid_raw_body() -> None:
    with raises(ValueError, "Invalid raw_body, must be a string, got 'dict' instead."):
        WebhookHandler(WEBHOOK_SECRET).verify_request(
            headers=signed(STORAGE_UPDATED),
            raw_body=json.loads(STORAGE_UPDATED),  # type: ignore[arg-type]
        )


def test_invalid_timestamp() -> None:
    headers = {**signed(STORAGE_UPDATED), "webhook-timestamp": "soon"}
    with raises(ValueError, "Invalid timestamp"):
        WebhookHandler(WEBHOOK_SECRET).verify_request(headers=headers, raw_body=STORAGE_UPDATED)


def test_timestamp_too_old() -> None:
    headers = signed(STORAGE_UPDATED, timestamp=int(time.time()) - 600)
    with raises(ValueError, "Timestamp too old"):
        WebhookHandler(WEBHOOK_SECRET).verify_request(headers=headers, raw_body=STORAGE_UPDATED)


def test_timestamp_in_the_future() -> None:
    headers = signed(STORAGE_UPDATED, timestamp=int(time.time()) + 600)
    with raises(ValueError, "Timestamp in the future"):
        WebhookHandler(WEBHOOK_SECRET).verify_request(headers=headers, raw_body=STORAGE_UPDATED)


def test_invalid_signature_for_webhook() -> None:
    headers = signed(STORAGE_UPDATED)
    with raises(
        ValueError,
        "Invalid signature for webhook msg_1. Make sure you are using the correct webhook "
        "secret and that the raw request body is passed unchanged (not parsed or "
        "re-serialized)",
    ):
        WebhookHandler(WEBHOOK_SECRET).verify_request(
            headers=headers, raw_body=STORAGE_UPDATED.replace('"r"', '"s"')
        )


def test_unknown_notification_kind() -> None:
    body = json.dumps({"type": "notification", "data": {"kind": "mention"}})
    with raises(ValueError, "Unknown notification kind: 'mention'"):
        WebhookHandler(WEBHOOK_SECRET).verify_request(headers=signed(body), raw_body=body)


@pytest.mark.parametrize("event", [{"type": "roomMoved"}, {"data": {}}, [1]])
def test_unknown_event_type(event: Any) -> None:
    body = json.dumps(event)
    with raises(ValueError, "Unknown event type, please upgrade to a higher version of liveblocks"):
        WebhookHandler(WEBHOOK_SECRET).verify_request(headers=signed(body), raw_body=body)


# --- models -------------------------------------------------------------------------------


def _consts() -> list[Any]:
    found: dict[tuple[str, str], str] = {}
    for version in ("3.16.0a1", "3.23.0"):
        pinned = json.loads((REFERENCE / f"official-{version}.json").read_text())
        for model, checks in pinned["consts"].items():
            for key, value in checks.items():
                found[(model, key)] = value
    return [
        pytest.param(model, key, value, id=f"{model}-{key}")
        for (model, key), value in sorted(found.items())
    ]


@pytest.mark.parametrize(("model", "key", "value"), _consts())
def test_a_fixed_field_must_match_its_const(model: str, key: str, value: str) -> None:
    with raises(ValueError, f"{key} must match const '{value}', got 'other'"):
        getattr(models, model).from_dict({key: "other"})


@pytest.mark.parametrize(
    ("model", "payload"),
    [
        ("GetAiCopilotsResponse", {"nextCursor": None, "data": ["not an object"]}),
        ("GetKnowledgeSourcesResponse", {"nextCursor": None, "data": [42]}),
        ("GetInboxNotificationsResponse", {"nextCursor": None, "data": ["x"], "meta": {}}),
        ("GetThreadInboxNotificationsResponse", {"data": ["x"]}),
        ("AnthropicProviderOptionsAnthropic", {"thinking": "x"}),
    ],
)
def test_a_union_item_that_is_not_an_object_is_a_type_error(
    model: str, payload: dict[str, Any]
) -> None:
    with pytest.raises(TypeError):
        getattr(models, model).from_dict(payload)


def test_a_missing_field_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        models.Room.from_dict({"type": "room"})
