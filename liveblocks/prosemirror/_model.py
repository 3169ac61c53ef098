"""ProseMirror document nodes, as ProseMirror builds them from JSON or from Yjs: attributes
completed with the schema's defaults (unknown ones dropped), marks in the schema's order,
adjacent texts with the same marks joined, and ``to_json`` as ProseMirror's ``toJSON``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._schema import MARKS, NodeType, mark_type, node_type

__all__ = ["Mark", "Node", "join_texts", "js_value"]


def js_value(value: Any) -> Any:
    """A value as JavaScript holds it: integral floats are integers (Yjs numbers come back
    from pycrdt as floats)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: js_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [js_value(v) for v in value]
    return value


def _attrs(defaults: Mapping[str, Any], given: Mapping[str, Any] | None) -> dict[str, Any]:
    given = given or {}
    return {name: js_value(given.get(name, default)) for name, default in defaults.items()}


class Mark:
    """A mark (bold, link...) with its attributes."""

    __slots__ = ("attrs", "type")

    def __init__(self, type: str, attrs: Mapping[str, Any] | None = None) -> None:
        self.type = mark_type(type)
        self.attrs = _attrs(self.type.attrs, attrs)

    @property
    def name(self) -> str:
        return self.type.name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mark) and (self.name, self.attrs) == (other.name, other.attrs)

    def __hash__(self) -> int:
        return hash(self.name)

    def to_json(self) -> dict[str, Any]:
        json: dict[str, Any] = {"type": self.name}
        if self.attrs:
            json["attrs"] = dict(self.attrs)
        return json

    @classmethod
    def from_json(cls, json: Any) -> Mark:
        if not isinstance(json, Mapping) or not isinstance(json.get("type"), str):
            raise ValueError(f"Invalid mark: {json!r}")
        return cls(json["type"], json.get("attrs"))

    def __repr__(self) -> str:
        return f"Mark({self.name!r}, {self.attrs!r})"


def sorted_marks(marks: Sequence[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda mark: mark.type.rank)


class Node:
    """A document node: ``type``, ``attrs``, ``content`` (child nodes), ``marks``, and for
    a text node its ``text``."""

    __slots__ = ("attrs", "content", "marks", "text", "type")

    def __init__(
        self,
        type: str | NodeType,
        attrs: Mapping[str, Any] | None = None,
        content: Sequence[Node] = (),
        marks: Sequence[Mark] = (),
        text: str | None = None,
    ) -> None:
        self.type = type if isinstance(type, NodeType) else node_type(type)
        self.attrs = _attrs(self.type.attrs, attrs)
        self.content = join_texts(content)
        self.marks = sorted_marks(marks)
        self.text = text

    @classmethod
    def text_node(cls, text: str, marks: Sequence[Mark] = ()) -> Node:
        if not text:
            raise ValueError("Empty text nodes are not allowed")
        return cls("text", marks=marks, text=text)

    @property
    def name(self) -> str:
        return self.type.name

    @property
    def is_text(self) -> bool:
        return self.text is not None

    @property
    def is_block(self) -> bool:
        return not self.type.inline

    @property
    def text_content(self) -> str:
        if self.text is not None:
            return self.text
        return "".join(child.text_content for child in self.content)

    def same_markup(self, other: Node) -> bool:
        return (self.name, self.attrs, self.marks) == (other.name, other.attrs, other.marks)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Node)
            and self.same_markup(other)
            and self.text == other.text
            and self.content == other.content
        )

    __hash__ = None  # type: ignore[assignment]

    def with_text(self, text: str) -> Node:
        return Node.text_node(text, self.marks)

    def to_json(self) -> dict[str, Any]:
        """The node as ProseMirror's ``toJSON`` writes it."""
        json: dict[str, Any] = {"type": self.name}
        if self.attrs:
            json["attrs"] = dict(self.attrs)
        if self.content:
            json["content"] = [child.to_json() for child in self.content]
        if self.marks:
            json["marks"] = [mark.to_json() for mark in self.marks]
        if self.text is not None:
            json["text"] = self.text
        return json

    @classmethod
    def from_json(cls, json: Any) -> Node:
        """A node from ProseMirror JSON, checked against the schema (``ValueError``)."""
        if not isinstance(json, Mapping):
            raise ValueError(f"Invalid input for a node: {json!r}")
        marks_json = json.get("marks")
        if marks_json is not None and not isinstance(marks_json, list):
            raise ValueError("Invalid mark data for a node")
        marks = [Mark.from_json(mark) for mark in marks_json or ()]
        kind = json.get("type")
        if kind == "text":
            text = json.get("text")
            if not isinstance(text, str):
                raise ValueError("Invalid text node in JSON")
            return cls.text_node(text, marks)
        if not isinstance(kind, str):
            raise ValueError(f"Invalid node type: {kind!r}")
        content_json = json.get("content")
        if content_json is not None and not isinstance(content_json, list):
            raise ValueError("Invalid content for a node")
        content = [cls.from_json(child) for child in content_json or ()]
        attrs = json.get("attrs")
        if attrs is not None and not isinstance(attrs, Mapping):
            raise ValueError(f"Invalid attributes for a {kind} node: {attrs!r}")
        return cls(kind, attrs, content, marks)

    def __repr__(self) -> str:
        if self.text is not None:
            return f"Node(text={self.text!r}, marks={self.marks!r})"
        return f"Node({self.name!r}, {self.attrs!r}, {self.content!r})"


def join_texts(nodes: Sequence[Node]) -> list[Node]:
    """Adjacent text nodes with the same marks joined into one (as ProseMirror does)."""
    joined: list[Node] = []
    for node in nodes:
        last = joined[-1] if joined else None
        if (
            last is not None
            and node.text is not None
            and last.text is not None
            and last.marks == node.marks
        ):
            joined[-1] = Node.text_node(last.text + node.text, last.marks)
        else:
            joined.append(node)
    return joined


#: The schema's mark names, for readers of Yjs formatting attributes.
MARK_NAMES = frozenset(MARKS)
