"""One room's Storage during one mutation: the tree rebuilt from the nodes the API sends,
the ids of new nodes, the operations the edits make, and the requests that carry them.

``POST /v2/rooms/{id}/request-storage-mutation`` answers NDJSON: ``{"actor": n}``, then
one node per line, ``[id, {"type", "parentId", "parentKey", "data"}]``. New nodes and
operations are numbered ``"{actor}:{n}"`` (the actor is unique to this mutation, so ids
never collide with other writers'). The operations go out with
``POST /v2/rooms/{id}/send-message`` as ``{"messages": [{"type": 201, "ops": [...]}]}``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import msgspec

from ._node import FILE, LIST, MAP, OBJECT, REGISTER, TEXT, LiveNode, Register
from .file import LiveFile
from .list import LiveList
from .map import LiveMap
from .object import LiveObject
from .text import LiveText, UnknownLiveNode

__all__ = ["MAX_REQUEST_BYTES", "MAX_REQUEST_OPS", "Document", "read_document"]

#: Bounds of one send-message request: operations beyond them go in the next request
#: (one operation larger than the byte bound goes alone). The server applies each
#: request's operations in order, one request after the other.
MAX_REQUEST_OPS = 10_000
MAX_REQUEST_BYTES = 4 * 1024 * 1024

#: UPDATE_STORAGE, the client message that carries operations.
_UPDATE_STORAGE = 201
_BODY_START = b'{"messages":[{"type":%d,"ops":[' % _UPDATE_STORAGE
_BODY_END = b"]}]}"

#: Answers from this size up are decoded and built with the garbage collector paused
#: (a fresh tree has no cycles to free; scanning it while it grows costs for nothing).
_LARGE = 256 * 1024


class Document:
    """The Storage of one room during one mutation."""

    __slots__ = ("_clock", "_op_clock", "_prefix", "actor", "open", "ops", "root")

    def __init__(self, actor: int) -> None:
        self.actor = actor
        self._prefix = f"{actor}:"
        self._clock = 0
        self._op_clock = 0
        self.ops: list[dict[str, Any]] = []
        self.open = True
        self.root: LiveObject = LiveObject._from_storage(self, "root", {})

    def next_id(self) -> str:
        value = f"{self._prefix}{self._clock}"
        self._clock += 1
        return value

    def next_op_id(self) -> str:
        value = f"{self._prefix}{self._op_clock}"
        self._op_clock += 1
        return value

    def close(self) -> None:
        """End the mutation: later edits are refused."""
        self.open = False

    def request_bodies(
        self, max_ops: int = MAX_REQUEST_OPS, max_bytes: int = MAX_REQUEST_BYTES
    ) -> Iterator[bytes]:
        """The send-message bodies carrying every operation, in order, as few as the
        bounds allow."""
        encode = _encoder.encode
        batch: list[bytes] = []
        size = 0
        for op in self.ops:
            part = encode(op)
            if batch and (len(batch) >= max_ops or size + len(part) > max_bytes):
                yield _body(batch)
                batch, size = [], 0
            batch.append(part)
            size += len(part) + 1
        if batch:
            yield _body(batch)

    def __repr__(self) -> str:
        return f"<Storage document, actor {self.actor}, {len(self.ops)} operations>"


def _body(parts: list[bytes]) -> bytes:
    return b"".join((_BODY_START, b",".join(parts), _BODY_END))


_encoder = msgspec.json.Encoder()


class _StorageNode(msgspec.Struct, rename="camel"):
    type: int
    parent_id: Any = None
    parent_key: Any = None
    data: Any = None
    version: Any = None


class _Session(msgspec.Struct):
    actor: int


_session_decoder = msgspec.json.Decoder(_Session)
_nodes_decoder = msgspec.json.Decoder(list[tuple[str, _StorageNode]])
_node_decoder = msgspec.json.Decoder(tuple[str, _StorageNode])


def read_document(body: bytes) -> Document:
    """The document in a request-storage-mutation answer (NDJSON)."""
    head, _, rest = body.partition(b"\n")
    try:
        session = _session_decoder.decode(head)
    except msgspec.DecodeError:
        raise msgspec.DecodeError(
            'Failed to obtain a unique session: the answer does not start with {"actor": n}'
        ) from None
    paused = len(body) >= _LARGE and gc.isenabled()
    if paused:
        gc.disable()
    try:
        nodes = _decode_nodes(rest)
        doc = Document(session.actor)
        doc.root = _build(doc, nodes)
    finally:
        if paused:
            gc.enable()
    return doc


def _decode_nodes(rest: bytes) -> list[tuple[str, _StorageNode]]:
    rest = rest.strip()
    if not rest:
        return []
    try:
        # One decode for the whole stream: the lines joined into one JSON array.
        return _nodes_decoder.decode(b"[" + rest.replace(b"\n", b",") + b"]")
    except msgspec.DecodeError:
        pass  # blank lines, CRLF: line by line, which says which line is wrong
    nodes = []
    for number, line in enumerate(rest.splitlines(), start=2):
        line = line.strip()
        if not line:
            continue
        try:
            nodes.append(_node_decoder.decode(line))
        except msgspec.DecodeError as exc:
            raise msgspec.DecodeError(f"Storage node on line {number}: {exc}") from None
    return nodes


def _build(doc: Document, nodes: list[tuple[str, _StorageNode]]) -> LiveObject:
    """The tree of ``nodes``: each node made, then linked to its parent in stream order
    (the order children of a LiveObject or LiveMap keep), lists sorted by position."""
    made: dict[str, LiveNode] = {}
    lists: list[LiveList] = []
    root: LiveObject | None = None
    for node_id, node in nodes:
        kind = node.type
        made_node: LiveNode
        if kind == OBJECT:
            made_node = LiveObject._from_storage(doc, node_id, node.data)
            if node_id == "root":
                root = made_node
        elif kind == REGISTER:
            made_node = Register._from_storage(doc, node_id, node.data)
        elif kind == LIST:
            made_node = LiveList._from_storage(doc, node_id)
            lists.append(made_node)
        elif kind == MAP:
            made_node = LiveMap._from_storage(doc, node_id)
        elif kind == FILE:
            made_node = LiveFile._from_storage(doc, node_id, node.data)
        elif kind == TEXT:
            made_node = LiveText._from_storage(doc, node_id, node.data, node.version)
        else:
            made_node = UnknownLiveNode._from_storage(doc, node_id, kind, node.data)
        made[node_id] = made_node
    if root is None:
        raise msgspec.DecodeError("the Storage nodes have no root object")
    for node_id, node in nodes:
        parent = made.get(node.parent_id) if type(node.parent_id) is str else None
        if parent is None or type(node.parent_key) is not str or node_id == "root":
            continue
        parent._link(node.parent_key, made[node_id])
    for live_list in lists:
        live_list._sort()
    return root
