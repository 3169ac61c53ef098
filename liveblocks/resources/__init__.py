"""The resource model: objects that bind URL path segments and make requests on demand.

``client.rooms``, ``client.rooms[room_id].storage``, ... are instances of these classes; import
them from here for annotations. Each area's module loads the first time one of its names is
used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
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
    from .auth import (
        AuthResource,
    )
    from .comments import (
        CommentResource,
        Comments,
        ThreadResource,
        Threads,
    )
    from .groups import (
        GroupResource,
        Groups,
        UserGroups,
    )
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
    from .rooms import (
        RoomResource,
        Rooms,
    )
    from .storage import (
        StorageResource,
    )
    from .tree import (
        ResourceTree,
    )
    from .users import (
        RoomUserResource,
        RoomUsers,
        UserResource,
        Users,
    )
    from .yjs import (
        YjsResource,
        YjsVersionResource,
        YjsVersions,
    )

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

__getattr__ = lazy_exports(
    __name__,
    {
        "AiResource": ".ai",
        "AuthResource": ".auth",
        "CommentResource": ".comments",
        "Comments": ".comments",
        "CopilotResource": ".ai",
        "Copilots": ".ai",
        "FileKnowledgeSourceResource": ".ai",
        "FileKnowledgeSources": ".ai",
        "GroupResource": ".groups",
        "Groups": ".groups",
        "InboxNotificationResource": ".notifications",
        "InboxNotifications": ".notifications",
        "KnowledgeSourceResource": ".ai",
        "KnowledgeSources": ".ai",
        "ManagementResource": ".management",
        "NotificationSettingsResource": ".notifications",
        "ProjectPublicKey": ".management",
        "ProjectResource": ".management",
        "ProjectSecretKey": ".management",
        "Projects": ".management",
        "ResourceTree": ".tree",
        "RoomNotificationSettingsResource": ".notifications",
        "RoomResource": ".rooms",
        "RoomSubscriptionSettingsResource": ".notifications",
        "RoomUserResource": ".users",
        "RoomUsers": ".users",
        "Rooms": ".rooms",
        "StorageResource": ".storage",
        "ThreadResource": ".comments",
        "Threads": ".comments",
        "UserGroups": ".groups",
        "UserInboxNotificationResource": ".notifications",
        "UserInboxNotifications": ".notifications",
        "UserResource": ".users",
        "UserRoomSubscriptionSettingsResource": ".notifications",
        "Users": ".users",
        "WebKnowledgeSourceLinks": ".ai",
        "WebKnowledgeSourceResource": ".ai",
        "WebKnowledgeSources": ".ai",
        "WebhookAdditionalHeaders": ".management",
        "WebhookResource": ".management",
        "Webhooks": ".management",
        "YjsResource": ".yjs",
        "YjsVersionResource": ".yjs",
        "YjsVersions": ".yjs",
    },
)
