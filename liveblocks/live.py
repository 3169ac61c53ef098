"""The Live structures of Storage, as ``storage.mutate(...)`` hands them to its callback:
:class:`LiveObject`, :class:`LiveList`, :class:`LiveMap` and :class:`LiveFile` (edited
and created by this SDK), :class:`LiveText` and :class:`UnknownLiveNode` (read only), all
:class:`LiveNode` s. The first five are also ``liveblocks.LiveObject``, ..."""

from ._live._node import LiveNode
from ._live.file import LiveFile
from ._live.list import LiveList
from ._live.map import LiveMap
from ._live.object import LiveObject
from ._live.text import LiveText, UnknownLiveNode

__all__ = [
    "LiveFile",
    "LiveList",
    "LiveMap",
    "LiveNode",
    "LiveObject",
    "LiveText",
    "UnknownLiveNode",
]
