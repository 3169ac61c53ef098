"""``LiveMap``: a map of Storage whose entries are each set and deleted on their own."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping, MutableSet
from typing import TYPE_CHECKING, Any

from ._node import (
    CREATE_MAP,
    DELETE_CRDT,
    Entries,
    LiveNode,
    Pending,
    Register,
    entries_of,
    json_value,
    new_child,
    plain_copy,
    plain_tree,
    value_of,
)

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["LiveMap"]


class LiveMap(LiveNode, MutableMapping[str, Any]):
    """A map in Storage: string keys, each entry a plain JSON value or a Live structure
    of its own, set and deleted independently of the others (suited to many keys added
    and removed over time, e.g. one entry per user).

    ``m[key]``, ``m[key] = value``, ``del m[key]``, ``key in m``, ``len(m)``, iteration
    over keys, ``.get(key, default)``, ``.set(key, value)``, ``.delete(key)``,
    ``.to_immutable()``; and the other dict methods (``items``, ``values``, ``pop``,
    ``update``, ...).

    ``LiveMap({"alice": LiveObject({"role": "admin"})})`` makes a new one.
    """

    __slots__ = ("_entries",)

    _entries: dict[str, LiveNode]

    def __init__(self, entries: Entries | None = None, /, **values: Any) -> None:
        self._init_node()
        self._entries = {}
        placed: MutableSet[int] = set()
        for key, value in entries_of(entries, values):
            node = self._item(key, value, placed)
            node._adopt(self, key)
            self._entries[key] = node

    @classmethod
    def _from_storage(cls, doc: Document | None, node_id: str) -> LiveMap:
        live_map = cls.__new__(cls)
        live_map._doc = doc
        live_map._id = node_id
        live_map._key = None
        live_map._parent = None
        live_map._entries = {}
        return live_map

    # -- reading ---------------------------------------------------------------

    def __getitem__(self, key: str) -> Any:
        return value_of(self._entries[key])

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when the map has no such key."""
        item = self._entries.get(key)
        return default if item is None else value_of(item)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def to_immutable(self) -> dict[str, Any]:
        """The map as a plain dict, Live structures inside turned into dicts and lists."""
        result: dict[str, Any] = plain_tree(self, False)
        return result

    def _plain_lson_(self) -> dict[str, Any]:
        result: dict[str, Any] = plain_tree(self, True)
        return result

    def _plain_part(self, as_lson: bool, pending: Pending) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, item in self._entries.items():
            if type(item) is Register:
                value = item.value
                copy = not as_lson and type(value) in (dict, list)
                data[key] = plain_copy(value) if copy else value
            else:
                data[key] = None
                pending.append((data, key, item))
        return {"liveblocksType": "LiveMap", "data": data} if as_lson else data

    def _children(self) -> Iterator[LiveNode]:
        return iter(self._entries.values())

    def __repr__(self) -> str:
        shown = {k: v.value if type(v) is Register else v for k, v in self._entries.items()}
        return f"LiveMap({shown!r})"

    # -- editing ---------------------------------------------------------------

    def __setitem__(self, key: str, value: Any) -> None:
        self.set(key, value)

    def set(self, key: str, value: Any) -> None:
        """Set the entry ``key`` (a plain JSON value, or a new Live structure)."""
        doc = self._writable()
        old = self._entries.get(key)
        if old is not None and value is old:
            return  # already there
        node = self._item(key, value)
        self._entries[key] = node
        if doc is None:
            if old is not None:
                old._released()
            node._adopt(self, key)
            return
        if old is not None:
            old._removed()
        ops: list[dict[str, Any]] = []
        node._attach(doc, self, key, ops)
        doc.ops.extend(ops)

    def __delitem__(self, key: str) -> None:
        if key not in self._entries:
            raise KeyError(key)
        self.delete(key)

    def delete(self, key: str) -> bool:
        """Remove the entry ``key``; False when the map has no such entry."""
        doc = self._writable()
        item = self._entries.pop(key, None)
        if item is None:
            return False
        if doc is None:
            item._released()
            return True
        item._removed()
        doc.ops.append({"type": DELETE_CRDT, "id": item._id, "opId": doc.next_op_id()})
        return True

    # -- internals ---------------------------------------------------------------

    def _item(self, key: object, value: Any, placed: MutableSet[int] | None = None) -> LiveNode:
        if not isinstance(key, str):
            raise TypeError(f"LiveMap keys are strings, got {key!r}")
        if isinstance(value, LiveNode):
            return new_child(self, value, f"[{key!r}]", placed)
        return Register(json_value(value, self, f"[{key!r}]"))

    def _creation(self, node_id: str, parent_id: str | None, key: str) -> dict[str, Any]:
        return {"type": CREATE_MAP, "id": node_id, "parentId": parent_id, "parentKey": key}

    def _attach_children(self, doc: Document, ops: list[dict[str, Any]]) -> None:
        for key, item in self._entries.items():
            item._attach(doc, self, key, ops)

    def _link(self, key: str, child: LiveNode) -> None:
        child._parent = self
        child._key = key
        self._entries[key] = child
