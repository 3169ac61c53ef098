"""The clients, where the reference package keeps them."""

from ._client import AsyncLiveblocks, Liveblocks

__all__ = ["AsyncLiveblocks", "Liveblocks"]
