"""Helpers around notification settings, as ``@liveblocks/node`` has them.

```python
from liveblocks import is_notification_channel_enabled

settings = client.users["alice"].notification_settings.get()
if is_notification_channel_enabled(settings, "email"):
    ...  # every kind of notification goes out by email
```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Union

from .types import Unset

__all__ = ["NotificationChannel", "is_notification_channel_enabled"]

#: A delivery channel, as the API and webhook events name it (``"web_push"`` is accepted too).
NotificationChannel = Literal["email", "slack", "teams", "webPush", "web_push"]

_ATTRIBUTES = {"email": "email", "slack": "slack", "teams": "teams", "webPush": "web_push"}


def is_notification_channel_enabled(
    settings: Union[Mapping[str, Any], Any, None],
    channel: NotificationChannel | None = None,
) -> bool:
    """Whether a channel delivers every kind of notification (each kind set to ``True``).

    ``settings`` is a user's :class:`~liveblocks.models.NotificationSettings` (or its dict)
    with ``channel`` naming the channel, or one channel's settings
    (``settings.email``, a :class:`~liveblocks.models.NotificationChannelSettings` or a
    dict) without ``channel``, as Node's ``isNotificationChannelEnabled(settings.email)``.
    A channel that is absent (not enabled for the project) is not enabled.
    """
    if channel is not None:
        settings = _channel_settings(settings, channel)
    if settings is None or isinstance(settings, Unset):
        return False
    if not isinstance(settings, Mapping):
        raise TypeError(
            "settings must be a channel's settings (a mapping of kinds to booleans), got "
            f"{type(settings).__name__}; pass the channel's name to read it from a "
            "user's NotificationSettings"
        )
    return all(enabled is True for enabled in settings.values())


def _channel_settings(settings: Any, channel: str) -> Any:
    name = "webPush" if channel == "web_push" else channel
    if name not in _ATTRIBUTES:
        raise ValueError(
            f"unknown notification channel {channel!r}: 'email', 'slack', 'teams' or 'webPush'"
        )
    if settings is None:
        return None
    if isinstance(settings, Mapping):
        found = settings.get(name)
        return settings.get(_ATTRIBUTES[name]) if found is None else found
    return getattr(settings, _ATTRIBUTES[name], None)
