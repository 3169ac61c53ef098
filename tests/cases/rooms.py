"""Room operations."""

from __future__ import annotations

import datetime
from typing import Any

from liveblocks import models

from ._case import OpCase, api_json, example

ROOM = example("Room")
ROOM_PATH = "/v2/rooms/my-room-id"


def check_room(room: Any) -> None:
    assert isinstance(room, models.Room)
    assert room.id == "my-room-id"
    assert room.type_ == models.RoomType.ROOM
    assert room.organization_id == "org_123456789"
    assert room.created_at == datetime.datetime(
        2022, 7, 13, 14, 32, 50, 697000, tzinfo=datetime.timezone.utc
    )
    assert room.last_connection_at == datetime.datetime(
        2022, 8, 4, 21, 7, 9, 380000, tzinfo=datetime.timezone.utc
    )
    assert room.default_accesses == [models.RoomPermissionItem.ROOMWRITE]
    assert isinstance(room.metadata, models.RoomMetadata)
    assert room.metadata == {"color": "blue", "type": "whiteboard"}
    assert room.users_accesses == {"alice": ["room:write"]}
    assert room.groups_accesses == {"marketing": ["room:write"]}
    assert api_json(room) == ROOM


def check_rooms_page(page: Any) -> None:
    assert isinstance(page, models.GetRoomsResponse)
    assert page.next_cursor == "eyJjcmVhdGVkQXQiOjE2NjAwMDA5ODgxMzd9"
    assert [r.id for r in page.data] == ["my-room-id"]
    assert page.data[0].groups_accesses == {"product": ["room:write"]}


def check_none(value: Any) -> None:
    assert value is None


def check_active_users(value: Any) -> None:
    assert isinstance(value, models.ActiveUsersResponse)
    assert [(u.id, u.connection_id, u.type_) for u in value.data] == [
        ("alice", 16, "user"),
        ("bob", 20, "user"),
    ]


CASES = [
    OpCase(
        "get_rooms",
        lambda c: c.get_rooms(),
        "GET",
        "/v2/rooms",
        query={"limit": "20"},
        response=example("GetRoomsResponse"),
        check=check_rooms_page,
    ),
    OpCase(
        "get_rooms",
        lambda c: c.get_rooms(
            limit=50,
            starting_after="cur",
            organization_id="org_1",
            query='metadata["color"]:"blue"',
            user_id="user-123",
            group_ids="group1,group2",
        ),
        "GET",
        "/v2/rooms",
        query={
            "limit": "50",
            "startingAfter": "cur",
            "organizationId": "org_1",
            "query": 'metadata["color"]:"blue"',
            "userId": "user-123",
            "groupIds": "group1,group2",
        },
        response=example("GetRoomsResponse"),
        check=check_rooms_page,
        id="filters",
    ),
    OpCase(
        "create_room",
        lambda c: c.create_room(
            body=models.CreateRoomRequestBody(
                id="my-room-id",
                default_accesses=[models.RoomPermissionItem.ROOMWRITE],
                metadata=models.RoomMetadata(color="blue"),
                users_accesses={"alice": ["room:write"]},
                groups_accesses={"product": ["room:write"]},
            )
        ),
        "POST",
        "/v2/rooms",
        body=example("CreateRoomRequestBody"),
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms.create(
            id="my-room-id",
            default_accesses=["room:write"],
            metadata={"color": "blue"},
            users_accesses={"alice": ["room:write"]},
            groups_accesses={"product": ["room:write"]},
        ),
    ),
    OpCase(
        "create_room",
        lambda c: c.create_room(
            body=models.CreateRoomRequestBody(id="my-room-id", default_accesses=[]),
            idempotent=True,
        ),
        "POST",
        "/v2/rooms",
        query={"idempotent": "true"},
        body={"id": "my-room-id", "defaultAccesses": []},
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms.create(id="my-room-id", default_accesses=[], idempotent=True),
        id="idempotent",
    ),
    OpCase(
        "create_room",
        lambda c: c.get_or_create_room(
            "my-room-id",
            default_accesses=["room:write"],
            groups_accesses={"product": ["room:write"]},
            users_accesses={"alice": ["room:write"]},
            metadata={"color": "blue"},
            organization_id="org_1",
        ),
        "POST",
        "/v2/rooms",
        query={"idempotent": "true"},
        body={
            "id": "my-room-id",
            "defaultAccesses": ["room:write"],
            "groupsAccesses": {"product": ["room:write"]},
            "usersAccesses": {"alice": ["room:write"]},
            "metadata": {"color": "blue"},
            "organizationId": "org_1",
        },
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms.get_or_create(
            "my-room-id",
            default_accesses=["room:write"],
            groups_accesses={"product": ["room:write"]},
            users_accesses={"alice": ["room:write"]},
            metadata={"color": "blue"},
            organization_id="org_1",
        ),
        id="get-or-create",
    ),
    OpCase(
        "create_room",
        lambda c: c.get_or_create_room("my-room-id", default_accesses=[]),
        "POST",
        "/v2/rooms",
        query={"idempotent": "true"},
        body={"id": "my-room-id", "defaultAccesses": []},
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms.get_or_create(id="my-room-id", default_accesses=[]),
        id="get-or-create-minimal",
    ),
    OpCase(
        "get_room",
        lambda c: c.get_room("my-room-id"),
        "GET",
        ROOM_PATH,
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms["my-room-id"].get(),
    ),
    OpCase(
        "get_room",
        lambda c: c.get_room(room_id="a b/c?d#é"),
        "GET",
        "/v2/rooms/a%20b%2Fc%3Fd%23%C3%A9",
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms.get("a b/c?d#é"),
        id="encoded-id",
    ),
    OpCase(
        "update_room",
        lambda c: c.update_room(
            "my-room-id",
            body=models.UpdateRoomRequestBody(
                default_accesses=["room:write"],
                users_accesses={"alice": ["room:write"], "john": None},
                groups_accesses={"marketing": ["room:write"]},
                metadata={"color": "blue", "old": None},
            ),
        ),
        "POST",
        ROOM_PATH,
        body={
            "defaultAccesses": ["room:write"],
            "usersAccesses": {"alice": ["room:write"], "john": None},
            "groupsAccesses": {"marketing": ["room:write"]},
            "metadata": {"color": "blue", "old": None},
        },
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms["my-room-id"].update(
            default_accesses=["room:write"],
            users_accesses={"alice": ["room:write"], "john": None},
            groups_accesses={"marketing": ["room:write"]},
            metadata={"color": "blue", "old": None},
        ),
    ),
    OpCase(
        "delete_room",
        lambda c: c.delete_room("my-room-id"),
        "DELETE",
        ROOM_PATH,
        status=204,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].delete(),
    ),
    OpCase(
        "prewarm_room",
        lambda c: c.prewarm_room("my-room-id"),
        "GET",
        ROOM_PATH + "/prewarm",
        status=204,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].prewarm(),
    ),
    OpCase(
        "upsert_room",
        lambda c: c.upsert_room(
            "my-room-id",
            body=models.UpsertRoomRequestBody(
                update=models.UpdateRoomRequestBody(
                    users_accesses={"alice": ["room:write"]},
                    groups_accesses={"marketing": ["room:write"]},
                    metadata={"color": "blue"},
                ),
                create={"defaultAccesses": ["room:write"]},
            ),
        ),
        "POST",
        ROOM_PATH + "/upsert",
        body=example("UpsertRoomRequestBody"),
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms["my-room-id"].upsert(
            update={
                "users_accesses": {"alice": ["room:write"]},
                "groups_accesses": {"marketing": ["room:write"]},
                "metadata": {"color": "blue"},
            },
            create={"default_accesses": ["room:write"]},
        ),
    ),
    OpCase(
        "update_room_id",
        lambda c: c.update_room_id(
            "my-room-id", body=models.UpdateRoomIdRequestBody(new_room_id="new-room-id")
        ),
        "POST",
        ROOM_PATH + "/update-room-id",
        body=example("UpdateRoomIdRequestBody"),
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms["my-room-id"].update_id("new-room-id"),
    ),
    OpCase(
        "update_room_organization_id",
        lambda c: c.update_room_organization_id(
            "my-room-id",
            body=models.UpdateRoomOrganizationIdRequestBody(
                from_organization_id="org_123456789", to_organization_id="org_987654321"
            ),
        ),
        "POST",
        ROOM_PATH + "/update-organization-id",
        body=example("UpdateRoomOrganizationIdRequestBody"),
        response=ROOM,
        check=check_room,
        resource=lambda c: c.rooms["my-room-id"].update_organization_id(
            from_organization_id="org_123456789", to_organization_id="org_987654321"
        ),
    ),
    OpCase(
        "get_active_users",
        lambda c: c.get_active_users("my-room-id"),
        "GET",
        ROOM_PATH + "/active-users",
        response=example("ActiveUsersResponse"),
        check=check_active_users,
        resource=lambda c: c.rooms["my-room-id"].active_users(),
    ),
    OpCase(
        "set_presence",
        lambda c: c.set_presence(
            "my-room-id",
            body=models.SetPresenceRequestBody(
                user_id="agent-123",
                data=models.SetPresenceRequestBodyData(
                    status="active", cursor={"x": 100, "y": 200}
                ),
                user_info=models.SetPresenceRequestBodyUserInfo(
                    name="AI Assistant", avatar="https://example.org/images/agent123.jpg"
                ),
                ttl=60,
            ),
        ),
        "POST",
        ROOM_PATH + "/presence",
        body=example("SetPresenceRequestBody"),
        status=204,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].set_presence(
            user_id="agent-123",
            data={"status": "active", "cursor": {"x": 100, "y": 200}},
            user_info={"name": "AI Assistant", "avatar": "https://example.org/images/agent123.jpg"},
            ttl=60,
        ),
    ),
    OpCase(
        "broadcast_event",
        lambda c: c.broadcast_event("my-room-id", body={"type": "emoji", "emoji": "🔥"}),
        "POST",
        ROOM_PATH + "/broadcast-event",
        body={"type": "emoji", "emoji": "🔥"},
        status=204,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].broadcast_event({"type": "emoji", "emoji": "🔥"}),
    ),
]
