"""Reading a room's threads, with their comments, as the API's JSON."""

from __future__ import annotations

from typing import Any

from .._client import AsyncLiveblocks
from .._models._base import to_api_json

__all__ = ["fetch_threads"]


async def fetch_threads(client: AsyncLiveblocks, room_id: str) -> list[dict[str, Any]]:
    """Every thread of the room with its comments, each as the API's JSON object."""
    threads = client.rooms[room_id].threads.list()
    return [to_api_json(thread) async for thread in threads]
