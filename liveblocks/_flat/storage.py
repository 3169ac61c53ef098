"""Flat methods of the Storage section."""

from __future__ import annotations

from collections.abc import Sequence

from .._core import Call, M, endpoint
from .._models.storage import (
    GetStorageDocumentFormat,
    GetStorageDocumentResponse,
    InitializeStorageDocumentBody,
    InitializeStorageDocumentResponse,
    JsonPatchOperation,
)
from .._resources.tree import ResourceTree
from ..types import UNSET, Unset


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
