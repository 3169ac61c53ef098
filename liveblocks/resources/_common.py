"""Helpers shared by the resource modules."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, Union, overload

from .._call import Await, Call, QueryItems
from .._checks import check_int
from .._encoding import decode_json, decode_none, encode_json, fill_path
from .._models._base import Model
from ..types import Unset

if TYPE_CHECKING:
    from ..transports._base import RequestBody, Response

__all__ = [
    "JSON",
    "Time",
    "api_call",
    "awaited_callback",
    "coerce",
    "json_call",
    "limit_param",
    "unix_ms",
]

JSON = "application/json"

#: A time: Unix milliseconds, or an aware datetime.
Time = Union[int, float, datetime.datetime]

_M = TypeVar("_M", bound=Model)
_T = TypeVar("_T")


def coerce(model: type[_M], value: _M | Mapping[str, Any], what: str) -> _M:
    """A model given as itself or as a mapping of its Python field names."""
    if isinstance(value, model):
        return value
    if isinstance(value, Mapping):
        try:
            return model(**value)
        except TypeError as exc:
            raise TypeError(f"{what}: {exc} (use the fields of {model.__name__})") from None
    raise TypeError(f"{what} must be a {model.__name__} or a dict, got {type(value).__name__}")


def api_call(
    method: str,
    template: str,
    ids: Mapping[str, str],
    decode: Callable[[Response], _T],
    *,
    query: QueryItems = (),
    body: RequestBody = None,
    content_type: str | None = None,
) -> Call[_T]:
    """A request to the endpoint at ``template`` (its reference path,
    ``"/v2/rooms/{room_id}/storage"``), each placeholder filled from ``ids``."""
    return Call(
        method,
        fill_path(template, ids),
        decode,
        query=query,
        body=body,
        content_type=content_type,
        path_template=template,
    )


@overload
def json_call(
    method: str,
    template: str,
    ids: Mapping[str, str],
    returns: type[_T],
    body: Any = None,
    *,
    query: list[tuple[str, str]] | None = None,
) -> Call[_T]: ...


@overload
def json_call(
    method: str,
    template: str,
    ids: Mapping[str, str],
    returns: None,
    body: Any = None,
    *,
    query: list[tuple[str, str]] | None = None,
) -> Call[None]: ...


def json_call(
    method: str,
    template: str,
    ids: Mapping[str, str],
    returns: Any,
    body: Any = None,
    *,
    query: list[tuple[str, str]] | None = None,
) -> Call[Any]:
    """A JSON request to the endpoint at ``template`` (see :func:`api_call`); ``returns``
    is the model to decode, or None for no content."""
    return Call(  # api_call's, inline: most calls come this way
        method,
        fill_path(template, ids),
        decode_none if returns is None else decode_json(returns),
        query=query or (),
        body=None if body is None else encode_json(body),
        content_type=None if body is None else JSON,
        path_template=template,
    )


def limit_param(limit: int, maximum: int, minimum: int = 1) -> int:
    """A page size, checked against the API's bounds before any request."""
    return check_int(limit, "limit", minimum=minimum, maximum=maximum)


def unix_ms(value: Time | Unset, what: str) -> int | float | Unset:
    """A time as the API takes it: Unix milliseconds."""
    if isinstance(value, Unset):
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError(f"{what} must be timezone-aware (e.g. datetime.now(timezone.utc))")
        return round(value.timestamp() * 1000)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"{what} must be Unix milliseconds or a datetime, got {type(value).__name__}"
        )
    if value < 0:
        raise ValueError(f"{what} must be >= 0 (Unix milliseconds), got {value}")
    return value


def awaited_callback(result: Awaitable[Any], is_async: bool) -> Await:
    """The step that awaits a callback's awaitable result on the async client; on the sync
    client the awaitable is closed and refused (a coroutine function needs the async one)."""
    if not is_async:
        close = getattr(result, "close", None)
        if close is not None:
            close()
        raise TypeError(
            "the callback returned an awaitable: with the sync client, pass a plain "
            "function (a coroutine function needs AsyncLiveblocks)"
        )
    return Await(result)
