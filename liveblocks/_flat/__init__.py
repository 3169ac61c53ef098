"""The flat API: the reference's method names and parameters, each delegating to the
resource model in one line."""

from .._core import M
from .rooms import RoomFlatAPI
from .storage import StorageFlatAPI
from .yjs import YjsFlatAPI

__all__ = ["FlatAPI"]


class FlatAPI(RoomFlatAPI[M], StorageFlatAPI[M], YjsFlatAPI[M]):
    """Every flat method, on top of the resource tree."""
