"""The Live structures of Storage, as ``storage.mutate(...)`` hands them to its callback:
:class:`LiveObject`, :class:`LiveList`, :class:`LiveMap` and :class:`LiveFile` (edited
and created by this SDK), :class:`LiveText` and :class:`UnknownLiveNode` (read only), all
:class:`LiveNode` s. The first five are also ``liveblocks.LiveObject``, ...

Each edit becomes operations that merge with other users' edits. The modules load on first
use: a service that never edits Storage does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from ._node import LiveNode
    from .file import LiveFile
    from .list import LiveList
    from .map import LiveMap
    from .object import LiveObject
    from .text import LiveText, UnknownLiveNode

__all__ = [
    "LiveFile",
    "LiveList",
    "LiveMap",
    "LiveNode",
    "LiveObject",
    "LiveText",
    "UnknownLiveNode",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "LiveFile": ".file",
        "LiveList": ".list",
        "LiveMap": ".map",
        "LiveNode": "._node",
        "LiveObject": ".object",
        "LiveText": ".text",
        "UnknownLiveNode": ".text",
    },
)
