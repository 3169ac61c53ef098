"""A ProseMirror document stored in Yjs as y-prosemirror stores it, read and written with
pycrdt.

A node is a ``Y.XmlElement`` named after its type, its non-null attributes as the element's
attributes; a run of text nodes is one ``Y.XmlText`` whose formatting attributes are the
marks (``{"bold": {}}``, ``{"link": {"href": ...}}``; marks that may overlap, such as comment
marks, under ``name--hash``). Reading skips what the schema cannot hold, as y-prosemirror
does; writing changes only what differs, as y-prosemirror's ``updateYFragment``.

pycrdt counts text positions in UTF-8 bytes; ProseMirror text is handled here as ``str``.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from ._model import Mark, Node, js_value

if TYPE_CHECKING:
    from pycrdt import XmlElement, XmlFragment, XmlText

__all__ = ["mark_name", "read_fragment", "update_fragment"]

_HASHED = re.compile(r"(.*)(--[a-zA-Z0-9+/=]{8})$")

#: A node, or a run of text nodes (stored as one Y.XmlText).
Piece = Union[Node, list[Node]]


# -- reading ---------------------------------------------------------------------------


def read_fragment(fragment: XmlFragment) -> list[Node]:
    """The document's top-level nodes (what the schema cannot hold is left out)."""
    from pycrdt import XmlElement

    nodes = []
    for child in fragment.children:
        if isinstance(child, XmlElement):
            node = _read_element(child)
            if node is not None:
                nodes.append(node)
    return nodes


def _read_element(element: XmlElement) -> Node | None:
    from pycrdt import XmlElement, XmlText

    children: list[Node] = []
    for child in element.children:
        if isinstance(child, XmlElement):
            node = _read_element(child)
            if node is not None:
                children.append(node)
        elif isinstance(child, XmlText):
            children.extend(_read_text(child) or ())
    tag = element.tag
    if tag is None or tag == "text":
        return None
    try:
        return Node(tag, _attributes(element), children)
    except ValueError:
        return None


def _attributes(element: XmlElement) -> dict[str, Any]:
    pairs: Iterable[tuple[str, Any]] = element.attributes.__iter__()
    return dict(pairs)


def _read_text(text: XmlText) -> list[Node] | None:
    nodes = []
    try:
        for insert, attributes in text.diff():
            if not isinstance(insert, str):
                return None
            # pycrdt gives the attributes in no particular order: sorted by key, marks
            # of one type that overlap (comment marks) come in a stable order.
            marks = [
                Mark(mark_name(key), value if isinstance(value, Mapping) else None)
                for key, value in sorted((attributes or {}).items())
            ]
            nodes.append(Node.text_node(insert, marks))
    except ValueError:
        return None
    return nodes


def mark_name(attribute: str) -> str:
    """The mark a formatting attribute stands for (``name--hash`` for overlapping ones)."""
    match = _HASHED.match(attribute)
    return match.group(1) if match else attribute


# -- comparing -------------------------------------------------------------------------


def _pieces(node_content: Sequence[Node]) -> list[Piece]:
    pieces: list[Piece] = []
    for node in node_content:
        if node.is_text:
            last = pieces[-1] if pieces else None
            if isinstance(last, list):
                last.append(node)
            else:
                pieces.append([node])
        else:
            pieces.append(node)
    return pieces


def _equal_attrs(left: Mapping[str, Any] | None, right: Mapping[str, Any] | None) -> bool:
    left_keys = [k for k, v in (left or {}).items() if v is not None]
    right_count = len([k for k, v in (right or {}).items() if v is not None])
    if len(left_keys) != right_count:
        return False
    right = right or {}
    for key in left_keys:
        a, b = js_value(left[key]) if left else None, js_value(right.get(key))
        if a != b and not (
            isinstance(a, Mapping) and isinstance(b, Mapping) and _equal_attrs(a, b)
        ):
            return False
    return True


def _equal_text(text: XmlText, nodes: list[Node]) -> bool:
    delta = text.diff()
    if len(delta) != len(nodes):
        return False
    for (insert, attributes), node in zip(delta, nodes, strict=True):
        attributes = attributes or {}
        if insert != node.text or len(attributes) != len(node.marks):
            return False
        for key, value in attributes.items():
            name = mark_name(key)
            mark = next((m for m in node.marks if m.name == name), None)
            if not _equal_attrs(value, mark.attrs if mark else None):
                return False
    return True


def _equal(ytype: Any, piece: Piece) -> bool:
    from pycrdt import XmlElement, XmlText

    if isinstance(ytype, XmlElement) and isinstance(piece, Node) and ytype.tag == piece.name:
        pieces = _pieces(piece.content)
        children = list(ytype.children)
        return (
            len(children) == len(pieces)
            and _equal_attrs(_attributes(ytype), piece.attrs)
            and all(_equal(c, p) for c, p in zip(children, pieces, strict=True))
        )
    return isinstance(ytype, XmlText) and isinstance(piece, list) and _equal_text(ytype, piece)


def _equality_factor(element: XmlElement, node: Node) -> int:
    children = list(element.children)
    pieces = _pieces(node.content)
    least = min(len(children), len(pieces))
    left = 0
    while left < least and _equal(children[left], pieces[left]):
        left += 1
    right = 0
    while left + right < least and _equal(children[-right - 1], pieces[-right - 1]):
        right += 1
    return left + right


# -- writing ---------------------------------------------------------------------------


def update_fragment(parent: XmlFragment | XmlElement, content: Sequence[Node]) -> None:
    """Make ``parent``'s children ``content``, changing only what differs (call it inside
    a transaction to send the change as one update)."""
    from pycrdt import XmlText

    pieces = _pieces(content)
    children = list(parent.children)
    least = min(len(pieces), len(children))
    left = 0
    while left < least and _equal(children[left], pieces[left]):
        left += 1
    right = 0
    while left + right < least and _equal(children[-right - 1], pieces[-right - 1]):
        right += 1
    while len(children) - left - right > 0 and len(pieces) - left - right > 0:
        left_y, left_p = children[left], pieces[left]
        right_y, right_p = children[len(children) - right - 1], pieces[len(pieces) - right - 1]
        if isinstance(left_y, XmlText) and isinstance(left_p, list):
            if not _equal_text(left_y, left_p):
                _update_text(left_y, left_p)
            left += 1
            continue
        update_left = _same_name(left_y, left_p)
        update_right = _same_name(right_y, right_p)
        if update_left and update_right:
            if _equality_factor(left_y, left_p) < _equality_factor(right_y, right_p):  # type: ignore[arg-type]
                update_left = False
            else:
                update_right = False
        if update_left:
            _update_element(left_y, left_p)  # type: ignore[arg-type]
            left += 1
        elif update_right:
            _update_element(right_y, right_p)  # type: ignore[arg-type]
            right += 1
        else:
            del parent.children[left]
            _insert(parent, left, left_p)
            left += 1
    removed = len(children) - left - right
    if len(children) == 1 and not pieces and isinstance(children[0], XmlText):
        text = children[0]
        del text[0 : len(text)]
    elif removed > 0:
        del parent.children[left : left + removed]
    for offset, piece in enumerate(pieces[left : len(pieces) - right]):
        _insert(parent, left + offset, piece)


def _same_name(ytype: Any, piece: Piece) -> bool:
    from pycrdt import XmlElement

    return isinstance(ytype, XmlElement) and isinstance(piece, Node) and ytype.tag == piece.name


def _update_element(element: XmlElement, node: Node) -> None:
    current = {key: js_value(value) for key, value in _attributes(element).items()}
    for key, value in node.attrs.items():
        if value is None:
            if key in current:
                del element.attributes[key]
        elif current.get(key) != value:
            element.attributes[key] = value
    for key in current:
        if key not in node.attrs:
            del element.attributes[key]
    update_fragment(element, node.content)


def _insert(parent: XmlFragment | XmlElement, index: int, piece: Piece) -> None:
    from pycrdt import XmlElement, XmlText

    if isinstance(piece, list):
        text = parent.children.insert(index, XmlText())
        assert isinstance(text, XmlText)
        _write_runs(text, piece, 0)
        return
    attributes = {key: value for key, value in piece.attrs.items() if value is not None}
    element = parent.children.insert(index, XmlElement(piece.name, attributes))
    assert isinstance(element, XmlElement)
    for offset, child in enumerate(_pieces(piece.content)):
        _insert(element, offset, child)


def _write_runs(text: XmlText, nodes: list[Node], at: int) -> None:
    for node in nodes:
        assert node.text is not None
        text.insert(at, node.text, _marks_to_attributes(node.marks))
        at += _size(node.text)


def _update_text(text: XmlText, nodes: list[Node]) -> None:
    delta = text.diff()
    current = "".join(insert for insert, _ in delta if isinstance(insert, str))
    cleared = {key: None for _, attributes in delta for key in (attributes or {})}
    wanted = "".join(node.text or "" for node in nodes)
    index, removed, inserted = _simple_diff(current, wanted)
    start = _size(current[:index])
    if removed:
        del text[start : start + _size(current[index : index + removed])]
    if inserted:
        text.insert(start, inserted)
    at = 0
    for node in nodes:
        assert node.text is not None
        size = _size(node.text)
        text.format(at, at + size, {**cleared, **_marks_to_attributes(node.marks)})
        at += size


def _simple_diff(old: str, new: str) -> tuple[int, int, str]:
    """Where ``old`` and ``new`` differ: (index, characters removed, text inserted)."""
    left = 0
    while left < len(old) and left < len(new) and old[left] == new[left]:
        left += 1
    right = 0
    while (
        right + left < len(old)
        and right + left < len(new)
        and old[len(old) - right - 1] == new[len(new) - right - 1]
    ):
        right += 1
    return left, len(old) - left - right, new[left : len(new) - right]


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _marks_to_attributes(marks: Sequence[Mark]) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for mark in marks:
        key = (
            f"{mark.name}--{_hash_of_json(mark.to_json())}" if mark.type.overlapping else mark.name
        )
        attributes[key] = dict(mark.attrs)
    return attributes


# -- the hash y-prosemirror gives an overlapping mark ------------------------------------


def _hash_of_json(value: Any) -> str:
    """y-prosemirror's ``hashOfJSON``: SHA-256 of lib0's ``encodeAny`` of the value, folded
    to 6 bytes, in base64."""
    digest = bytearray(hashlib.sha256(_encode_any(value)).digest())
    for i in range(6, len(digest)):
        digest[i % 6] ^= digest[i]
    return base64.b64encode(bytes(digest[:6])).decode("ascii")


def _encode_any(value: Any) -> bytes:
    out = bytearray()
    _write_any(out, value)
    return bytes(out)


def _write_any(out: bytearray, value: Any) -> None:
    if isinstance(value, str):
        out.append(119)
        _write_string(out, value)
    elif isinstance(value, bool):
        out.append(120 if value else 121)
    elif isinstance(value, (int, float)):
        _write_number(out, value)
    elif value is None:
        out.append(126)
    elif isinstance(value, (list, tuple)):
        out.append(117)
        _write_uint(out, len(value))
        for item in value:
            _write_any(out, item)
    elif isinstance(value, Mapping):
        out.append(118)
        _write_uint(out, len(value))
        for key, item in value.items():
            _write_string(out, key)
            _write_any(out, item)
    else:
        out.append(127)


def _write_number(out: bytearray, value: float) -> None:
    if float(value).is_integer() and abs(value) <= 0x7FFFFFFF:
        out.append(125)
        number = int(value)
        out.append((0x80 if number > 0x3F else 0) | (number & 0x3F))
        number //= 64
        while number > 0:
            out.append((0x80 if number > 0x7F else 0) | (number & 0x7F))
            number //= 128
    elif _is_float32(value):
        out.append(124)
        out += struct.pack(">f", value)
    else:
        out.append(123)
        out += struct.pack(">d", value)


def _is_float32(value: float) -> bool:
    try:
        return bool(struct.unpack(">f", struct.pack(">f", value))[0] == value)
    except OverflowError:
        return False


def _write_string(out: bytearray, text: str) -> None:
    data = text.encode("utf-8")
    _write_uint(out, len(data))
    out += data


def _write_uint(out: bytearray, number: int) -> None:
    while number > 0x7F:
        out.append(0x80 | (number & 0x7F))
        number >>= 7
    out.append(number)
