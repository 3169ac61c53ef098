"""Models of the Notifications operations: inbox notifications, notification settings and
room subscription settings."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union

import msgspec

from ..types import UNSET, Unset
from ._base import FreeForm, Model, StrEnum, WithAdditionalProperties
from ._unions import TaggedUnion, from_dict_via_json

__all__ = [
    "GetInboxNotificationsResponse",
    "GetRoomSubscriptionSettingsResponse",
    "InboxNotification",
    "InboxNotificationActivity",
    "InboxNotificationActivityData",
    "InboxNotificationCustomData",
    "InboxNotificationThreadData",
    "InboxNotificationUnknownData",
    "NotificationChannelSettings",
    "NotificationSettings",
    "RoomSubscriptionSettings",
    "RoomSubscriptionSettingsTextMentions",
    "RoomSubscriptionSettingsThreads",
    "TriggerInboxNotificationRequestBody",
    "TriggerInboxNotificationRequestBodyActivityData",
    "UpdateNotificationSettingsRequestBody",
    "UpdateRoomSubscriptionSettingsRequestBody",
    "UpdateRoomSubscriptionSettingsRequestBodyTextMentions",
    "UpdateRoomSubscriptionSettingsRequestBodyThreads",
    "UserRoomSubscriptionSettings",
    "UserRoomSubscriptionSettingsTextMentions",
    "UserRoomSubscriptionSettingsThreads",
]


# Inbox notifications ----------------------------------------------------------------------


class InboxNotificationActivityData(FreeForm):
    """The data of one activity of a custom notification, as it was triggered."""


class InboxNotificationActivity(Model):
    """One activity of a custom notification (several triggers may be grouped in one)."""

    id: str
    created_at: datetime.datetime
    data: InboxNotificationActivityData


class InboxNotificationThreadData(WithAdditionalProperties, Model):
    """A notification about activity in a comment thread (``kind`` is ``"thread"``)."""

    id: str
    kind: str
    thread_id: str
    room_id: str
    read_at: datetime.datetime | None
    notified_at: datetime.datetime
    organization_id: str | Unset = UNSET


class InboxNotificationCustomData(Model, consts={"kind": "custom"}):
    """A notification your back end triggered (``kind`` is ``"custom"`` or ``"$yourKind"``)."""

    id: str
    kind: str
    subject_id: str
    read_at: datetime.datetime | None
    notified_at: datetime.datetime
    activities: list[InboxNotificationActivity]
    room_id: str | Unset | None = UNSET


class InboxNotificationUnknownData(Model):
    """A notification of a kind this SDK does not know (such as ``"textMention"``): the
    fields every notification has. It keeps one new kind from making a whole list
    undecodable; check ``kind`` to tell what it is."""

    id: str
    kind: str
    read_at: datetime.datetime | None
    notified_at: datetime.datetime
    room_id: str | Unset | None = UNSET


#: Any inbox notification, told apart by ``kind``: thread, custom, or a kind this SDK does
#: not know. Every one has ``id``, ``kind``, ``read_at`` and ``notified_at``.
InboxNotification = Union[
    InboxNotificationThreadData, InboxNotificationCustomData, InboxNotificationUnknownData
]

#: Decodes an inbox notification to its model by ``kind``.
INBOX_NOTIFICATION: TaggedUnion[InboxNotification] = TaggedUnion(
    "kind",
    {"thread": InboxNotificationThreadData, "custom": InboxNotificationCustomData},
    InboxNotificationUnknownData,
    prefixes={"$": InboxNotificationCustomData},
)

if TYPE_CHECKING:
    _InboxNotificationItem = InboxNotification
else:
    # Decoded as raw JSON first, then by kind in __post_init__ (see models/_unions.py).
    _InboxNotificationItem = msgspec.Raw


class GetInboxNotificationsResponse(Model):
    """One page of a user's inbox notifications; ``next_cursor`` is ``None`` on the last."""

    next_cursor: str | None
    data: list[_InboxNotificationItem]

    def __post_init__(self) -> None:
        self.data = INBOX_NOTIFICATION.resolve_all(self.data)

    @classmethod
    def _convert(cls, src_dict: Mapping[str, Any]) -> GetInboxNotificationsResponse:
        return from_dict_via_json(cls, src_dict)


class TriggerInboxNotificationRequestBodyActivityData(FreeForm):
    """The activity's data: your own keys, with string, number or boolean values."""


if TYPE_CHECKING:
    ActivityData = TriggerInboxNotificationRequestBodyActivityData | Mapping[str, Any]
else:
    ActivityData = TriggerInboxNotificationRequestBodyActivityData


class TriggerInboxNotificationRequestBody(WithAdditionalProperties, Model):
    """A custom notification to send to one user.

    Notifications with the same ``kind`` and ``subject_id`` are grouped, each trigger
    adding an activity with its ``activity_data``.
    """

    user_id: str
    kind: str
    subject_id: str
    activity_data: ActivityData
    room_id: str | Unset = UNSET
    organization_id: str | Unset = UNSET


# Notification settings --------------------------------------------------------------------

_BUILT_IN_KINDS = ("thread", "textMention")


class NotificationChannelSettings(FreeForm):
    """Which notification kinds one channel (email, Slack, Teams, web push) delivers.

    A ``dict`` of the API's keys to booleans: ``thread``, ``textMention`` and your custom
    kinds (``"$fileUploaded"``). ``thread`` and ``text_mention`` are also attributes::

        NotificationChannelSettings(thread=True, text_mention=False, **{"$fileUploaded": True})
        settings.email.thread, settings.email["$fileUploaded"]
    """

    def __init__(
        self,
        src: Mapping[str, bool] | None = None,
        /,
        *,
        thread: bool | Unset = UNSET,
        text_mention: bool | Unset = UNSET,
        **kinds: bool,
    ) -> None:
        super().__init__(src or {}, **kinds)
        if not isinstance(thread, Unset):
            self["thread"] = thread
        if not isinstance(text_mention, Unset):
            self["textMention"] = text_mention

    @property
    def thread(self) -> bool | Unset:
        """Whether thread notifications are delivered (``UNSET``: not given)."""
        value: bool | Unset = self.get("thread", UNSET)
        return value

    @thread.setter
    def thread(self, value: bool) -> None:
        self["thread"] = value

    @property
    def text_mention(self) -> bool | Unset:
        """Whether text mention notifications are delivered (``UNSET``: not given)."""
        value: bool | Unset = self.get("textMention", UNSET)
        return value

    @text_mention.setter
    def text_mention(self, value: bool) -> None:
        self["textMention"] = value

    @property
    def additional_properties(self) -> dict[str, Any]:
        """The custom kinds only (a copy), e.g. ``{"$fileUploaded": True}``."""
        return {k: v for k, v in self.items() if k not in _BUILT_IN_KINDS}

    @additional_properties.setter
    def additional_properties(self, value: Mapping[str, Any]) -> None:
        kept = {k: v for k, v in self.items() if k in _BUILT_IN_KINDS}
        self.clear()
        self.update(value)
        self.update(kept)

    @property
    def additional_keys(self) -> list[str]:
        return [k for k in self if k not in _BUILT_IN_KINDS]


class NotificationSettings(Model):
    """A user's notification settings, per channel."""

    email: NotificationChannelSettings | Unset = UNSET
    slack: NotificationChannelSettings | Unset = UNSET
    teams: NotificationChannelSettings | Unset = UNSET
    web_push: NotificationChannelSettings | Unset = UNSET


if TYPE_CHECKING:
    ChannelSettings = NotificationChannelSettings | Mapping[str, bool]
else:
    ChannelSettings = NotificationChannelSettings


class UpdateNotificationSettingsRequestBody(Model):
    """The channels to change; each as :class:`NotificationChannelSettings` or a dict of
    the API's keys (``{"thread": True, "$fileUploaded": False}``). Kinds left out keep
    their setting."""

    email: ChannelSettings | Unset = UNSET
    slack: ChannelSettings | Unset = UNSET
    teams: ChannelSettings | Unset = UNSET
    web_push: ChannelSettings | Unset = UNSET


# Room subscription settings ---------------------------------------------------------------


class RoomSubscriptionSettingsThreads(StrEnum):
    """Which thread activity in a room notifies the user."""

    ALL = "all"
    NONE = "none"
    REPLIES_AND_MENTIONS = "replies_and_mentions"


class RoomSubscriptionSettingsTextMentions(StrEnum):
    """Whether text mentions of the user in a room notify them."""

    MINE = "mine"
    NONE = "none"


# The reference names the same values again for requests and for the per-user list.
UpdateRoomSubscriptionSettingsRequestBodyThreads = RoomSubscriptionSettingsThreads
UpdateRoomSubscriptionSettingsRequestBodyTextMentions = RoomSubscriptionSettingsTextMentions
UserRoomSubscriptionSettingsThreads = RoomSubscriptionSettingsThreads
UserRoomSubscriptionSettingsTextMentions = RoomSubscriptionSettingsTextMentions


class RoomSubscriptionSettings(Model):
    """A user's subscription settings for one room."""

    threads: RoomSubscriptionSettingsThreads
    text_mentions: RoomSubscriptionSettingsTextMentions


class UserRoomSubscriptionSettings(Model):
    """A user's subscription settings for the room ``room_id``."""

    threads: RoomSubscriptionSettingsThreads
    text_mentions: RoomSubscriptionSettingsTextMentions
    room_id: str


class GetRoomSubscriptionSettingsResponse(Model):
    """One page of a user's room subscription settings."""

    next_cursor: str | None
    data: list[UserRoomSubscriptionSettings]


if TYPE_CHECKING:
    ThreadsSetting = RoomSubscriptionSettingsThreads | str
    TextMentionsSetting = RoomSubscriptionSettingsTextMentions | str
else:
    ThreadsSetting = RoomSubscriptionSettingsThreads
    TextMentionsSetting = RoomSubscriptionSettingsTextMentions


class UpdateRoomSubscriptionSettingsRequestBody(Model):
    """The settings to change: :class:`RoomSubscriptionSettingsThreads` and
    :class:`RoomSubscriptionSettingsTextMentions` values, or their strings."""

    threads: ThreadsSetting | Unset = UNSET
    text_mentions: TextMentionsSetting | Unset = UNSET
