"""Flat methods of the Room section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._call import Call, M, endpoint
from .._models.rooms import (
    ActiveUsersResponse,
    CreateRoomRequestBody,
    GetRoomsResponse,
    Room,
    SetPresenceRequestBody,
    UpdateRoomIdRequestBody,
    UpdateRoomOrganizationIdRequestBody,
    UpdateRoomRequestBody,
    UpsertRoomRequestBody,
)
from ..resources.tree import ResourceTree
from ..types import UNSET, Unset


class RoomFlatAPI(ResourceTree[M]):
    @endpoint
    def get_rooms(
        self,
        *,
        limit: int | Unset = 20,
        starting_after: str | Unset = UNSET,
        organization_id: str | Unset = UNSET,
        query: str | Unset = UNSET,
        user_id: str | Unset = UNSET,
        group_ids: str | Unset = UNSET,
    ) -> Call[GetRoomsResponse]:
        """One page of rooms (``rooms.list()`` iterates over all of them)."""
        return self.rooms._page(
            limit=limit,
            starting_after=starting_after,
            organization_id=organization_id,
            query=query,
            user_id=user_id,
            group_ids=group_ids,
        )

    @endpoint
    def create_room(
        self, *, body: CreateRoomRequestBody, idempotent: bool | Unset = UNSET
    ) -> Call[Room]:
        """Create a room; with ``idempotent=True``, return an existing one as it is."""
        return self.rooms._create(body, idempotent)

    @endpoint
    def get_or_create_room(
        self,
        room_id: str,
        *,
        default_accesses: Sequence[str],
        groups_accesses: Mapping[str, Sequence[str]] | Unset = UNSET,
        users_accesses: Mapping[str, Sequence[str]] | Unset = UNSET,
        metadata: Mapping[str, str | Sequence[str]] | Unset = UNSET,
        organization_id: str | Unset = UNSET,
    ) -> Call[Room]:
        """Get a room, creating it with these settings if it does not exist (as
        ``@liveblocks/node``'s ``getOrCreateRoom``)."""
        return self.rooms.get_or_create.call(
            room_id,
            default_accesses=default_accesses,
            groups_accesses=groups_accesses,
            users_accesses=users_accesses,
            metadata=metadata,
            organization_id=organization_id,
        )

    @endpoint
    def get_room(self, room_id: str) -> Call[Room]:
        """Get a room."""
        return self.rooms[room_id].get.call()

    @endpoint
    def update_room(self, room_id: str, *, body: UpdateRoomRequestBody) -> Call[Room]:
        """Update a room's accesses and metadata."""
        return self.rooms[room_id]._update(body)

    @endpoint
    def delete_room(self, room_id: str) -> Call[None]:
        """Delete a room."""
        return self.rooms[room_id].delete.call()

    @endpoint
    def prewarm_room(self, room_id: str) -> Call[None]:
        """Prewarm a room."""
        return self.rooms[room_id].prewarm.call()

    @endpoint
    def upsert_room(self, room_id: str, *, body: UpsertRoomRequestBody) -> Call[Room]:
        """Update a room, creating it if needed."""
        return self.rooms[room_id]._upsert(body)

    @endpoint
    def update_room_id(self, room_id: str, *, body: UpdateRoomIdRequestBody) -> Call[Room]:
        """Change a room's id."""
        return self.rooms[room_id]._update_id(body)

    @endpoint
    def update_room_organization_id(
        self, room_id: str, *, body: UpdateRoomOrganizationIdRequestBody
    ) -> Call[Room]:
        """Move a room to another organization."""
        return self.rooms[room_id]._update_organization_id(body)

    @endpoint
    def get_active_users(self, room_id: str) -> Call[ActiveUsersResponse]:
        """The users connected to a room."""
        return self.rooms[room_id].active_users.call()

    @endpoint
    def set_presence(self, room_id: str, *, body: SetPresenceRequestBody) -> Call[None]:
        """Set a user's presence in a room."""
        return self.rooms[room_id]._set_presence(body)

    @endpoint
    def broadcast_event(self, room_id: str, *, body: Any) -> Call[None]:
        """Broadcast an event to a room."""
        return self.rooms[room_id].broadcast_event.call(body)
