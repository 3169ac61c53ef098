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
from ._response import RawResponse
from ._transports._base import Timeout
from ._version import __version__
from .errors import LiveblocksError

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsyncLiveblocks",
    "LiveFile",
    "LiveList",
    "LiveMap",
    "LiveObject",
    "LiveText",
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

if TYPE_CHECKING:
    from ._live.list import LiveList
    from ._live.map import LiveMap
    from ._live.object import LiveObject
    from ._live.text import LiveText
    from .webhooks import WebhookHandler


def __getattr__(name: str) -> Any:
    # WebhookHandler (and its 60 event models) and the Live structures load on first use:
    # services that do not use them never pay for them.
    if name == "WebhookHandler":
        from .webhooks import WebhookHandler

        return WebhookHandler
    if name == "LiveObject":
        from ._live.object import LiveObject

        return LiveObject
    if name == "LiveList":
        from ._live.list import LiveList

        return LiveList
    if name == "LiveMap":
        from ._live.map import LiveMap

        return LiveMap
    if name == "LiveText":
        from ._live.text import LiveText

        return LiveText
    raise AttributeError(f"module 'liveblocks' has no attribute {name!r}")
