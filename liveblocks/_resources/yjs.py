"""A room's Yjs document: ``client.rooms[room_id].yjs``."""

from __future__ import annotations

import io
from functools import cached_property

from .._body import check_body
from .._core import Call, M, Resource, endpoint, paginated, query_items
from .._encoding import decode_bytes, decode_none, segment
from .._models.yjs import (
    CreateYjsVersionResponse,
    GetYjsDocumentResponse,
    GetYjsDocumentType,
    GetYjsVersionsResponse,
    YjsVersion,
)
from .._pagination import PageSpec
from .._transports._base import RequestBody
from ..types import UNSET, BinaryContent, File, Unset
from ._common import json_call, limit_param

__all__ = ["YjsResource", "YjsVersionResource", "YjsVersions"]

OCTET_STREAM = "application/octet-stream"
VERSIONS_PAGE_MAX = 100


def binary_body(data: BinaryContent) -> RequestBody:
    """Bytes-like data as it is, or a binary file object streamed without reading it first
    (checked now: a wrong kind is refused before any request)."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, File):
        data = data.payload
    if isinstance(data, io.BytesIO) and data.tell() == 0:
        # The bytes it wraps, without a copy (CPython shares them until the buffer changes),
        # sent in one piece instead of read back in blocks.
        return data.getvalue()
    checked: RequestBody = check_body(data)
    return checked


class YjsResource(Resource[M]):
    """The room's Yjs document: read it as JSON or binary, send updates, keep versions."""

    @cached_property
    def versions(self) -> YjsVersions[M]:
        """Saved versions of the document."""
        return YjsVersions(self._requester, self._path)

    @endpoint
    def get(
        self,
        *,
        formatting: bool | Unset = UNSET,
        key: str | Unset = UNSET,
        type: GetYjsDocumentType | str | Unset = UNSET,
    ) -> Call[GetYjsDocumentResponse]:
        """The document as JSON. ``key`` and ``type`` read one root value as that Yjs type;
        ``formatting`` keeps text formatting."""
        if not isinstance(type, Unset):
            type = GetYjsDocumentType(type)
        params = query_items({"formatting": formatting, "key": key, "type": type})
        return json_call("GET", self._path + "/ydoc", GetYjsDocumentResponse, query=params)

    @endpoint
    def get_binary(self, guid: str | None = None) -> Call[bytes]:
        """The document (or the subdocument ``guid``) as one Yjs binary update."""
        return Call(
            "GET",
            self._path + "/ydoc-binary",
            decode_bytes,
            query=query_items({"guid": guid}),
        )

    @endpoint
    def send_update(self, data: BinaryContent, guid: str | None = None) -> Call[None]:
        """Apply a Yjs binary update (bytes, or a binary file object) to the document
        or to the subdocument ``guid``."""
        return Call(
            "PUT",
            self._path + "/ydoc",
            decode_none,
            query=query_items({"guid": guid}),
            body=binary_body(data),
            content_type=OCTET_STREAM,
        )


class YjsVersions(Resource[M]):
    """``yjs.versions``: list and create versions; ``versions[version_id]`` binds one."""

    def __getitem__(self, version_id: str) -> YjsVersionResource[M]:
        return YjsVersionResource(
            self._requester, f"{self._path}/version/{segment(version_id, 'version_id')}"
        )

    @paginated
    def list(
        self, *, limit: int = 20, cursor: str | None = None
    ) -> PageSpec[GetYjsVersionsResponse, YjsVersion]:
        """Every version, newest first, fetched ``limit`` (1-100) at a time."""
        limit_param(limit, VERSIONS_PAGE_MAX)

        def fetch(page_cursor: str | None) -> Call[GetYjsVersionsResponse]:
            return self._page(limit, page_cursor)

        return PageSpec(fetch, _version_items, _next_cursor, cursor)

    def _page(self, limit: int | Unset, cursor: str | Unset | None) -> Call[GetYjsVersionsResponse]:
        params = query_items({"limit": limit, "cursor": cursor})
        return json_call("GET", self._path + "/versions", GetYjsVersionsResponse, query=params)

    @endpoint
    def create(self) -> Call[CreateYjsVersionResponse]:
        """Save the document's current state as a new version."""
        return json_call("POST", self._path + "/version", CreateYjsVersionResponse)


class YjsVersionResource(Resource[M]):
    """One saved version."""

    @endpoint
    def get(self) -> Call[bytes]:
        """The version's document as one Yjs binary update."""
        return Call("GET", self._path, decode_bytes)


def _version_items(page: GetYjsVersionsResponse) -> list[YjsVersion]:
    return page.data


def _next_cursor(page: GetYjsVersionsResponse) -> str | None:
    return page.next_cursor
