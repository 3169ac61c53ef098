"""A model in a module of its own, as the official package has it."""

from .._models.notifications import InboxNotificationCustomData

__all__ = ["InboxNotificationCustomData"]
