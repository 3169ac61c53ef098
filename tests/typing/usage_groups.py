"""Groups through both clients and both faces, as a user writes them.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveblocks import AsyncLiveblocks, Liveblocks, models


def sync_usage(client: Liveblocks) -> None:
    created = client.groups.create(
        id="engineering", member_ids=["alice"], scopes={"mention": True}, organization_id="org"
    )
    group = client.groups["engineering"].get()
    same = client.groups.get("engineering")
    added = client.groups["engineering"].add_members(["bob"])
    removed = client.groups["engineering"].remove_members(["alice"])
    names = [g.id for g in client.groups.list(limit=100)]
    mine = [g.id for g in client.users["alice"].groups.list()]
    client.groups["engineering"].delete()
    page = client.get_groups(limit=10, starting_after="cursor")
    flat = client.create_group(body=models.CreateGroupRequestBody(id="design"))
    client.get_group("design")
    client.add_group_members("design", body=models.AddGroupMembersRequestBody(member_ids=["a"]))
    client.remove_group_members(
        "design", body=models.RemoveGroupMembersRequestBody(member_ids=["a"])
    )
    deleted = client.delete_group("design")
    user_page = client.get_user_groups("alice", limit=5)
    pg = client.groups.list()
    listed = client.users["alice"].groups.list(limit=100).to_list()
    if TYPE_CHECKING:
        reveal_type(created)  # expect: liveblocks._models.groups.Group
        reveal_type(group)  # expect: liveblocks._models.groups.Group
        reveal_type(same)  # expect: liveblocks._models.groups.Group
        reveal_type(added)  # expect: liveblocks._models.groups.Group
        reveal_type(removed.members)  # expect: list[liveblocks._models.groups.GroupMember]
        reveal_type(names)  # expect: list[str]
        reveal_type(mine)  # expect: list[str]
        reveal_type(page)  # expect: liveblocks._models.groups.GetGroupsResponse
        reveal_type(page.data)  # expect: list[liveblocks._models.groups.Group]
        reveal_type(flat)  # expect: liveblocks._models.groups.Group
        reveal_type(deleted)  # expect: None
        reveal_type(user_page)  # expect: liveblocks._models.groups.GetUserGroupsResponse
        reveal_type(pg)  # expect: liveblocks._pagination.SyncPager[liveblocks._models.groups.Group]
        reveal_type(listed)  # expect: list[liveblocks._models.groups.Group]


async def async_usage(client: AsyncLiveblocks) -> None:
    p = client.groups["engineering"].get()
    pf = client.get_group("engineering")
    group = await p
    await pf
    await client.groups.create(id="engineering")
    await client.groups.get("engineering")
    await client.groups["engineering"].add_members(["bob"])
    await client.groups["engineering"].remove_members(("bob",))
    await client.groups["engineering"].delete()
    names = [g.id async for g in client.groups.list()]
    mine = await client.users["alice"].groups.list(limit=100).to_list()
    page = await client.get_groups()
    await client.create_group(body=models.CreateGroupRequestBody(id="design"))
    await client.add_group_members("d", body=models.AddGroupMembersRequestBody(member_ids=[]))
    await client.remove_group_members("d", body=models.RemoveGroupMembersRequestBody(member_ids=[]))
    await client.delete_group("d")
    user_page = await client.get_user_groups("alice")
    pg = client.groups.list()
    if TYPE_CHECKING:
        _ = reveal_type(p)  # expect: typing.Coroutine[Any, Any, liveblocks._models.groups.Group]
        _ = reveal_type(pf)  # expect: typing.Coroutine[Any, Any, liveblocks._models.groups.Group]
        reveal_type(group)  # expect: liveblocks._models.groups.Group
        reveal_type(names)  # expect: list[str]
        reveal_type(mine)  # expect: list[liveblocks._models.groups.Group]
        reveal_type(page)  # expect: liveblocks._models.groups.GetGroupsResponse
        reveal_type(user_page)  # expect: liveblocks._models.groups.GetUserGroupsResponse
        reveal_type(
            pg
        )  # expect: liveblocks._pagination.AsyncPager[liveblocks._models.groups.Group]
