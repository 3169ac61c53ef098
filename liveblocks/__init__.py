"""Liveblocks for Python: a typed, fast client for the Liveblocks REST API.

from liveblocks import Liveblocks

with Liveblocks() as client:            # LIVEBLOCKS_SECRET_KEY
    room = client.rooms.create(id="doc-1", default_accesses=["room:write"])
    for room in client.rooms.list():
        print(room.id)
"""

from typing import TYPE_CHECKING

from . import client, errors, types
from ._lazy import lazy_exports
from ._pagination import Page
from ._response import RawResponse
from ._version import __version__
from .client import DEFAULT_TIMEOUT, AsyncLiveblocks, Liveblocks
from .errors import LiveblocksError
from .transports._base import Timeout

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
    "get_mentions_from_comment_body",
    "is_notification_channel_enabled",
    "markdown_to_comment_body",
    "models",
    "stringify_comment_body",
    "stringify_comment_body_async",
    "types",
    "webhooks",
]

if TYPE_CHECKING:
    from . import models, webhooks
    from .comment_body import (
        get_mentions_from_comment_body,
        markdown_to_comment_body,
        stringify_comment_body,
        stringify_comment_body_async,
    )
    from .live.file import LiveFile
    from .live.list import LiveList
    from .live.map import LiveMap
    from .live.object import LiveObject
    from .live.text import LiveText
    from .notifications import is_notification_channel_enabled
    from .webhooks import WebhookHandler

# The webhook handler (and its 60 event models), the models, the Live structures and the
# comment-body functions load on first use: services that only call the API never pay for
# them. ``liveblocks.models`` and ``liveblocks.webhooks`` also work without importing them
# first, as in the official package.
__getattr__ = lazy_exports(
    __name__,
    {
        "LiveFile": ".live.file",
        "LiveList": ".live.list",
        "LiveMap": ".live.map",
        "LiveObject": ".live.object",
        "LiveText": ".live.text",
        "WebhookHandler": ".webhooks",
        "get_mentions_from_comment_body": ".comment_body",
        "is_notification_channel_enabled": ".notifications",
        "markdown_to_comment_body": ".comment_body",
        "stringify_comment_body": ".comment_body",
        "stringify_comment_body_async": ".comment_body",
        "models": ".models",
        "webhooks": ".webhooks",
    },
)
