"""Unions of models told apart by one field of the JSON object (``kind``, ``provider``, ...).

msgspec decodes a union of Structs only when every variant declares a fixed tag value, and
fails on any other value. The API adds new values over time (and custom notification kinds
are any ``$name``), so one unknown value must not make a whole page undecodable. A union is
therefore decoded in two steps, both typed and fast:

1. the containing model declares the field as :class:`msgspec.Raw` at run time (the union
   only for type checkers, through ``if TYPE_CHECKING``), so msgspec just finds the end of
   each value without building anything;
2. the model's ``__post_init__`` hands each raw value to :class:`TaggedUnion`, which reads
   the tag alone (a one-field Struct, every other key skipped) and decodes the value with
   the decoder of the chosen variant, built once. An unknown tag decodes to the fallback.

Models built in Python with variant instances pass through unchanged, and ``from_dict``
goes through JSON so that it takes the same path (see :func:`from_dict_via_json`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import msgspec

from ._base import Model, dec_hook, enc_hook

if TYPE_CHECKING:
    from ..transports._base import Response

__all__ = ["TaggedUnion", "from_dict_via_json"]

T = TypeVar("T", bound=Model)
_M = TypeVar("_M", bound=Model)

_encoder = msgspec.json.Encoder(enc_hook=enc_hook)


class TaggedUnion(Generic[T]):
    """Decodes a JSON object to one of several models, chosen by the value of one field.

    ``variants`` maps exact tag values to models; ``prefixes`` maps a tag prefix (such as
    ``"$"``) to a model; anything else, including a missing tag, decodes to ``fallback``.
    """

    __slots__ = ("_decoders", "_peek", "fallback", "prefixes", "tag_field", "variants")

    def __init__(
        self,
        tag_field: str,
        variants: Mapping[str, type[T]],
        fallback: type[T],
        *,
        prefixes: Mapping[str, type[T]] | None = None,
    ) -> None:
        self.tag_field = tag_field
        self.variants = dict(variants)
        self.prefixes = dict(prefixes or {})
        self.fallback = fallback
        peek = msgspec.defstruct("TagOnly", [("tag", Any, None)], rename={"tag": tag_field})
        self._peek: msgspec.json.Decoder[Any] = msgspec.json.Decoder(peek)
        self._decoders: dict[type[T], msgspec.json.Decoder[Any]] = {}

    def variant(self, tag: object) -> type[T]:
        """The model for a tag value."""
        if isinstance(tag, str):
            found = self.variants.get(tag)
            if found is not None:
                return found
            for prefix, model in self.prefixes.items():
                if tag.startswith(prefix):
                    return model
        return self.fallback

    def decode(self, data: bytes | msgspec.Raw) -> T:
        """One JSON object, decoded to the model its tag names."""
        model = self.variant(self._peek.decode(data).tag)
        decoder = self._decoders.get(model)
        if decoder is None:
            decoder = self._decoders[model] = msgspec.json.Decoder(model, dec_hook=dec_hook)
        result: T = decoder.decode(data)
        return result

    def decode_response(self, response: Response) -> T:
        """Decoder of an answer whose whole body is one value of the union."""
        return self.decode(response.body)

    def resolve(self, value: object) -> T:
        """A raw JSON value decoded, a mapping converted, a model kept as it is."""
        if isinstance(value, msgspec.Raw):
            return self.decode(value)
        if isinstance(value, Model):
            return cast(T, value)
        if isinstance(value, Mapping):
            # The variant's own decoding: its tag may be one the variant stands in for
            # (a custom notification's "$kind"), which its from_dict would refuse.
            model = self.variant(value.get(self.tag_field))
            return model._convert(value)
        raise TypeError(f"expected a JSON object or a model, got {type(value).__name__}")

    def resolve_all(self, values: Iterable[object]) -> list[T]:
        """:meth:`resolve` over a list."""
        return [self.resolve(value) for value in values]


def from_dict_via_json(cls: type[_M], src_dict: Mapping[str, Any]) -> _M:
    """``from_dict`` for a model that holds a union: through JSON, like an API answer."""
    return msgspec.json.decode(_encoder.encode(src_dict), type=cls, dec_hook=dec_hook)
