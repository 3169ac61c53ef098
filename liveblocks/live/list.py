"""``LiveList``: an ordered list of Storage whose inserts, moves and deletes merge with
other users' edits."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, MutableSequence, MutableSet
from typing import TYPE_CHECKING, Any, overload

from .._checks import check_int
from ._node import (
    CREATE_LIST,
    DELETE_CRDT,
    SET_PARENT_KEY,
    LiveNode,
    Pending,
    Register,
    json_value,
    new_child,
    plain_copy,
    plain_tree,
    value_of,
)
from ._position import as_position, make_position

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["LiveList"]


class LiveList(LiveNode, MutableSequence[Any]):
    """A list in Storage. Each item has a position of its own, so items inserted,
    moved or deleted by other users at the same time are kept.

    ``lst[i]``, ``lst[i] = value``, ``del lst[i]``, ``len(lst)``, iteration,
    ``.push(value)`` / ``.append(value)``, ``.insert(index, value)``, ``.delete(index)``,
    ``.move(index, target_index)``, ``.set(index, value)``, ``.clear()``,
    ``.to_immutable()``; and the other list methods (``extend``, ``pop``, ``remove``,
    ``index``, ``count``, ``reverse``). Indexes may be negative, counted from the end.

    ``LiveList(["a", LiveObject({"done": False})])`` makes a new one.
    """

    __slots__ = ("_items", "_positions")

    _items: list[LiveNode]
    _positions: list[str]  # the items' positions, in order (bisected on insert)

    def __init__(self, items: Iterable[Any] = (), /) -> None:
        self._init_node()
        self._items = []
        self._positions = []
        placed: MutableSet[int] = set()
        position: str | None = None
        for index, value in enumerate(items):
            node = self._item(value, index, placed)
            position = make_position(position, None)
            node._adopt(self, position)
            self._items.append(node)
            self._positions.append(position)

    @classmethod
    def _from_storage(cls, doc: Document | None, node_id: str) -> LiveList:
        lst = cls.__new__(cls)
        lst._doc = doc
        lst._id = node_id
        lst._key = None
        lst._parent = None
        lst._items = []
        lst._positions = []
        return lst

    # -- reading ---------------------------------------------------------------

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [value_of(item) for item in self._items[index]]
        return value_of(self._items[self._index(index, "read")])

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        for item in self._items:
            yield value_of(item)

    def to_immutable(self) -> list[Any]:
        """The list as plain JSON: a new list, Live structures inside turned into dicts
        and lists too."""
        result: list[Any] = plain_tree(self, False)
        return result

    def _plain_lson_(self) -> dict[str, Any]:
        result: dict[str, Any] = plain_tree(self, True)
        return result

    def _plain_part(self, as_lson: bool, pending: Pending) -> Any:
        data: list[Any] = []
        for item in self._items:
            if type(item) is Register:
                value = item.value
                copy = not as_lson and type(value) in (dict, list)
                data.append(plain_copy(value) if copy else value)
            else:
                pending.append((data, len(data), item))
                data.append(None)
        return {"liveblocksType": "LiveList", "data": data} if as_lson else data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LiveList, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = [item.value if type(item) is Register else item for item in self._items]
        return f"LiveList({shown!r})"

    def _children(self) -> Iterator[LiveNode]:
        return iter(self._items)

    def _child_label(self, child: LiveNode) -> str:
        for index, item in enumerate(self._items):
            if item is child:
                return f"[{index}]"
        return "[?]"

    # -- editing ---------------------------------------------------------------

    def push(self, value: Any) -> None:
        """Add ``value`` at the end. The server places it after every item, including
        items other users add meanwhile."""
        doc = self._writable()
        node = self._item(value, len(self._items))
        last = self._positions[-1] if self._positions else None
        self._place(node, make_position(last, None), doc, intent="push")

    def append(self, value: Any) -> None:
        """Add ``value`` at the end (the same as :meth:`push`)."""
        self.push(value)

    def insert(self, index: int, value: Any) -> None:
        """Insert ``value`` before the item at ``index`` (``len(lst)``: at the end)."""
        doc = self._writable()
        count = len(self._items)
        at = _integer(index) + (count if index < 0 else 0)
        if not 0 <= at <= count:
            raise IndexError(
                f"cannot insert at index {index} into a LiveList of {count} items "
                f"(give {-count} to {count})"
            )
        node = self._item(value, at)
        before = self._positions[at - 1] if at > 0 else None
        after = self._positions[at] if at < count else None
        self._place(node, make_position(before, after), doc)

    def set(self, index: int, value: Any) -> None:
        """Replace the item at ``index`` with ``value``."""
        doc = self._writable()
        at = self._index(index, "set")
        old = self._items[at]
        if value is old:
            return  # already there
        node = self._item(value, at)
        position = old._key
        assert position is not None
        self._items[at] = node
        if doc is None:
            old._released()
            node._adopt(self, position)
            return
        old_id = old._id
        old._removed()
        ops: list[dict[str, Any]] = []
        node._attach(doc, self, position, ops, intent="set", deleted_id=old_id)
        doc.ops.extend(ops)

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, slice):
            raise TypeError("a LiveList does not take slice assignment; use insert(), set() or del")
        self.set(index, value)

    def move(self, index: int, target_index: int) -> None:
        """Move the item at ``index`` so that it ends up at ``target_index``."""
        doc = self._writable()
        at = self._index(index, "move")
        target = self._index(target_index, "move to")
        positions = self._positions
        if at < target:
            before: str | None = positions[target]
            after = positions[target + 1] if target + 1 < len(positions) else None
        else:
            before = positions[target - 1] if target > 0 else None
            after = positions[target]
        position = make_position(before, after)
        item = self._items.pop(at)
        positions.pop(at)
        slot = bisect_right(positions, position)
        positions.insert(slot, position)
        self._items.insert(slot, item)
        item._key = position
        if doc is not None:
            doc.ops.append(
                {
                    "type": SET_PARENT_KEY,
                    "id": item._id,
                    "opId": doc.next_op_id(),
                    "parentKey": position,
                }
            )

    def delete(self, index: int) -> None:
        """Remove the item at ``index``."""
        doc = self._writable()
        self._delete_at(self._index(index, "delete"), doc)

    def __delitem__(self, index: int | slice) -> None:
        if isinstance(index, slice):
            doc = self._writable()
            for at in sorted(range(*index.indices(len(self._items))), reverse=True):
                self._delete_at(at, doc)
            return
        self.delete(index)

    def _delete_at(self, at: int, doc: Document | None) -> None:
        item = self._items.pop(at)
        self._positions.pop(at)
        if doc is None:
            item._released()
            return
        item._removed()
        doc.ops.append({"type": DELETE_CRDT, "id": item._id, "opId": doc.next_op_id()})

    def clear(self) -> None:
        """Remove every item."""
        doc = self._writable()
        items = self._items
        self._items = []
        self._positions = []
        for item in items:
            if doc is None:
                item._released()
            else:
                item._removed()
                doc.ops.append({"type": DELETE_CRDT, "id": item._id, "opId": doc.next_op_id()})

    def reverse(self) -> None:
        """Reverse the list in place (by moving items)."""
        for target in range(len(self._items) - 1):
            self.move(len(self._items) - 1, target)

    # -- internals ---------------------------------------------------------------

    def _index(self, index: int, action: str) -> int:
        count = len(self._items)
        at = _integer(index) + (count if index < 0 else 0)
        if not 0 <= at < count:
            raise IndexError(
                f"cannot {action} index {index} of a LiveList of {count} items"
                + (f" (give {-count} to {count - 1})" if count else "")
            )
        return at

    def _item(self, value: Any, index: int, placed: MutableSet[int] | None = None) -> LiveNode:
        """``value`` as the node an item is: a new Live structure, or a register holding
        a checked copy of a plain value."""
        if isinstance(value, LiveNode):
            return new_child(self, value, f"[{index}]", placed)
        return Register(json_value(value, self, f"[{index}]"))

    def _place(
        self, node: LiveNode, position: str, doc: Document | None, intent: str | None = None
    ) -> None:
        slot = bisect_right(self._positions, position)
        self._positions.insert(slot, position)
        self._items.insert(slot, node)
        if doc is None:
            node._adopt(self, position)
            return
        ops: list[dict[str, Any]] = []
        node._attach(doc, self, position, ops, intent=intent)
        doc.ops.extend(ops)

    def _creation(self, node_id: str, parent_id: str | None, key: str) -> dict[str, Any]:
        return {"type": CREATE_LIST, "id": node_id, "parentId": parent_id, "parentKey": key}

    def _attach_children(self, doc: Document, ops: list[dict[str, Any]]) -> None:
        for item in self._items:
            key = item._key
            assert key is not None
            item._attach(doc, self, key, ops, intent="set")

    def _link(self, key: str, child: LiveNode) -> None:
        """An item from the server's nodes (sorted by :meth:`_sort` once all are in)."""
        child._parent = self
        child._key = key
        self._items.append(child)
        self._positions.append(as_position(key))

    def _sort(self) -> None:
        positions = self._positions
        if all(positions[i] <= positions[i + 1] for i in range(len(positions) - 1)):
            return
        order = sorted(range(len(positions)), key=positions.__getitem__)
        self._items = [self._items[i] for i in order]
        self._positions = [positions[i] for i in order]


def _integer(index: object) -> int:
    return check_int(index, "a LiveList index")
