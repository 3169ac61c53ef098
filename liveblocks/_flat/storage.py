"""Flat methods of the Storage section."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from .._call import AsyncMode, Call, M, SyncMode, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from .._models.rooms import Room
    from .._models.storage import (
        GetStorageDocumentFormat,
        GetStorageDocumentResponse,
        InitializeStorageDocumentBody,
        InitializeStorageDocumentResponse,
        JsonPatchOperation,
    )
    from .._mutation import MutationReport, MutationResult
    from ..live.object import LiveObject

T = TypeVar("T")


class StorageFlatAPI(ResourceTree[M]):
    @endpoint
    def get_storage_document(
        self, room_id: str, *, format_: GetStorageDocumentFormat | Unset = UNSET
    ) -> Call[GetStorageDocumentResponse]:
        """A room's Storage document (plain LSON, or ``format_="json"``)."""
        return self.rooms[room_id].storage._get(format_)

    @endpoint
    def initialize_storage_document(
        self, room_id: str, *, body: InitializeStorageDocumentBody
    ) -> Call[InitializeStorageDocumentResponse]:
        """Initialize a room's Storage from a plain LSON document."""
        return self.rooms[room_id].storage.initialize.call(body)

    @endpoint
    def delete_storage_document(self, room_id: str) -> Call[None]:
        """Delete a room's Storage document."""
        return self.rooms[room_id].storage.delete.call()

    @endpoint
    def patch_storage_document(
        self, room_id: str, *, body: Sequence[JsonPatchOperation]
    ) -> Call[None]:
        """Apply JSON Patch operations to a room's Storage."""
        return self.rooms[room_id].storage.patch.call(body)

    @overload
    def mutate_storage(
        self: StorageFlatAPI[SyncMode], room_id: str, callback: Callable[[LiveObject], T]
    ) -> T: ...

    @overload
    def mutate_storage(
        self: StorageFlatAPI[AsyncMode],
        room_id: str,
        callback: Callable[[LiveObject], Awaitable[T]],
    ) -> Coroutine[Any, Any, T]: ...

    @overload
    def mutate_storage(
        self: StorageFlatAPI[AsyncMode], room_id: str, callback: Callable[[LiveObject], T]
    ) -> Coroutine[Any, Any, T]: ...

    def mutate_storage(self, room_id: str, callback: Callable[[LiveObject], Any]) -> Any:
        """Edit a room's Storage as Live structures (``callback(root)``), as
        ``@liveblocks/node``'s ``mutateStorage``; see ``rooms[room_id].storage.mutate``."""
        return self.rooms[room_id].storage.mutate(callback)

    @overload
    def mass_mutate_storage(
        self: StorageFlatAPI[SyncMode],
        callback: Callable[[Room, LiveObject], object],
        *,
        query: str | None = None,
        user_id: str | None = None,
        group_ids: str | Sequence[str] | None = None,
        organization_id: str | None = None,
        concurrency: int = 8,
        on_result: Callable[[MutationResult], None] | None = None,
        progress: bool = False,
    ) -> MutationReport: ...

    @overload
    def mass_mutate_storage(
        self: StorageFlatAPI[AsyncMode],
        callback: Callable[[Room, LiveObject], object],
        *,
        query: str | None = None,
        user_id: str | None = None,
        group_ids: str | Sequence[str] | None = None,
        organization_id: str | None = None,
        concurrency: int = 8,
        on_result: Callable[[MutationResult], None] | None = None,
        progress: bool = False,
    ) -> Coroutine[Any, Any, MutationReport]: ...

    def mass_mutate_storage(
        self,
        callback: Callable[[Room, LiveObject], object],
        *,
        query: str | None = None,
        user_id: str | None = None,
        group_ids: str | Sequence[str] | None = None,
        organization_id: str | None = None,
        concurrency: int = 8,
        on_result: Callable[[MutationResult], None] | None = None,
        progress: bool = False,
    ) -> Any:
        """Edit the Storage of every room matching the filters as Live structures:
        ``callback(room, root)`` (a plain or a coroutine function) for each, at most
        ``concurrency`` (1-20) rooms at a time, rooms streamed from the room list.

        A room whose callback raises gets nothing sent; it, and any room that fails to
        read or send, is reported with the reason while the others go on. Returns a
        :class:`~liveblocks.mutate.MutationReport` (``.mutated``, ``.unchanged``,
        ``.failed``). ``on_result(result)`` runs as each room finishes; ``progress=True``
        shows a progress line on stderr.
        """
        from .._batch import RoomFilter
        from .._mutation import mass_mutate_for_client

        rooms = RoomFilter.of(
            query=query, user_id=user_id, group_ids=group_ids, organization_id=organization_id
        )
        return mass_mutate_for_client(
            self,
            callback,
            rooms=rooms,
            concurrency=concurrency,
            on_result=on_result,
            progress=progress,
            is_async=self._requester.is_async,
        )
