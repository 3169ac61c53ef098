"""Liveblocks for Python: a typed, fast client for the Liveblocks REST API.

from liveblocks import Liveblocks

with Liveblocks() as client:            # LIVEBLOCKS_SECRET_KEY
    room = client.rooms.create(id="doc-1", default_accesses=["room:write"])
    for room in client.rooms.list():
        print(room.id)
"""

from typing import TYPE_CHECKING, Any

from . import errors, types
from ._client import DEFAULT_TIMEOUT, AsyncLiveblocks, Liveblocks
from ._live.file import LiveFile
from ._pagination import Page
from ._response import RawResponse
from ._transports._base import Timeout
from ._version import __version__
from .errors import LiveblocksError

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsyncLiveblocks",
    "LiveFile",
    "Liveblocks",
    "LiveblocksError",
    "Page",
    "RawResponse",
    "Timeout",
    "WebhookHandler",
    "__version__",
    "errors",
    "models",
    "types",
]

if TYPE_CHECKING:
    from .webhooks import WebhookHandler


def __getattr__(name: str) -> Any:
    # WebhookHandler (and its 60 event models) loads on first use: services that only call
    # the API never pay for it.
    if name == "WebhookHandler":
        from .webhooks import WebhookHandler

        return WebhookHandler
    raise AttributeError(f"module 'liveblocks' has no attribute {name!r}")
