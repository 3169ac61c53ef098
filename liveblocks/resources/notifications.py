"""Notifications: a user's inbox and notification settings, room subscription settings,
and custom notifications.

``client.users[user_id].inbox_notifications``, ``.notification_settings`` and
``.room_subscription_settings``; ``client.rooms[room_id].users[user_id].subscription_settings``;
``client.inbox_notifications.trigger(...)`` and ``client.inbox_notifications[id].mark_as_read()``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from .._call import Call, M, PageSpec, Resource, endpoint, paginated, query_items
from .._encoding import decode_none, segment
from .._models.notifications import (
    INBOX_NOTIFICATION,
    GetInboxNotificationsResponse,
    GetRoomSubscriptionSettingsResponse,
    InboxNotification,
    NotificationChannelSettings,
    NotificationSettings,
    RoomSubscriptionSettings,
    RoomSubscriptionSettingsTextMentions,
    RoomSubscriptionSettingsThreads,
    TriggerInboxNotificationRequestBody,
    UpdateNotificationSettingsRequestBody,
    UpdateRoomSubscriptionSettingsRequestBody,
    UserRoomSubscriptionSettings,
)
from ..types import UNSET, Unset
from ._common import json_call, limit_param

__all__ = [
    "InboxNotificationResource",
    "InboxNotifications",
    "NotificationSettingsResource",
    "RoomNotificationSettingsResource",
    "RoomSubscriptionSettingsResource",
    "UserInboxNotificationResource",
    "UserInboxNotifications",
    "UserRoomSubscriptionSettingsResource",
]

INBOX_PAGE_MAX = 50
SUBSCRIPTION_SETTINGS_PAGE_MAX = 50


# A user's inbox: /v2/users/{user_id}/inbox-notifications ----------------------------------


class UserInboxNotifications(Resource[M]):
    """A user's inbox. ``inbox_notifications[inbox_notification_id]`` binds one."""

    def __getitem__(self, inbox_notification_id: str) -> UserInboxNotificationResource[M]:
        return UserInboxNotificationResource(
            self._requester,
            f"{self._path}/{segment(inbox_notification_id, 'inbox_notification_id')}",
        )

    @paginated
    def list(
        self,
        *,
        organization_id: str | Unset = UNSET,
        query: str | Unset = UNSET,
        limit: int = 50,
        starting_after: str | None = None,
    ) -> PageSpec[GetInboxNotificationsResponse, InboxNotification]:
        """Every notification in the user's inbox, fetched ``limit`` (1-50) at a time.

        Each is an :class:`~liveblocks.models.InboxNotificationThreadData` or
        :class:`~liveblocks.models.InboxNotificationCustomData` (by ``kind``). ``query``
        filters, e.g. ``"unread:true"``; ``starting_after`` resumes from a saved page cursor.
        """
        limit_param(limit, INBOX_PAGE_MAX)

        def fetch(cursor: str | None) -> Call[GetInboxNotificationsResponse]:
            return self._page(
                organization_id=organization_id, query=query, limit=limit, starting_after=cursor
            )

        return PageSpec(fetch, _inbox_items, _inbox_next, starting_after)

    def _page(
        self,
        *,
        organization_id: str | Unset,
        query: str | Unset,
        limit: int | Unset,
        starting_after: str | Unset | None,
    ) -> Call[GetInboxNotificationsResponse]:
        params = query_items(
            {
                "organizationId": organization_id,
                "query": query,
                "limit": limit,
                "startingAfter": starting_after,
            }
        )
        return json_call("GET", self._path, GetInboxNotificationsResponse, query=params)

    @endpoint
    def delete_all(self) -> Call[None]:
        """Delete every notification in the user's inbox."""
        return json_call("DELETE", self._path, None)


class UserInboxNotificationResource(Resource[M]):
    """One notification of a user's inbox."""

    @endpoint
    def get(self) -> Call[InboxNotification]:
        """The notification, as the model its ``kind`` names."""
        return Call("GET", self._path, INBOX_NOTIFICATION.decode_response)

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the notification."""
        return json_call("DELETE", self._path, None)


def _inbox_items(page: GetInboxNotificationsResponse) -> list[InboxNotification]:
    return page.data


def _inbox_next(page: GetInboxNotificationsResponse) -> str | None:
    return page.next_cursor


# A user's notification settings: /v2/users/{user_id}/notification-settings ---------------


class NotificationSettingsResource(Resource[M]):
    """A user's notification settings for the project, per channel."""

    @endpoint
    def get(self) -> Call[NotificationSettings]:
        """The user's settings."""
        return json_call("GET", self._path, NotificationSettings)

    @endpoint
    def update(
        self,
        *,
        email: Mapping[str, bool] | Unset = UNSET,
        slack: Mapping[str, bool] | Unset = UNSET,
        teams: Mapping[str, bool] | Unset = UNSET,
        web_push: Mapping[str, bool] | Unset = UNSET,
    ) -> Call[NotificationSettings]:
        """Change the channels given, each a
        :class:`~liveblocks.models.NotificationChannelSettings` or a dict such as
        ``{"thread": True, "textMention": False, "$fileUploaded": True}``; kinds left out
        keep their setting. Returns the settings after the change."""
        return self._update(
            UpdateNotificationSettingsRequestBody(
                email=_channel(email, "email"),
                slack=_channel(slack, "slack"),
                teams=_channel(teams, "teams"),
                web_push=_channel(web_push, "web_push"),
            )
        )

    def _update(self, body: UpdateNotificationSettingsRequestBody) -> Call[NotificationSettings]:
        return json_call("POST", self._path, NotificationSettings, body)

    @endpoint
    def delete(self) -> Call[None]:
        """Reset the user's settings to the project's defaults."""
        return json_call("DELETE", self._path, None)


def _channel(value: Mapping[str, bool] | Unset, name: str) -> Mapping[str, bool] | Unset:
    if isinstance(value, (Unset, NotificationChannelSettings)):
        return value
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{name} must be a NotificationChannelSettings or a dict, got {type(value).__name__}"
        )
    # The one built-in kind whose Python name differs from the API's.
    return NotificationChannelSettings(
        {("textMention" if k == "text_mention" else k): v for k, v in value.items()}
    )


# A user's settings across rooms: /v2/users/{user_id}/room-subscription-settings -----------


class UserRoomSubscriptionSettingsResource(Resource[M]):
    """A user's subscription settings in every room where they differ from the default."""

    @paginated
    def list(
        self,
        *,
        organization_id: str | Unset = UNSET,
        limit: int = 50,
        starting_after: str | None = None,
    ) -> PageSpec[GetRoomSubscriptionSettingsResponse, UserRoomSubscriptionSettings]:
        """Every room's settings for the user, fetched ``limit`` (1-50) at a time;
        ``starting_after`` resumes from a saved page cursor."""
        limit_param(limit, SUBSCRIPTION_SETTINGS_PAGE_MAX)

        def fetch(cursor: str | None) -> Call[GetRoomSubscriptionSettingsResponse]:
            return self._page(starting_after=cursor, limit=limit, organization_id=organization_id)

        return PageSpec(fetch, _settings_items, _settings_next, starting_after)

    def _page(
        self,
        *,
        starting_after: str | Unset | None,
        limit: int | Unset,
        organization_id: str | Unset,
    ) -> Call[GetRoomSubscriptionSettingsResponse]:
        params = query_items(
            {"startingAfter": starting_after, "limit": limit, "organizationId": organization_id}
        )
        return json_call("GET", self._path, GetRoomSubscriptionSettingsResponse, query=params)


def _settings_items(
    page: GetRoomSubscriptionSettingsResponse,
) -> list[UserRoomSubscriptionSettings]:
    return page.data


def _settings_next(page: GetRoomSubscriptionSettingsResponse) -> str | None:
    return page.next_cursor


# A user's settings in one room: /v2/rooms/{room_id}/users/{user_id}/subscription-settings -


class RoomSubscriptionSettingsResource(Resource[M]):
    """A user's subscription settings for one room."""

    @endpoint
    def get(self) -> Call[RoomSubscriptionSettings]:
        """The user's settings for the room."""
        return self._get()

    def _get(self) -> Call[RoomSubscriptionSettings]:
        return json_call("GET", self._path, RoomSubscriptionSettings)

    @endpoint
    def update(
        self,
        *,
        threads: RoomSubscriptionSettingsThreads | str | Unset = UNSET,
        text_mentions: RoomSubscriptionSettingsTextMentions | str | Unset = UNSET,
    ) -> Call[RoomSubscriptionSettings]:
        """Change what notifies the user in this room: ``threads`` (``"all"``,
        ``"replies_and_mentions"``, ``"none"``), ``text_mentions`` (``"mine"``, ``"none"``)."""
        return self._update(
            UpdateRoomSubscriptionSettingsRequestBody(threads=threads, text_mentions=text_mentions)
        )

    def _update(
        self, body: UpdateRoomSubscriptionSettingsRequestBody | Unset
    ) -> Call[RoomSubscriptionSettings]:
        return json_call(
            "POST", self._path, RoomSubscriptionSettings, None if isinstance(body, Unset) else body
        )

    @endpoint
    def delete(self) -> Call[None]:
        """Reset the user's settings for the room to their defaults."""
        return self._delete()

    def _delete(self) -> Call[None]:
        return json_call("DELETE", self._path, None)


def _deprecated(what: str) -> None:
    warnings.warn(
        f"{what} is deprecated: the API renamed it to subscription settings; use "
        "rooms[room_id].users[user_id].subscription_settings instead",
        DeprecationWarning,
        stacklevel=4,  # the user's call: past this helper and the endpoint wrapper
    )


class RoomNotificationSettingsResource(RoomSubscriptionSettingsResource[M]):
    """Deprecated: the older name of :class:`RoomSubscriptionSettingsResource`
    (``.../notification-settings``). Every call warns with ``DeprecationWarning``."""

    @endpoint
    def get(self) -> Call[RoomSubscriptionSettings]:
        """Deprecated: use ``subscription_settings.get()``."""
        _deprecated("notification_settings.get()")
        return self._get()

    @endpoint
    def update(
        self,
        *,
        threads: RoomSubscriptionSettingsThreads | str | Unset = UNSET,
        text_mentions: RoomSubscriptionSettingsTextMentions | str | Unset = UNSET,
    ) -> Call[RoomSubscriptionSettings]:
        """Deprecated: use ``subscription_settings.update(...)``."""
        _deprecated("notification_settings.update()")
        return self._update(
            UpdateRoomSubscriptionSettingsRequestBody(threads=threads, text_mentions=text_mentions)
        )

    @endpoint
    def delete(self) -> Call[None]:
        """Deprecated: use ``subscription_settings.delete()``."""
        _deprecated("notification_settings.delete()")
        return self._delete()


# Not user-scoped: /v2/inbox-notifications --------------------------------------------------


class InboxNotifications(Resource[M]):
    """Trigger custom notifications; ``inbox_notifications[inbox_notification_id]`` binds one."""

    def __getitem__(self, inbox_notification_id: str) -> InboxNotificationResource[M]:
        return InboxNotificationResource(
            self._requester,
            f"{self._path}/{segment(inbox_notification_id, 'inbox_notification_id')}",
        )

    @endpoint
    def trigger(
        self,
        *,
        user_id: str,
        kind: str,
        subject_id: str,
        activity_data: Mapping[str, Any],
        room_id: str | Unset = UNSET,
        organization_id: str | Unset = UNSET,
    ) -> Call[None]:
        """Send a custom notification of ``kind`` (such as ``"$fileUploaded"``) to a user.

        Notifications with the same ``kind`` and ``subject_id`` are grouped in one, each
        trigger adding an activity that carries ``activity_data`` (string, number and
        boolean values).
        """
        return self._trigger(
            TriggerInboxNotificationRequestBody(
                user_id=user_id,
                kind=kind,
                subject_id=subject_id,
                activity_data=activity_data,
                room_id=room_id,
                organization_id=organization_id,
            )
        )

    def _trigger(self, body: TriggerInboxNotificationRequestBody | Unset) -> Call[None]:
        return json_call(
            "POST", self._path + "/trigger", None, None if isinstance(body, Unset) else body
        )


class InboxNotificationResource(Resource[M]):
    """One inbox notification, by id alone."""

    @endpoint
    def mark_as_read(self) -> Call[None]:
        """Mark the notification as read."""
        return Call("POST", self._path + "/read", decode_none)
