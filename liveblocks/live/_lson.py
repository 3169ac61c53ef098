"""Plain LSON (a Storage document as ``storage.initialize`` takes it, and as an export
holds it) turned into new Live structures, so that a whole document can be written into a
room's Storage as operations (``storage.replace`` on a room that has Storage).

A value is a Live structure where the server reads one: a dict whose ``liveblocksType``
is set, as a LiveObject's or LiveMap's value or a LiveList's item. Anything inside a
plain value stays plain, as ``storage.initialize`` keeps it. Each structure becomes what
the server makes of it on initialize: the same node types with the same data (a
LiveText as its segments at version 0, a LiveFile with its metadata as given).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import msgspec

from ._node import LiveNode
from .file import LiveFile
from .list import LiveList
from .map import LiveMap
from .object import LiveObject
from .text import LiveText

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["live_values", "write_document"]

#: The container types: what their ``data`` must be.
_CONTAINERS: dict[str, type] = {"LiveObject": dict, "LiveMap": dict, "LiveList": list}


class _Pending:
    """One Live structure of the document, waiting for its children to be made."""

    __slots__ = ("children", "data", "key", "kind", "parent")

    def __init__(self, kind: str, data: Any, parent: _Pending | None, key: str | int) -> None:
        self.kind = kind
        self.data = data
        self.parent = parent
        self.key = key
        self.children: dict[str | int, LiveNode] = {}

    def where(self) -> str:
        parts: list[str] = []
        node: _Pending | None = self
        while node is not None:
            parts.append(f"[{node.key!r}]")
            node = node.parent
        return "root" + "".join(reversed(parts))


def _is_live(value: Any) -> bool:
    return type(value) is dict and "liveblocksType" in value


def _pending(value: dict[str, Any], parent: _Pending | None, key: str | int) -> _Pending:
    """The structure ``value`` stands for, checked: a known type, with its data."""
    kind = value["liveblocksType"]
    data = value.get("data")
    node = _Pending(kind if type(kind) is str else "", data, parent, key)
    expected = _CONTAINERS.get(node.kind)
    if expected is not None and type(data) is not expected:
        raise ValueError(
            f"{node.where()}: a {kind} needs its data as a JSON "
            f"{'object' if expected is dict else 'array'}, got {type(data).__name__}"
        )
    if node.kind in ("LiveFile", "LiveText"):
        if "data" not in value:
            raise ValueError(f"{node.where()}: a {kind} needs its data")
    elif expected is None:
        raise ValueError(
            f"{node.where()}: a Storage node of type {kind!r} cannot be written as "
            "operations by this SDK"
        )
    return node


def live_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """The root's keys of a plain-LSON document (its ``data``), each a plain value or a
    new Live structure. Raises :class:`ValueError` for a part that cannot be written.

    Built without recursion, children before their parents."""
    order: list[_Pending] = []
    stack: list[tuple[dict[str, Any], _Pending | None, str | int]] = [
        (value, None, key) for key, value in data.items() if _is_live(value)
    ]
    while stack:
        value, parent, key = stack.pop()
        node = _pending(value, parent, key)
        order.append(node)
        if node.kind in _CONTAINERS:
            items = node.data.items() if type(node.data) is dict else enumerate(node.data)
            stack.extend((v, node, k) for k, v in items if _is_live(v))
    values = dict(data)
    # A node comes after its parent in ``order``: made in reverse, children come first.
    for node in reversed(order):
        made = _make(node)
        if node.parent is None:
            values[node.key] = made  # type: ignore[index]
        else:
            node.parent.children[node.key] = made
    return values


def _make(node: _Pending) -> LiveNode:
    try:
        return _made(node)
    except TypeError as exc:  # a plain value that is not JSON Storage (a huge integer)
        raise ValueError(f"{node.where()}: {exc}") from None


def _made(node: _Pending) -> LiveNode:
    kind, data, children = node.kind, node.data, node.children
    if kind == "LiveObject":
        return LiveObject({k: children.get(k, v) for k, v in data.items()})
    if kind == "LiveMap":
        return LiveMap({k: children.get(k, v) for k, v in data.items()})
    if kind == "LiveList":
        return LiveList([children.get(i, v) for i, v in enumerate(data)])
    if kind == "LiveFile":
        if not isinstance(data, dict):
            raise ValueError(f"{node.where()}: a LiveFile needs its data as a JSON object")
        try:
            return LiveFile.from_dict({"liveblocksType": "LiveFile", "data": data})
        except ValueError as exc:
            raise ValueError(f"{node.where()}: {exc}") from None
    return LiveText._new(data)


_ABSENT = object()


def _same(held: Any, given: Any) -> bool:
    """Whether two plain-LSON values are the same JSON, types included (``1`` is not
    ``1.0`` nor ``True``); dicts compare whatever their key order. Without recursion, so
    a deep document cannot exhaust the stack."""
    pairs = [(held, given)]
    while pairs:
        a, b = pairs.pop()
        kind = type(a)
        if kind is not type(b):
            return False
        if kind is dict:
            if a.keys() != b.keys():
                return False
            pairs.extend((a[key], b[key]) for key in a)
        elif kind is list:
            if len(a) != len(b):
                return False
            pairs.extend(zip(a, b, strict=True))
        elif a != b:
            return False
    return True


def write_document(doc: Document, document: bytes) -> dict[str, Any]:
    """Make ``doc`` (a room's Storage during one mutation) the plain-LSON ``document``
    (JSON bytes): every top-level key whose value differs set to its new value (a key
    that holds the same JSON already is left alone), then the keys that go deleted; the
    operations are in ``doc.ops``. Returns the document decoded.

    Raises :class:`ValueError` (nothing changed) for a document that cannot be written."""
    decoded: Any = msgspec.json.decode(document)
    data = decoded.get("data") if type(decoded) is dict else None
    if type(data) is not dict or decoded.get("liveblocksType") != "LiveObject":
        raise ValueError(
            'a Storage document is plain LSON, {"liveblocksType": "LiveObject", "data": {...}}'
        )
    root = doc.root
    held = root._plain_lson_()["data"] if len(root) else {}
    # A key that already holds what the document gives it is left alone: no operation, so
    # importing an export again over the same rooms sends only what changed since.
    changed = {
        key: value for key, value in data.items() if not _same(held.get(key, _ABSENT), value)
    }
    values = live_values(changed)
    try:
        root.update(values)
    except TypeError as exc:  # a plain value that is not JSON Storage (a huge integer)
        raise ValueError(str(exc)) from None
    for key in [key for key in root if key not in data]:
        root.delete(key)
    doc.close()
    written: dict[str, Any] = decoded
    return written
