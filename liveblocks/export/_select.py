"""Which rooms a batch job covers: the API's room filters, and a stable shard of them."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._models.rooms import Room
from ..client import AsyncLiveblocks
from ..types import UNSET

__all__ = ["ROOMS_PAGE_SIZE", "RoomFilter", "Shard", "list_rooms"]

#: Rooms fetched per page when streaming the room list (the API's maximum).
ROOMS_PAGE_SIZE = 100


@dataclass(frozen=True)
class RoomFilter:
    """The room list's filters: ``query`` (rooms query language, e.g.
    ``metadata["team"]:"a"``), ``user_id``, ``group_ids``, ``organization_id``."""

    query: str | None = None
    user_id: str | None = None
    group_ids: tuple[str, ...] = field(default=())
    organization_id: str | None = None

    @classmethod
    def of(
        cls,
        *,
        query: str | None = None,
        user_id: str | None = None,
        group_ids: str | Sequence[str] | None = None,
        organization_id: str | None = None,
    ) -> RoomFilter:
        """Filters from user input; ``group_ids`` may be a list or a comma-separated string."""
        if isinstance(group_ids, str):
            groups = tuple(g.strip() for g in group_ids.split(",") if g.strip())
        else:
            groups = tuple(group_ids or ())
        return cls(query or None, user_id or None, groups, organization_id or None)

    def to_dict(self) -> dict[str, Any]:
        """The filters as written in an export's manifest."""
        return {
            "query": self.query,
            "userId": self.user_id,
            "groupIds": list(self.group_ids),
            "organizationId": self.organization_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoomFilter:
        return cls.of(
            query=data.get("query"),
            user_id=data.get("userId"),
            group_ids=data.get("groupIds") or (),
            organization_id=data.get("organizationId"),
        )


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count``: the rooms whose id hashes to ``index``.

    The hash is SHA-1 of the id's UTF-8 bytes, its first 8 bytes read as a big-endian
    integer, modulo ``count``: the same on every machine and Python version, so N jobs
    given ``0/N`` ... ``N-1/N`` cover every room exactly once.
    """

    index: int
    count: int

    def __post_init__(self) -> None:
        for value in (self.index, self.count):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"shard index and count must be integers, got {value!r}")
        if self.count < 1 or not 0 <= self.index < self.count:
            raise ValueError(f"shard must be K/N with 0 <= K < N, got {self.index}/{self.count}")

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"K/N"``, e.g. ``"0/3"``."""
        index, sep, count = text.partition("/")
        try:
            if not sep:
                raise ValueError
            return cls(int(index), int(count))
        except ValueError:
            raise ValueError(
                f"shard must be K/N with 0 <= K < N (e.g. 0/3), got {text!r}"
            ) from None

    @classmethod
    def of(cls, value: Shard | str | tuple[int, int] | None) -> Shard | None:
        if value is None or isinstance(value, Shard):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        index, count = value
        return cls(index, count)

    def __contains__(self, room_id: object) -> bool:
        if not isinstance(room_id, str):
            return False
        digest = hashlib.sha1(room_id.encode("utf-8"), usedforsecurity=False).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


async def list_rooms(
    client: AsyncLiveblocks, filters: RoomFilter, shard: Shard | None = None
) -> AsyncIterator[Room]:
    """Every room matching the filters (and in the shard), one page held at a time."""
    pager = client.rooms.list(
        limit=ROOMS_PAGE_SIZE,
        query=filters.query if filters.query is not None else UNSET,
        user_id=filters.user_id if filters.user_id is not None else UNSET,
        group_ids=list(filters.group_ids) if filters.group_ids else UNSET,
        organization_id=filters.organization_id if filters.organization_id is not None else UNSET,
    )
    async for room in pager:
        if shard is None or room.id in shard:
            yield room
