"""``LiveObject``: an object of Storage whose keys merge one by one with other users'
edits."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

from ._node import (
    CREATE_OBJECT,
    DELETE_OBJECT_KEY,
    UPDATE_OBJECT,
    Entries,
    LiveNode,
    Pending,
    Register,
    entries_of,
    json_value,
    new_child,
    plain_copy,
    plain_tree,
)

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["LiveObject"]

_MISSING: Any = object()
_SCALARS = (str, int, float, bool)
#: The types of the plain values that are copied as they are when read.
_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


class LiveObject(LiveNode, MutableMapping[str, Any]):
    """An object in Storage: string keys, each holding a plain JSON value or a Live
    structure. Setting a key changes only that key, so concurrent edits of other keys
    by other users are kept.

    ``obj[key]``, ``obj[key] = value``, ``del obj[key]``, ``key in obj``, ``len(obj)``,
    iteration over keys, ``.get(key, default)``, ``.set(key, value)``,
    ``.delete(key)``, ``.update(mapping)``, ``.to_immutable()``.

    ``LiveObject({"title": "Plan", "tags": LiveList(["a"])})`` makes a new one, placed
    into Storage by setting it as a value.
    """

    __slots__ = ("_data",)

    _data: dict[str, Any]

    def __init__(self, data: Entries | None = None, /, **values: Any) -> None:
        self._init_node()
        self._data = {}
        entries = entries_of(data, values)
        self._data = self._prepared(entries)
        for key, value in self._data.items():
            if isinstance(value, LiveNode):
                value._adopt(self, key)

    @classmethod
    def _from_storage(cls, doc: Document | None, node_id: str, data: Any) -> LiveObject:
        obj = cls.__new__(cls)
        obj._doc = doc
        obj._id = node_id
        obj._key = None
        obj._parent = None
        obj._data = data if type(data) is dict else {}
        return obj

    # -- reading ---------------------------------------------------------------

    def __getitem__(self, key: str) -> Any:
        value = self._data[key]
        return plain_copy(value) if type(value) in (dict, list) else value

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when the object has no such key."""
        value = self._data.get(key, _MISSING)
        if value is _MISSING:
            return default
        return plain_copy(value) if type(value) in (dict, list) else value

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def to_immutable(self) -> dict[str, Any]:
        """The object as plain JSON: a new dict, Live structures inside turned into
        dicts and lists too."""
        result: dict[str, Any] = plain_tree(self, False)
        return result

    def _plain_lson_(self) -> dict[str, Any]:
        result: dict[str, Any] = plain_tree(self, True)
        return result

    def _plain_part(self, as_lson: bool, pending: Pending) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, value in self._data.items():
            kind = type(value)
            if kind in _JSON_SCALARS:
                data[key] = value
            elif kind is dict or kind is list:
                data[key] = value if as_lson else plain_copy(value)
            elif isinstance(value, LiveNode):
                data[key] = None
                pending.append((data, key, value))
            else:
                data[key] = value
        return {"liveblocksType": "LiveObject", "data": data} if as_lson else data

    def _children(self) -> Iterator[LiveNode]:
        return (v for v in self._data.values() if isinstance(v, LiveNode))

    def __repr__(self) -> str:
        return f"LiveObject({self._data!r})"

    # -- editing ---------------------------------------------------------------

    def __setitem__(self, key: str, value: Any) -> None:
        self.update({key: value})

    def set(self, key: str, value: Any) -> None:
        """Set one key (a plain JSON value, or a new Live structure)."""
        self.update({key: value})

    def update(self, data: Entries | None = None, /, **values: Any) -> None:  # type: ignore[override]
        """Set several keys at once (one operation for all the plain values)."""
        doc = self._writable()
        prepared = self._prepared(entries_of(data, values))
        if doc is None:
            for key, value in prepared.items():
                old = self._data.get(key)
                if isinstance(old, LiveNode):
                    old._released()
                if isinstance(value, LiveNode):
                    value._adopt(self, key)
                self._data[key] = value
            return
        op_id = doc.next_op_id()
        ops: list[dict[str, Any]] = []
        plain: dict[str, Any] = {}
        for key, value in prepared.items():
            old = self._data.get(key, _MISSING)
            if old is value or (type(old) is type(value) in _SCALARS and old == value):
                continue
            if isinstance(old, LiveNode):
                old._removed()
            if isinstance(value, LiveNode):
                value._attach(doc, self, key, ops)
            else:
                plain[key] = value
            self._data[key] = value
        if plain:
            ops.insert(0, {"type": UPDATE_OBJECT, "id": self._id, "opId": op_id, "data": plain})
        doc.ops.extend(ops)

    def __delitem__(self, key: str) -> None:
        if key not in self._data:
            raise KeyError(key)
        self.delete(key)

    def delete(self, key: str) -> None:
        """Remove ``key`` (nothing happens when the object has no such key)."""
        doc = self._writable()
        if key not in self._data:
            return
        old = self._data.pop(key)
        if doc is None:
            if isinstance(old, LiveNode):
                old._released()
            return
        if isinstance(old, LiveNode):
            old._removed()
        op_id = doc.next_op_id()
        doc.ops.append({"type": DELETE_OBJECT_KEY, "id": self._id, "opId": op_id, "key": key})

    # -- placing ---------------------------------------------------------------

    def _prepared(self, entries: Iterable[tuple[Any, Any]]) -> dict[str, Any]:
        """The new values checked (and plain ones copied) before anything changes."""
        prepared: dict[str, Any] = {}
        placed: set[int] = set()
        for key, value in entries:
            if not isinstance(key, str):
                raise TypeError(f"LiveObject keys are strings, got {key!r}")
            if isinstance(value, LiveNode):
                if value is self._data.get(key):
                    prepared[key] = value
                    continue
                prepared[key] = new_child(self, value, f"[{key!r}]", placed)
            else:
                prepared[key] = json_value(value, self, f"[{key!r}]")
        return prepared

    def _creation(self, node_id: str, parent_id: str | None, key: str) -> dict[str, Any]:
        return {
            "type": CREATE_OBJECT,
            "id": node_id,
            "parentId": parent_id,
            "parentKey": key,
            "data": {k: v for k, v in self._data.items() if not isinstance(v, LiveNode)},
        }

    def _attach_children(self, doc: Document, ops: list[dict[str, Any]]) -> None:
        for key, value in self._data.items():
            if isinstance(value, LiveNode):
                value._attach(doc, self, key, ops)

    def _link(self, key: str, child: LiveNode) -> None:
        """A child from the server's nodes (a register's plain value is kept as it)."""
        if type(child) is Register:
            self._data[key] = child.value
        else:
            child._parent = self
            child._key = key
            self._data[key] = child
