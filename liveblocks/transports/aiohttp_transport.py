"""The async transport (aiohttp), used by :class:`~liveblocks.AsyncLiveblocks`."""

from .._transports._aiohttp import AiohttpTransport

__all__ = ["AiohttpTransport"]
