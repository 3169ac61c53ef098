"""A room's Storage document: ``client.rooms[room_id].storage``."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload

import msgspec

from .. import _retry
from .._call import (
    AsyncMode,
    Call,
    M,
    Pause,
    Resource,
    Steps,
    SyncMode,
    endpoint,
    multistep,
)
from .._encoding import decode_bytes, decode_none
from .._models._base import Model
from .._models.storage import (
    GetStorageDocumentFormat,
    GetStorageDocumentResponse,
    InitializeStorageDocumentBody,
    InitializeStorageDocumentResponse,
    JsonPatchOperation,
)
from ..errors import APIConnectionError, ConflictError, InternalServerError, LiveblocksError
from ..types import UNSET, Unset
from ._common import JSON, api_call, awaited_callback, json_call

if TYPE_CHECKING:
    from ..live._document import Document
    from ..live.object import LiveObject
    from ..transports._base import Response

__all__ = ["MutationProgress", "StorageResource", "mutation_steps"]

T = TypeVar("T")

logger = logging.getLogger("liveblocks")

_PATCH_OPS = frozenset({"add", "remove", "replace", "copy", "move", "test"})


class StorageResource(Resource[M]):
    """The room's Storage: read it, edit it as Live structures, initialize it, patch it,
    delete it."""

    path_template = "/v2/rooms/{room_id}/storage"

    @overload
    def mutate(
        self: StorageResource[SyncMode],
        callback: Callable[[LiveObject], T],
        *,
        progress: MutationProgress | None = None,
    ) -> T: ...

    @overload
    def mutate(
        self: StorageResource[AsyncMode],
        callback: Callable[[LiveObject], Awaitable[T]],
        *,
        progress: MutationProgress | None = None,
    ) -> Coroutine[Any, Any, T]: ...

    @overload
    def mutate(
        self: StorageResource[AsyncMode],
        callback: Callable[[LiveObject], T],
        *,
        progress: MutationProgress | None = None,
    ) -> Coroutine[Any, Any, T]: ...

    def mutate(
        self, callback: Callable[[LiveObject], Any], *, progress: MutationProgress | None = None
    ) -> Any:
        """Edit the room's Storage as Live structures: ``callback(root)`` receives the
        document's root :class:`~liveblocks.LiveObject`; its edits are sent as operations
        that merge with what other users write meanwhile. Returns the callback's result.

        On :class:`~liveblocks.AsyncLiveblocks` the callback may be a coroutine function.
        If it raises, nothing is sent and its exception propagates. No edit, no request
        beyond the read. ``progress``, when given, is kept up to date (the stage reached,
        operations made, requests sent): after a failure it tells where it happened.
        """
        return self._requester.run_steps(
            mutation_steps(self._ids["room_id"], callback, (), self._requester.is_async, progress)
        )

    @endpoint
    def get(
        self, format: GetStorageDocumentFormat | str | None = None
    ) -> Call[GetStorageDocumentResponse]:
        """The document: plain LSON by default (lossless, re-importable), or plain JSON
        values with ``format="json"``. An empty room gives an empty root object."""
        return self._get(UNSET if format is None else format)

    @endpoint
    def get_bytes(self, format: GetStorageDocumentFormat | str | None = None) -> Call[bytes]:
        """The document as the API's JSON bytes, not decoded: for copying or storing a
        large document without building its objects."""
        return api_call(
            "GET",
            "/v2/rooms/{room_id}/storage",
            self._ids,
            decode_bytes,
            query=_format_query(UNSET if format is None else format),
        )

    def _get(
        self, format_: GetStorageDocumentFormat | str | Unset
    ) -> Call[GetStorageDocumentResponse]:
        return json_call(
            "GET",
            "/v2/rooms/{room_id}/storage",
            self._ids,
            GetStorageDocumentResponse,
            query=_format_query(format_),
        )

    @endpoint
    def initialize(
        self, document: InitializeStorageDocumentBody | Mapping[str, Any] | Unset = UNSET
    ) -> Call[InitializeStorageDocumentResponse]:
        """Create the room's Storage from a plain LSON document
        (``{"liveblocksType": "LiveObject", "data": {...}}``), given as a dict or a model.

        The API refuses to initialize over existing Storage
        (:class:`~liveblocks.errors.ConflictError`); delete it first to replace it.
        """
        if not isinstance(document, (Unset, Model, Mapping)):
            raise TypeError(
                f"document must be a dict or an InitializeStorageDocumentBody, "
                f"got {type(document).__name__}"
            )
        return json_call(
            "POST",
            "/v2/rooms/{room_id}/storage",
            self._ids,
            InitializeStorageDocumentResponse,
            None if isinstance(document, Unset) else document,
        )

    @multistep
    def replace(
        self, document: InitializeStorageDocumentBody | Mapping[str, Any]
    ) -> Steps[InitializeStorageDocumentResponse]:
        """Make ``document`` (plain LSON) the room's Storage, whatever it held before,
        without ever leaving the room without Storage.

        The room's Storage is read first. When it has none (an empty root), ``document``
        is initialized whole; the initialize is attempted again (up to the client's
        ``max_retries``, with backoff) after a server error or a lost answer, and a 409
        on such a retry means an earlier attempt landed, which is confirmed by reading
        the document back. When it has Storage, ``document`` is written as Live Storage
        operations, as :meth:`mutate` sends them (in as few requests as the bounds
        allow): every top-level key whose value differs set to its new value, then
        the keys that go deleted; keys that hold the same already are left alone, so
        replacing a room with what it holds sends nothing. Interrupted, the room is left
        as it was or partly changed, never empty; replacing again completes it. A part
        that cannot be written as operations (a node type this SDK does not know) raises
        :class:`ValueError` before anything is sent; the room is left as it was.

        Returns the document as the server initialized it, or as it was written."""
        initialize = self.initialize.call(document)
        room_id = self._ids["room_id"]
        doc: Document = yield _mutation_read(room_id)
        if not len(doc.root):
            initialized = yield from self._initialize_steps(initialize)
            if initialized is not None:
                return initialized
            # Storage that the server counts as there (another writer's, or an empty
            # one): read it again and write the document over it.
            doc = yield _mutation_read(room_id)
        from ..live._lson import write_document

        assert isinstance(initialize.body, bytes)  # a JSON call's body
        written = write_document(doc, initialize.body)
        yield from _send_steps(room_id, doc)
        return InitializeStorageDocumentResponse(written)

    def _initialize_steps(
        self, initialize: Call[InitializeStorageDocumentResponse]
    ) -> Steps[InitializeStorageDocumentResponse | None]:
        """Initialize the room's empty Storage, retried after a transient failure; None
        if the first attempt finds Storage there (409)."""
        retries = self._requester.options.max_retries
        attempt = 0
        while True:
            try:
                result: InitializeStorageDocumentResponse = yield initialize
                return result
            except ConflictError:
                if attempt == 0:
                    return None
                stored = yield self._get(UNSET)
                if not _same_document(stored, initialize.body):
                    raise
                logger.debug("%s: an earlier initialize had landed", initialize.path)
                return InitializeStorageDocumentResponse(stored)
            except LiveblocksError as exc:
                if attempt >= retries or not _is_transient(exc):
                    raise
                delay = _retry.retry_delay(attempt, exc.headers)
                logger.debug(
                    "retrying POST %s after %s in %.2fs (retry %d of %d)",
                    initialize.path,
                    type(exc).__name__,
                    delay,
                    attempt + 1,
                    retries,
                )
                yield Pause(delay)
                attempt += 1

    @endpoint
    def patch(self, operations: Iterable[JsonPatchOperation]) -> Call[None]:
        """Apply RFC 6902 JSON Patch operations (models or dicts) to the document,
        all or nothing."""
        ops = list(operations)
        for index, op in enumerate(ops):
            name = op.get("op") if isinstance(op, Mapping) else getattr(op, "op", None)
            if name not in _PATCH_OPS:
                raise ValueError(
                    f"operations[{index}] is not a JSON Patch operation: 'op' must be one of "
                    f"{sorted(_PATCH_OPS)}, got {name!r}"
                )
        return json_call("PATCH", "/v2/rooms/{room_id}/storage/json-patch", self._ids, None, ops)

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the room's Storage document."""
        return json_call("DELETE", "/v2/rooms/{room_id}/storage", self._ids, None)


class MutationProgress:
    """How far a mutation went (for the batch report): ``stage`` is ``"reading"``,
    ``"callback"``, ``"sending"`` or ``"done"``; ``operations`` made; requests sent."""

    __slots__ = ("operations", "requests", "sent", "stage")

    def __init__(self) -> None:
        self.stage = "reading"
        self.operations = 0
        self.requests = 0
        self.sent = 0


def _read_document(response: Response) -> Document:
    import msgspec

    from ..live._document import read_document

    content_type = next(
        (value for name, value in response.headers.items() if name.lower() == "content-type"),
        "",
    )
    content_type = content_type.partition(";")[0].strip().lower()
    if content_type != "application/x-ndjson":
        raise msgspec.DecodeError(
            f"Unexpected response content type {content_type!r} (expected application/x-ndjson)"
        )
    return read_document(response.body)


def mutation_steps(
    room_id: str,
    callback: Callable[..., Any],
    args: tuple[Any, ...],
    is_async: bool,
    progress: MutationProgress | None = None,
) -> Steps[Any]:
    """Read the Storage of the room ``room_id`` as a tree, call ``callback(*args, root)``,
    send the operations its edits made (in order, as few requests as the bounds allow);
    the callback's result. Nothing is sent if the callback raises."""
    if not callable(callback):
        raise TypeError(f"the callback must be a function of the root, got {callback!r}")
    progress = progress or MutationProgress()
    doc: Document = yield _mutation_read(room_id)
    progress.stage = "callback"
    try:
        result = callback(*args, doc.root)
        if isinstance(result, Awaitable):
            result = yield awaited_callback(result, is_async)
    finally:
        doc.close()
    progress.operations = len(doc.ops)
    progress.stage = "sending"
    yield from _send_steps(room_id, doc, progress)
    progress.stage = "done"
    return result


def _mutation_read(room_id: str) -> Call[Document]:
    """The room's Storage as a tree, with an actor for new nodes and operations."""
    return api_call(
        "POST",
        "/v2/rooms/{room_id}/request-storage-mutation",
        {"room_id": room_id},
        _read_document,
        body=b"{}",
        content_type=JSON,
    )


def _send_steps(
    room_id: str, doc: Document, progress: MutationProgress | None = None
) -> Steps[None]:
    """Send the document's operations, in order, in as few requests as the bounds allow."""
    progress = progress or MutationProgress()
    ids = {"room_id": room_id}
    bodies = list(doc.request_bodies())
    progress.requests = len(bodies)
    for body in bodies:
        yield api_call(
            "POST",
            "/v2/rooms/{room_id}/send-message",
            ids,
            decode_none,
            body=body,
            content_type=JSON,
        )
        progress.sent += 1


def _is_transient(error: LiveblocksError) -> bool:
    """A failure after which an initialize may have landed or may succeed when sent again
    (the requester already retried 429 and 503 itself)."""
    if isinstance(error, APIConnectionError):
        return True
    return isinstance(error, InternalServerError) and error.status not in (501, 503, 505)


def _same_document(stored: Mapping[str, Any], sent: object) -> bool:
    """Whether the room's Storage is the document an initialize sent (as JSON values)."""
    if not isinstance(sent, bytes):
        return False
    return bool(msgspec.json.decode(sent) == dict(stored))


def _format_query(format_: GetStorageDocumentFormat | str | Unset) -> list[tuple[str, str]]:
    """The ``format`` query parameter of a Storage read: none for the default (LSON)."""
    if isinstance(format_, Unset):
        return []
    return [("format", GetStorageDocumentFormat(format_).value)]
