"""Decoding details of the Notifications and Groups models, and the checks their resource
methods make before any request."""

from __future__ import annotations

import json
import warnings
from typing import Any

import msgspec
import pytest

from liveblocks import Liveblocks, models
from liveblocks._models.notifications import INBOX_NOTIFICATION
from liveblocks.errors import ResponseDecodeError
from liveblocks.transports import Response
from liveblocks.transports.mock import MockTransport
from liveblocks.types import UNSET
from tests.cases import example
from tests.cases._case import api_json

THREAD = example("InboxNotificationThreadData")
CUSTOM = example("InboxNotificationCustomData")


def _client(payload: Any, status: int = 200) -> tuple[Liveblocks, MockTransport]:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    transport = MockTransport(
        lambda request: Response(status, {"Content-Type": "application/json"}, body)
    )
    return Liveblocks("sk_test_models", transport=transport, max_retries=0), transport


# Inbox notification union -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "model"),
    [
        ("thread", models.InboxNotificationThreadData),
        ("custom", models.InboxNotificationCustomData),
        ("$fileUploaded", models.InboxNotificationCustomData),
        ("$", models.InboxNotificationCustomData),
        ("textMention", models.InboxNotificationUnknownData),
        ("", models.InboxNotificationUnknownData),
        (None, models.InboxNotificationUnknownData),
        (7, models.InboxNotificationUnknownData),
    ],
)
def test_kind_chooses_the_model(kind: object, model: type) -> None:
    assert INBOX_NOTIFICATION.variant(kind) is model


def test_page_from_dict_and_to_dict_round_trip() -> None:
    page = {"nextCursor": "c", "data": [THREAD, CUSTOM]}
    decoded = models.GetInboxNotificationsResponse.from_dict(page)
    assert [type(n) for n in decoded.data] == [
        models.InboxNotificationThreadData,
        models.InboxNotificationCustomData,
    ]
    assert api_json(decoded) == page
    assert models.GetInboxNotificationsResponse.from_dict(decoded.to_dict()) == decoded


def test_page_built_in_python_keeps_models_and_converts_dicts() -> None:
    thread = models.InboxNotificationThreadData.from_dict(THREAD)
    page = models.GetInboxNotificationsResponse(next_cursor=None, data=[thread, CUSTOM])
    assert page.data[0] is thread
    assert isinstance(page.data[1], models.InboxNotificationCustomData)


def test_page_decoder_is_reusable_and_typed() -> None:
    decoder = msgspec.json.Decoder(models.GetInboxNotificationsResponse)
    raw = json.dumps({"nextCursor": None, "data": [CUSTOM, THREAD]}).encode()
    first, second = decoder.decode(raw), decoder.decode(raw)
    assert first == second
    assert isinstance(first.data[0], models.InboxNotificationCustomData)
    assert isinstance(first.data[0].activities[0].data, models.InboxNotificationActivityData)


def test_malformed_notification_is_a_decode_error_not_a_silent_skip() -> None:
    broken = {k: v for k, v in THREAD.items() if k != "threadId"}
    client, _ = _client({"nextCursor": None, "data": [CUSTOM, broken]})
    with pytest.raises(ResponseDecodeError, match="threadId"):
        client.get_inbox_notifications("user-1")
    client, _ = _client(broken)
    with pytest.raises(ResponseDecodeError):
        client.users["user-1"].inbox_notifications["in_1"].get()
    client, _ = _client(b"[1, 2]")
    with pytest.raises(ResponseDecodeError):
        client.get_inbox_notification("user-1", "in_1")


def test_every_notification_model_is_exported() -> None:
    for name in (
        "InboxNotification",
        "InboxNotificationThreadData",
        "InboxNotificationCustomData",
        "InboxNotificationUnknownData",
        "InboxNotificationActivity",
        "InboxNotificationActivityData",
    ):
        assert name in models.__all__


# Notification channel settings --------------------------------------------------------------


def test_channel_settings_are_a_dict_with_attributes_for_built_in_kinds() -> None:
    channel = models.NotificationChannelSettings(
        {"$fileUploaded": True}, thread=False, **{"$commented": False}
    )
    assert channel == {"$fileUploaded": True, "$commented": False, "thread": False}
    assert channel.thread is False
    assert channel.text_mention is UNSET
    channel.text_mention = True
    assert channel["textMention"] is True
    assert channel.additional_keys == ["$fileUploaded", "$commented"]
    assert channel.additional_properties == {"$fileUploaded": True, "$commented": False}
    assert models.NotificationChannelSettings.from_dict({"thread": True}).thread is True


def test_update_settings_accepts_python_or_api_key_for_text_mentions() -> None:
    client, transport = _client(example("NotificationSettings"))
    client.users["u"].notification_settings.update(
        email={"text_mention": False, "$x": True}, teams={"textMention": True}
    )
    (request,) = transport.requests
    assert json.loads(request.body) == {
        "email": {"textMention": False, "$x": True},
        "teams": {"textMention": True},
    }
    with pytest.raises(TypeError, match="email"):
        client.users["u"].notification_settings.update(email=[("thread", True)])  # type: ignore[arg-type]


# Groups -------------------------------------------------------------------------------------


def test_member_ids_must_be_a_list_not_one_string() -> None:
    client, transport = _client(example("Group"))
    with pytest.raises(TypeError, match="member_ids"):
        client.groups["g"].add_members("alice")
    with pytest.raises(TypeError, match="member_ids"):
        client.groups.create(id="g", member_ids="alice")
    assert transport.requests == []
    client.groups["g"].remove_members(iter(["alice", "bob"]))  # type: ignore[arg-type]
    assert json.loads(transport.requests[0].body) == {"memberIds": ["alice", "bob"]}


def test_group_ids_are_checked_before_any_request() -> None:
    client, transport = _client(example("Group"))
    with pytest.raises(ValueError, match="group_id"):
        client.groups[""].get()
    with pytest.raises(ValueError, match="id"):
        client.groups.create(id="")
    with pytest.raises(ValueError, match="user_id"):
        client.users[""].groups.list()
    assert transport.requests == []


def test_scopes_as_a_mapping_are_checked() -> None:
    client, _ = _client(example("Group"))
    with pytest.raises(TypeError, match="scopes"):
        client.groups.create(id="g", scopes={"mentions": True})


# Deprecated room notification settings -------------------------------------------------------


def test_each_deprecated_call_warns_once_at_the_callers_line() -> None:
    client, transport = _client(example("RoomSubscriptionSettings"))
    room_user = client.rooms["r"].users["u"]
    calls = [
        lambda: client.get_room_notification_settings("r", "u"),
        lambda: client.update_room_notification_settings("r", "u"),
        lambda: client.delete_room_notification_settings("r", "u"),
        lambda: room_user.notification_settings.get(),
        lambda: room_user.notification_settings.update(threads="all"),
        lambda: room_user.notification_settings.delete(),
    ]
    for call in calls:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        assert [w.category for w in caught] == [DeprecationWarning]
        assert caught[0].filename == __file__
    assert [r.url.rsplit("/", 1)[-1] for r in transport.requests] == ["notification-settings"] * 6


def test_current_names_do_not_warn() -> None:
    client, _ = _client(example("RoomSubscriptionSettings"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.get_room_subscription_settings("r", "u")
        client.rooms["r"].users["u"].subscription_settings.get()
