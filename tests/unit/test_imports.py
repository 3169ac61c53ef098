"""What ``import liveblocks`` loads: the sync path stays light; everything is reachable."""

from __future__ import annotations

import json
import subprocess
import sys

import liveblocks.resources
from liveblocks import AsyncLiveblocks, Liveblocks, models


def _loaded_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out))


def test_a_sync_client_loads_neither_aiohttp_nor_unused_areas() -> None:
    loaded = _loaded_after("import liveblocks\nliveblocks.Liveblocks('sk_test_imports')")
    for module in (
        "aiohttp",
        "asyncio",
        "liveblocks.webhooks",
        "liveblocks._models.ai",
        "liveblocks._models.management",
        "liveblocks.resources.ai",
        "liveblocks.resources.comments",
        "liveblocks.resources.feeds",
        "liveblocks.resources.files",
        "liveblocks.resources.attachments",
        "liveblocks._models.feeds",
        "liveblocks._models.files",
        "liveblocks._models.comments",
        "liveblocks.live.object",
        "liveblocks.live.list",
        "liveblocks.live._document",
    ):
        assert module not in loaded, module
    assert "liveblocks.resources.rooms" in loaded


def test_an_area_loads_when_first_used() -> None:
    loaded = _loaded_after(
        "import liveblocks\nc = liveblocks.Liveblocks('sk_test_imports')\nc.ai.copilots['cp']"
    )
    assert "liveblocks.resources.ai" in loaded
    assert "liveblocks._models.ai" in loaded
    assert "liveblocks._models.management" not in loaded


def test_every_area_and_model_is_reachable() -> None:
    client = Liveblocks("sk_test_imports")
    assert repr(client.ai.copilots["cp"].knowledge) == (
        "<KnowledgeSources /v2/ai/copilots/cp/knowledge>"
    )
    assert repr(client.rooms["r"].threads["t"].comments["c"]) == (
        "<CommentResource /v2/rooms/r/threads/t/comments/c>"
    )
    assert models.AiCopilotOpenAi.__module__ == "liveblocks._models.ai"
    assert liveblocks.resources.Copilots is type(client.ai.copilots)
    assert AsyncLiveblocks("sk_test_imports").management.projects is not None
    assert liveblocks.WebhookHandler.__name__ == "WebhookHandler"


def test_an_async_client_and_the_exporter_do_not_load_requests() -> None:
    loaded = _loaded_after(
        "import liveblocks, liveblocks.export, liveblocks.cli\n"
        "liveblocks.AsyncLiveblocks('sk_test_imports')"
    )
    assert "requests" not in loaded
    assert "liveblocks.transports.aiohttp_transport" in loaded


def test_the_live_structures_load_on_first_use() -> None:
    loaded = _loaded_after("import liveblocks\nliveblocks.LiveObject, liveblocks.LiveText")
    assert {"liveblocks.live.object", "liveblocks.live.text"} <= loaded
    assert "asyncio" not in loaded
    for name in ("LiveObject", "LiveList", "LiveMap", "LiveFile", "LiveText"):
        assert getattr(liveblocks, name).__name__ == name
        assert name in liveblocks.__all__
