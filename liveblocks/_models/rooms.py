"""Models of the Room operations."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from ..types import UNSET, Unset
from ._base import FreeForm, Model, StrEnum, WithAdditionalProperties

__all__ = [
    "ActiveUsersResponse",
    "ActiveUsersResponseDataItem",
    "ActiveUsersResponseDataItemInfo",
    "CreateRoomRequestBody",
    "CreateRoomRequestBodyEngine",
    "GetRoomsResponse",
    "Room",
    "RoomAccesses",
    "RoomAccessesAdditionalPropertyItem",
    "RoomMetadata",
    "RoomPermissionItem",
    "RoomType",
    "SetPresenceRequestBody",
    "SetPresenceRequestBodyData",
    "SetPresenceRequestBodyUserInfo",
    "UpdateRoomIdRequestBody",
    "UpdateRoomOrganizationIdRequestBody",
    "UpdateRoomRequestBody",
    "UpdateRoomRequestBodyGroupsAccesses",
    "UpdateRoomRequestBodyGroupsAccessesAdditionalPropertyType0Item",
    "UpdateRoomRequestBodyMetadata",
    "UpdateRoomRequestBodyUsersAccesses",
    "UpdateRoomRequestBodyUsersAccessesAdditionalPropertyType0Item",
    "UpsertRoomRequestBody",
    "UpsertRoomRequestBodyCreate",
]


class RoomPermissionItem(StrEnum):
    """A permission on a room: ``*:read`` / ``*:write`` (or the older ``room:read`` /
    ``room:write``), refined per feature (``storage:``, ``comments:``, ``feeds:``)."""

    COMMENTSNONE = "comments:none"
    COMMENTSPRIVATENONE = "comments:private:none"
    COMMENTSPRIVATEREAD = "comments:private:read"
    COMMENTSPRIVATEWRITE = "comments:private:write"
    COMMENTSPUBLICNONE = "comments:public:none"
    COMMENTSPUBLICREAD = "comments:public:read"
    COMMENTSPUBLICWRITE = "comments:public:write"
    COMMENTSREAD = "comments:read"
    COMMENTSWRITE = "comments:write"
    FEEDSNONE = "feeds:none"
    FEEDSREAD = "feeds:read"
    FEEDSWRITE = "feeds:write"
    ROOMPRESENCEWRITE = "room:presence:write"
    ROOMREAD = "room:read"
    ROOMWRITE = "room:write"
    STORAGENONE = "storage:none"
    STORAGEREAD = "storage:read"
    STORAGEWRITE = "storage:write"
    READ = "*:read"
    WRITE = "*:write"


# The 3.16 reference names the permissions again where they appear in accesses.
RoomAccessesAdditionalPropertyItem = RoomPermissionItem
UpdateRoomRequestBodyUsersAccessesAdditionalPropertyType0Item = RoomPermissionItem
UpdateRoomRequestBodyGroupsAccessesAdditionalPropertyType0Item = RoomPermissionItem


class RoomType(StrEnum):
    ROOM = "room"


class CreateRoomRequestBodyEngine(enum.IntEnum):
    """The Storage engine of a new room."""

    VALUE_1 = 1
    VALUE_2 = 2


class RoomAccesses(FreeForm):
    """User or group id -> its permissions, e.g. ``{"alice": ["room:write"]}``."""

    _values = list[RoomPermissionItem]


class RoomMetadata(FreeForm):
    """Key -> string or list of strings, e.g. ``{"color": "blue"}``."""


class UpdateRoomRequestBodyUsersAccesses(FreeForm):
    """User id -> permissions, or ``None`` to remove the user's access."""

    _values = Union[list[RoomPermissionItem], None]


class UpdateRoomRequestBodyGroupsAccesses(FreeForm):
    """Group id -> permissions, or ``None`` to remove the group's access."""

    _values = Union[list[RoomPermissionItem], None]


class UpdateRoomRequestBodyMetadata(FreeForm):
    """Key -> value, or ``None`` to delete the key."""


if TYPE_CHECKING:
    _DecodedAccesses = RoomAccesses
else:
    # Decoded natively (permissions as enums, at msgspec's speed), then wrapped.
    _DecodedAccesses = dict[str, list[RoomPermissionItem]]


class Room(Model):
    """A room: its id, accesses and metadata."""

    id: str
    type_: RoomType
    organization_id: str
    created_at: datetime.datetime
    default_accesses: list[RoomPermissionItem]
    users_accesses: _DecodedAccesses
    groups_accesses: _DecodedAccesses
    metadata: RoomMetadata
    last_connection_at: datetime.datetime | Unset = UNSET

    def __post_init__(self) -> None:
        if type(self.users_accesses) is not RoomAccesses:
            self.users_accesses = RoomAccesses(self.users_accesses)
        if type(self.groups_accesses) is not RoomAccesses:
            self.groups_accesses = RoomAccesses(self.groups_accesses)


class GetRoomsResponse(Model):
    """One page of rooms; ``next_cursor`` is ``None`` on the last page."""

    next_cursor: str | None
    data: list[Room]


# Request bodies take the official package's models or plain values (strings for
# permissions, dicts for accesses and metadata); from_dict builds the models.
if TYPE_CHECKING:
    Permissions = Sequence[RoomPermissionItem | str]
    Accesses = RoomAccesses | Mapping[str, Sequence[RoomPermissionItem | str]]
    Metadata = RoomMetadata | Mapping[str, str | Sequence[str]]
    UsersAccessesUpdate = (
        UpdateRoomRequestBodyUsersAccesses | Mapping[str, Sequence[RoomPermissionItem | str] | None]
    )
    GroupsAccessesUpdate = (
        UpdateRoomRequestBodyGroupsAccesses
        | Mapping[str, Sequence[RoomPermissionItem | str] | None]
    )
    MetadataUpdate = UpdateRoomRequestBodyMetadata | Mapping[str, str | Sequence[str] | None]
else:
    Permissions = list[RoomPermissionItem]
    Accesses = RoomAccesses
    Metadata = RoomMetadata
    UsersAccessesUpdate = UpdateRoomRequestBodyUsersAccesses
    GroupsAccessesUpdate = UpdateRoomRequestBodyGroupsAccesses
    MetadataUpdate = UpdateRoomRequestBodyMetadata


class CreateRoomRequestBody(Model):
    """A new room. Permissions are :class:`RoomPermissionItem` values or their strings."""

    id: str
    default_accesses: Permissions
    organization_id: str | Unset = UNSET
    users_accesses: Accesses | Unset = UNSET
    groups_accesses: Accesses | Unset = UNSET
    metadata: Metadata | Unset = UNSET
    engine: CreateRoomRequestBodyEngine | Unset = UNSET


class UpdateRoomRequestBody(Model):
    """Only the fields given change; ``None`` inside a mapping deletes that key."""

    default_accesses: Permissions | Unset | None = UNSET
    users_accesses: UsersAccessesUpdate | Unset = UNSET
    groups_accesses: GroupsAccessesUpdate | Unset = UNSET
    metadata: MetadataUpdate | Unset = UNSET


class UpsertRoomRequestBodyCreate(Model):
    """The fields only a new room takes, in an upsert (the URL gives its id)."""

    default_accesses: Permissions
    organization_id: str | Unset = UNSET
    users_accesses: Accesses | Unset = UNSET
    groups_accesses: Accesses | Unset = UNSET
    metadata: Metadata | Unset = UNSET


if TYPE_CHECKING:
    UpsertCreatePart = UpsertRoomRequestBodyCreate | CreateRoomRequestBody | Mapping[str, Any]
else:
    # The 3.16 reference's CreateRoomRequestBody (with an id) is accepted too when built
    # in Python; from_dict reads the create half as the current API's model.
    UpsertCreatePart = UpsertRoomRequestBodyCreate


class UpsertRoomRequestBody(Model):
    """``update`` applies when the room exists; ``create`` adds fields for a new room."""

    update: UpdateRoomRequestBody
    create: UpsertCreatePart | Unset = UNSET


class UpdateRoomIdRequestBody(Model):
    new_room_id: str


class UpdateRoomOrganizationIdRequestBody(Model):
    from_organization_id: str
    to_organization_id: str


class ActiveUsersResponseDataItemInfo(FreeForm):
    """The user info given when the user was authorized."""


class ActiveUsersResponseDataItem(WithAdditionalProperties, Model, consts={"type": "user"}):
    type_: str
    id: str | None
    info: ActiveUsersResponseDataItemInfo
    connection_id: int


class ActiveUsersResponse(WithAdditionalProperties, Model):
    data: list[ActiveUsersResponseDataItem]


class SetPresenceRequestBodyData(FreeForm):
    """The presence object, e.g. ``{"cursor": {"x": 1, "y": 2}}``."""


class SetPresenceRequestBodyUserInfo(WithAdditionalProperties, Model):
    """``name``, ``avatar``, ``color``; keys of your own go in ``additional_properties``
    (``from_dict`` puts them there)."""

    name: str | Unset = UNSET
    avatar: str | Unset = UNSET
    color: str | Unset = UNSET


if TYPE_CHECKING:
    PresenceData = SetPresenceRequestBodyData | Mapping[str, Any]
    PresenceUserInfo = SetPresenceRequestBodyUserInfo | Mapping[str, Any]
else:
    PresenceData = SetPresenceRequestBodyData
    PresenceUserInfo = SetPresenceRequestBodyUserInfo


class SetPresenceRequestBody(Model):
    user_id: str
    data: PresenceData
    user_info: PresenceUserInfo | Unset = UNSET
    ttl: int | Unset = UNSET
