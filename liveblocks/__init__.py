"""Liveblocks for Python: a typed, fast client for the Liveblocks REST API.

from liveblocks import Liveblocks

with Liveblocks() as client:            # LIVEBLOCKS_SECRET_KEY
    room = client.rooms.create(id="doc-1", default_accesses=["room:write"])
    for room in client.rooms.list():
        print(room.id)
"""

import importlib
from typing import TYPE_CHECKING, Any

from . import client, errors, types
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
    "LiveList",
    "LiveMap",
    "LiveObject",
    "LiveText",
    "Liveblocks",
    "LiveblocksError",
    "Page",
    "RawResponse",
    "Timeout",
    "WebhookHandler",
    "__version__",
    "client",
    "errors",
    "models",
    "types",
    "webhooks",
]

if TYPE_CHECKING:
    from . import models, webhooks
    from ._live.list import LiveList
    from ._live.map import LiveMap
    from ._live.object import LiveObject
    from ._live.text import LiveText
    from .webhooks import WebhookHandler


def __getattr__(name: str) -> Any:
    # The webhook handler (and its 60 event models), the models and the Live structures
    # load on first use: services that only call the API never pay for them.
    # ``liveblocks.models`` and ``liveblocks.webhooks`` also work without importing them
    # first, as in the official package.
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
    if name in ("models", "webhooks"):
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'liveblocks' has no attribute {name!r}")
