"""What every Live structure shares: its place in a room's Storage, and the checks made
before an edit (a plain value must be JSON, a Live structure goes in one place only).

A structure is in one of three states:

- new: made by the caller (``LiveObject(...)``), no id. Edits change it locally; it
  reaches Storage when it is placed into a structure that is there.
- in Storage: it has an id and belongs to a :class:`~liveblocks.live._document.Document`
  (one room's Storage during one mutation); each edit becomes operations.
- removed: deleted or replaced. It keeps its content for reading; edits are refused,
  since they could not reach Storage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, MutableSet
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["LiveNode", "Register", "json_value", "new_child", "plain_copy", "plain_tree"]

#: Op codes (the API's ``OpCode``).
SET_PARENT_KEY = 1
CREATE_LIST = 2
UPDATE_OBJECT = 3
CREATE_OBJECT = 4
DELETE_CRDT = 5
DELETE_OBJECT_KEY = 6
CREATE_MAP = 7
CREATE_REGISTER = 8
CREATE_TEXT = 9
CREATE_FILE = 11

#: Node types (the API's ``CrdtType``).
OBJECT = 0
LIST = 1
MAP = 2
REGISTER = 3
TEXT = 4
FILE = 5

#: What ``LiveObject(...)``, ``LiveMap(...)`` and ``update(...)`` take, as ``dict(...)``.
Entries = Union[Mapping[str, Any], Iterable[tuple[str, Any]]]

_INT_MIN = -(2**63)
_INT_END = 2**64


class LiveNode:
    """Base class of the Live structures: LiveObject, LiveList, LiveMap, LiveFile,
    LiveText."""

    __slots__ = ("_doc", "_id", "_key", "_parent")

    _doc: Document | None
    _id: str | None
    _key: str | None  # the key in the parent (a position in a LiveList)
    _parent: LiveNode | None

    def _init_node(self) -> None:
        self._doc = None
        self._id = None
        self._key = None
        self._parent = None

    # -- state ------------------------------------------------------------------

    def _writable(self) -> Document | None:
        """The document an edit goes to (None for a new structure); refuses an edit of a
        removed structure or after the mutation."""
        doc = self._doc
        if doc is None:
            if self._id is not None:
                raise ValueError(
                    f"this {type(self).__name__} was removed from Storage (deleted or "
                    "replaced); its edits could not be saved. Read the current value from "
                    "its parent and edit that"
                )
            return None
        if not doc.open:
            raise RuntimeError(
                f"this {type(self).__name__} belongs to a Storage mutation that has ended; "
                "edit Storage inside the mutation's callback"
            )
        return doc

    def _children(self) -> Iterator[LiveNode]:
        return iter(())

    def _link(self, key: str, child: LiveNode) -> None:
        """A child from the server's nodes; structures without children ignore it."""
        return None

    def _removed(self) -> None:
        """Take this structure and everything in it out of Storage (it stays readable)."""
        self._parent = None
        stack: list[LiveNode] = [self]
        while stack:
            node = stack.pop()
            node._doc = None
            stack.extend(node._children())

    def _released(self) -> None:
        """Take a new structure out of a new parent: it can be placed elsewhere."""
        self._parent = None
        self._key = None

    # -- placing into Storage ----------------------------------------------------

    def _adopt(self, parent: LiveNode, key: str) -> None:
        """Link this new structure under ``parent`` (checked by :meth:`_check_new`)."""
        self._parent = parent
        self._key = key

    def _attach(
        self,
        doc: Document,
        parent: LiveNode,
        key: str,
        ops: list[dict[str, Any]],
        intent: str | None = None,
        deleted_id: str | None = None,
    ) -> None:
        """Place this new structure (and what it holds) into Storage under ``parent``:
        give each node its id, depth first, and append their creation operations."""
        self._parent = parent
        self._key = key
        self._doc = doc
        self._id = node_id = doc.next_id()
        op = self._creation(node_id, parent._id, key)
        op["opId"] = doc.next_op_id()
        if intent is not None:
            op["intent"] = intent
        if deleted_id is not None:
            op["deletedId"] = deleted_id
        ops.append(op)
        self._attach_children(doc, ops)

    def _creation(self, node_id: str, parent_id: str | None, key: str) -> dict[str, Any]:
        raise TypeError(f"a {type(self).__name__} cannot be created by this SDK")

    def _attach_children(self, doc: Document, ops: list[dict[str, Any]]) -> None:
        return None

    def _check_new(self, parent: LiveNode, label: str) -> None:
        """Refuse to place this structure at ``parent[label]`` unless it is new and free."""
        kind = type(self).__name__
        if self._id is None and self._parent is None:
            if parent._doc is not None:
                return  # a new structure cannot hold one that is in Storage
            node: LiveNode | None = parent
            while node is not None:
                if node is self:
                    raise ValueError(
                        f"{parent._where()}{label}: a {kind} cannot be placed inside itself"
                    )
                node = node._parent
            return
        where = parent._where() + label
        if self._id is not None:
            state = "is already in Storage" if self._doc is not None else "was removed from Storage"
            raise ValueError(
                f"{where}: this {kind} {state}; a Live structure can be placed in one place "
                f"only. Place a new one (e.g. {_copy_hint(self)})"
            )
        assert self._parent is not None
        raise ValueError(
            f"{where}: this {kind} is already inside another {type(self._parent).__name__}; "
            f"a Live structure can be placed in one place only. Place a new one "
            f"(e.g. {_copy_hint(self)})"
        )

    # -- reading ---------------------------------------------------------------

    def to_immutable(self) -> Any:
        """The structure's content as plain JSON values (dicts, lists, ...)."""
        raise NotImplementedError

    def _plain_lson_(self) -> Any:
        """The structure as plain LSON, for a Storage document sent whole
        (``storage.initialize(...)``)."""
        raise NotImplementedError

    def _plain_part(self, as_lson: bool, pending: Pending) -> Any:
        """This structure as plain JSON (or LSON), with a placeholder for each structure
        it holds, each added to ``pending`` to be filled in (see :func:`plain_tree`)."""
        return self._plain_lson_() if as_lson else self.to_immutable()

    def _where(self) -> str:
        """Where this structure sits, e.g. ``root['items'][2]``, for error messages."""
        parts: list[str] = []
        node: LiveNode = self
        while node._parent is not None:
            parts.append(node._parent._child_label(node))
            node = node._parent
        base = "root" if node._id == "root" else f"a new {type(node).__name__}"
        return base + "".join(reversed(parts))

    def _child_label(self, child: LiveNode) -> str:
        return f"[{child._key!r}]"


def _copy_hint(node: LiveNode) -> str:
    name = type(node).__name__
    if name == "LiveFile":
        return "LiveFile(data=file.data)"
    return f"{name}(old.to_immutable())"


class Register(LiveNode):
    """A plain value held by a LiveList or a LiveMap (a node of its own in Storage)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self._init_node()
        self.value = value

    @classmethod
    def _from_storage(cls, doc: Document | None, node_id: str, value: Any) -> Register:
        register = cls.__new__(cls)
        register._doc = doc
        register._id = node_id
        register._key = None
        register._parent = None
        register.value = value
        return register

    def _creation(self, node_id: str, parent_id: str | None, key: str) -> dict[str, Any]:
        return {
            "type": CREATE_REGISTER,
            "id": node_id,
            "parentId": parent_id,
            "parentKey": key,
            "data": self.value,
        }

    def to_immutable(self) -> Any:
        return plain_copy(self.value)

    def _plain_lson_(self) -> Any:
        return self.value

    def __repr__(self) -> str:
        return f"Register({self.value!r})"


def value_of(item: LiveNode) -> Any:
    """What a LiveList or LiveMap item reads as: the structure, or a copy of the plain
    value."""
    if type(item) is Register:
        value = item.value
        return plain_copy(value) if type(value) in (dict, list) else value
    return item


#: The places a structure leaves for the structures it holds: (container, key or index,
#: the structure whose plain form goes there).
Pending = list[tuple[Any, Any, LiveNode]]


def plain_tree(top: LiveNode, as_lson: bool) -> Any:
    """``top`` and everything in it as plain JSON (``to_immutable``) or plain LSON,
    however deep: each structure makes its container, and the structures inside it are
    filled in from a stack rather than by recursion."""
    pending: Pending = []
    value = top._plain_part(as_lson, pending)
    while pending:
        container, key, node = pending.pop()
        container[key] = node._plain_part(as_lson, pending)
    return value


#: Plain values are copied by recursion this many levels deep (the fast way for the
#: shallow values documents hold), deeper with an explicit stack.
_RECURSIVE_LEVELS = 64


def plain_copy(value: Any) -> Any:
    """A deep copy of a plain JSON value (its dicts and lists are new), however deep."""
    return _copy(value, _RECURSIVE_LEVELS)


def _copy(value: Any, levels: int) -> Any:
    if not levels:
        return _copy_deep(value)
    kind = type(value)
    levels -= 1
    if kind is dict:
        return {k: _copy(v, levels) if type(v) in (dict, list) else v for k, v in value.items()}
    if kind is list:
        return [_copy(v, levels) if type(v) in (dict, list) else v for v in value]
    return value


def _copy_deep(value: Any) -> Any:
    """:func:`plain_copy` with a stack: each dict or list made empty where it goes, then
    filled when its turn comes."""
    kind = type(value)
    if kind is not dict and kind is not list:
        return value
    top: Any = {} if kind is dict else []
    copy: Any
    stack: list[tuple[Any, Any]] = [(value, top)]
    while stack:
        source, target = stack.pop()
        if type(source) is dict:
            for key, item in source.items():
                kind = type(item)
                if kind is dict or kind is list:
                    target[key] = copy = {} if kind is dict else []
                    stack.append((item, copy))
                else:
                    target[key] = item
        else:
            for item in source:
                kind = type(item)
                if kind is dict or kind is list:
                    copy = {} if kind is dict else []
                    target.append(copy)
                    stack.append((item, copy))
                else:
                    target.append(item)
    return top


class _NotJsonError(Exception):
    def __init__(self, path: list[str], reason: str) -> None:
        self.path = path
        self.reason = reason


def new_child(
    owner: LiveNode, node: LiveNode, label: str, placed: MutableSet[int] | None = None
) -> LiveNode:
    """``node``, checked to be a new Live structure that may go under ``owner`` at
    ``label``, and (with ``placed``, the ids of those one edit places) not given twice."""
    node._check_new(owner, label)
    if placed is not None:
        if id(node) in placed:
            raise ValueError(
                f"{owner._where()}{label}: the same {type(node).__name__} is given "
                "twice; a Live structure can be placed in one place only"
            )
        placed.add(id(node))
    return node


def json_value(value: Any, owner: LiveNode, label: str) -> Any:
    """``value`` checked to be plain JSON and copied (so that later changes to the
    caller's dicts and lists do not reach Storage unseen). Tuples become lists.
    ``owner`` and ``label`` say where the value goes, for the error message."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return value
    if kind is int:
        if _INT_MIN <= value < _INT_END:
            return value
    elif kind is float and math.isfinite(value):
        return value
    try:
        return _copy_json(value)
    except _NotJsonError as exc:
        path = "".join(reversed(exc.path))
        raise TypeError(f"{owner._where()}{label}{path}: {exc.reason}") from None


def _copy_json(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return value
    if kind is int or (isinstance(value, int) and not isinstance(value, bool)):
        if not _INT_MIN <= value < _INT_END:
            raise _NotJsonError([], f"the integer {value} is too large for JSON Storage")
        return int(value)
    if kind is float or isinstance(value, float):
        if not math.isfinite(value):
            raise _NotJsonError([], f"{value!r} is not a JSON number")
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, LiveNode):
        raise _NotJsonError(
            [],
            f"a {type(value).__name__} cannot sit inside a plain dict or list; make the "
            "container a LiveObject, LiveMap or LiveList",
        )
    if isinstance(value, Mapping):
        copy: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise _NotJsonError([], f"JSON object keys are strings, got the key {key!r}")
            try:
                copy[key] = _copy_json(item)
            except _NotJsonError as exc:
                exc.path.append(f"[{key!r}]")
                raise
        return copy
    if isinstance(value, (list, tuple)):
        items: list[Any] = []
        for index, item in enumerate(value):
            try:
                items.append(_copy_json(item))
            except _NotJsonError as exc:
                exc.path.append(f"[{index}]")
                raise
        return items
    raise _NotJsonError(
        [],
        f"a {type(value).__name__} is not a JSON value (use None, bool, int, float, str, "
        "list, dict, or a Live structure)",
    )


def entries_of(data: Entries | None, values: Mapping[str, Any]) -> Iterable[tuple[Any, Any]]:
    """The (key, value) pairs of a mapping or of pairs, then of keyword arguments."""
    if data is None:
        return values.items()
    if isinstance(data, Mapping):
        items: Iterable[tuple[Any, Any]] = data.items()
    else:
        items = list(data)
        for item in items:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise TypeError(f"give a mapping or (key, value) pairs, got {item!r}")
    if values:
        return [*items, *values.items()]
    return items
