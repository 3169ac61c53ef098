"""The API's models, with the reference's names and fields.

Every model is a :class:`msgspec.Struct` (fast to decode, typed) or, for objects whose keys
are the user's own, a ``dict`` subclass. Both offer ``to_dict()`` and ``from_dict()``.
"""

from ._base import FreeForm, Model, StrEnum
from .rooms import *  # noqa: F403
from .rooms import __all__ as _rooms
from .storage import *  # noqa: F403
from .storage import __all__ as _storage
from .yjs import *  # noqa: F403
from .yjs import __all__ as _yjs

__all__ = ["FreeForm", "Model", "StrEnum", *_rooms, *_storage, *_yjs]
