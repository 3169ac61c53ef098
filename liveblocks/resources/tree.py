"""The root of the resource tree, which both clients are."""

from __future__ import annotations

from functools import cached_property

from .._core import M, Resource
from .rooms import Rooms

__all__ = ["ResourceTree"]


class ResourceTree(Resource[M]):
    """Top-level collections: ``client.rooms``, ..."""

    @cached_property
    def rooms(self) -> Rooms[M]:
        """All rooms: ``rooms.list()``, ``rooms.create(...)``, ``rooms[room_id]``."""
        return Rooms(self._requester, "/v2/rooms")
