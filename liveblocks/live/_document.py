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
    parent_id: str | None = None
    parent_key: str | None = None
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
    except (msgspec.DecodeError, RecursionError):
        pass  # blank lines, CRLF, a value nested too deeply: line by line, to say which
    nodes = []
    for number, line in enumerate(rest.splitlines(), start=2):
        line = line.strip()
        if not line:
            continue
        try:
            nodes.append(_node_decoder.decode(line))
        except msgspec.DecodeError as exc:
            raise msgspec.DecodeError(f"Storage node on line {number}: {exc}") from None
        except RecursionError:
            raise msgspec.DecodeError(
                f"Storage node on line {number}: its data is nested too deeply to be read"
            ) from None
    return nodes


def _build(doc: Document, nodes: list[tuple[str, _StorageNode]]) -> LiveObject:
    """The tree of ``nodes``: each node made, then linked to its parent in stream order
    (the order children of a LiveObject or LiveMap keep), lists sorted by position.

    The nodes must form one tree: each id once, one root, every other node under a parent
    that is there, no node its own ancestor. Anything else is refused (a cycle would make
    every walk through the tree endless). Linear in the number of nodes, and without
    recursion however deep the tree."""
    made: dict[str, LiveNode] = {}
    lists: list[LiveList] = []
    root: LiveObject | None = None
    # Nodes are made outside the document; each joins it (its ``_doc``) once it is known
    # to hang under the root (see _link_all).
    for node_id, node in nodes:
        kind = node.type
        made_node: LiveNode
        if kind == OBJECT:
            made_node = LiveObject._from_storage(None, node_id, node.data)
            if node_id == "root":
                root = made_node
        elif kind == REGISTER:
            made_node = Register._from_storage(None, node_id, node.data)
        elif kind == LIST:
            made_node = LiveList._from_storage(None, node_id)
            lists.append(made_node)
        elif kind == MAP:
            made_node = LiveMap._from_storage(None, node_id)
        elif kind == FILE:
            made_node = LiveFile._from_storage(None, node_id, node.data)
        elif kind == TEXT:
            made_node = LiveText._from_storage(None, node_id, node.data, node.version)
        else:
            made_node = UnknownLiveNode._from_storage(None, node_id, kind, node.data)
        made[node_id] = made_node
    if len(made) < len(nodes):
        _refuse_twice_listed(nodes)
    if root is None:
        raise msgspec.DecodeError("the Storage nodes have no root object")
    root._doc = doc
    _link_all(doc, nodes, made, root)
    for live_list in lists:
        live_list._sort()
    return root


def _refuse_twice_listed(nodes: list[tuple[str, _StorageNode]]) -> None:
    """Name the node listed twice (there is one: fewer nodes were made than listed)."""
    seen: set[str] = set()
    for node_id, _ in nodes:
        if node_id in seen:
            if node_id == "root":
                raise msgspec.DecodeError("the Storage nodes have two roots ('root' twice)")
            raise msgspec.DecodeError(f"the Storage node {node_id!r} is listed twice")
        seen.add(node_id)


def _link_all(
    doc: Document,
    nodes: list[tuple[str, _StorageNode]],
    made: dict[str, LiveNode],
    root: LiveObject,
) -> None:
    """Link every node but the root under its parent, and let it join ``doc`` once its
    parents are known to end at the root; refuse a second root, a parent that is not
    there, and cycles."""
    later: list[str] = []  # nodes whose parent comes after them in the stream
    for node_id, node in nodes:
        child = made[node_id]
        # made.get(None) is None: the root, or a second root
        parent = made.get(node.parent_id)  # type: ignore[arg-type]
        if parent is None:
            if child is root and node.parent_id is None:
                continue
            raise _no_parent(node_id, node.parent_id)
        key = node.parent_key
        if child is root:
            raise msgspec.DecodeError(f"the Storage root has a parent ({node.parent_id!r})")
        if key is None:
            raise msgspec.DecodeError(f"the Storage node {node_id!r} has no parent key")
        parent._link(key, child)
        if parent._doc is not None:
            child._doc = doc  # under a node under the root (the server's usual order)
        else:
            later.append(node_id)
    if later:
        parents = {i: node.parent_id for i, node in nodes if node.parent_id is not None}
        _join_walking_up(doc, later, parents, made)


def _no_parent(node_id: str, parent_id: str | None) -> msgspec.DecodeError:
    if parent_id is None:
        return msgspec.DecodeError(
            f"the Storage node {node_id!r} has no parent: a document has one root"
        )
    return msgspec.DecodeError(
        f"the parent of the Storage node {node_id!r}, {parent_id!r}, is not in the document"
    )


def _join_walking_up(
    doc: Document, ids: list[str], parents: dict[str, str], made: dict[str, LiveNode]
) -> None:
    """Let each of ``ids`` join ``doc`` by walking up from it to a node that has; a walk
    that comes back to where it passed is a cycle. Each node is walked once in all."""
    for start in ids:
        on_path: set[str] = set()
        node_id = start
        while made[node_id]._doc is None:
            if node_id in on_path:
                raise msgspec.DecodeError(
                    f"the Storage node {node_id!r} is its own ancestor (the nodes form a cycle)"
                )
            on_path.add(node_id)
            node_id = parents[node_id]
        for node_id in on_path:
            made[node_id]._doc = doc
