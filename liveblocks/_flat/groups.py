"""Flat methods of the Groups section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from .._models.groups import (
        AddGroupMembersRequestBody,
        CreateGroupRequestBody,
        GetGroupsResponse,
        GetUserGroupsResponse,
        Group,
        RemoveGroupMembersRequestBody,
    )


class GroupsFlatAPI(ResourceTree[M]):
    @endpoint
    def get_groups(
        self, *, limit: int | Unset = 20, starting_after: str | Unset = UNSET
    ) -> Call[GetGroupsResponse]:
        """One page of groups (``groups.list()`` iterates over all of them)."""
        return self.groups._page(limit=limit, starting_after=starting_after)

    @endpoint
    def create_group(self, *, body: CreateGroupRequestBody) -> Call[Group]:
        """Create a group."""
        return self.groups._create(body)

    @endpoint
    def get_group(self, group_id: str) -> Call[Group]:
        """Get a group."""
        return self.groups[group_id].get.call()

    @endpoint
    def delete_group(self, group_id: str) -> Call[None]:
        """Delete a group."""
        return self.groups[group_id].delete.call()

    @endpoint
    def add_group_members(self, group_id: str, *, body: AddGroupMembersRequestBody) -> Call[Group]:
        """Add members to a group."""
        return self.groups[group_id]._add_members(body)

    @endpoint
    def remove_group_members(
        self, group_id: str, *, body: RemoveGroupMembersRequestBody
    ) -> Call[Group]:
        """Remove members from a group."""
        return self.groups[group_id]._remove_members(body)

    @endpoint
    def get_user_groups(
        self, user_id: str, *, limit: int | Unset = 20, starting_after: str | Unset = UNSET
    ) -> Call[GetUserGroupsResponse]:
        """One page of the groups a user is a member of."""
        return self.users[user_id].groups._page(limit=limit, starting_after=starting_after)
