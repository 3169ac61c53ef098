"""Flat methods of the Yjs and Version history sections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, BinaryContent, File, Unset

if TYPE_CHECKING:
    from .._models.yjs import (
        CreateVersionHistorySnapshotResponse,
        CreateYjsVersionResponse,
        GetVersionHistoryResponse,
        GetYjsDocumentResponse,
        GetYjsDocumentType,
        GetYjsVersionsResponse,
    )


def _file(data: bytes) -> File:
    return File(data, mime_type="application/octet-stream")


class YjsFlatAPI(ResourceTree[M]):
    @endpoint
    def get_yjs_document(
        self,
        room_id: str,
        *,
        formatting: bool | Unset = UNSET,
        key: str | Unset = UNSET,
        type_: GetYjsDocumentType | Unset = UNSET,
    ) -> Call[GetYjsDocumentResponse]:
        """A room's Yjs document as JSON."""
        return self.rooms[room_id].yjs.get.call(formatting=formatting, key=key, type=type_)

    @endpoint
    def send_yjs_binary_update(
        self, room_id: str, *, body: BinaryContent, guid: str | Unset = UNSET
    ) -> Call[None]:
        """Apply a Yjs binary update (a ``File``, bytes or a binary file object)."""
        return self.rooms[room_id].yjs.send_update.call(body, guid=_opt(guid))

    @endpoint
    def get_yjs_document_as_binary_update(
        self, room_id: str, *, guid: str | Unset = UNSET
    ) -> Call[File]:
        """A room's Yjs document as one binary update, in a ``File``."""
        return self.rooms[room_id].yjs.get_binary.call(_opt(guid)).map(_file)

    @endpoint
    def get_yjs_versions(
        self, room_id: str, *, limit: int | Unset = 20, cursor: str | Unset = UNSET
    ) -> Call[GetYjsVersionsResponse]:
        """One page of a room's versions (``get_version_history`` under its 3.16 name)."""
        return self.rooms[room_id].versions._page_316(limit, cursor)

    @endpoint
    def get_yjs_version(self, room_id: str, version_id: str) -> Call[File]:
        """One version's Yjs document as a binary update, in a ``File``."""
        return self.rooms[room_id].versions[version_id].get_yjs.call().map(_file)

    @endpoint
    def create_yjs_version(self, room_id: str) -> Call[CreateYjsVersionResponse]:
        """Take a new version (``create_version_history_snapshot`` under its 3.16 name)."""
        return self.rooms[room_id].versions._create_316()

    @endpoint
    def get_version_history(
        self, room_id: str, *, limit: int | Unset = 20, cursor: str | Unset = UNSET
    ) -> Call[GetVersionHistoryResponse]:
        """One page of a room's versions, newest first."""
        return self.rooms[room_id].versions._page(limit, cursor)

    @endpoint
    def create_version_history_snapshot(
        self, room_id: str
    ) -> Call[CreateVersionHistorySnapshotResponse]:
        """Take a snapshot of a room's Storage and Yjs documents as a new version."""
        return self.rooms[room_id].versions.create.call()

    @endpoint
    def delete_version(self, room_id: str, version_id: str) -> Call[None]:
        """Delete one version of a room."""
        return self.rooms[room_id].versions[version_id].delete.call()


def _opt(value: str | Unset) -> str | None:
    return None if isinstance(value, Unset) else value
