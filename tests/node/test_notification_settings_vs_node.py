"""is_notification_channel_enabled gives what @liveblocks/node's isNotificationChannelEnabled
gives for the same channel settings, read from the settings themselves, from a user's
NotificationSettings (model or dict) by channel name, and from a model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from liveblocks import is_notification_channel_enabled, models
from tests.nodesdk import run_node

CHANNELS: list[Any] = [
    {"thread": True, "textMention": True},
    {"thread": True, "textMention": False},
    {"thread": True, "textMention": True, "$fileUploaded": True},
    {"thread": True, "textMention": True, "$fileUploaded": False},
    {"thread": 1, "textMention": True},
    {"thread": "true"},
    {},
    None,
]


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> list[bool]:
    path: Path = tmp_path_factory.mktemp("channels") / "cases.json"
    path.write_text(json.dumps({"channels": CHANNELS}), encoding="utf-8")
    result: list[bool] = run_node("helpers.mjs", str(path))["channels"]
    return result


@pytest.mark.parametrize("index", range(len(CHANNELS)))
def test_a_channels_settings_give_what_node_gives(index: int, node: list[bool]) -> None:
    settings = CHANNELS[index]
    expected = node[index]
    assert is_notification_channel_enabled(settings) is expected
    for channel in ("email", "slack", "teams", "webPush"):
        whole = {channel: settings} if settings is not None else {}
        assert is_notification_channel_enabled(whole, channel) is expected
    if settings is not None and all(isinstance(v, bool) for v in settings.values()):
        model = models.NotificationSettings.from_dict({"webPush": settings})
        assert is_notification_channel_enabled(model, "webPush") is expected
        assert is_notification_channel_enabled(model, "web_push") is expected
        assert is_notification_channel_enabled(model.web_push) is expected


def test_the_corpus_has_both_answers(node: list[bool]) -> None:
    assert True in node and False in node
