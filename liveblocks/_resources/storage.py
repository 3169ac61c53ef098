"""A room's Storage document: ``client.rooms[room_id].storage``."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from .. import _retry
from .._core import Call, M, Pause, Resource, Steps, endpoint, multistep, query_items
from .._encoding import decode_bytes
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
from ._common import json_call

__all__ = ["StorageResource"]

logger = logging.getLogger("liveblocks")

_PATCH_OPS = frozenset({"add", "remove", "replace", "copy", "move", "test"})


class StorageResource(Resource[M]):
    """The room's Storage: read it, initialize it, patch it, delete it."""

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
        call = self._get(UNSET if format is None else format)
        return Call(call.method, call.path, decode_bytes, query=call.query)

    def _get(
        self, format_: GetStorageDocumentFormat | str | Unset
    ) -> Call[GetStorageDocumentResponse]:
        if not isinstance(format_, Unset):
            format_ = GetStorageDocumentFormat(format_)
        return json_call(
            "GET", self._path, GetStorageDocumentResponse, query=query_items({"format": format_})
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
            self._path,
            InitializeStorageDocumentResponse,
            None if isinstance(document, Unset) else document,
        )

    @multistep
    def replace(
        self, document: InitializeStorageDocumentBody | Mapping[str, Any]
    ) -> Steps[InitializeStorageDocumentResponse]:
        """Make ``document`` (plain LSON) the room's Storage, whatever it held before:
        deletes the current document, then initializes the new one (a client writing in
        between would see the room's Storage empty for a moment).

        The initialize is attempted again (up to the client's ``max_retries``, with
        backoff) after a server error or a lost answer, so a transient failure does not
        leave the room without Storage; a 409 on such a retry means an earlier attempt
        landed, which is confirmed by reading the document back."""
        initialize = self.initialize.call(document)
        yield self.delete.call()
        retries = self._requester.options.max_retries
        attempt = 0
        while True:
            try:
                result: InitializeStorageDocumentResponse = yield initialize
                return result
            except ConflictError:
                if attempt == 0:
                    raise  # Storage was there before our initialize: someone else wrote it
                stored = yield self._get(UNSET)
                if not _same_document(stored, initialize.body):
                    raise
                logger.debug("%s: an earlier initialize had landed", self._path)
                return InitializeStorageDocumentResponse(stored)
            except LiveblocksError as exc:
                if attempt >= retries or not _is_transient(exc):
                    raise
                delay = _retry.retry_delay(attempt, exc.headers)
                logger.debug(
                    "retrying POST %s after %s in %.2fs (retry %d of %d)",
                    self._path,
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
        return json_call("PATCH", self._path + "/json-patch", None, ops)

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the room's Storage document."""
        return json_call("DELETE", self._path, None)


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
