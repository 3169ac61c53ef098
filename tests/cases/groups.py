"""Groups operations."""

from __future__ import annotations

import datetime
from typing import Any

from liveblocks import models
from liveblocks._pagination import Page

from ._case import OpCase, api_json, example

GROUP = example("Group")
GROUP_PATH = "/v2/groups/engineering"
#: A group with fields and scopes the reference does not know.
FUTURE_GROUP = {
    **GROUP,
    "description": "Builds things",
    "scopes": {"mention": False, "assign": True},
    "members": [{"id": "carol", "addedAt": "2024-02-01T08:00:00.000Z", "role": "admin"}],
}
PAGE = {"data": [GROUP, FUTURE_GROUP], "nextCursor": "cursor-2"}


def check_none(value: Any) -> None:
    assert value is None


def check_group(value: Any) -> None:
    assert isinstance(value, models.Group)
    assert value.type_ == "group"
    assert value.id == "engineering"
    assert value.organization_id == "org_123456789"
    assert value.created_at == datetime.datetime(2024, 1, 15, 10, 30, tzinfo=datetime.timezone.utc)
    assert value.updated_at == value.created_at
    assert isinstance(value.scopes, models.GroupScopes)
    assert value.scopes.mention is True
    assert [m.id for m in value.members] == ["alice", "bob"]
    assert all(isinstance(m, models.GroupMember) for m in value.members)
    assert value.members[1].added_at == datetime.datetime(
        2024, 1, 16, 9, 0, tzinfo=datetime.timezone.utc
    )
    assert api_json(value) == GROUP


def check_future_group(value: Any) -> None:
    assert isinstance(value, models.Group)
    assert value.scopes.mention is False
    (member,) = value.members
    assert member.id == "carol"
    assert member.added_at == datetime.datetime(2024, 2, 1, 8, 0, tzinfo=datetime.timezone.utc)


def _page_parts(value: Any, response_type: type) -> tuple[list[Any], str | None]:
    if isinstance(value, Page):
        return list(value.items), value.next_cursor
    assert isinstance(value, response_type)
    return list(value.data), value.next_cursor


def check_groups_page(value: Any) -> None:
    items, cursor = _page_parts(value, models.GetGroupsResponse)
    assert cursor == "cursor-2"
    check_group(items[0])
    check_future_group(items[1])


def check_user_groups_page(value: Any) -> None:
    items, cursor = _page_parts(value, models.GetUserGroupsResponse)
    assert cursor == "cursor-2"
    check_group(items[0])
    check_future_group(items[1])


def check_last_page(value: Any) -> None:
    items, cursor = _page_parts(value, models.GetGroupsResponse)
    assert cursor is None
    (group,) = items
    assert group.id == "engineering"
    assert group.scopes.mention is True


def check_user_last_page(value: Any) -> None:
    items, cursor = _page_parts(value, models.GetUserGroupsResponse)
    assert cursor is None
    assert [g.members[0].id for g in items] == ["alice"]


CASES = [
    OpCase(
        "get_groups",
        lambda c: c.get_groups(),
        "GET",
        "/v2/groups",
        query={"limit": "20"},
        response=example("GetGroupsResponse"),
        check=check_last_page,
        resource=lambda c: c.groups.list().first_page(),
    ),
    OpCase(
        "get_groups",
        lambda c: c.get_groups(limit=100, starting_after="eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9"),
        "GET",
        "/v2/groups",
        query={"limit": "100", "startingAfter": "eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9"},
        response=PAGE,
        check=check_groups_page,
        resource=lambda c: c.groups.list(
            limit=100, starting_after="eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9"
        ).first_page(),
        id="cursor-extra-fields",
    ),
    OpCase(
        "create_group",
        lambda c: c.create_group(
            body=models.CreateGroupRequestBody(
                id="engineering",
                member_ids=["alice", "bob"],
                organization_id="org_123456789",
                scopes=models.CreateGroupRequestBodyScopes(mention=True),
            )
        ),
        "POST",
        "/v2/groups",
        body=example("CreateGroupRequestBody"),
        response=GROUP,
        check=check_group,
        resource=lambda c: c.groups.create(
            id="engineering",
            member_ids=("alice", "bob"),
            organization_id="org_123456789",
            scopes={"mention": True},
        ),
    ),
    OpCase(
        "create_group",
        lambda c: c.create_group(body=models.CreateGroupRequestBody(id="engineering")),
        "POST",
        "/v2/groups",
        body={"id": "engineering"},
        response=GROUP,
        check=check_group,
        resource=lambda c: c.groups.create(id="engineering"),
        id="id-only",
    ),
    OpCase(
        "get_group",
        lambda c: c.get_group("engineering"),
        "GET",
        GROUP_PATH,
        response=GROUP,
        check=check_group,
        resource=lambda c: c.groups["engineering"].get(),
    ),
    OpCase(
        "get_group",
        lambda c: c.get_group(group_id="eng/ops #1"),
        "GET",
        "/v2/groups/eng%2Fops%20%231",
        response=FUTURE_GROUP,
        check=check_future_group,
        resource=lambda c: c.groups.get("eng/ops #1"),
        id="encoded-id-extra-fields",
    ),
    OpCase(
        "delete_group",
        lambda c: c.delete_group("engineering"),
        "DELETE",
        GROUP_PATH,
        status=204,
        check=check_none,
        resource=lambda c: c.groups["engineering"].delete(),
    ),
    OpCase(
        "add_group_members",
        lambda c: c.add_group_members(
            "engineering",
            body=models.AddGroupMembersRequestBody(member_ids=["charlie", "dave"]),
        ),
        "POST",
        GROUP_PATH + "/add-members",
        body=example("AddGroupMembersRequestBody"),
        response=GROUP,
        check=check_group,
        resource=lambda c: c.groups["engineering"].add_members(["charlie", "dave"]),
    ),
    OpCase(
        "remove_group_members",
        lambda c: c.remove_group_members(
            "engineering", body=models.RemoveGroupMembersRequestBody(member_ids=["charlie"])
        ),
        "POST",
        GROUP_PATH + "/remove-members",
        body=example("RemoveGroupMembersRequestBody"),
        response=GROUP,
        check=check_group,
        resource=lambda c: c.groups["engineering"].remove_members(member_ids=["charlie"]),
    ),
    OpCase(
        "get_user_groups",
        lambda c: c.get_user_groups("user-123"),
        "GET",
        "/v2/users/user-123/groups",
        query={"limit": "20"},
        response=example("GetUserGroupsResponse"),
        check=check_user_last_page,
        resource=lambda c: c.users["user-123"].groups.list().first_page(),
    ),
    OpCase(
        "get_user_groups",
        lambda c: c.get_user_groups(user_id="user 123", limit=5, starting_after="c1"),
        "GET",
        "/v2/users/user%20123/groups",
        query={"limit": "5", "startingAfter": "c1"},
        response=PAGE,
        check=check_user_groups_page,
        resource=lambda c: (
            c.users["user 123"].groups.list(limit=5, starting_after="c1").first_page()
        ),
        id="cursor-encoded-id",
    ),
]
