"""Users: ``client.users[user_id]`` and ``client.rooms[room_id].users[user_id]``.

A user is bound by id alone; the API has no user objects of its own, so these nodes only
lead to what belongs to the user: their inbox, settings and groups.
"""

from __future__ import annotations

from .._call import M, Resource, cached_property
from .groups import UserGroups
from .notifications import (
    NotificationSettingsResource,
    RoomNotificationSettingsResource,
    RoomSubscriptionSettingsResource,
    UserInboxNotifications,
    UserRoomSubscriptionSettingsResource,
)

__all__ = ["RoomUserResource", "RoomUsers", "UserResource", "Users"]


class Users(Resource[M]):
    """``users[user_id]`` binds one user without a request."""

    path_template = "/v2/users"

    def __getitem__(self, user_id: str) -> UserResource[M]:
        return UserResource(self._requester, self._bind("user_id", user_id))


class UserResource(Resource[M]):
    """One user of the project, bound by id."""

    path_template = "/v2/users/{user_id}"

    @cached_property
    def inbox_notifications(self) -> UserInboxNotifications[M]:
        """The user's inbox: ``.list()``, ``.delete_all()``, ``[inbox_notification_id]``."""
        return UserInboxNotifications(self._requester, self._ids)

    @cached_property
    def notification_settings(self) -> NotificationSettingsResource[M]:
        """The user's notification settings: ``.get()``, ``.update(...)``, ``.delete()``."""
        return NotificationSettingsResource(self._requester, self._ids)

    @cached_property
    def room_subscription_settings(self) -> UserRoomSubscriptionSettingsResource[M]:
        """The user's subscription settings across rooms: ``.list()``."""
        return UserRoomSubscriptionSettingsResource(self._requester, self._ids)

    @cached_property
    def groups(self) -> UserGroups[M]:
        """The groups the user is a member of: ``.list()``."""
        return UserGroups(self._requester, self._ids)


class RoomUsers(Resource[M]):
    """A room's users: ``rooms[room_id].users[user_id]`` binds one without a request."""

    path_template = "/v2/rooms/{room_id}/users"

    def __getitem__(self, user_id: str) -> RoomUserResource[M]:
        return RoomUserResource(self._requester, self._bind("user_id", user_id))


class RoomUserResource(Resource[M]):
    """One user in one room."""

    path_template = "/v2/rooms/{room_id}/users/{user_id}"

    @cached_property
    def subscription_settings(self) -> RoomSubscriptionSettingsResource[M]:
        """The user's subscription settings for the room: ``.get()``, ``.update(...)``,
        ``.delete()``."""
        return RoomSubscriptionSettingsResource(self._requester, self._ids)

    @cached_property
    def notification_settings(self) -> RoomNotificationSettingsResource[M]:
        """Deprecated: the older name of :attr:`subscription_settings`; its calls warn."""
        return RoomNotificationSettingsResource(self._requester, self._ids)
