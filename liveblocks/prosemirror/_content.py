"""What ``setContent`` and ``clearContent`` of ``@liveblocks/node-prosemirror`` leave in a
document. They run ProseMirror's ``tr.delete(0, size)`` then ``tr.insert(0, node)`` (or
``tr.insertText``), so:

- emptying a document that has content leaves one empty paragraph (an empty one stays
  empty), and new content goes before that paragraph;
- a ``doc`` brings its children, a block comes as it is, inline content is wrapped in a
  paragraph and list items in a bullet list (ProseMirror's fitting), an empty result
  becomes one empty paragraph;
- a string becomes one paragraph of plain text (not parsed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._model import Node
from ._schema import NODES, NodeType, allows

__all__ = ["check_content", "replaced_content"]

_PARAGRAPH = NODES["paragraph"]
_BULLET_LIST = NODES["bulletList"]
_DOC = NODES["doc"]


def replaced_content(
    current: Sequence[Node], content: str | Mapping[str, Any] | None
) -> list[Node]:
    """The document's top-level nodes after ``setContent(content)`` (``None``: cleared)."""
    emptied = [Node(_PARAGRAPH)] if current else []
    if content is None:
        return emptied
    if isinstance(content, str):
        return [Node(_PARAGRAPH, content=[Node.text_node(content)])] if content else emptied
    if not isinstance(content, Mapping):
        raise TypeError(
            f"content must be a ProseMirror JSON node (a dict), a string or None, "
            f"got {type(content).__name__}"
        )
    try:
        node = Node.from_json(content)
    except ValueError as exc:
        raise ValueError(f"Invalid content: {exc}") from None
    placed = fit([node]) if node.type is not _DOC else fit(node.content)
    return (placed + emptied) or [Node(_PARAGRAPH)]


def fit(nodes: Sequence[Node]) -> list[Node]:
    """Top-level nodes for the document: runs of inline nodes in paragraphs, runs of list
    items in bullet lists; each checked against the schema."""
    placed: list[Node] = []
    run: list[Node] = []
    run_wrapper: NodeType | None = None
    for node in nodes:
        wrapper = _wrapper(node)
        if run and wrapper is not run_wrapper:
            placed.append(_wrap(run_wrapper, run))
            run = []
        if wrapper is None:
            check_content(node)
            placed.append(node)
        else:
            run.append(node)
            run_wrapper = wrapper
    if run:
        placed.append(_wrap(run_wrapper, run))
    return placed


def _wrapper(node: Node) -> NodeType | None:
    if allows(_DOC, node.type):
        return None
    if node.type.inline:
        return _PARAGRAPH
    if node.name == "listItem":
        return _BULLET_LIST
    raise ValueError(f"Invalid content: a {node.name} node cannot be placed in a document")


def _wrap(wrapper: NodeType | None, run: list[Node]) -> Node:
    assert wrapper is not None
    node = Node(wrapper, content=run)
    check_content(node)
    return node


def check_content(node: Node) -> None:
    """``ValueError`` naming the first node whose content the schema does not allow."""
    expected = node.type.content
    for position, child in enumerate(node.content):
        if not allows(node.type, child.type):
            raise ValueError(
                f"Invalid content: a {child.name} node cannot be inside a {node.name} node"
            )
        if node.name == "listItem" and position == 0 and child.name != "paragraph":
            raise ValueError("Invalid content: a listItem must start with a paragraph")
        check_content(child)
    if not node.content and expected is not None and not node.type.textblock and node.name != "doc":
        raise ValueError(f"Invalid content: a {node.name} node cannot be empty")
