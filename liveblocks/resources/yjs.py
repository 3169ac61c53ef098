"""A room's Yjs document: ``client.rooms[room_id].yjs``."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from .._body import check_body
from .._call import (
    AsyncMode,
    Call,
    M,
    PageSpec,
    Resource,
    Steps,
    SyncMode,
    cached_property,
    endpoint,
    paginated,
    query_items,
)
from .._encoding import decode_bytes, decode_json, decode_none
from .._models.yjs import (
    CreateVersionHistorySnapshotResponse,
    CreateYjsVersionResponse,
    GetVersionHistoryResponse,
    GetYjsDocumentResponse,
    GetYjsDocumentType,
    GetYjsVersionsResponse,
    HistoryVersion,
)
from ..transports._base import RequestBody
from ..types import UNSET, BinaryContent, File, Unset
from ._common import api_call, awaited_callback, json_call, limit_param

if TYPE_CHECKING:
    from .._call import Requester
    from .._ydoc import EditRecorder, YDoc

__all__ = [
    "DocumentEdit",
    "VersionResource",
    "Versions",
    "YjsResource",
    "YjsVersionResource",
    "YjsVersions",
]

_T = TypeVar("_T")
_Page = TypeVar("_Page", GetVersionHistoryResponse, GetYjsVersionsResponse)
_Created = TypeVar("_Created", CreateVersionHistorySnapshotResponse, CreateYjsVersionResponse)

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


def binary_put(
    template: str,
    ids: Mapping[str, str],
    returns: type[_T],
    data: BinaryContent,
    query: Mapping[str, Any] | None = None,
) -> Call[_T]:
    """A binary upload (``PUT``, ``application/octet-stream``) to the endpoint at
    ``template``, answered with JSON."""
    return api_call(
        "PUT",
        template,
        ids,
        decode_json(returns),
        query=query_items(query or {}),
        body=binary_body(data),
        content_type=OCTET_STREAM,
    )


class YjsResource(Resource[M]):
    """The room's Yjs document: read it as JSON or binary, send updates, keep versions."""

    path_template = "/v2/rooms/{room_id}"

    @cached_property
    def versions(self) -> Versions[M]:
        """The room's versions (also ``client.rooms[room_id].versions``)."""
        return Versions(self._requester, self._ids)

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
        return json_call(
            "GET", "/v2/rooms/{room_id}/ydoc", self._ids, GetYjsDocumentResponse, query=params
        )

    @endpoint
    def get_binary(self, guid: str | None = None) -> Call[bytes]:
        """The document (or the subdocument ``guid``) as one Yjs binary update."""
        return api_call(
            "GET",
            "/v2/rooms/{room_id}/ydoc-binary",
            self._ids,
            decode_bytes,
            query=() if guid is None else query_items({"guid": guid}),
        )

    @endpoint
    def send_update(self, data: BinaryContent, guid: str | None = None) -> Call[None]:
        """Apply a Yjs binary update (bytes, or a binary file object) to the document
        or to the subdocument ``guid``."""
        return api_call(
            "PUT",
            "/v2/rooms/{room_id}/ydoc",
            self._ids,
            decode_none,
            query=query_items({"guid": guid}),
            body=binary_body(data),
            content_type=OCTET_STREAM,
        )

    @endpoint
    def get_document(self, guid: str | None = None) -> Call[YDoc]:
        """The document (or the subdocument ``guid``) as a :class:`pycrdt.Doc` (needs the
        ``yjs`` extra: ``pip install "liveblocks-sdk[yjs]"``)."""
        from .._ydoc import load_document, require_pycrdt

        require_pycrdt()
        return self.get_binary.call(guid).map(lambda update: load_document(update, guid))

    @overload
    def edit(self: YjsResource[SyncMode], guid: str | None = None) -> DocumentEdit[SyncMode]: ...

    @overload
    def edit(self: YjsResource[AsyncMode], guid: str | None = None) -> DocumentEdit[AsyncMode]: ...

    def edit(self, guid: str | None = None) -> DocumentEdit[Any]:
        """Edit the document (or the subdocument ``guid``) as a :class:`pycrdt.Doc`:
        ``with yjs.edit() as doc:`` (``async with`` on the async client) loads it, and when
        the block ends without an error sends what the block changed, as one update
        (only the changes, not the whole document; nothing if nothing changed). After the
        block, the context manager's ``sent`` holds the update sent, or ``None``."""
        return DocumentEdit(self, guid)

    @overload
    def mutate(
        self: YjsResource[SyncMode], callback: Callable[[YDoc], _T], guid: str | None = None
    ) -> _T: ...

    @overload
    def mutate(
        self: YjsResource[AsyncMode],
        callback: Callable[[YDoc], Awaitable[_T]],
        guid: str | None = None,
    ) -> Coroutine[Any, Any, _T]: ...

    @overload
    def mutate(
        self: YjsResource[AsyncMode], callback: Callable[[YDoc], _T], guid: str | None = None
    ) -> Coroutine[Any, Any, _T]: ...

    def mutate(self, callback: Callable[[YDoc], Any], guid: str | None = None) -> Any:
        """Load the document (or the subdocument ``guid``), call ``callback(doc)``, send
        what it changed (only that; nothing if nothing changed) and return its result.
        On the async client the callback may be a coroutine function. If it raises,
        nothing is sent."""
        if not callable(callback):
            raise TypeError(f"the callback must be a function of the document, got {callback!r}")
        return self._requester.run_steps(self._mutation(callback, guid))

    def _mutation(self, callback: Callable[[YDoc], Any], guid: str | None) -> Steps[Any]:
        from .._ydoc import EditRecorder

        doc: YDoc = yield self.get_document.call(guid)
        recorder = EditRecorder(doc)
        try:
            result = callback(doc)
            if isinstance(result, Awaitable):
                result = yield awaited_callback(result, self._requester.is_async)
        finally:
            update = recorder.stop()
        if update is not None:
            yield self.send_update.call(update, guid)
        return result


class DocumentEdit(Generic[M]):
    """``with yjs.edit() as doc:`` (``async with`` on the async client): the document
    loaded on entry, what the block changed sent on a clean exit. ``sent`` is the update
    that was sent, ``None`` if nothing changed (or before the block ends)."""

    __slots__ = ("_guid", "_recorder", "_yjs", "sent")
    _yjs: YjsResource[Any]

    def __init__(self, yjs: YjsResource[M], guid: str | None) -> None:
        self._yjs = yjs
        self._guid = guid
        self._recorder: EditRecorder | None = None
        self.sent: bytes | None = None

    @property
    def _requester(self) -> Requester:
        requester: Requester = self._yjs._requester
        return requester

    def _load(self) -> Call[YDoc]:
        if self._recorder is not None:
            raise RuntimeError("this edit has already begun: call yjs.edit() again")
        load: Call[YDoc] = self._yjs.get_document.call(self._guid)
        return load

    def _begin(self, doc: YDoc) -> YDoc:
        from .._ydoc import EditRecorder

        self._recorder = EditRecorder(doc)
        return doc

    def _end(self, failed: bool) -> Call[None] | None:
        assert self._recorder is not None
        update = self._recorder.stop()
        if failed or update is None:
            return None
        self.sent = update
        send: Call[None] = self._yjs.send_update.call(update, self._guid)
        return send

    def __enter__(self) -> YDoc:
        if self._requester.is_async:
            raise TypeError("use `async with yjs.edit()` on AsyncLiveblocks")
        return self._begin(self._requester.execute(self._load()))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        send = self._end(exc_type is not None)
        if send is not None:
            self._requester.execute(send)

    async def __aenter__(self) -> YDoc:
        if not self._requester.is_async:
            raise TypeError(
                "use `with yjs.edit()` on Liveblocks (`async with` is for AsyncLiveblocks)"
            )
        return self._begin(await self._requester.execute(self._load()))

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        send = self._end(exc_type is not None)
        if send is not None:
            await self._requester.execute(send)


class Versions(Resource[M]):
    """The room's version history (snapshots of its Storage and Yjs documents):
    ``versions.list()``, ``versions.create()``, ``versions[version_id]``. The same
    resource as ``yjs.versions``."""

    path_template = "/v2/rooms/{room_id}/versions"

    def __getitem__(self, version_id: str) -> VersionResource[M]:
        return VersionResource(self._requester, self._bind("version_id", version_id))

    @paginated
    def list(
        self, *, limit: int = 20, cursor: str | None = None
    ) -> PageSpec[GetVersionHistoryResponse, HistoryVersion]:
        """Every version, newest first, fetched ``limit`` (1-100) at a time."""
        limit_param(limit, VERSIONS_PAGE_MAX)

        def fetch(page_cursor: str | None) -> Call[GetVersionHistoryResponse]:
            return self._page(limit, page_cursor)

        return PageSpec(fetch, _version_items, _next_cursor, cursor)

    def _page(
        self, limit: int | Unset, cursor: str | Unset | None
    ) -> Call[GetVersionHistoryResponse]:
        return self._page_as(GetVersionHistoryResponse, limit, cursor)

    def _page_316(self, limit: int | Unset, cursor: str | Unset) -> Call[GetYjsVersionsResponse]:
        """One page in the 3.16 reference's model (the flat ``get_yjs_versions``)."""
        return self._page_as(GetYjsVersionsResponse, limit, cursor)

    def _page_as(
        self, page: type[_Page], limit: int | Unset, cursor: str | Unset | None
    ) -> Call[_Page]:
        params = query_items({"limit": limit, "cursor": cursor})
        return json_call("GET", "/v2/rooms/{room_id}/versions", self._ids, page, query=params)

    @endpoint
    def create(self) -> Call[CreateVersionHistorySnapshotResponse]:
        """Take a snapshot of the room's Storage and Yjs documents as a new version."""
        return self._create(CreateVersionHistorySnapshotResponse)

    def _create_316(self) -> Call[CreateYjsVersionResponse]:
        """:meth:`create`, answered in the 3.16 reference's model (the flat
        ``create_yjs_version``)."""
        return self._create(CreateYjsVersionResponse)

    def _create(self, answer: type[_Created]) -> Call[_Created]:
        return json_call("POST", "/v2/rooms/{room_id}/versions", self._ids, answer)


class VersionResource(Resource[M]):
    """One version of the room."""

    path_template = "/v2/rooms/{room_id}/versions/{version_id}"

    @endpoint
    def get_yjs(self) -> Call[bytes]:
        """The version's Yjs document, as one binary update."""
        return api_call(
            "GET", "/v2/rooms/{room_id}/versions/{version_id}/yjs", self._ids, decode_bytes
        )

    #: The same as :meth:`get_yjs` (its name on ``yjs.versions[version_id]``).
    get = get_yjs

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the version for good."""
        return json_call("DELETE", "/v2/rooms/{room_id}/versions/{version_id}", self._ids, None)


#: The 3.16 name of :class:`Versions`.
YjsVersions = Versions
#: The 3.16 name of :class:`VersionResource`.
YjsVersionResource = VersionResource


def _version_items(page: GetVersionHistoryResponse) -> list[HistoryVersion]:
    return page.data


def _next_cursor(page: GetVersionHistoryResponse) -> str | None:
    return page.next_cursor
