"""The resource model: objects that bind URL path segments and make requests on demand."""

from .rooms import RoomResource, Rooms
from .storage import StorageResource
from .tree import ResourceTree
from .yjs import YjsResource, YjsVersionResource, YjsVersions

__all__ = [
    "ResourceTree",
    "RoomResource",
    "Rooms",
    "StorageResource",
    "YjsResource",
    "YjsVersionResource",
    "YjsVersions",
]
