"""The root of the resource tree, which both clients are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import M, Resource, cached_property

if TYPE_CHECKING:
    from .ai import AiResource
    from .auth import AuthResource
    from .groups import Groups
    from .management import ManagementResource
    from .notifications import InboxNotifications
    from .rooms import Rooms
    from .users import Users

__all__ = ["ResourceTree"]


class ResourceTree(Resource[M]):
    """Top-level collections: ``client.rooms``, ...

    Each area's module (and its models) is imported the first time the area is used, so
    creating a client loads none of them, and a program that only manages rooms never
    loads the AI or Management code.
    """

    @cached_property
    def rooms(self) -> Rooms[M]:
        """All rooms: ``rooms.list()``, ``rooms.create(...)``, ``rooms[room_id]``."""
        from .rooms import Rooms

        return Rooms(self._requester)

    @cached_property
    def auth(self) -> AuthResource[M]:
        """Tokens for your front end: ``auth.identify_user(...)``, ``auth.authorize_user(...)``."""
        from .auth import AuthResource

        return AuthResource(self._requester)

    @cached_property
    def users(self) -> Users[M]:
        """Users by id: ``users[user_id].inbox_notifications``, ``.notification_settings``,
        ``.room_subscription_settings``, ``.groups``."""
        from .users import Users

        return Users(self._requester)

    @cached_property
    def groups(self) -> Groups[M]:
        """All groups: ``groups.list()``, ``groups.create(...)``, ``groups[group_id]``."""
        from .groups import Groups

        return Groups(self._requester)

    @cached_property
    def inbox_notifications(self) -> InboxNotifications[M]:
        """Custom notifications: ``inbox_notifications.trigger(...)``,
        ``inbox_notifications[inbox_notification_id].mark_as_read()``."""
        from .notifications import InboxNotifications

        return InboxNotifications(self._requester)

    @cached_property
    def ai(self) -> AiResource[M]:
        """AI copilots: ``ai.copilots.list()``, ``ai.copilots.create(...)``,
        ``ai.copilots[copilot_id].knowledge``."""
        from .ai import AiResource

        return AiResource(self._requester)

    @cached_property
    def management(self) -> ManagementResource[M]:
        """Your account's projects: ``management.projects.list()``,
        ``management.projects[project_id].webhooks``."""
        from .management import ManagementResource

        return ManagementResource(self._requester)
