"""Wire encoding: path segments, JSON bodies, and typed decoders built once per type."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import msgspec

from ._models._base import dec_hook, enc_hook

if TYPE_CHECKING:
    from .transports._base import Response

T = TypeVar("T")

__all__ = [
    "decode_bytes",
    "decode_json",
    "decode_none",
    "encode_json",
    "joined_ids",
    "segment",
]

_json_encoder = msgspec.json.Encoder(enc_hook=enc_hook)
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]+").fullmatch


def segment(value: str, name: str = "id") -> str:
    """One path segment, percent-encoded so that it can never become two, or navigation.

    ``/``, ``?``, ``#``, ``%`` and every non-ASCII character are escaped; ``.`` and ``..``
    (which HTTP stacks would resolve as "this" and "parent" directory) are sent as
    ``%2E`` and ``%2E%2E``. Empty values are refused before any request is made.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty")
    if _PLAIN(value) and value not in (".", ".."):
        return value  # nothing to escape (the common case, without quote()'s cost)
    encoded = quote(value, safe="")
    if encoded in (".", ".."):
        encoded = encoded.replace(".", "%2E")
    return encoded


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
