"""The one integer check behind every count, size, index and limit a user passes in."""

from __future__ import annotations

__all__ = ["check_int"]


def check_int(
    value: object,
    name: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    type_error: type[Exception] = TypeError,
) -> int:
    """``value`` if it is an ``int`` (``True`` is not) from ``minimum`` to ``maximum``.

    Otherwise raises, naming ``name`` and the bounds: ``type_error`` for a value that is
    not an integer (``ValueError`` where a setting has always raised that), ``ValueError``
    for one out of bounds.
    """
    bounds = _bounds(minimum, maximum)
    if isinstance(value, bool) or not isinstance(value, int):
        shown = repr(value) if value is None or isinstance(value, (int, float)) else None
        raise type_error(f"{name} must be an integer{bounds}, got {shown or type(value).__name__}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be an integer{bounds}, got {value}")
    return value


def _bounds(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f" between {minimum} and {maximum}"
    if minimum is not None:
        return f" >= {minimum}"
    if maximum is not None:
        return f" <= {maximum}"
    return ""
