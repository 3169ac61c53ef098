"""Wire encoding: path segments, JSON bodies, and typed decoders built once per type."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import msgspec

from ._models._base import dec_hook, enc_hook

if TYPE_CHECKING:
    from .transports._base import Response

T = TypeVar("T")

__all__ = [
    "check_segment",
    "decode_bytes",
    "decode_json",
    "decode_none",
    "encode_json",
    "fill_path",
    "joined_ids",
    "segment",
]

_json_encoder = msgspec.json.Encoder(enc_hook=enc_hook)
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
    if type(value) is str and _PLAIN(value):
        return value  # nothing to escape (the common case, without quote()'s cost)
    check_segment(value, name)
    encoded = quote(value, safe="")
    if encoded in (".", ".."):
        encoded = encoded.replace(".", "%2E")
    return encoded


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: The paths filled in so far, per template: a program calls the same rooms again and
#: again, and a lookup costs less than escaping and joining anew. Emptied when full.
_PATHS_KEPT = 512


class _Template:
    """One path template, parsed: its text around the placeholders, how to read their
    ids out of a mapping (the id, or a tuple of them), and the paths made from it."""

    __slots__ = ("head", "ids_of", "paths", "rest")

    def __init__(self, template: str) -> None:
        pieces = _PLACEHOLDER.split(template)  # text, name, text, name, ..., text
        names = pieces[1::2]
        self.head = pieces[0]
        self.rest = tuple(zip(names, pieces[2::2], strict=True))
        self.ids_of: Callable[[Mapping[str, str]], Any] = itemgetter(*names) if names else _no_ids
        self.paths: dict[Any, str] = {}

    def fill(self, ids: Mapping[str, str]) -> str:
        path = self.head
        for name, text in self.rest:
            path += segment(ids[name], name) + text
        return path


def _no_ids(ids: Mapping[str, str]) -> tuple[()]:
    return ()


_templates: dict[str, _Template] = {}


def fill_path(template: str, ids: Mapping[str, str]) -> str:
    """An endpoint's path: each ``{name}`` of ``template`` (as the API reference writes
    it, ``"/v2/rooms/{room_id}/storage"``) replaced by ``ids[name]`` as one
    :func:`segment`."""
    parsed = _templates.get(template)
    if parsed is None:
        parsed = _templates[template] = _Template(template)
    key = parsed.ids_of(ids)
    paths = parsed.paths
    try:
        return paths[key]
    except (KeyError, TypeError):  # not seen yet, or not even hashable
        path = parsed.fill(ids)  # refuses what segment() refuses
        if len(paths) >= _PATHS_KEPT:
            paths.clear()
        paths[key] = path
        return path


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


def encode_json(value: Any) -> bytes:
    """A Struct, dict or list as compact JSON; ``UNSET`` fields are left out."""
    return _json_encoder.encode(value)


def decode_none(response: Response) -> None:
    """For endpoints that answer with no content worth reading."""
    return None


def decode_bytes(response: Response) -> bytes:
    return response.body


_decoders: dict[Any, Callable[[Response], Any]] = {}


def json_decoder(type_: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(type_, dec_hook=dec_hook)


def decode_json(type_: type[T]) -> Callable[[Response], T]:
    """The decoder for one response type, built once and reused for every call."""
    decode = _decoders.get(type_)
    if decode is None:
        decode = _make(json_decoder(type_), type_)
        _decoders[type_] = decode
    return decode


#: Bodies from this size up are decoded with the garbage collector paused.
LARGE_BODY = 256 * 1024


def _make(decoder: msgspec.json.Decoder[Any], type_: Any) -> Callable[[Response], Any]:
    raw = decoder.decode

    def decode(response: Response) -> Any:
        body = response.body
        if len(body) < LARGE_BODY:
            return raw(body)
        # A large Storage document becomes hundreds of thousands of dicts and lists; the
        # collector would scan them again and again while they are being built, for
        # nothing (a fresh tree has no cycles to free). It runs again right after.
        if not gc.isenabled():
            return raw(body)
        gc.disable()
        try:
            return raw(body)
        finally:
            gc.enable()

    decode.__qualname__ = f"decode_json[{getattr(type_, '__name__', type_)}]"
    return decode
