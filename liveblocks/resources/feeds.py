"""Feeds: ``client.rooms[room_id].feeds``, ``feeds[feed_id]`` and its ``messages``.

Times are Unix times in milliseconds, as the API has them; ``since`` and ``timestamp``
also take a timezone-aware :class:`datetime.datetime`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Union

from .._call import Call, M, PageSpec, Resource, cached_property, endpoint, paginated, query_items
from .._encoding import segment
from .._models.feeds import (
    CreateFeedMessageRequestBody,
    CreateFeedRequestBody,
    Feed,
    FeedMessage,
    GetFeedMessagesResponse,
    GetFeedsResponse,
    UpdateFeedMessageRequestBody,
    UpdateFeedRequestBody,
)
from ..types import UNSET, Unset
from ._common import Time, json_call, limit_param, unix_ms

__all__ = ["FeedMessageResource", "FeedMessages", "FeedResource", "Feeds"]

FEEDS_PAGE_MAX = 100

#: Feed metadata: key -> a string or a list of strings.
Metadata = Mapping[str, Union[str, Sequence[str]]]


def _check_metadata(metadata: object, *, deleting: bool) -> None:
    if not isinstance(metadata, Mapping):
        raise TypeError(f"metadata must be a dict, got {type(metadata).__name__}")
    for key, value in metadata.items():
        ok = isinstance(value, str) or (
            isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        )
        if not ok and not (deleting and value is None):
            allowed = "a string, a list of strings" + (
                " or None (to delete it)" if deleting else ""
            )
            raise ValueError(f"metadata[{key!r}] must be {allowed}, got {value!r}")


def _check_data(data: object) -> None:
    if not isinstance(data, Mapping):
        raise TypeError(
            f"a message's data must be a JSON object (a dict), got {type(data).__name__}"
        )


class Feeds(Resource[M]):
    """The room's feeds. ``feeds[feed_id]`` binds one without a request."""

    path_template = "/v2/rooms/{room_id}/feeds"

    def __getitem__(self, feed_id: str) -> FeedResource[M]:
        return FeedResource(self._requester, self._bind("feed_id", feed_id))

    @paginated
    def list(
        self, *, limit: int = 20, since: Time | Unset = UNSET, cursor: str | None = None
    ) -> PageSpec[GetFeedsResponse, Feed]:
        """Every feed (created after ``since``, if given), fetched ``limit`` (1-100) at a
        time."""
        limit_param(limit, FEEDS_PAGE_MAX)
        after = unix_ms(since, "since")

        def fetch(page_cursor: str | None) -> Call[GetFeedsResponse]:
            return self._page(page_cursor, after, limit)

        return PageSpec(fetch, _items, _next_cursor, cursor)

    def _page(
        self, cursor: str | Unset | None, since: Time | Unset, limit: int | Unset
    ) -> Call[GetFeedsResponse]:
        after = unix_ms(since, "since")
        params = query_items({"cursor": cursor, "since": _int(after), "limit": limit})
        return json_call(
            "GET", "/v2/rooms/{room_id}/feeds", self._ids, GetFeedsResponse, query=params
        )

    @endpoint
    def create(
        self,
        *,
        feed_id: str,
        metadata: Metadata | Unset = UNSET,
        timestamp: Time | Unset = UNSET,
    ) -> Call[Feed]:
        """Create the feed ``feed_id``; ``timestamp`` sets its creation time (default: now)."""
        segment(feed_id, "feed_id")
        if not isinstance(metadata, Unset):
            _check_metadata(metadata, deleting=False)
        return self._create(
            CreateFeedRequestBody(
                feed_id=feed_id, metadata=metadata, timestamp=unix_ms(timestamp, "timestamp")
            )
        )

    def _create(self, body: CreateFeedRequestBody) -> Call[Feed]:
        return json_call("POST", "/v2/rooms/{room_id}/feeds", self._ids, Feed, body)


class FeedResource(Resource[M]):
    """One feed, bound by id."""

    path_template = "/v2/rooms/{room_id}/feeds/{feed_id}"

    @cached_property
    def messages(self) -> FeedMessages[M]:
        """The feed's messages: ``messages.list()``, ``messages.create(data)``,
        ``messages[message_id]``."""
        return FeedMessages(self._requester, self._ids)

    @endpoint
    def get(self) -> Call[Feed]:
        """The feed."""
        return json_call("GET", "/v2/rooms/{room_id}/feeds/{feed_id}", self._ids, Feed)

    @endpoint
    def update(self, *, metadata: Mapping[str, str | Sequence[str] | None]) -> Call[Feed]:
        """Set keys of the feed's metadata; ``None`` for a key deletes it."""
        _check_metadata(metadata, deleting=True)
        return self._update(UpdateFeedRequestBody(metadata=metadata))

    def _update(self, body: UpdateFeedRequestBody) -> Call[Feed]:
        return json_call("PATCH", "/v2/rooms/{room_id}/feeds/{feed_id}", self._ids, Feed, body)

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the feed and its messages."""
        return json_call("DELETE", "/v2/rooms/{room_id}/feeds/{feed_id}", self._ids, None)


class FeedMessages(Resource[M]):
    """A feed's messages. ``messages[message_id]`` binds one without a request."""

    path_template = "/v2/rooms/{room_id}/feeds/{feed_id}/messages"

    def __getitem__(self, message_id: str) -> FeedMessageResource[M]:
        return FeedMessageResource(self._requester, self._bind("message_id", message_id))

    @paginated
    def list(
        self, *, limit: int = 20, since: Time | Unset = UNSET, cursor: str | None = None
    ) -> PageSpec[GetFeedMessagesResponse, FeedMessage]:
        """Every message (created after ``since``, if given), fetched ``limit`` (1-100)
        at a time."""
        limit_param(limit, FEEDS_PAGE_MAX)
        after = unix_ms(since, "since")

        def fetch(page_cursor: str | None) -> Call[GetFeedMessagesResponse]:
            return self._page(page_cursor, after, limit)

        return PageSpec(fetch, _items, _next_cursor, cursor)

    def _page(
        self, cursor: str | Unset | None, since: Time | Unset, limit: int | Unset
    ) -> Call[GetFeedMessagesResponse]:
        after = unix_ms(since, "since")
        params = query_items({"cursor": cursor, "since": _int(after), "limit": limit})
        return json_call(
            "GET",
            "/v2/rooms/{room_id}/feeds/{feed_id}/messages",
            self._ids,
            GetFeedMessagesResponse,
            query=params,
        )

    @endpoint
    def create(
        self,
        data: Mapping[str, Any],
        *,
        id: str | Unset = UNSET,
        timestamp: Time | Unset = UNSET,
    ) -> Call[FeedMessage]:
        """Add a message (``data``: a JSON object); ``id`` defaults to one the server
        makes, ``timestamp`` to now."""
        _check_data(data)
        if not isinstance(id, Unset):
            segment(id, "id")
        return self._create(
            CreateFeedMessageRequestBody(
                data=data, id=id, timestamp=unix_ms(timestamp, "timestamp")
            )
        )

    def _create(self, body: CreateFeedMessageRequestBody) -> Call[FeedMessage]:
        return json_call(
            "POST", "/v2/rooms/{room_id}/feeds/{feed_id}/messages", self._ids, FeedMessage, body
        )


class FeedMessageResource(Resource[M]):
    """One message of a feed, bound by id."""

    path_template = "/v2/rooms/{room_id}/feeds/{feed_id}/messages/{message_id}"

    @endpoint
    def update(
        self, data: Mapping[str, Any], *, timestamp: Time | Unset = UNSET
    ) -> Call[FeedMessage]:
        """Replace the message's data; ``timestamp`` records when (default: now)."""
        _check_data(data)
        return self._update(
            UpdateFeedMessageRequestBody(data=data, timestamp=unix_ms(timestamp, "timestamp"))
        )

    def _update(self, body: UpdateFeedMessageRequestBody) -> Call[FeedMessage]:
        return json_call(
            "PATCH",
            "/v2/rooms/{room_id}/feeds/{feed_id}/messages/{message_id}",
            self._ids,
            FeedMessage,
            body,
        )

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the message."""
        return json_call(
            "DELETE", "/v2/rooms/{room_id}/feeds/{feed_id}/messages/{message_id}", self._ids, None
        )


def _int(value: float | Unset) -> int | float | Unset:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _items(page: GetFeedsResponse | GetFeedMessagesResponse) -> Sequence[Any]:
    return page.data


def _next_cursor(page: GetFeedsResponse | GetFeedMessagesResponse) -> str | None:
    return page.next_cursor
