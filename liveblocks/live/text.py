"""Storage nodes this SDK reads but does not edit: ``LiveText``, and node types added to
Liveblocks after this SDK. They stay in Storage as they are: an edit elsewhere never
touches them; they can be moved within a list, replaced or deleted as a whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ._node import CREATE_TEXT, LiveNode, plain_copy

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["LiveText", "UnknownLiveNode"]


class LiveText(LiveNode):
    """Rich text in Storage, read only: ``str(text)`` is its text, ``to_immutable()``
    its segments (``[["Hello "], ["world", {"bold": true}]]``), ``version`` its version."""

    __slots__ = ("_segments", "version")

    _segments: list[Any]
    version: int

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(
            "this SDK reads LiveText but does not create or edit it; edit text from a "
            "Liveblocks client (or store a plain string)"
        )

    @classmethod
    def _from_storage(cls, doc: Document | None, node_id: str, data: Any, version: Any) -> LiveText:
        text = cls.__new__(cls)
        text._doc = doc
        text._id = node_id
        text._key = None
        text._parent = None
        text._segments = data if type(data) is list else []
        text.version = version if type(version) is int else 0
        return text

    @classmethod
    def _new(cls, data: Any) -> LiveText:
        """A new LiveText holding ``data`` as plain LSON carries it (its segments), at
        version 0 as the server initializes it: for a document written whole as
        operations (``storage.replace``), not for editing."""
        text = cls.__new__(cls)
        text._init_node()
        text._segments = data
        text.version = 0
        return text

    def _creation(self, node_id: str, parent_id: str | None, key: str) -> dict[str, Any]:
        return {
            "type": CREATE_TEXT,
            "id": node_id,
            "parentId": parent_id,
            "parentKey": key,
            "data": self._segments,
            "version": self.version,
        }

    def __str__(self) -> str:
        return "".join(
            segment[0]
            for segment in (self._segments if type(self._segments) is list else ())
            if type(segment) is list and segment and type(segment[0]) is str
        )

    def to_immutable(self) -> list[Any]:
        """The text's segments: ``[text]`` or ``[text, attributes]`` each."""
        copy: list[Any] = plain_copy(self._segments)
        return copy

    def _plain_lson_(self) -> dict[str, Any]:
        return {"liveblocksType": "LiveText", "data": self.to_immutable()}

    def __repr__(self) -> str:
        return f"<LiveText {str(self)!r}>"


class UnknownLiveNode(LiveNode):
    """A Storage node of a type this SDK does not know (``type``, its number), read
    only; ``data`` is what the server sent with it."""

    __slots__ = ("_nodes", "data", "type")

    type: int
    data: Any
    _nodes: list[LiveNode]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("unknown Storage nodes come from the server; they cannot be created")

    @classmethod
    def _from_storage(
        cls, doc: Document | None, node_id: str, type_: int, data: Any
    ) -> UnknownLiveNode:
        node = cls.__new__(cls)
        node._doc = doc
        node._id = node_id
        node._key = None
        node._parent = None
        node.type = type_
        node.data = data
        node._nodes = []
        return node

    def to_immutable(self) -> Any:
        """What the server sent with the node, as plain JSON."""
        return plain_copy(self.data)

    def _plain_lson_(self) -> Any:
        raise TypeError(f"a Storage node of type {self.type} cannot be written as plain LSON")

    def _children(self) -> Iterator[LiveNode]:
        return iter(self._nodes)

    def _link(self, key: str, child: LiveNode) -> None:
        child._parent = self
        child._key = key
        self._nodes.append(child)

    def __repr__(self) -> str:
        return f"<UnknownLiveNode type={self.type} data={self.data!r}>"
