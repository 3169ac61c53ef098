"""Where a text mention is in a room's text-editor document, with the text around it, as
``@liveblocks/emails`` finds it for its text mention emails: in a Tiptap document
(y-prosemirror's XmlFragment, read without a schema) or a Lexical one (Lexical's Yjs
binding), by the mention's notification id."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ._ydoc import load_document

if TYPE_CHECKING:
    from pycrdt import XmlElement, XmlFragment, XmlText

__all__ = ["Context", "find_mention"]

#: A node of the mention's context: {"type": "text", "text", "bold", "italic",
#: "strikethrough", "code"} or {"type": "mention", "kind", "id"}.
Context = list[dict[str, Any]]


def find_mention(
    editor: str, update: bytes, key: str, mention_id: Any
) -> tuple[dict[str, Any], Context] | None:
    """The mention's data and the nodes around it (the mention included), or ``None``."""
    doc = load_document(update)
    if editor == "tiptap":
        from pycrdt import XmlFragment

        return _TiptapMention(mention_id).find(doc.get(key, type=XmlFragment))
    from pycrdt import Text

    return _LexicalMention(mention_id).find(doc.get(key, type=Text))


def _js(value: Any) -> Any:
    from .prosemirror._model import js_value

    return js_value(value)


def _is_mention_id(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("in_")


def _context_around(
    flat: list[dict[str, Any]], index: int, stops: Callable[[dict[str, Any]], bool]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    before: list[dict[str, Any]] = []
    for node in reversed(flat[:index]):
        if stops(node):
            break
        before.insert(0, node)
    after: list[dict[str, Any]] = []
    for node in flat[index + 1 :]:
        if stops(node):
            break
        after.append(node)
    return before, after


class _TiptapMention:
    """The mention in a Tiptap document (y-prosemirror's XmlFragment), as
    ``@liveblocks/emails`` finds it: in a paragraph, its context up to a line break."""

    def __init__(self, mention_id: Any) -> None:
        self.mention_id = mention_id

    def find(self, fragment: XmlFragment) -> tuple[dict[str, Any], Context] | None:
        flat = self.flatten([self.serialize(child) for child in fragment.children])
        index = next(
            (
                i
                for i, node in enumerate(flat)
                if self.is_mention(node) and node["attrs"].get("notificationId") == self.mention_id
            ),
            None,
        )
        if index is None:
            return None
        mention = flat[index]
        before, after = _context_around(flat, index, self.stops)
        context = [*self.transform(before), self.context_mention(mention), *self.transform(after)]
        return self.mention_data(mention), context

    def serialize(self, item: Any) -> Any:
        """The node as ``@liveblocks/emails`` serializes Yjs (no schema): a text run is a
        list of text nodes."""
        from pycrdt import XmlElement

        if isinstance(item, XmlElement):
            node: dict[str, Any] = {"type": item.tag}
            attrs = {k: _js(v) for k, v in _attributes(item).items()}
            if attrs:
                node["attrs"] = attrs
            children = [self.serialize(child) for child in item.children]
            if children:
                node["content"] = [n for c in children for n in (c if isinstance(c, list) else [c])]
            return node
        return [self.text_node(insert, attributes) for insert, attributes in item.diff()]

    @staticmethod
    def text_node(insert: Any, attributes: Mapping[str, Any] | None) -> dict[str, Any]:
        from .prosemirror._yxml import mark_name

        node: dict[str, Any] = {"type": "text", "text": insert}
        if attributes:
            node["marks"] = [{"type": mark_name(key)} for key in attributes]
        return node

    def is_mention(self, node: Mapping[str, Any]) -> bool:
        return node.get("type") in ("liveblocksMention", "liveblocksGroupMention") and (
            _is_mention_id(node.get("attrs", {}).get("notificationId"))
        )

    def flatten(self, nodes: list[Any]) -> list[dict[str, Any]]:
        flat: list[dict[str, Any]] = []
        for node in nodes:
            if isinstance(node, list):
                continue  # a text run right in the fragment: not read
            if node["type"] == "paragraph" and "content" in node:
                flat.append({"type": "paragraph-marker"})
                flat.extend(self.flatten(node["content"]))
                flat.append({"type": "paragraph-marker"})
            elif (
                (node["type"] in ("paragraph", "hardBreak") and "content" not in node)
                or node["type"] == "text"
                or self.is_mention(node)
            ):
                flat.append(node)
        return flat

    @staticmethod
    def stops(node: Mapping[str, Any]) -> bool:
        kind = node.get("type")
        return kind == "paragraph-marker" or (
            kind in ("paragraph", "hardBreak") and "content" not in node
        )

    def transform(self, nodes: list[dict[str, Any]]) -> Context:
        out: Context = []
        for node in nodes:
            if node["type"] == "text":
                marks = {m["type"] for m in node.get("marks", ())}
                out.append(
                    {
                        "type": "text",
                        "text": node["text"],
                        "bold": "bold" in marks,
                        "italic": "italic" in marks,
                        "strikethrough": "strike" in marks,
                        "code": "code" in marks,
                    }
                )
            elif self.is_mention(node):
                out.append(self.context_mention(node))
        return out

    @staticmethod
    def context_mention(node: Mapping[str, Any]) -> dict[str, Any]:
        kind = "group" if node["type"] == "liveblocksGroupMention" else "user"
        return {"type": "mention", "kind": kind, "id": node["attrs"].get("id")}

    @staticmethod
    def mention_data(node: Mapping[str, Any]) -> dict[str, Any]:
        if node["type"] == "liveblocksMention":
            return {"kind": "user", "id": node["attrs"].get("id")}
        return {
            "kind": "group",
            "id": node["attrs"].get("id"),
            "userIds": _group_user_ids(node["attrs"].get("userIds")),
        }


def _group_user_ids(value: Any) -> list[str] | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, list) else None


def _attributes(item: XmlElement | XmlText) -> dict[str, Any]:
    pairs: Any = item.attributes.__iter__()
    return dict(pairs)


_LEXICAL_BOLD, _LEXICAL_ITALIC, _LEXICAL_STRIKETHROUGH, _LEXICAL_CODE = 1, 2, 4, 16


class _LexicalMention:
    """The mention in a Lexical document (Lexical's Yjs binding: a root XmlText of element
    XmlTexts, text and line-break maps, decorator XmlElements), as ``@liveblocks/emails``
    finds it: its context within its element, up to a line break or another decorator."""

    def __init__(self, mention_id: Any) -> None:
        self.mention_id = mention_id

    def find(self, root: Any) -> tuple[dict[str, Any], Context] | None:
        roots = [n for n in self.children(root) if n["group"] in ("element", "decorator")]
        flat = self.flatten(roots)
        index = next(
            (
                i
                for i, node in enumerate(flat)
                if node["group"] == "decorator"
                and self.mention_kind(node) is not None
                and node["attributes"].get("__id") == self.mention_id
            ),
            None,
        )
        if index is None:
            return None
        mention = flat[index]
        before, after = _context_around(flat, index, self.stops)
        context = [*self.transform(before), self.context_mention(mention), *self.transform(after)]
        attributes = mention["attributes"]
        if mention["type"] == "lb-group-mention":
            data = {
                "kind": "group",
                "id": attributes.get("__groupId"),
                "userIds": attributes.get("__userIds"),
            }
        else:
            data = {"kind": "user", "id": attributes.get("__userId")}
        return data, context

    def children(self, element: Any) -> list[dict[str, Any]]:
        from pycrdt import Map, XmlElement, XmlText

        nodes: list[dict[str, Any]] = []
        for insert, _ in element.diff():
            if isinstance(insert, XmlText):
                nodes.append(self.element(insert))
            elif isinstance(insert, Map):
                attributes = {k: _js(v) for k, v in insert.items()}
                group = "linebreak" if attributes.get("__type") == "linebreak" else "text"
                node = {"type": attributes.get("__type"), "attributes": attributes, "group": group}
                if group == "text":
                    node["text"] = ""
                nodes.append(node)
            elif isinstance(insert, XmlElement):
                attributes = {k: _js(v) for k, v in _attributes(insert).items()}
                nodes.append(
                    {
                        "type": attributes.get("__type"),
                        "attributes": attributes,
                        "group": "decorator",
                    }
                )
            elif isinstance(insert, str) and nodes and nodes[-1]["group"] == "text":
                nodes[-1]["text"] += insert
        return nodes

    def element(self, item: XmlText) -> dict[str, Any]:
        attributes = {k: _js(v) for k, v in _attributes(item).items()}
        return {
            "type": attributes.get("__type"),
            "attributes": attributes,
            "children": self.children(item),
            "group": "element",
        }

    def flatten(self, nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        flat: list[dict[str, Any]] = []
        for node in nodes:
            if node["group"] in ("text", "linebreak", "decorator") or not node["children"]:
                flat.append(node)
            else:
                flat.append({"group": "element-marker"})
                flat.extend(self.flatten(node["children"]))
                flat.append({"group": "element-marker"})
        return flat

    @staticmethod
    def stops(node: Mapping[str, Any]) -> bool:
        if node["group"] in ("element-marker", "linebreak"):
            return True
        return node["group"] == "decorator" and node.get("type") != "lb-mention"

    @staticmethod
    def mention_kind(node: Mapping[str, Any]) -> str | None:
        attributes = node["attributes"]
        if not _is_mention_id(attributes.get("__id")):
            return None
        if (
            node.get("type") == "lb-mention"
            and attributes.get("__type") == "lb-mention"
            and isinstance(attributes.get("__userId"), str)
        ):
            return "user"
        members = attributes.get("__userIds")
        if (
            node.get("type") == "lb-group-mention"
            and attributes.get("__type") == "lb-group-mention"
            and isinstance(attributes.get("__groupId"), str)
            and (members is None or isinstance(members, list))
        ):
            return "group"
        return None

    def transform(self, nodes: list[dict[str, Any]]) -> Context:
        out: Context = []
        for node in nodes:
            if node["group"] == "text":
                fmt = node["attributes"].get("__format")
                bits = int(fmt) if isinstance(fmt, (int, float)) else 0
                out.append(
                    {
                        "type": "text",
                        "text": node["text"],
                        "bold": bool(bits & _LEXICAL_BOLD),
                        "italic": bool(bits & _LEXICAL_ITALIC),
                        "strikethrough": bool(bits & _LEXICAL_STRIKETHROUGH),
                        "code": bool(bits & _LEXICAL_CODE),
                    }
                )
            elif node["group"] == "decorator" and self.mention_kind(node) is not None:
                out.append(self.context_mention(node))
        return out

    @staticmethod
    def context_mention(node: Mapping[str, Any]) -> dict[str, Any]:
        attributes = node["attributes"]
        if node["type"] == "lb-group-mention":
            return {"type": "mention", "kind": "group", "id": attributes.get("__groupId")}
        return {"type": "mention", "kind": "user", "id": attributes.get("__userId")}
