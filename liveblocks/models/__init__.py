"""The API's models, with the reference's names and fields.

Every model is a :class:`msgspec.Struct` (fast to decode, typed) or, for objects whose keys
are the user's own, a ``dict`` subclass. Both offer ``to_dict()`` and ``from_dict()``.
"""

from ._base import FreeForm, Model, StrEnum
from .ai import *  # noqa: F403
from .ai import __all__ as _ai
from .auth import *  # noqa: F403
from .auth import __all__ as _auth
from .comments import *  # noqa: F403
from .comments import __all__ as _comments
from .common import *  # noqa: F403
from .common import __all__ as _common
from .groups import *  # noqa: F403
from .groups import __all__ as _groups
from .management import *  # noqa: F403
from .management import __all__ as _management
from .notifications import *  # noqa: F403
from .notifications import __all__ as _notifications
from .rooms import *  # noqa: F403
from .rooms import __all__ as _rooms
from .storage import *  # noqa: F403
from .storage import __all__ as _storage
from .yjs import *  # noqa: F403
from .yjs import __all__ as _yjs

__all__ = [
    "FreeForm",
    "Model",
    "StrEnum",
    *_auth,
    *_comments,
    *_common,
    *_groups,
    *_notifications,
    *_rooms,
    *_storage,
    *_yjs,
    *_ai,
    *_management,
]
