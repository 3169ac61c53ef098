"""is_notification_channel_enabled on a user's settings: an absent channel is disabled, a
wrong channel name or a whole NotificationSettings without a channel is refused."""

from __future__ import annotations

import pytest

from liveblocks import is_notification_channel_enabled, models

SETTINGS = models.NotificationSettings.from_dict(
    {"email": {"thread": True, "textMention": True}, "slack": {"thread": False}}
)


def test_enabled_disabled_and_absent_channels() -> None:
    assert is_notification_channel_enabled(SETTINGS, "email") is True
    assert is_notification_channel_enabled(SETTINGS, "slack") is False
    assert is_notification_channel_enabled(SETTINGS, "teams") is False  # not in the answer
    assert is_notification_channel_enabled(SETTINGS.email) is True
    assert is_notification_channel_enabled(None, "email") is False


def test_an_unknown_channel_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown notification channel 'sms'"):
        is_notification_channel_enabled(SETTINGS, "sms")  # type: ignore[arg-type]


def test_whole_settings_need_a_channel_name() -> None:
    with pytest.raises(TypeError, match="pass the channel's name"):
        is_notification_channel_enabled(SETTINGS)
