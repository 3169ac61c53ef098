"""The flat API: the reference's method names and parameters, each delegating to the
resource model in one line."""

from .._call import M
from .ai import AiFlatAPI
from .attachments import AttachmentsFlatAPI
from .auth import AuthFlatAPI
from .comments import CommentsFlatAPI
from .feeds import FeedsFlatAPI
from .files import FilesFlatAPI
from .groups import GroupsFlatAPI
from .management import ManagementFlatAPI
from .notifications import NotificationsFlatAPI
from .rooms import RoomFlatAPI
from .storage import StorageFlatAPI
from .yjs import YjsFlatAPI

__all__ = ["FlatAPI"]


class FlatAPI(
    RoomFlatAPI[M],
    StorageFlatAPI[M],
    FilesFlatAPI[M],
    YjsFlatAPI[M],
    CommentsFlatAPI[M],
    AttachmentsFlatAPI[M],
    FeedsFlatAPI[M],
    AuthFlatAPI[M],
    NotificationsFlatAPI[M],
    GroupsFlatAPI[M],
    AiFlatAPI[M],
    ManagementFlatAPI[M],
):
    """Every flat method, on top of the resource tree."""
