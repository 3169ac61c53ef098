"""Yjs documents as pycrdt documents (the ``yjs`` extra): loading a room's document from
its binary update, and recording what an edit changes so that only that is sent.

pycrdt is imported here only, and only when a document is used.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from typing import TypeAlias

    import pycrdt

    #: A pycrdt document, whatever its typed roots.
    YDoc: TypeAlias = pycrdt.Doc[Any]

__all__ = ["EditRecorder", "YDoc", "load_document", "require_pycrdt"]

INSTALL_HINT = 'pip install "liveblocks-sdk[yjs]"'


def require_pycrdt() -> types.ModuleType:
    """The pycrdt module, or an ImportError that says how to install it."""
    try:
        import pycrdt
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            f"Yjs documents as pycrdt documents need pycrdt: {INSTALL_HINT}", name="pycrdt"
        ) from exc
    return pycrdt


def load_document(update: bytes, guid: str | None = None) -> YDoc:
    """A new document holding ``update`` (the API's binary update of a room's document,
    or of its subdocument ``guid``)."""
    pycrdt = require_pycrdt()
    doc: YDoc = pycrdt.Doc() if guid is None else pycrdt.Doc(guid=guid)
    try:
        doc.apply_update(update)
    except Exception as exc:  # pycrdt raises plain exceptions for a malformed update
        raise msgspec.DecodeError(f"not a Yjs binary update ({exc})") from exc
    return doc


class EditRecorder:
    """Records the updates of every transaction made on ``doc`` from now on, so that the
    edit can be sent as just those (deletions included), not as the whole document."""

    __slots__ = ("_doc", "_subscription", "_updates")

    def __init__(self, doc: YDoc) -> None:
        self._doc = doc
        self._updates: list[bytes] = []
        self._subscription = doc.observe(self._record)

    def _record(self, event: pycrdt.TransactionEvent) -> None:
        self._updates.append(event.update)

    def stop(self) -> bytes | None:
        """Stop recording; the changes as one update, or ``None`` if nothing changed."""
        self._doc.unobserve(self._subscription)
        updates = [update for update in self._updates if update != b"\x00\x00"]
        if not updates:
            return None
        if len(updates) == 1:
            return updates[0]
        merged: bytes = require_pycrdt().merge_updates(*updates)
        return merged
