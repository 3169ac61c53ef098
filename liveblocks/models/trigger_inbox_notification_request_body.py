"""A model in a module of its own, as the official package has it."""

from .._models.notifications import TriggerInboxNotificationRequestBody

__all__ = ["TriggerInboxNotificationRequestBody"]
