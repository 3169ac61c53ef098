"""The API's models, with the reference's names and fields.

Every model is a :class:`msgspec.Struct` (fast to decode, typed) or, for objects whose keys
are the user's own, a ``dict`` subclass. Both offer ``to_dict()`` and ``from_dict()``.

Each model also lives in a module of its own, loaded only when imported, as in the official
package: ``from liveblocks.models.room import Room``.

This folder is written by ``scripts/gen_models.py`` from ``liveblocks/_models/``: edit the
models there, then run the script.
"""

from .._models._base import FreeForm, Model, ModelValidationError, StrEnum
from .._models.ai import *  # noqa: F403
from .._models.ai import __all__ as _ai
from .._models.auth import *  # noqa: F403
from .._models.auth import __all__ as _auth
from .._models.comments import *  # noqa: F403
from .._models.comments import __all__ as _comments
from .._models.common import *  # noqa: F403
from .._models.common import __all__ as _common
from .._models.feeds import *  # noqa: F403
from .._models.feeds import __all__ as _feeds
from .._models.files import *  # noqa: F403
from .._models.files import __all__ as _files
from .._models.groups import *  # noqa: F403
from .._models.groups import __all__ as _groups
from .._models.management import *  # noqa: F403
from .._models.management import __all__ as _management
from .._models.notifications import *  # noqa: F403
from .._models.notifications import __all__ as _notifications
from .._models.rooms import *  # noqa: F403
from .._models.rooms import __all__ as _rooms
from .._models.storage import *  # noqa: F403
from .._models.storage import __all__ as _storage
from .._models.yjs import *  # noqa: F403
from .._models.yjs import __all__ as _yjs
from ..live.file import LiveFile

__all__ = [
    "FreeForm",
    "Model",
    "ModelValidationError",
    "StrEnum",
    *_ai,
    *_auth,
    *_comments,
    *_common,
    *_feeds,
    *_files,
    *_groups,
    *_management,
    *_notifications,
    *_rooms,
    *_storage,
    *_yjs,
    "LiveFile",
]
