"""What ``import liveblocks`` loads: the sync path stays light (only the core, no area);
everything is reachable."""

from __future__ import annotations

import json
import pydoc
import subprocess
import sys
from typing import Any

import liveblocks.resources
from liveblocks import AsyncLiveblocks, Liveblocks, models
from tests.cases._case import current_operations


def _loaded_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out))


#: Every module of the package that ``import liveblocks`` and ``Liveblocks()`` load: the
#: clients, how a call is described and run, errors, the requests transport, and the flat
#: methods' classes (which import their models only for type checking). No area's
#: resources or models: each loads when the area is first used. A module added to this
#: path is a cost every process pays at start (benchmark case 7); add it here on purpose.
STARTUP_MODULES = {
    "liveblocks",
    "liveblocks._body",
    "liveblocks._call",
    "liveblocks._checks",
    "liveblocks._config",
    "liveblocks._describe",
    "liveblocks._flat",
    "liveblocks._flat.ai",
    "liveblocks._flat.attachments",
    "liveblocks._flat.auth",
    "liveblocks._flat.comments",
    "liveblocks._flat.feeds",
    "liveblocks._flat.files",
    "liveblocks._flat.groups",
    "liveblocks._flat.management",
    "liveblocks._flat.notifications",
    "liveblocks._flat.rooms",
    "liveblocks._flat.storage",
    "liveblocks._flat.yjs",
    "liveblocks._lazy",
    "liveblocks._logging",
    "liveblocks._pagination",
    "liveblocks._paths",
    "liveblocks._parallel",
    "liveblocks._requester",
    "liveblocks._response",
    "liveblocks._retry",
    "liveblocks._version",
    "liveblocks.client",
    "liveblocks.errors",
    "liveblocks.resources",
    "liveblocks.resources.tree",
    "liveblocks.transports",
    "liveblocks.transports._answer",
    "liveblocks.transports._base",
    "liveblocks.transports._environment",
    "liveblocks.transports._requests",
    "liveblocks.transports._urls",
    "liveblocks.types",
}


def _ours(loaded: set[str]) -> set[str]:
    return {name for name in loaded if name == "liveblocks" or name.startswith("liveblocks.")}


def test_a_sync_client_loads_only_the_core() -> None:
    loaded = _loaded_after("import liveblocks\nliveblocks.Liveblocks('sk_test_imports')")
    assert _ours(loaded) == STARTUP_MODULES
    # Nor what only some calls need: the async stack, threads for parallel uploads.
    for module in ("aiohttp", "asyncio", "concurrent.futures", "liveblocks.session"):
        assert module not in loaded, module


def test_the_rooms_area_loads_on_first_use_without_storage_or_yjs() -> None:
    loaded = _loaded_after(
        "import liveblocks\nc = liveblocks.Liveblocks('sk_test_imports')\nc.rooms['r']"
    )
    assert _ours(loaded) - STARTUP_MODULES == {
        "liveblocks._encoding",
        "liveblocks._models",
        "liveblocks._models._base",
        "liveblocks._models.rooms",
        "liveblocks.resources._common",
        "liveblocks.resources.rooms",
    }
    loaded = _loaded_after(
        "import liveblocks\nc = liveblocks.Liveblocks('sk_test_imports')\n"
        "c.rooms['r'].storage, c.rooms['r'].yjs"
    )
    assert {"liveblocks.resources.storage", "liveblocks._models.storage"} <= loaded
    assert {"liveblocks.resources.yjs", "liveblocks._models.yjs"} <= loaded
    assert "liveblocks.live.object" not in loaded


def test_a_first_flat_call_loads_only_its_area() -> None:
    loaded = _loaded_after(
        "import liveblocks\n"
        "from liveblocks.transports import Response\n"
        "from liveblocks.transports.mock import MockTransport\n"
        "answer = MockTransport(lambda request: Response(204, {}, b''))\n"
        "liveblocks.Liveblocks('sk_test_imports', transport=answer).delete_room('r')"
    )
    assert "liveblocks.resources.rooms" in loaded
    for module in (
        "liveblocks._models.storage",
        "liveblocks._models.yjs",
        "liveblocks._models.auth",
        "liveblocks._models.comments",
        "liveblocks.resources.storage",
        "liveblocks.session",
    ):
        assert module not in loaded, module


def test_help_and_dir_list_every_flat_method() -> None:
    names = [op["name"] for op in current_operations()]
    for client in (Liveblocks("sk_test_imports"), AsyncLiveblocks("sk_test_imports")):
        text = pydoc.render_doc(type(client), renderer=pydoc.plaintext)
        missing = [name for name in names if name not in dir(client) or f" {name}(" not in text]
        assert not missing, missing


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


_GC_STATE = "import gc, json; print(json.dumps([gc.get_threshold(), gc.get_freeze_count()]))"


def test_the_command_line_sets_its_own_garbage_collector_and_the_library_never_does() -> None:
    def state(code: str) -> list[Any]:
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
        result: list[Any] = json.loads(out.splitlines()[-1])
        return result

    default = state(_GC_STATE)
    used = state(
        "from liveblocks import Liveblocks, AsyncLiveblocks\n"
        "import liveblocks.cli, liveblocks.export\n"
        "Liveblocks('sk_test'); AsyncLiveblocks('sk_test')\n" + _GC_STATE
    )
    assert used == default  # importing and using the SDK leaves a program's collector be
    as_command = state(
        "import runpy, sys\n"
        "sys.argv = ['liveblocks', '--help']\n"
        "try:\n    runpy.run_module('liveblocks', run_name='__main__')\n"
        "except SystemExit:\n    pass\n" + _GC_STATE
    )
    (young, middle, old), frozen = as_command
    assert young >= 10_000 and (middle, old) == tuple(default[0][1:])
    assert frozen > 1000  # what start-up loaded is never scanned again
