"""Flat methods of the Notifications section."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from .._models.notifications import (
        GetInboxNotificationsResponse,
        GetRoomSubscriptionSettingsResponse,
        InboxNotification,
        NotificationSettings,
        RoomSubscriptionSettings,
        TriggerInboxNotificationRequestBody,
        UpdateNotificationSettingsRequestBody,
        UpdateRoomSubscriptionSettingsRequestBody,
    )


def _deprecated(name: str, replacement: str) -> None:
    warnings.warn(
        f"{name} is deprecated: the API renamed it; use {replacement} instead",
        DeprecationWarning,
        stacklevel=4,  # the user's call: past this helper and the endpoint wrapper
    )


class NotificationsFlatAPI(ResourceTree[M]):
    @endpoint
    def get_inbox_notification(
        self, user_id: str, inbox_notification_id: str
    ) -> Call[InboxNotification]:
        """One of a user's inbox notifications, as the model its ``kind`` names."""
        return self.users[user_id].inbox_notifications[inbox_notification_id].get.call()

    @endpoint
    def delete_inbox_notification(self, user_id: str, inbox_notification_id: str) -> Call[None]:
        """Delete one of a user's inbox notifications."""
        return self.users[user_id].inbox_notifications[inbox_notification_id].delete.call()

    @endpoint
    def get_inbox_notifications(
        self,
        user_id: str,
        *,
        organization_id: str | Unset = UNSET,
        query: str | Unset = UNSET,
        limit: int | Unset = 50,
        starting_after: str | Unset = UNSET,
    ) -> Call[GetInboxNotificationsResponse]:
        """One page of a user's inbox (``users[id].inbox_notifications.list()`` iterates
        over all of it)."""
        return self.users[user_id].inbox_notifications._page(
            organization_id=organization_id,
            query=query,
            limit=limit,
            starting_after=starting_after,
        )

    @endpoint
    def delete_all_inbox_notifications(self, user_id: str) -> Call[None]:
        """Delete every notification in a user's inbox."""
        return self.users[user_id].inbox_notifications.delete_all.call()

    @endpoint
    def get_notification_settings(self, user_id: str) -> Call[NotificationSettings]:
        """A user's notification settings."""
        return self.users[user_id].notification_settings.get.call()

    @endpoint
    def update_notification_settings(
        self, user_id: str, *, body: UpdateNotificationSettingsRequestBody
    ) -> Call[NotificationSettings]:
        """Change a user's notification settings."""
        return self.users[user_id].notification_settings._update(body)

    @endpoint
    def delete_notification_settings(self, user_id: str) -> Call[None]:
        """Reset a user's notification settings."""
        return self.users[user_id].notification_settings.delete.call()

    @endpoint
    def get_room_subscription_settings(
        self, room_id: str, user_id: str
    ) -> Call[RoomSubscriptionSettings]:
        """A user's subscription settings for a room."""
        return self.rooms[room_id].users[user_id].subscription_settings._get()

    @endpoint
    def update_room_subscription_settings(
        self, room_id: str, user_id: str, *, body: UpdateRoomSubscriptionSettingsRequestBody
    ) -> Call[RoomSubscriptionSettings]:
        """Change a user's subscription settings for a room."""
        return self.rooms[room_id].users[user_id].subscription_settings._update(body)

    @endpoint
    def delete_room_subscription_settings(self, room_id: str, user_id: str) -> Call[None]:
        """Reset a user's subscription settings for a room."""
        return self.rooms[room_id].users[user_id].subscription_settings._delete()

    @endpoint
    def get_user_room_subscription_settings(
        self,
        user_id: str,
        *,
        starting_after: str | Unset = UNSET,
        limit: int | Unset = 50,
        organization_id: str | Unset = UNSET,
    ) -> Call[GetRoomSubscriptionSettingsResponse]:
        """One page of a user's room subscription settings."""
        return self.users[user_id].room_subscription_settings._page(
            starting_after=starting_after, limit=limit, organization_id=organization_id
        )

    @endpoint
    def get_room_notification_settings(
        self, room_id: str, user_id: str
    ) -> Call[RoomSubscriptionSettings]:
        """Deprecated: use :meth:`get_room_subscription_settings`."""
        _deprecated("get_room_notification_settings", "get_room_subscription_settings")
        return self.rooms[room_id].users[user_id].notification_settings._get()

    @endpoint
    def update_room_notification_settings(
        self,
        room_id: str,
        user_id: str,
        *,
        body: UpdateRoomSubscriptionSettingsRequestBody | Unset = UNSET,
    ) -> Call[RoomSubscriptionSettings]:
        """Deprecated: use :meth:`update_room_subscription_settings`."""
        _deprecated("update_room_notification_settings", "update_room_subscription_settings")
        return self.rooms[room_id].users[user_id].notification_settings._update(body)

    @endpoint
    def delete_room_notification_settings(self, room_id: str, user_id: str) -> Call[None]:
        """Deprecated: use :meth:`delete_room_subscription_settings`."""
        _deprecated("delete_room_notification_settings", "delete_room_subscription_settings")
        return self.rooms[room_id].users[user_id].notification_settings._delete()

    @endpoint
    def trigger_inbox_notification(
        self, *, body: TriggerInboxNotificationRequestBody
    ) -> Call[None]:
        """Send a custom notification to a user."""
        return self.inbox_notifications._trigger(body)

    @endpoint
    def mark_inbox_notification_as_read(self, inbox_notification_id: str) -> Call[None]:
        """Mark an inbox notification as read."""
        return self.inbox_notifications[inbox_notification_id].mark_as_read.call()
