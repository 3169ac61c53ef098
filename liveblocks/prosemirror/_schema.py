"""The document schema ``@liveblocks/node-prosemirror`` uses by default: Tiptap's StarterKit
(3.x) with Liveblocks' mention, group mention and comment extensions.

For each node type: its attributes and their defaults (in the order ProseMirror lists them),
whether it is inline, a leaf, or holds inline content; for each mark type: its attributes,
its rank (the order of marks on a text) and whether marks of its type may overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["MARKS", "NODES", "MarkType", "NodeType", "mark_type", "node_type"]


@dataclass(frozen=True)
class NodeType:
    name: str
    #: Block nodes group ("block", "list") or "inline".
    groups: tuple[str, ...] = ("block",)
    attrs: dict[str, Any] = field(default_factory=dict)
    inline: bool = False
    leaf: bool = False
    #: Holds inline content (text and inline nodes) rather than blocks.
    textblock: bool = False
    #: What its content may hold: node names or group names (``None``: nothing).
    content: tuple[str, ...] | None = None


@dataclass(frozen=True)
class MarkType:
    name: str
    rank: int
    attrs: dict[str, Any] = field(default_factory=dict)
    #: Marks of this type do not exclude each other (each is stored under its own key).
    overlapping: bool = False


_INLINE = ("inline",)
_NODE_LIST = [
    NodeType("paragraph", textblock=True, content=_INLINE),
    NodeType(
        "liveblocksMention",
        groups=_INLINE,
        attrs={"id": None, "notificationId": None},
        inline=True,
        leaf=True,
    ),
    NodeType(
        "liveblocksGroupMention",
        groups=_INLINE,
        attrs={"id": None, "userIds": None, "notificationId": None},
        inline=True,
        leaf=True,
    ),
    NodeType("blockquote", content=("block",)),
    NodeType("bulletList", groups=("block", "list"), content=("listItem",)),
    NodeType("codeBlock", attrs={"language": None}, textblock=True, content=("text",)),
    NodeType("doc", groups=(), content=("block",)),
    NodeType("hardBreak", groups=_INLINE, inline=True, leaf=True),
    NodeType("heading", attrs={"level": 1}, textblock=True, content=_INLINE),
    NodeType("horizontalRule", leaf=True),
    NodeType("listItem", groups=(), content=("paragraph", "block")),
    NodeType(
        "orderedList",
        groups=("block", "list"),
        attrs={"start": 1, "type": None},
        content=("listItem",),
    ),
    NodeType("text", groups=_INLINE, inline=True, leaf=True),
]
NODES: dict[str, NodeType] = {node.name: node for node in _NODE_LIST}

_MARK_LIST = [
    MarkType(
        "link",
        0,
        {
            "href": None,
            "target": "_blank",
            "rel": "noopener noreferrer nofollow",
            "class": None,
            "title": None,
        },
    ),
    MarkType("liveblocksCommentMark", 1, {"orphan": False, "threadId": ""}, overlapping=True),
    MarkType("bold", 2),
    MarkType("code", 3),
    MarkType("italic", 4),
    MarkType("strike", 5),
    MarkType("underline", 6),
]
MARKS: dict[str, MarkType] = {mark.name: mark for mark in _MARK_LIST}


def node_type(name: str) -> NodeType:
    """The node type ``name``; ``ValueError`` if the schema has none."""
    found = NODES.get(name)
    if found is None:
        raise ValueError(f"Unknown node type: {name!r}")
    return found


def mark_type(name: str) -> MarkType:
    """The mark type ``name``; ``ValueError`` if the schema has none."""
    found = MARKS.get(name)
    if found is None:
        raise ValueError(f"Unknown mark type: {name!r}")
    return found


def allows(parent: NodeType, child: NodeType) -> bool:
    """Whether ``child`` may appear in ``parent``'s content."""
    if parent.content is None:
        return False
    return child.name in parent.content or any(g in parent.content for g in child.groups)
