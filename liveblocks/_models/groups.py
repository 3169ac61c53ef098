"""Models of the Groups operations."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from ..types import UNSET, Unset
from ._base import Model, WithAdditionalProperties

__all__ = [
    "AddGroupMembersRequestBody",
    "CreateGroupRequestBody",
    "CreateGroupRequestBodyScopes",
    "GetGroupsResponse",
    "GetUserGroupsResponse",
    "Group",
    "GroupMember",
    "GroupScopes",
    "RemoveGroupMembersRequestBody",
]


class GroupScopes(WithAdditionalProperties, Model):
    """What a group may be used for; ``mention``: members can mention the group."""

    mention: bool | Unset = UNSET


class GroupMember(WithAdditionalProperties, Model):
    """A member of a group and when they were added."""

    id: str
    added_at: datetime.datetime


class Group(WithAdditionalProperties, Model, consts={"type": "group"}):
    """A group of users, to give room access to or to mention together."""

    type_: str
    id: str
    organization_id: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    scopes: GroupScopes
    members: list[GroupMember]


class GetGroupsResponse(Model):
    """One page of the project's groups; ``next_cursor`` is ``None`` on the last page."""

    data: list[Group]
    next_cursor: str | None


class GetUserGroupsResponse(Model):
    """One page of the groups a user is a member of."""

    data: list[Group]
    next_cursor: str | None


class CreateGroupRequestBodyScopes(WithAdditionalProperties, Model):
    """The new group's scopes; ``mention=True`` lets users mention it."""

    mention: bool | Unset = UNSET


class CreateGroupRequestBody(Model):
    """A new group, with its first members."""

    id: str
    member_ids: Sequence[str] | Unset = UNSET
    organization_id: str | Unset = UNSET
    scopes: CreateGroupRequestBodyScopes | Unset = UNSET


class AddGroupMembersRequestBody(WithAdditionalProperties, Model):
    """The ids of the users to add."""

    member_ids: Sequence[str]


class RemoveGroupMembersRequestBody(WithAdditionalProperties, Model):
    """The ids of the users to remove."""

    member_ids: Sequence[str]
