"""What an API method shows at run time: ``help()``, ``inspect.signature``, IPython's ``?``.

The endpoint decorators of :mod:`liveblocks._call` wrap a method that *describes* a request;
the objects users call are those wrappers. :class:`Described` gives them the wrapped
method's name, docstring and parameters, with the return type the user gets: the decoded
value on the sync client, a coroutine of it on the async one, a pager for a listing.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from typing import Any

__all__ = ["Described"]

#: What a described method returns, by kind and mode: ``{0}`` is the value's type.
_RETURNS = {
    ("call", False): "{0}",
    ("call", True): "Coroutine[Any, Any, {0}]",
    ("steps", False): "{0}",
    ("steps", True): "Coroutine[Any, Any, {0}]",
    ("pages", False): "SyncPager[{0}]",
    ("pages", True): "AsyncPager[{0}]",
}


class Described:
    """Mixin for the endpoint descriptors and the methods they bind."""

    __slots__ = ()
    _kind = "call"  # "call" (a Call), "steps" (a generator of calls) or "pages" (a PageSpec)
    _fn: Callable[..., Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Every class has a ``__doc__`` of its own, which would hide an inherited property.
        cls.__doc__ = _wrapped_doc  # type: ignore[assignment]

    def _is_async(self) -> bool:
        return False  # descriptors read from the class show the sync client's types

    @property
    def __signature__(self) -> inspect.Signature:
        return _signature(self._fn, self._kind, self._is_async())

    def __getattr__(self, name: str) -> Any:
        # Reached only for names the instance lacks: a type's own ``__name__`` and
        # ``__qualname__`` are not visible from its instances.
        if name in ("__name__", "__qualname__"):
            return getattr(self._fn, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def __wrapped__(self) -> Callable[..., Any]:
        return self._fn


_wrapped_doc = property(lambda self: self._fn.__doc__, doc="The wrapped method's docstring.")


@cache
def _signature(fn: Callable[..., Any], kind: str, is_async: bool) -> inspect.Signature:
    described = inspect.signature(fn)
    parameters = list(described.parameters.values())[1:]  # without ``self``
    value = _value_type(described.return_annotation, kind)
    returns = _RETURNS[kind, is_async].format(value) if value else inspect.Signature.empty
    return described.replace(parameters=parameters, return_annotation=returns)


def _value_type(annotation: Any, kind: str) -> str | None:
    """``Call[Room]`` -> ``Room``; ``PageSpec[GetRoomsResponse, Room]`` -> ``Room``."""
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    opening = text.find("[")
    if opening < 0 or not text.endswith("]"):
        return None
    arguments = _split_top_level(text[opening + 1 : -1])
    return arguments[-1] if kind == "pages" else arguments[0]


def _split_top_level(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts
