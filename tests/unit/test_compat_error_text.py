"""``str(error)`` is the official package's for the same answer: both packages call one
loopback fake, the official one (3.16.0a1, from ``benchmarks/.venv-official``, or the
Python named by ``LIVEBLOCKS_OFFICIAL_PYTHON``) in a child process, and their texts are
compared, for each status with and without a Liveblocks error body."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from liveblocks import Liveblocks, LiveblocksError
from tests.fakes.faultserver import SECRET, FaultServer, Received, Reply

REPO = Path(__file__).resolve().parents[2]
OFFICIAL_PYTHON = Path(
    os.environ.get("LIVEBLOCKS_OFFICIAL_PYTHON")
    or REPO / "benchmarks" / ".venv-official" / "bin" / "python"
)

STATUSES = [400, 403, 404, 409, 422, 429, 500]

#: Answer bodies by name: the API's error forms, and what a proxy or a wrong URL gives.
BODIES: dict[str, tuple[bytes, str]] = {
    "full": (
        json.dumps(
            {
                "error": "ROOM_ALREADY_EXISTS",
                "message": "The room already exists.",
                "suggestion": "Use another id.",
                "docs": "https://liveblocks.io/docs/api-reference/rest-api-endpoints",
            }
        ).encode(),
        "application/json",
    ),
    "message-only": (b'{"error": "FORBIDDEN", "message": "Forbidden"}', "application/json"),
    "with-reason": (
        b'{"error": "INVALID", "message": "Invalid body", "reason": "id: too long"}',
        "application/json",
    ),
    "reason-only": (
        b'{"error": "Unprocessable Entity", "reason": "Missing key: \'id\'"}',
        "application/json",
    ),
    "code-only": (b'{"error": "ROOM_NOT_FOUND"}', "application/json"),
    "empty": (b"", "text/plain"),
    "text": (b"Not Found", "text/plain"),
    "json-list": (b'["not", "an", "object"]', "application/json"),
    "html": (b"<html><head><title>502 Bad Gateway</title></head></html>", "text/html"),
}

CASES = [f"{status}-{name}" for status in STATUSES for name in BODIES]

#: Run by the official package's Python: ``str()`` of the error each room id gives.
OFFICIAL_SCRIPT = """
import json, sys
from liveblocks import Liveblocks
base_url, secret, room_ids = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
texts = {}
with Liveblocks(secret=secret, base_url=base_url) as client:
    for room_id in room_ids:
        try:
            client.get_room(room_id)
        except Exception as error:
            texts[room_id] = [type(error).__name__, str(error)]
print(json.dumps(texts))
"""


def _answer(received: Received) -> Reply:
    status, name = received.last_segment.split("-", 1)
    body, content_type = BODIES[name]
    return Reply(int(status), body, headers={"Content-Type": content_type})


def _official_texts(base_url: str) -> dict[str, Any]:
    if not OFFICIAL_PYTHON.exists():
        # make test names it and installs it: there, a missing one is a failure.
        assert not os.environ.get("LIVEBLOCKS_OFFICIAL_PYTHON"), f"{OFFICIAL_PYTHON} is missing"
        pytest.skip(
            f"the official package is not installed at {OFFICIAL_PYTHON} "
            "(benchmarks/run.py installs it; or set LIVEBLOCKS_OFFICIAL_PYTHON)"
        )
    # Run from the root folder (not this clone) so that ``liveblocks`` is the official one.
    done = subprocess.run(
        [str(OFFICIAL_PYTHON), "-I", "-c", OFFICIAL_SCRIPT, base_url, SECRET, json.dumps(CASES)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    texts: dict[str, Any] = json.loads(done.stdout)
    return texts


def _our_texts(base_url: str) -> dict[str, str]:
    texts = {}
    with Liveblocks(SECRET, base_url=base_url, max_retries=0) as client:
        for room_id in CASES:
            with pytest.raises(LiveblocksError) as info:
                client.get_room(room_id)
            texts[room_id] = str(info.value)
    return texts


def test_str_of_an_error_is_the_official_packages() -> None:
    with FaultServer() as server:
        server.handler = _answer
        official = _official_texts(server.url)
        ours = _our_texts(server.url)
    assert sorted(official) == sorted(CASES)
    assert all(kind == "LiveblocksError" for kind, _ in official.values())
    assert {room_id: text for room_id, (_, text) in official.items()} == ours
    # Not vacuous: the forms differ where the bodies do.
    assert ours["409-full"] == (
        "The room already exists. (status 409)\nSuggestion: Use another id.\n"
        "See also: https://liveblocks.io/docs/api-reference/rest-api-endpoints"
    )
    assert ours["404-empty"] == "An error happened without an error message (status 404)"
    assert ours["500-text"] == "Not Found (status 500)"
