"""Groups: ``client.groups``, ``client.groups[group_id]`` and ``client.users[user_id].groups``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._call import Call, M, PageSpec, Resource, endpoint, paginated, query_items
from .._encoding import segment
from .._models.groups import (
    AddGroupMembersRequestBody,
    CreateGroupRequestBody,
    CreateGroupRequestBodyScopes,
    GetGroupsResponse,
    GetUserGroupsResponse,
    Group,
    RemoveGroupMembersRequestBody,
)
from ..types import UNSET, Unset
from ._common import coerce, json_call, limit_param

__all__ = ["GroupResource", "Groups", "UserGroups"]

GROUPS_PAGE_MAX = 100


class Groups(Resource[M]):
    """All groups of the project. ``groups[group_id]`` binds one group without a request."""

    def __getitem__(self, group_id: str) -> GroupResource[M]:
        return GroupResource(self._requester, f"{self._path}/{segment(group_id, 'group_id')}")

    @paginated
    def list(
        self, *, limit: int = 20, starting_after: str | None = None
    ) -> PageSpec[GetGroupsResponse, Group]:
        """Every group, fetched ``limit`` (1-100) at a time; ``starting_after`` resumes
        from a saved page cursor."""
        limit_param(limit, GROUPS_PAGE_MAX)

        def fetch(cursor: str | None) -> Call[GetGroupsResponse]:
            return self._page(limit=limit, starting_after=cursor)

        return PageSpec(fetch, _group_items, _next_cursor, starting_after)

    def _page(
        self, *, limit: int | Unset, starting_after: str | Unset | None
    ) -> Call[GetGroupsResponse]:
        params = query_items({"limit": limit, "startingAfter": starting_after})
        return json_call("GET", self._path, GetGroupsResponse, query=params)

    @endpoint
    def create(
        self,
        *,
        id: str,
        member_ids: Sequence[str] | Unset = UNSET,
        organization_id: str | Unset = UNSET,
        scopes: CreateGroupRequestBodyScopes | Mapping[str, Any] | Unset = UNSET,
    ) -> Call[Group]:
        """Create a group, optionally with its first members; ``scopes={"mention": True}``
        lets users mention the group."""
        segment(id, "id")
        return self._create(
            CreateGroupRequestBody(
                id=id,
                member_ids=UNSET if isinstance(member_ids, Unset) else _ids(member_ids),
                organization_id=organization_id,
                scopes=UNSET
                if isinstance(scopes, Unset)
                else coerce(CreateGroupRequestBodyScopes, scopes, "scopes"),
            )
        )

    def _create(self, body: CreateGroupRequestBody | Unset) -> Call[Group]:
        return json_call("POST", self._path, Group, None if isinstance(body, Unset) else body)

    @endpoint
    def get(self, group_id: str) -> Call[Group]:
        """The group with this id (same as ``groups[group_id].get()``)."""
        return self[group_id].get.call()


class GroupResource(Resource[M]):
    """One group, bound by id. Makes no request until a method is called."""

    @endpoint
    def get(self) -> Call[Group]:
        """The group and its members."""
        return json_call("GET", self._path, Group)

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the group."""
        return json_call("DELETE", self._path, None)

    @endpoint
    def add_members(self, member_ids: Sequence[str]) -> Call[Group]:
        """Add users to the group; returns the group after the change."""
        return self._add_members(AddGroupMembersRequestBody(member_ids=_ids(member_ids)))

    def _add_members(self, body: AddGroupMembersRequestBody) -> Call[Group]:
        return json_call("POST", self._path + "/add-members", Group, body)

    @endpoint
    def remove_members(self, member_ids: Sequence[str]) -> Call[Group]:
        """Remove users from the group; returns the group after the change."""
        return self._remove_members(RemoveGroupMembersRequestBody(member_ids=_ids(member_ids)))

    def _remove_members(self, body: RemoveGroupMembersRequestBody) -> Call[Group]:
        return json_call("POST", self._path + "/remove-members", Group, body)


class UserGroups(Resource[M]):
    """The groups one user is a member of: ``client.users[user_id].groups``."""

    @paginated
    def list(
        self, *, limit: int = 20, starting_after: str | None = None
    ) -> PageSpec[GetUserGroupsResponse, Group]:
        """Every group the user is in, fetched ``limit`` (1-100) at a time."""
        limit_param(limit, GROUPS_PAGE_MAX)

        def fetch(cursor: str | None) -> Call[GetUserGroupsResponse]:
            return self._page(limit=limit, starting_after=cursor)

        return PageSpec(fetch, _group_items, _next_cursor, starting_after)

    def _page(
        self, *, limit: int | Unset, starting_after: str | Unset | None
    ) -> Call[GetUserGroupsResponse]:
        params = query_items({"limit": limit, "startingAfter": starting_after})
        return json_call("GET", self._path, GetUserGroupsResponse, query=params)


def _ids(member_ids: Sequence[str]) -> list[str]:
    """User ids as a list; a lone string is refused (it would be read as its letters)."""
    if isinstance(member_ids, (str, bytes)) or not isinstance(member_ids, Iterable):
        raise TypeError(f"member_ids must be a list of user ids, got {type(member_ids).__name__}")
    return list(member_ids)


def _group_items(page: GetGroupsResponse | GetUserGroupsResponse) -> list[Group]:
    return page.data


def _next_cursor(page: GetGroupsResponse | GetUserGroupsResponse) -> str | None:
    return page.next_cursor
