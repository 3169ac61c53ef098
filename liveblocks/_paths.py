"""Endpoint paths: ids checked and escaped as one segment each, path templates filled,
id lists joined for a query. Loaded at start-up (a resource checks the ids it binds), so
it imports nothing heavy."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

__all__ = ["check_segment", "fill_path", "joined_ids", "segment"]

#: A segment sent as it is: nothing to escape, and not "." or "..".
_PLAIN = re.compile(r"(?!\.\.?\Z)[A-Za-z0-9_.~-]+").fullmatch


def check_segment(value: object, name: str = "id") -> str:
    """``value`` if it can be a path segment (a non-empty string); refused otherwise,
    before any request is made. Binding an id checks it; :func:`segment` escapes it."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty")
    return value


def segment(value: str, name: str = "id") -> str:
    """One path segment, percent-encoded so that it can never become two, or navigation.

    ``/``, ``?``, ``#``, ``%`` and every non-ASCII character are escaped; ``.`` and ``..``
    (which HTTP stacks would resolve as "this" and "parent" directory) are sent as
    ``%2E`` and ``%2E%2E``. Empty values are refused before any request is made.
    """
    if type(value) is str:
        encoded = _segments.get(value)
        if encoded is not None:
            return encoded
    return _new_segment(value, name)


#: Ids escaped so far: a program sends one id in several requests (a room's Storage, then
#: its Yjs), and a lookup costs less than checking it again. Emptied when full.
_SEGMENTS_KEPT = 4096
_SEGMENT_KEPT_LENGTH = 256  # longer ids are escaped each time, never kept
_segments: dict[str, str] = {}


def _new_segment(value: str, name: str) -> str:
    if type(value) is str and _PLAIN(value):
        encoded = value  # nothing to escape (the common case, without quote()'s cost)
    else:
        check_segment(value, name)
        encoded = quote(value, safe="")
        if encoded in (".", ".."):
            encoded = encoded.replace(".", "%2E")
    if len(value) <= _SEGMENT_KEPT_LENGTH:
        if len(_segments) >= _SEGMENTS_KEPT:
            _segments.clear()
        _segments[value] = encoded
    return encoded


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class _Template:
    """One path template, parsed: its text around the placeholders."""

    __slots__ = ("head", "rest")

    def __init__(self, template: str) -> None:
        pieces = _PLACEHOLDER.split(template)  # text, name, text, name, ..., text
        self.head = pieces[0]
        self.rest = tuple(zip(pieces[1::2], pieces[2::2], strict=True))

    def fill(self, ids: Mapping[str, str]) -> str:
        rest = self.rest
        if len(rest) == 1:  # most templates: one id
            ((name, text),) = rest
            return self.head + segment(ids[name], name) + text
        path = self.head
        for name, text in rest:
            path += segment(ids[name], name) + text
        return path


_templates: dict[str, _Template] = {}


def fill_path(template: str, ids: Mapping[str, str]) -> str:
    """An endpoint's path: each ``{name}`` of ``template`` (as the API reference writes
    it, ``"/v2/rooms/{room_id}/storage"``) replaced by ``ids[name]`` as one
    :func:`segment`."""
    parsed = _templates.get(template)
    if parsed is None:
        parsed = _templates[template] = _Template(template)
    return parsed.fill(ids)


def joined_ids(values: str | Sequence[str], name: str = "ids") -> str:
    """Ids for a query parameter that takes several, joined with commas (``a,b``).

    A string is taken as joined already, as the API reference writes it. In a list, an id
    containing a comma would be read by the server as two ids, and an empty one would
    vanish: both are refused before any request is made.
    """
    if isinstance(values, str):
        return values
    values = list(values)
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise TypeError(f"{name}[{index}] must be a string, got {type(value).__name__}")
        if not value:
            raise ValueError(f"{name}[{index}] must not be empty")
        if "," in value:
            raise ValueError(
                f"{name}[{index}] must not contain a comma: the server would read {value!r} "
                "as several ids"
            )
    return ",".join(values)
