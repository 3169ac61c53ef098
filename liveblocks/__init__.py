"""Liveblocks for Python: a typed, fast client for the Liveblocks REST API.

from liveblocks import Liveblocks

with Liveblocks() as client:            # LIVEBLOCKS_SECRET_KEY
    room = client.rooms.create(id="doc-1", default_accesses=["room:write"])
    for room in client.rooms.list():
        print(room.id)
"""

from . import errors, models, types
from ._client import DEFAULT_TIMEOUT, AsyncLiveblocks, Liveblocks
from ._response import RawResponse
from ._version import __version__
from .errors import LiveblocksError
from .transports import Timeout
from .webhooks import WebhookHandler

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsyncLiveblocks",
    "Liveblocks",
    "LiveblocksError",
    "RawResponse",
    "Timeout",
    "WebhookHandler",
    "__version__",
    "errors",
    "models",
    "types",
]
