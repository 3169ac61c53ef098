"""``python -m liveblocks export`` against a room list that repeats itself, on loopback:
each room is fetched and written once (one line in rooms.ndjson, one in index.ndjson),
and a list whose cursors cycle stops the run with an error naming the cursor instead of
exporting the same rooms again and again.

The fake ends its list after ``MAX_PAGES`` pages whatever happens, so that a missing
guard shows as too many lines rather than a hang.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.export_helpers import index_lines, room_ids_in
from tests.fakes.faultserver import SECRET, FaultServer, Received, Reply, room_json

from .test_export_guards import cli

MAX_PAGES = 30
DOCUMENT = {"liveblocksType": "LiveObject", "data": {"title": "kept"}}


class RepeatingList:
    """The room list: cursor sent -> (rooms of the page, next cursor)."""

    def __init__(self, pages: dict[str | None, tuple[list[str], str | None]]) -> None:
        self.pages = pages
        self.cursors: list[str | None] = []

    def __call__(self, received: Received) -> Reply:
        path = received.path
        if path == "/v2/rooms":
            cursor = dict(parse_qsl(urlsplit(received.target).query)).get("startingAfter")
            self.cursors.append(cursor)
            rooms, next_cursor = self.pages[cursor]
            if len(self.cursors) >= MAX_PAGES:
                next_cursor = None
            return Reply(200, {"nextCursor": next_cursor, "data": [room_json(r) for r in rooms]})
        if path.endswith("/storage"):
            return Reply(200, DOCUMENT)
        if path.endswith("/ydoc-binary"):
            return Reply(200, b"", headers={"Content-Type": "application/octet-stream"})
        return Reply(404, {"error": "NOT_FOUND", "message": path})


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.fixture(autouse=True)
def environment(server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)
    monkeypatch.setenv("LIVEBLOCKS_BASE_URL", server.url)


def _storage_reads(server: FaultServer) -> Counter[str]:
    return Counter(r.path for r in server.requests if r.path.endswith("/storage"))


def _check_each_room_once(out: Path, server: FaultServer) -> None:
    assert sorted(room_ids_in(out)) == ["r1", "r2", "r3"]
    index = (out / "index.ndjson").read_bytes().splitlines()
    assert sorted(json.loads(line)["id"] for line in index) == ["r1", "r2", "r3"]
    assert all(entry["storage"] for entry in index_lines(out).values())
    assert sorted(p.name for p in (out / "storage").iterdir()) == ["r1.json", "r2.json", "r3.json"]
    assert _storage_reads(server) == {f"/v2/rooms/{r}/storage": 1 for r in ("r1", "r2", "r3")}


def test_rooms_the_list_repeats_are_exported_once(tmp_path: Path, server: FaultServer) -> None:
    listing = RepeatingList(
        {
            None: (["r1", "r2"], "c1"),
            "c1": (["r2", "r3", "r1"], "c2"),
            "c2": (["r3", "r2", "r1"], None),
        }
    )
    server.handler = listing
    out = tmp_path / "export"
    done = cli("export", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    assert listing.cursors == [None, "c1", "c2"]
    _check_each_room_once(out, server)
    assert "gave room 'r2' a second time" in done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    assert manifest["run"]["exported"] == 3


def test_a_room_list_whose_cursors_cycle_stops_the_export(
    tmp_path: Path, server: FaultServer
) -> None:
    listing = RepeatingList(
        {
            None: (["r1", "r2"], "c1"),
            "c1": (["r2", "r3"], "c2"),
            "c2": (["r1", "r3"], "c1"),  # back to c1: the same pages without end
        }
    )
    server.handler = listing
    out = tmp_path / "export"
    # One room at a time: each room listed before the cycle is on disk when it is found.
    done = cli("export", str(out), "--quiet", "--concurrency", "1")
    assert done.returncode == 1, done.stderr
    assert listing.cursors == [None, "c1", "c2"]
    assert "already returned in this listing ('c1', on page 3)" in done.stderr
    assert "GET /v2/rooms" in done.stderr
    assert "Traceback" not in done.stderr
    _check_each_room_once(out, server)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "failed"
