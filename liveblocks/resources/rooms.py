"""Rooms: ``client.rooms`` and ``client.rooms[room_id]``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from .._call import Call, M, PageSpec, Resource, cached_property, endpoint, paginated, query_items
from .._encoding import joined_ids, segment
from .._models.rooms import (
    ActiveUsersResponse,
    CreateRoomRequestBody,
    CreateRoomRequestBodyEngine,
    GetRoomsResponse,
    Room,
    SetPresenceRequestBody,
    UpdateRoomIdRequestBody,
    UpdateRoomOrganizationIdRequestBody,
    UpdateRoomRequestBody,
    UpsertRoomRequestBody,
)
from ..types import UNSET, Unset
from ._common import coerce, json_call, limit_param

if TYPE_CHECKING:
    from ..prosemirror import ProsemirrorDocument
    from .attachments import Attachments
    from .comments import Threads
    from .feeds import Feeds
    from .files import StorageFiles
    from .storage import StorageResource
    from .users import RoomUsers
    from .yjs import Versions, YjsResource

__all__ = ["RoomResource", "Rooms"]

ROOMS_PAGE_MAX = 100


class Rooms(Resource[M]):
    """All rooms of the project. ``rooms[room_id]`` binds one room without a request."""

    path_template = "/v2/rooms"

    def __getitem__(self, room_id: str) -> RoomResource[M]:
        return RoomResource(self._requester, self._bind("room_id", room_id))

    @paginated
    def list(
        self,
        *,
        limit: int = 20,
        starting_after: str | None = None,
        organization_id: str | Unset = UNSET,
        query: str | Unset = UNSET,
        user_id: str | Unset = UNSET,
        group_ids: str | Sequence[str] | Unset = UNSET,
    ) -> PageSpec[GetRoomsResponse, Room]:
        """Every room matching the filters, newest first, fetched ``limit`` (1-100) at a time.

        ``query`` uses the rooms query language, e.g. ``metadata["color"]:"blue"``.
        ``group_ids`` is a list of ids, or one string of ids joined with commas.
        ``starting_after`` resumes from a saved page cursor.
        """
        limit_param(limit, ROOMS_PAGE_MAX)
        group_ids = _group_ids(group_ids)

        def fetch(cursor: str | None) -> Call[GetRoomsResponse]:
            return self._page(
                limit=limit,
                starting_after=cursor,
                organization_id=organization_id,
                query=query,
                user_id=user_id,
                group_ids=group_ids,
            )

        return PageSpec(fetch, _room_items, _next_cursor, starting_after)

    def _page(
        self,
        *,
        limit: int | Unset,
        starting_after: str | Unset | None,
        organization_id: str | Unset,
        query: str | Unset,
        user_id: str | Unset,
        group_ids: str | Sequence[str] | Unset,
    ) -> Call[GetRoomsResponse]:
        params = query_items(
            {
                "limit": limit,
                "startingAfter": starting_after,
                "organizationId": organization_id,
                "query": query,
                "userId": user_id,
                "groupIds": _group_ids(group_ids),
            }
        )
        return json_call("GET", "/v2/rooms", self._ids, GetRoomsResponse, query=params)

    @endpoint
    def create(
        self,
        *,
        id: str,
        default_accesses: Sequence[str],
        organization_id: str | Unset = UNSET,
        users_accesses: Mapping[str, Sequence[str]] | Unset = UNSET,
        groups_accesses: Mapping[str, Sequence[str]] | Unset = UNSET,
        metadata: Mapping[str, str | Sequence[str]] | Unset = UNSET,
        engine: CreateRoomRequestBodyEngine | Unset = UNSET,
        idempotent: bool = False,
    ) -> Call[Room]:
        """Create a room. With ``idempotent=True`` an existing room is returned as it is
        instead of raising :class:`~liveblocks.errors.ConflictError`."""
        segment(id, "id")
        body = CreateRoomRequestBody(
            id=id,
            default_accesses=default_accesses,
            organization_id=organization_id,
            users_accesses=users_accesses,
            groups_accesses=groups_accesses,
            metadata=metadata,
            engine=engine,
        )
        return self._create(body, idempotent)

    def _create(self, body: CreateRoomRequestBody, idempotent: bool | Unset) -> Call[Room]:
        params = query_items({"idempotent": True}) if idempotent else []
        return json_call("POST", "/v2/rooms", self._ids, Room, body, query=params)

    @endpoint
    def get_or_create(
        self,
        id: str,
        *,
        default_accesses: Sequence[str],
        organization_id: str | Unset = UNSET,
        users_accesses: Mapping[str, Sequence[str]] | Unset = UNSET,
        groups_accesses: Mapping[str, Sequence[str]] | Unset = UNSET,
        metadata: Mapping[str, str | Sequence[str]] | Unset = UNSET,
        engine: CreateRoomRequestBodyEngine | Unset = UNSET,
    ) -> Call[Room]:
        """The room with this id, created with these settings if it does not exist (an
        existing room is returned as it is, its settings unchanged)."""
        return self.create.call(
            id=id,
            default_accesses=default_accesses,
            organization_id=organization_id,
            users_accesses=users_accesses,
            groups_accesses=groups_accesses,
            metadata=metadata,
            engine=engine,
            idempotent=True,
        )

    @endpoint
    def get(self, room_id: str) -> Call[Room]:
        """The room with this id (same as ``rooms[room_id].get()``)."""
        return self[room_id].get.call()


class RoomResource(Resource[M]):
    """One room, bound by id. Makes no request until a method is called."""

    path_template = "/v2/rooms/{room_id}"

    @cached_property
    def storage(self) -> StorageResource[M]:
        """The room's Storage document."""
        return _storage_class()(self._requester, self._ids)

    @cached_property
    def yjs(self) -> YjsResource[M]:
        """The room's Yjs document and its versions."""
        return _yjs_class()(self._requester, self._ids)

    @cached_property
    def versions(self) -> Versions[M]:
        """The room's version history: ``versions.list()``, ``versions.create()``,
        ``versions[version_id].get_yjs()`` / ``.delete()``."""
        return self.yjs.versions

    @cached_property
    def files(self) -> StorageFiles[M]:
        """Files in the room's Storage: ``files.upload(source)``, ``files[file_id].get()``,
        ``files[file_id].download(destination)``."""
        return _files_class()(self._requester, self._ids)

    @cached_property
    def attachments(self) -> Attachments[M]:
        """Comment attachments: ``attachments.upload(source, user_id=...)``,
        ``attachments[attachment_id].get()`` / ``.download(...)``."""
        return _attachments_class()(self._requester, self._ids)

    @cached_property
    def feeds(self) -> Feeds[M]:
        """The room's feeds: ``feeds.list()``, ``feeds.create(...)``, ``feeds[feed_id]``
        and its ``messages``."""
        return _feeds_class()(self._requester, self._ids)

    @cached_property
    def users(self) -> RoomUsers[M]:
        """The room's users by id: ``users[user_id].subscription_settings``."""
        return _users_class()(self._requester, self._ids)

    @cached_property
    def threads(self) -> Threads[M]:
        """The room's comment threads: ``threads.list()``, ``threads[thread_id]``."""
        return _threads_class()(self._requester, self._ids)

    def prosemirror(self, field: str = "default") -> ProsemirrorDocument[M]:
        """The room's Tiptap / ProseMirror document (stored in Yjs under ``field``):
        ``with room.prosemirror() as doc:`` (``async with`` on the async client) reads it;
        ``doc.get_text()``, ``doc.to_markdown()``, ``doc.to_json()``,
        ``doc.set_content(...)``. Needs the ``yjs`` extra (pycrdt)."""
        from ..prosemirror import ProsemirrorDocument

        return ProsemirrorDocument(self._requester, self._ids, field)

    @endpoint
    def get(self) -> Call[Room]:
        """The room."""
        return json_call("GET", "/v2/rooms/{room_id}", self._ids, Room)

    @endpoint
    def update(
        self,
        *,
        default_accesses: Sequence[str] | Unset | None = UNSET,
        users_accesses: Mapping[str, Sequence[str] | None] | Unset = UNSET,
        groups_accesses: Mapping[str, Sequence[str] | None] | Unset = UNSET,
        metadata: Mapping[str, str | Sequence[str] | None] | Unset = UNSET,
    ) -> Call[Room]:
        """Change what is given; ``None`` for a key of a mapping deletes that key
        (``users_accesses={"alice": None}`` removes Alice's access)."""
        return self._update(
            UpdateRoomRequestBody(
                default_accesses=default_accesses,
                users_accesses=users_accesses,
                groups_accesses=groups_accesses,
                metadata=metadata,
            )
        )

    def _update(self, body: UpdateRoomRequestBody) -> Call[Room]:
        return json_call("POST", "/v2/rooms/{room_id}", self._ids, Room, body)

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the room and everything in it."""
        return json_call("DELETE", "/v2/rooms/{room_id}", self._ids, None)

    @endpoint
    def upsert(
        self,
        *,
        update: UpdateRoomRequestBody | Mapping[str, Any],
        create: CreateRoomRequestBody | Mapping[str, Any] | Unset = UNSET,
    ) -> Call[Room]:
        """Update the room, creating it first if needed (``create`` gives the fields
        only a new room takes, such as ``default_accesses``)."""
        body = UpsertRoomRequestBody(
            update=coerce(UpdateRoomRequestBody, update, "update"),
            create=UNSET if isinstance(create, Unset) else _create_part(create),
        )
        return self._upsert(body)

    def _upsert(self, body: UpsertRoomRequestBody) -> Call[Room]:
        return json_call("POST", "/v2/rooms/{room_id}/upsert", self._ids, Room, body)

    @endpoint
    def prewarm(self) -> Call[None]:
        """Load the room on the server ahead of its first connection."""
        return json_call("GET", "/v2/rooms/{room_id}/prewarm", self._ids, None)

    @endpoint
    def update_id(self, new_room_id: str) -> Call[Room]:
        """Rename the room. This resource stays bound to the old id."""
        segment(new_room_id, "new_room_id")
        return self._update_id(UpdateRoomIdRequestBody(new_room_id=new_room_id))

    def _update_id(self, body: UpdateRoomIdRequestBody | Unset) -> Call[Room]:
        return json_call(
            "POST", "/v2/rooms/{room_id}/update-room-id", self._ids, Room, _body_or_none(body)
        )

    @endpoint
    def update_organization_id(
        self, *, from_organization_id: str, to_organization_id: str
    ) -> Call[Room]:
        """Move the room from one organization to another."""
        return self._update_organization_id(
            UpdateRoomOrganizationIdRequestBody(
                from_organization_id=from_organization_id, to_organization_id=to_organization_id
            )
        )

    def _update_organization_id(
        self, body: UpdateRoomOrganizationIdRequestBody | Unset
    ) -> Call[Room]:
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/update-organization-id",
            self._ids,
            Room,
            _body_or_none(body),
        )

    @endpoint
    def active_users(self) -> Call[ActiveUsersResponse]:
        """The users connected to the room now."""
        return json_call("GET", "/v2/rooms/{room_id}/active-users", self._ids, ActiveUsersResponse)

    @endpoint
    def set_presence(
        self,
        *,
        user_id: str,
        data: Mapping[str, Any],
        user_info: Mapping[str, Any] | Unset = UNSET,
        ttl: int | Unset = UNSET,
    ) -> Call[None]:
        """Show a user (an agent, a bot) as present in the room for ``ttl`` seconds."""
        return self._set_presence(
            SetPresenceRequestBody(user_id=user_id, data=data, user_info=user_info, ttl=ttl)
        )

    def _set_presence(self, body: SetPresenceRequestBody) -> Call[None]:
        return json_call("POST", "/v2/rooms/{room_id}/presence", self._ids, None, body)

    @endpoint
    def broadcast_event(self, data: Any) -> Call[None]:
        """Send an event (any JSON value, a dict or a Struct) to every connected client."""
        return json_call("POST", "/v2/rooms/{room_id}/broadcast-event", self._ids, None, data)


def _create_part(value: CreateRoomRequestBody | Mapping[str, Any]) -> Any:
    # The create half of an upsert may leave out "id" (the URL gives it), so a plain
    # mapping is sent as given (with Python field names turned into the API's).
    if isinstance(value, CreateRoomRequestBody):
        return value
    if isinstance(value, Mapping):
        from .._models._base import camel

        return {camel(k): v for k, v in value.items()}
    raise TypeError(f"create must be a CreateRoomRequestBody or a dict, got {type(value).__name__}")


def _body_or_none(body: Any) -> Any:
    return None if isinstance(body, Unset) else body


def _room_items(page: GetRoomsResponse) -> list[Room]:
    return page.data


def _group_ids(group_ids: str | Sequence[str] | Unset) -> str | Unset:
    """The ``groupIds`` filter, each id checked to stay one id on the wire."""
    return group_ids if isinstance(group_ids, Unset) else joined_ids(group_ids, "group_ids")


def _next_cursor(page: GetRoomsResponse) -> str | None:
    return page.next_cursor


# A room's children are made for every ``rooms[id].storage`` (the exporter does it for
# each room): their classes are imported on first use (a program that never reads Storage
# never loads its module) and kept, so that making a child costs no import statement.


@cache
def _storage_class() -> type[StorageResource[Any]]:
    from .storage import StorageResource

    return StorageResource


@cache
def _yjs_class() -> type[YjsResource[Any]]:
    from .yjs import YjsResource

    return YjsResource


@cache
def _files_class() -> type[StorageFiles[Any]]:
    from .files import StorageFiles

    return StorageFiles


@cache
def _attachments_class() -> type[Attachments[Any]]:
    from .attachments import Attachments

    return Attachments


@cache
def _feeds_class() -> type[Feeds[Any]]:
    from .feeds import Feeds

    return Feeds


@cache
def _users_class() -> type[RoomUsers[Any]]:
    from .users import RoomUsers

    return RoomUsers


@cache
def _threads_class() -> type[Threads[Any]]:
    from .comments import Threads

    return Threads
