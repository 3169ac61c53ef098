"""Reading a room's threads, with their comments, as the API's JSON."""

from __future__ import annotations

from typing import Any

from .._client import AsyncLiveblocks

__all__ = ["fetch_threads"]


async def fetch_threads(client: AsyncLiveblocks, room_id: str) -> list[dict[str, Any]]:
    """Every thread of the room with its comments, each as the API's JSON object."""
    return [thread.to_dict() async for thread in client.rooms[room_id].threads.list()]
