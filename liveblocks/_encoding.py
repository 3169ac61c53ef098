"""Wire encoding: JSON bodies and typed decoders built once per type; the path helpers of
``_paths`` re-exported."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from ._models._base import dec_hook, enc_hook
from ._paths import check_segment, fill_path, joined_ids, segment

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
