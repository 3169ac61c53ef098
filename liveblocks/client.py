"""The clients, where the official package keeps them (with the names it imports there)."""

from ._client import AsyncLiveblocks, Liveblocks
from .types import UNSET, File, Unset

__all__ = ["UNSET", "AsyncLiveblocks", "File", "Liveblocks", "Unset"]
