"""The resource model: objects that bind URL path segments and make requests on demand."""

from .._resources.ai import (
    AiResource,
    CopilotResource,
    Copilots,
    FileKnowledgeSourceResource,
    FileKnowledgeSources,
    KnowledgeSourceResource,
    KnowledgeSources,
    WebKnowledgeSourceLinks,
    WebKnowledgeSourceResource,
    WebKnowledgeSources,
)
from .._resources.auth import AuthResource
from .._resources.comments import CommentResource, Comments, ThreadResource, Threads
from .._resources.groups import GroupResource, Groups, UserGroups
from .._resources.management import (
    ManagementResource,
    ProjectPublicKey,
    ProjectResource,
    Projects,
    ProjectSecretKey,
    WebhookAdditionalHeaders,
    WebhookResource,
    Webhooks,
)
from .._resources.notifications import (
    InboxNotificationResource,
    InboxNotifications,
    NotificationSettingsResource,
    RoomNotificationSettingsResource,
    RoomSubscriptionSettingsResource,
    UserInboxNotificationResource,
    UserInboxNotifications,
    UserRoomSubscriptionSettingsResource,
)
from .._resources.rooms import RoomResource, Rooms
from .._resources.storage import StorageResource
from .._resources.tree import ResourceTree
from .._resources.users import RoomUserResource, RoomUsers, UserResource, Users
from .._resources.yjs import YjsResource, YjsVersionResource, YjsVersions

__all__ = [
    "AiResource",
    "AuthResource",
    "CommentResource",
    "Comments",
    "CopilotResource",
    "Copilots",
    "FileKnowledgeSourceResource",
    "FileKnowledgeSources",
    "GroupResource",
    "Groups",
    "InboxNotificationResource",
    "InboxNotifications",
    "KnowledgeSourceResource",
    "KnowledgeSources",
    "ManagementResource",
    "NotificationSettingsResource",
    "ProjectPublicKey",
    "ProjectResource",
    "ProjectSecretKey",
    "Projects",
    "ResourceTree",
    "RoomNotificationSettingsResource",
    "RoomResource",
    "RoomSubscriptionSettingsResource",
    "RoomUserResource",
    "RoomUsers",
    "Rooms",
    "StorageResource",
    "ThreadResource",
    "Threads",
    "UserGroups",
    "UserInboxNotificationResource",
    "UserInboxNotifications",
    "UserResource",
    "UserRoomSubscriptionSettingsResource",
    "Users",
    "WebKnowledgeSourceLinks",
    "WebKnowledgeSourceResource",
    "WebKnowledgeSources",
    "WebhookAdditionalHeaders",
    "WebhookResource",
    "Webhooks",
    "YjsResource",
    "YjsVersionResource",
    "YjsVersions",
]
