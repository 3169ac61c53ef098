"""Notifications through both clients and both faces, as a user writes them.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks._pagination import AsyncPager, Page, SyncPager
from liveblocks.types import Unset


def by_kind(n: models.InboxNotification) -> str:
    """An inbox notification is a union, narrowed by isinstance."""
    if isinstance(n, models.InboxNotificationThreadData):
        if TYPE_CHECKING:
            reveal_type(n)  # expect: liveblocks._models.notifications.InboxNotificationThreadData
        return n.thread_id
    if isinstance(n, models.InboxNotificationCustomData):
        if TYPE_CHECKING:
            reveal_type(n)  # expect: liveblocks._models.notifications.InboxNotificationCustomData
        return n.subject_id
    if TYPE_CHECKING:
        reveal_type(n)  # expect: liveblocks._models.notifications.InboxNotificationUnknownData
    return n.kind


def sync_usage(client: Liveblocks) -> None:
    user = client.users["user-123"]
    # Inbox: resource model and flat.
    notification: models.InboxNotification = user.inbox_notifications["in_1"].get()
    by_kind(notification)
    by_kind(client.get_inbox_notification("user-123", "in_1"))
    kinds = [n.kind for n in user.inbox_notifications.list(query="unread:true", limit=50)]
    pager: SyncPager[models.InboxNotification] = user.inbox_notifications.list()
    for page in pager.pages():
        cursor = page.next_cursor
        by_kind(page.items[0])
    user.inbox_notifications["in_1"].delete()
    user.inbox_notifications.delete_all()
    ip = client.get_inbox_notifications("user-123", query="unread:true")
    first: models.InboxNotification = ip.data[0]
    client.delete_inbox_notification("user-123", "in_1")
    client.delete_all_inbox_notifications("user-123")
    # Notification settings.
    settings = user.notification_settings.get()
    updated = user.notification_settings.update(
        email={"thread": True, "$fileUploaded": False},
        slack=models.NotificationChannelSettings(text_mention=True),
    )
    user.notification_settings.delete()
    fs = client.get_notification_settings("user-123")
    client.update_notification_settings(
        "user-123",
        body=models.UpdateNotificationSettingsRequestBody(
            email=models.NotificationChannelSettings(thread=False)
        ),
    )
    client.delete_notification_settings("user-123")
    # Room sub settings, under their current and their dep names.
    room_user = client.rooms["my-room"].users["user-123"]
    sub = room_user.subscription_settings.get()
    room_user.subscription_settings.update(threads="all", text_mentions="none")
    room_user.subscription_settings.delete()
    room_user.notification_settings.get()
    room_user.notification_settings.update(
        threads=models.RoomSubscriptionSettingsThreads.REPLIES_AND_MENTIONS
    )
    room_user.notification_settings.delete()
    fsub = client.get_room_subscription_settings("my-room", "user-123")
    client.update_room_subscription_settings(
        "my-room",
        "user-123",
        body=models.UpdateRoomSubscriptionSettingsRequestBody(threads="none"),
    )
    client.delete_room_subscription_settings("my-room", "user-123")
    dep = client.get_room_notification_settings("my-room", "user-123")
    client.update_room_notification_settings("my-room", "user-123")
    client.delete_room_notification_settings("my-room", "user-123")
    rooms = [s.room_id for s in user.room_subscription_settings.list(organization_id="org")]
    settings_page = client.get_user_room_subscription_settings("user-123", limit=10)
    # Custom notifications.
    client.inbox_notifications.trigger(
        user_id="alice", kind="$fileUploaded", subject_id="file-1", activity_data={"url": "u"}
    )
    client.trigger_inbox_notification(
        body=models.TriggerInboxNotificationRequestBody(
            user_id="alice", kind="$fileUploaded", subject_id="file-1", activity_data={}
        )
    )
    client.inbox_notifications["in_1"].mark_as_read()
    read = client.mark_inbox_notification_as_read("in_1")
    if TYPE_CHECKING:
        reveal_type(kinds)  # expect: list[str]
        reveal_type(cursor)  # expect: str | None
        reveal_type(first.id)  # expect: str
        reveal_type(ip)  # expect: liveblocks._models.notifications.GetInboxNotificationsResponse
        reveal_type(settings)  # expect: liveblocks._models.notifications.NotificationSettings
        reveal_type(updated)  # expect: liveblocks._models.notifications.NotificationSettings
        reveal_type(fs)  # expect: liveblocks._models.notifications.NotificationSettings
        reveal_type(sub)  # expect: liveblocks._models.notifications.RoomSubscriptionSettings
        reveal_type(fsub)  # expect: liveblocks._models.notifications.RoomSubscriptionSettings
        reveal_type(dep)  # expect: liveblocks._models.notifications.RoomSubscriptionSettings
        reveal_type(rooms)  # expect: list[str]
        reveal_type(read)  # expect: None
    settings_page_type: type[models.GetRoomSubscriptionSettingsResponse] = type(settings_page)
    channel: models.NotificationChannelSettings | Unset = settings.email
    del settings_page_type, channel


async def async_usage(client: AsyncLiveblocks) -> None:
    user = client.users["user-123"]
    pending: Coroutine[Any, Any, models.InboxNotification] = user.inbox_notifications["x"].get()
    by_kind(await pending)
    by_kind(await client.get_inbox_notification("user-123", "in_1"))
    ids = [n.id async for n in user.inbox_notifications.list(organization_id="org")]
    pager: AsyncPager[models.InboxNotification] = user.inbox_notifications.list(limit=10)
    first_page: Page[models.InboxNotification] = await pager.first_page()
    await user.inbox_notifications["in_1"].delete()
    deleted = user.inbox_notifications.delete_all()
    await deleted
    ip = await client.get_inbox_notifications("user-123", limit=10)
    await client.delete_inbox_notification("user-123", "in_1")
    await client.delete_all_inbox_notifications("user-123")
    settings = await user.notification_settings.get()
    await user.notification_settings.update(web_push={"thread": True})
    await user.notification_settings.delete()
    await client.get_notification_settings("user-123")
    await client.update_notification_settings(
        "user-123", body=models.UpdateNotificationSettingsRequestBody()
    )
    await client.delete_notification_settings("user-123")
    room_user = client.rooms["my-room"].users["user-123"]
    sub = await room_user.subscription_settings.update(text_mentions="mine")
    await room_user.subscription_settings.get()
    await room_user.subscription_settings.delete()
    await room_user.notification_settings.get()
    await room_user.notification_settings.update(threads="all")
    await room_user.notification_settings.delete()
    await client.get_room_subscription_settings("my-room", "user-123")
    await client.update_room_subscription_settings(
        "my-room", "user-123", body=models.UpdateRoomSubscriptionSettingsRequestBody()
    )
    await client.delete_room_subscription_settings("my-room", "user-123")
    await client.get_room_notification_settings("my-room", "user-123")
    await client.update_room_notification_settings(
        "my-room", "user-123", body=models.UpdateRoomSubscriptionSettingsRequestBody()
    )
    await client.delete_room_notification_settings("my-room", "user-123")
    alls = await user.room_subscription_settings.list().to_list()
    await client.get_user_room_subscription_settings("user-123")
    await client.inbox_notifications.trigger(
        user_id="alice", kind="$fileUploaded", subject_id="file-1", activity_data={"n": 1}
    )
    await client.inbox_notifications["in_1"].mark_as_read()
    marking = client.mark_inbox_notification_as_read("in_1")
    await marking
    if TYPE_CHECKING:
        _ = reveal_type(deleted)  # expect: typing.Coroutine[Any, Any, None]
        _ = reveal_type(marking)  # expect: typing.Coroutine[Any, Any, None]
        reveal_type(ids)  # expect: list[str]
        reveal_type(first_page.next_cursor)  # expect: str | None
        reveal_type(ip)  # expect: liveblocks._models.notifications.GetInboxNotificationsResponse
        reveal_type(settings)  # expect: liveblocks._models.notifications.NotificationSettings
        reveal_type(sub)  # expect: liveblocks._models.notifications.RoomSubscriptionSettings
        reveal_type(
            alls[0]
        )  # expect: liveblocks._models.notifications.UserRoomSubscriptionSettings
