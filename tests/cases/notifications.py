"""Notifications operations: inbox notifications, notification settings, room subscription
settings (and their deprecated older names), custom notifications."""

from __future__ import annotations

import datetime
from typing import Any

from liveblocks import models
from liveblocks._pagination import Page
from liveblocks.types import UNSET

from ._case import OpCase, api_json, example

USER = "/v2/users/user-123"
INBOX = USER + "/inbox-notifications"
ROOM_USER = "/v2/rooms/my-room-id/users/user-123"
JAN_15 = datetime.datetime(2024, 1, 15, 10, 30, tzinfo=datetime.timezone.utc)

THREAD = example("InboxNotificationThreadData")
CUSTOM = example("InboxNotificationCustomData")
#: A custom notification as the API sends it for ``kind="$fileUploaded"``, with a field the
#: reference does not know.
DOLLAR_CUSTOM = {
    **CUSTOM,
    "kind": "$fileUploaded",
    "id": "in_dollar",
    "roomId": "my-room-id",
    "futureField": {"nested": [1, 2]},
}
#: A kind the SDK does not know (the API's text mentions): it must not break a page.
TEXT_MENTION = {
    "kind": "textMention",
    "id": "in_mention",
    "roomId": "my-room-id",
    "mentionId": "in_m1",
    "createdBy": "bob",
    "notifiedAt": "2024-01-15T10:30:00.000Z",
    "readAt": "2024-01-16T09:00:00.000Z",
}
MIXED_PAGE = {
    "nextCursor": "cursor-2",
    "data": [{**THREAD, "extra": True}, CUSTOM, DOLLAR_CUSTOM, TEXT_MENTION],
    "unknownTopLevel": 1,
}


def check_none(value: Any) -> None:
    assert value is None


def _page_parts(value: Any, response_type: type) -> tuple[list[Any], str | None]:
    """The items and next cursor of a flat page model or of a resource-model Page."""
    if isinstance(value, Page):
        return list(value.items), value.next_cursor
    assert isinstance(value, response_type)
    return list(value.data), value.next_cursor


def check_thread(value: Any) -> None:
    assert type(value) is models.InboxNotificationThreadData
    assert value.kind == "thread"
    assert value.id == "in_abc123"
    assert value.thread_id == "th_abc123"
    assert value.room_id == "my-room-id"
    assert value.organization_id == "org_123456789"
    assert value.read_at is None
    assert value.notified_at == JAN_15
    assert api_json(value) == THREAD


def check_custom(value: Any) -> None:
    assert type(value) is models.InboxNotificationCustomData
    assert value.kind == "custom"
    assert value.subject_id == "file123"
    assert value.room_id is None
    (activity,) = value.activities
    assert isinstance(activity, models.InboxNotificationActivity)
    assert activity.created_at == JAN_15
    assert isinstance(activity.data, models.InboxNotificationActivityData)
    assert activity.data == {"url": "url-to-file"}
    assert api_json(value) == CUSTOM


def check_dollar_custom(value: Any) -> None:
    assert type(value) is models.InboxNotificationCustomData
    assert value.kind == "$fileUploaded"
    assert value.room_id == "my-room-id"
    assert value.activities[0].data["url"] == "url-to-file"


def check_unknown_kind(value: Any) -> None:
    assert type(value) is models.InboxNotificationUnknownData
    assert value.kind == "textMention"
    assert value.id == "in_mention"
    assert value.room_id == "my-room-id"
    assert value.read_at == datetime.datetime(2024, 1, 16, 9, 0, tzinfo=datetime.timezone.utc)


def check_inbox_page(value: Any) -> None:
    items, cursor = _page_parts(value, models.GetInboxNotificationsResponse)
    assert cursor is None
    (item,) = items
    assert type(item) is models.InboxNotificationThreadData
    assert item.id == "in_abc123"
    assert item.organization_id is UNSET


def check_mixed_page(value: Any) -> None:
    items, cursor = _page_parts(value, models.GetInboxNotificationsResponse)
    assert cursor == "cursor-2"
    assert [type(item) for item in items] == [
        models.InboxNotificationThreadData,
        models.InboxNotificationCustomData,
        models.InboxNotificationCustomData,
        models.InboxNotificationUnknownData,
    ]
    check_thread(items[0])
    check_custom(items[1])
    check_dollar_custom(items[2])
    check_unknown_kind(items[3])
    assert all(isinstance(item, models.InboxNotification) for item in items)


NOTIFICATION_SETTINGS = example("NotificationSettings")


def check_notification_settings(value: Any) -> None:
    assert isinstance(value, models.NotificationSettings)
    assert isinstance(value.email, models.NotificationChannelSettings)
    assert value.email.thread is True
    assert value.email.text_mention is False
    assert value.email["$customNotification"] is True
    assert value.email.additional_properties == {"$customNotification": True}
    assert value.email.additional_keys == ["$customNotification"]
    assert isinstance(value.web_push, models.NotificationChannelSettings)
    assert value.web_push.thread is True
    assert value.teams == {"thread": False, "textMention": True, "$customNotification": True}
    assert api_json(value) == NOTIFICATION_SETTINGS


def check_partial_settings(value: Any) -> None:
    assert isinstance(value, models.NotificationSettings)
    assert value.slack is UNSET
    assert isinstance(value.email, models.NotificationChannelSettings)
    assert value.email.text_mention is UNSET
    assert value.email == {"thread": True, "$newKind": False}


SUBSCRIPTION = example("RoomSubscriptionSettings")


def check_subscription(value: Any) -> None:
    assert isinstance(value, models.RoomSubscriptionSettings)
    assert value.threads is models.RoomSubscriptionSettingsThreads.ALL
    assert value.text_mentions is models.RoomSubscriptionSettingsTextMentions.MINE
    assert api_json(value) == SUBSCRIPTION


def check_subscription_unknown_values(value: Any) -> None:
    assert isinstance(value, models.RoomSubscriptionSettings)
    assert value.threads == "only_on_fridays"
    assert value.threads.name == "UNKNOWN"
    assert value.text_mentions is models.RoomSubscriptionSettingsTextMentions.NONE


USER_SUBSCRIPTIONS = {
    "nextCursor": "next",
    "data": [
        example("UserRoomSubscriptionSettings"),
        {"threads": "replies_and_mentions", "textMentions": "brand-new", "roomId": "r2", "x": 1},
    ],
}


def check_user_subscriptions(value: Any) -> None:
    items, cursor = _page_parts(value, models.GetRoomSubscriptionSettingsResponse)
    assert cursor == "next"
    first, second = items
    assert isinstance(first, models.UserRoomSubscriptionSettings)
    assert first.room_id == "my-room-id"
    assert first.threads is models.UserRoomSubscriptionSettingsThreads.ALL
    assert first.text_mentions is models.UserRoomSubscriptionSettingsTextMentions.MINE
    assert second.threads is models.RoomSubscriptionSettingsThreads.REPLIES_AND_MENTIONS
    assert second.text_mentions == "brand-new"
    assert second.room_id == "r2"


CASES = [
    # Inbox notifications --------------------------------------------------------------------
    OpCase(
        "get_inbox_notification",
        lambda c: c.get_inbox_notification("user-123", "in_abc123"),
        "GET",
        INBOX + "/in_abc123",
        response=THREAD,
        check=check_thread,
        resource=lambda c: c.users["user-123"].inbox_notifications["in_abc123"].get(),
        id="thread",
    ),
    OpCase(
        "get_inbox_notification",
        lambda c: c.get_inbox_notification(user_id="user-123", inbox_notification_id="in_xyz789"),
        "GET",
        INBOX + "/in_xyz789",
        response=CUSTOM,
        check=check_custom,
        resource=lambda c: c.users["user-123"].inbox_notifications["in_xyz789"].get(),
        id="custom",
    ),
    OpCase(
        "get_inbox_notification",
        lambda c: c.get_inbox_notification("user-123", "in_dollar"),
        "GET",
        INBOX + "/in_dollar",
        response=DOLLAR_CUSTOM,
        check=check_dollar_custom,
        resource=lambda c: c.users["user-123"].inbox_notifications["in_dollar"].get(),
        id="dollar-kind-extra-fields",
    ),
    OpCase(
        "get_inbox_notification",
        lambda c: c.get_inbox_notification("user-123", "in_mention"),
        "GET",
        INBOX + "/in_mention",
        response=TEXT_MENTION,
        check=check_unknown_kind,
        resource=lambda c: c.users["user-123"].inbox_notifications["in_mention"].get(),
        id="unknown-kind",
    ),
    OpCase(
        "get_inbox_notification",
        lambda c: c.get_inbox_notification("a b/é", "in/.."),
        "GET",
        "/v2/users/a%20b%2F%C3%A9/inbox-notifications/in%2F..",
        response=THREAD,
        check=check_thread,
        resource=lambda c: c.users["a b/é"].inbox_notifications["in/.."].get(),
        id="encoded-ids",
    ),
    OpCase(
        "delete_inbox_notification",
        lambda c: c.delete_inbox_notification("user-123", "in_abc123"),
        "DELETE",
        INBOX + "/in_abc123",
        status=204,
        check=check_none,
        resource=lambda c: c.users["user-123"].inbox_notifications["in_abc123"].delete(),
    ),
    OpCase(
        "get_inbox_notifications",
        lambda c: c.get_inbox_notifications("user-123"),
        "GET",
        INBOX,
        query={"limit": "50"},
        response=example("GetInboxNotificationsResponse"),
        check=check_inbox_page,
        resource=lambda c: c.users["user-123"].inbox_notifications.list().first_page(),
    ),
    OpCase(
        "get_inbox_notifications",
        lambda c: c.get_inbox_notifications(
            "user-123",
            organization_id="org_123456789",
            query="unread:true",
            limit=20,
            starting_after="eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9",
        ),
        "GET",
        INBOX,
        query={
            "organizationId": "org_123456789",
            "query": "unread:true",
            "limit": "20",
            "startingAfter": "eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9",
        },
        response=MIXED_PAGE,
        check=check_mixed_page,
        resource=lambda c: (
            c.users["user-123"]
            .inbox_notifications.list(
                organization_id="org_123456789",
                query="unread:true",
                limit=20,
                starting_after="eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9",
            )
            .first_page()
        ),
        id="filters-mixed-kinds",
    ),
    OpCase(
        "delete_all_inbox_notifications",
        lambda c: c.delete_all_inbox_notifications("user-123"),
        "DELETE",
        INBOX,
        status=204,
        check=check_none,
        resource=lambda c: c.users["user-123"].inbox_notifications.delete_all(),
    ),
    # Notification settings ------------------------------------------------------------------
    OpCase(
        "get_notification_settings",
        lambda c: c.get_notification_settings("user-123"),
        "GET",
        USER + "/notification-settings",
        response=NOTIFICATION_SETTINGS,
        check=check_notification_settings,
        resource=lambda c: c.users["user-123"].notification_settings.get(),
    ),
    OpCase(
        "get_notification_settings",
        lambda c: c.get_notification_settings("user-123"),
        "GET",
        USER + "/notification-settings",
        response={"email": {"thread": True, "$newKind": False}, "carrierPigeon": {"x": 1}},
        check=check_partial_settings,
        resource=lambda c: c.users["user-123"].notification_settings.get(),
        id="partial-unknown-channel",
    ),
    OpCase(
        "update_notification_settings",
        lambda c: c.update_notification_settings(
            "user-123",
            body=models.UpdateNotificationSettingsRequestBody(
                email=models.NotificationChannelSettings(thread=True, text_mention=False),
                slack=models.NotificationChannelSettings(text_mention=False),
                web_push=models.NotificationChannelSettings(thread=True),
            ),
        ),
        "POST",
        USER + "/notification-settings",
        body=example("UpdateNotificationSettingsRequestBody"),
        response=NOTIFICATION_SETTINGS,
        check=check_notification_settings,
        resource=lambda c: c.users["user-123"].notification_settings.update(
            email={"thread": True, "text_mention": False},
            slack=models.NotificationChannelSettings(text_mention=False),
            web_push={"thread": True},
        ),
    ),
    OpCase(
        "update_notification_settings",
        lambda c: c.update_notification_settings(
            "user-123",
            body=models.UpdateNotificationSettingsRequestBody(
                teams=models.NotificationChannelSettings(
                    {"$fileUploaded": True}, text_mention=True
                ),
            ),
        ),
        "POST",
        USER + "/notification-settings",
        body={"teams": {"$fileUploaded": True, "textMention": True}},
        response=NOTIFICATION_SETTINGS,
        check=check_notification_settings,
        resource=lambda c: c.users["user-123"].notification_settings.update(
            teams={"$fileUploaded": True, "textMention": True}
        ),
        id="custom-kinds",
    ),
    OpCase(
        "delete_notification_settings",
        lambda c: c.delete_notification_settings("user-123"),
        "DELETE",
        USER + "/notification-settings",
        status=204,
        check=check_none,
        resource=lambda c: c.users["user-123"].notification_settings.delete(),
    ),
    # Room subscription settings -------------------------------------------------------------
    OpCase(
        "get_room_subscription_settings",
        lambda c: c.get_room_subscription_settings("my-room-id", "user-123"),
        "GET",
        ROOM_USER + "/subscription-settings",
        response=SUBSCRIPTION,
        check=check_subscription,
        resource=lambda c: c.rooms["my-room-id"].users["user-123"].subscription_settings.get(),
    ),
    OpCase(
        "get_room_subscription_settings",
        lambda c: c.get_room_subscription_settings(room_id="r/1", user_id="u?2"),
        "GET",
        "/v2/rooms/r%2F1/users/u%3F2/subscription-settings",
        response={"threads": "only_on_fridays", "textMentions": "none", "extra": [1]},
        check=check_subscription_unknown_values,
        resource=lambda c: c.rooms["r/1"].users["u?2"].subscription_settings.get(),
        id="unknown-values-encoded-ids",
    ),
    OpCase(
        "update_room_subscription_settings",
        lambda c: c.update_room_subscription_settings(
            "my-room-id",
            "user-123",
            body=models.UpdateRoomSubscriptionSettingsRequestBody(
                threads=models.UpdateRoomSubscriptionSettingsRequestBodyThreads.REPLIES_AND_MENTIONS,
                text_mentions=models.UpdateRoomSubscriptionSettingsRequestBodyTextMentions.NONE,
            ),
        ),
        "POST",
        ROOM_USER + "/subscription-settings",
        body=example("UpdateRoomSubscriptionSettingsRequestBody"),
        response=SUBSCRIPTION,
        check=check_subscription,
        resource=lambda c: (
            c.rooms["my-room-id"]
            .users["user-123"]
            .subscription_settings.update(threads="replies_and_mentions", text_mentions="none")
        ),
    ),
    OpCase(
        "update_room_subscription_settings",
        lambda c: c.update_room_subscription_settings(
            "my-room-id",
            "user-123",
            body=models.UpdateRoomSubscriptionSettingsRequestBody(threads="none"),
        ),
        "POST",
        ROOM_USER + "/subscription-settings",
        body={"threads": "none"},
        response=SUBSCRIPTION,
        check=check_subscription,
        resource=lambda c: (
            c.rooms["my-room-id"]
            .users["user-123"]
            .subscription_settings.update(threads=models.RoomSubscriptionSettingsThreads.NONE)
        ),
        id="threads-only",
    ),
    OpCase(
        "delete_room_subscription_settings",
        lambda c: c.delete_room_subscription_settings("my-room-id", "user-123"),
        "DELETE",
        ROOM_USER + "/subscription-settings",
        status=204,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].users["user-123"].subscription_settings.delete(),
    ),
    OpCase(
        "get_user_room_subscription_settings",
        lambda c: c.get_user_room_subscription_settings("user-123"),
        "GET",
        USER + "/room-subscription-settings",
        query={"limit": "50"},
        response=USER_SUBSCRIPTIONS,
        check=check_user_subscriptions,
        resource=lambda c: c.users["user-123"].room_subscription_settings.list().first_page(),
    ),
    OpCase(
        "get_user_room_subscription_settings",
        lambda c: c.get_user_room_subscription_settings(
            "user-123",
            starting_after="eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9",
            limit=10,
            organization_id="org_123456789",
        ),
        "GET",
        USER + "/room-subscription-settings",
        query={
            "startingAfter": "eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9",
            "limit": "10",
            "organizationId": "org_123456789",
        },
        response=USER_SUBSCRIPTIONS,
        check=check_user_subscriptions,
        resource=lambda c: (
            c.users["user-123"]
            .room_subscription_settings.list(
                starting_after="eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9",
                limit=10,
                organization_id="org_123456789",
            )
            .first_page()
        ),
        id="filters",
    ),
    # Deprecated older names of the room subscription settings -----------------------------
    OpCase(
        "get_room_notification_settings",
        lambda c: c.get_room_notification_settings("my-room-id", "user-123"),
        "GET",
        ROOM_USER + "/notification-settings",
        response=SUBSCRIPTION,
        check=check_subscription,
        resource=lambda c: c.rooms["my-room-id"].users["user-123"].notification_settings.get(),
        deprecated=True,
    ),
    OpCase(
        "update_room_notification_settings",
        lambda c: c.update_room_notification_settings(
            "my-room-id",
            "user-123",
            body=models.UpdateRoomSubscriptionSettingsRequestBody(
                threads="replies_and_mentions", text_mentions="none"
            ),
        ),
        "POST",
        ROOM_USER + "/notification-settings",
        body={"threads": "replies_and_mentions", "textMentions": "none"},
        response=SUBSCRIPTION,
        check=check_subscription,
        resource=lambda c: (
            c.rooms["my-room-id"]
            .users["user-123"]
            .notification_settings.update(threads="replies_and_mentions", text_mentions="none")
        ),
        deprecated=True,
    ),
    OpCase(
        "update_room_notification_settings",
        lambda c: c.update_room_notification_settings("my-room-id", "user-123"),
        "POST",
        ROOM_USER + "/notification-settings",
        response=SUBSCRIPTION,
        check=check_subscription,
        deprecated=True,
        id="no-body",
    ),
    OpCase(
        "delete_room_notification_settings",
        lambda c: c.delete_room_notification_settings("my-room-id", "user-123"),
        "DELETE",
        ROOM_USER + "/notification-settings",
        status=204,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].users["user-123"].notification_settings.delete(),
        deprecated=True,
    ),
    # Custom notifications -------------------------------------------------------------------
    OpCase(
        "trigger_inbox_notification",
        lambda c: c.trigger_inbox_notification(
            body=models.TriggerInboxNotificationRequestBody(
                user_id="alice",
                kind="file-uploaded",
                subject_id="file123",
                activity_data=models.TriggerInboxNotificationRequestBodyActivityData(
                    url="url-to-file"
                ),
            )
        ),
        "POST",
        "/v2/inbox-notifications/trigger",
        body=example("TriggerInboxNotificationRequestBody"),
        check=check_none,
        resource=lambda c: c.inbox_notifications.trigger(
            user_id="alice",
            kind="file-uploaded",
            subject_id="file123",
            activity_data={"url": "url-to-file"},
        ),
    ),
    OpCase(
        "trigger_inbox_notification",
        lambda c: c.trigger_inbox_notification(
            body=models.TriggerInboxNotificationRequestBody(
                user_id="alice",
                kind="$fileUploaded",
                subject_id="file123",
                activity_data={"url": "url-to-file", "size": 12, "public": False},
                room_id="my-room-id",
                organization_id="org_123456789",
            )
        ),
        "POST",
        "/v2/inbox-notifications/trigger",
        body={
            "userId": "alice",
            "kind": "$fileUploaded",
            "subjectId": "file123",
            "activityData": {"url": "url-to-file", "size": 12, "public": False},
            "roomId": "my-room-id",
            "organizationId": "org_123456789",
        },
        response={},
        check=check_none,
        resource=lambda c: c.inbox_notifications.trigger(
            user_id="alice",
            kind="$fileUploaded",
            subject_id="file123",
            activity_data={"url": "url-to-file", "size": 12, "public": False},
            room_id="my-room-id",
            organization_id="org_123456789",
        ),
        id="all-fields",
    ),
    OpCase(
        "mark_inbox_notification_as_read",
        lambda c: c.mark_inbox_notification_as_read("in_abc123"),
        "POST",
        "/v2/inbox-notifications/in_abc123/read",
        check=check_none,
        resource=lambda c: c.inbox_notifications["in_abc123"].mark_as_read(),
    ),
]
