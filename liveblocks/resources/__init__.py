"""The resource model: objects that bind URL path segments and make requests on demand."""

from .ai import (
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
from .auth import AuthResource
from .comments import CommentResource, Comments, ThreadResource, Threads
from .groups import GroupResource, Groups, UserGroups
from .management import (
    ManagementResource,
    ProjectPublicKey,
    ProjectResource,
    Projects,
    ProjectSecretKey,
    WebhookAdditionalHeaders,
    WebhookResource,
    Webhooks,
)
from .notifications import (
    InboxNotificationResource,
    InboxNotifications,
    NotificationSettingsResource,
    RoomNotificationSettingsResource,
    RoomSubscriptionSettingsResource,
    UserInboxNotificationResource,
    UserInboxNotifications,
    UserRoomSubscriptionSettingsResource,
)
from .rooms import RoomResource, Rooms
from .storage import StorageResource
from .tree import ResourceTree
from .users import RoomUserResource, RoomUsers, UserResource, Users
from .yjs import YjsResource, YjsVersionResource, YjsVersions

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
