"""Mass mutation against a dev server of its own (the dev server ignores room queries: a
mass mutation visits every room on it), compared with @liveblocks/node's
``massMutateStorage``: each room's edits match node's in a twin room, on both clients; a
failing room is reported with its reason while the others go on; the command line."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, LiveFile, LiveObject, cli
from liveblocks.models import Room
from liveblocks.mutate import MutationResult, mass_mutate_storage
from tests import live_steps as s
from tests.devserver_process import SECRET, DevServer
from tests.nodesdk import run_node

ROOMS = 10
FAILING = 5  # the room whose function raises


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    started = DevServer.start()
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture
def client(server: DevServer) -> Iterator[Liveblocks]:
    with Liveblocks(SECRET, base_url=server.url) as made:
        yield made


def _steps(index: int) -> list[s.Step]:
    """Different edits per room; every fourth room gets none."""
    if index % 4 == 0:
        return []
    steps = [s.set_([], "n", index * 10), s.push(["items"], f"added to {index}")]
    if index % 4 == 2:
        steps += [s.set_([], "meta", s.obj({"index": index, "tags": s.lst(["x"])}))]
    if index % 4 == 3:
        steps += [s.delete(["items"], 0), s.insert(["items"], 0, s.mp({"k": index}))]
    return steps


def _make_rooms(client: Liveblocks, prefix: str) -> None:
    for side in ("ours", "node"):
        for index in range(ROOMS):
            room = f"{prefix}-{side}-{index}"
            client.rooms.create(id=room, default_accesses=["room:write"])
            items = {"liveblocksType": "LiveList", "data": ["a", "b"]}
            client.rooms[room].storage.initialize(
                {"liveblocksType": "LiveObject", "data": {"n": index, "items": items}}
            )


def _run_node_mass(server: DevServer, prefix: str, tmp: Path) -> dict[str, Any]:
    steps = {f"{prefix}-node-{i}": _steps(i) for i in range(ROOMS) if i != FAILING}
    plan = tmp / "plan.json"
    plan.write_text(json.dumps({"mode": "mass", "concurrency": 8, "steps": steps}))
    views: dict[str, Any] = run_node("mutate.mjs", str(plan), base_url=server.url, secret=SECRET)
    return views


def _index(room: Room, prefix: str) -> int | None:
    head = f"{prefix}-ours-"
    return int(room.id[len(head) :]) if room.id.startswith(head) else None


def _check(client: Liveblocks, server: DevServer, prefix: str, report: Any) -> None:
    for index in range(ROOMS):
        ours, theirs = f"{prefix}-ours-{index}", f"{prefix}-node-{index}"
        assert json.loads(client.rooms[ours].storage.get_bytes()) == json.loads(
            client.rooms[theirs].storage.get_bytes()
        ), index
        assert s.storage_nodes(server.url, SECRET, ours) == s.storage_nodes(
            server.url, SECRET, theirs
        ), index
    by_room = {result.room_id: result for result in report.results}
    assert len(by_room) == len(report.results) == len(list(client.rooms.list(limit=100)))
    edited = {f"{prefix}-ours-{i}" for i in range(ROOMS) if _steps(i) and i != FAILING}
    assert {r.room_id for r in report.mutated if r.room_id.startswith(prefix)} == edited
    assert all(r.status == "mutated" and r.operations > 0 for r in report.mutated)
    (failed,) = report.failed
    assert failed.room_id == f"{prefix}-ours-{FAILING}"
    assert failed.reason == "the function raised ValueError: room 5 refuses"
    assert len(report.unchanged) == len(report.results) - len(edited) - 1
    assert not report.ok


def test_sync_mass_mutation_matches_node(
    client: Liveblocks, server: DevServer, tmp_path: Path
) -> None:
    prefix = f"mass-{uuid.uuid4().hex[:8]}"
    _make_rooms(client, prefix)
    node_views = _run_node_mass(server, prefix, tmp_path)
    seen: list[MutationResult] = []
    views: dict[str, Any] = {}

    def edit(room: Room, root: LiveObject) -> None:
        index = _index(room, prefix)
        if index is None:
            return
        if index == FAILING:
            root["n"] = "never sent"
            raise ValueError("room 5 refuses")
        views[room.id.replace("-ours-", "-node-")] = s.apply(root, _steps(index))

    report = client.mass_mutate_storage(edit, concurrency=3, on_result=seen.append)
    assert seen == report.results
    assert views == node_views
    _check(client, server, prefix, report)


async def test_async_mass_mutation_matches_node(
    client: Liveblocks, server: DevServer, tmp_path: Path
) -> None:
    prefix = f"mass-{uuid.uuid4().hex[:8]}"
    _make_rooms(client, prefix)
    node_views = _run_node_mass(server, prefix, tmp_path)
    active = peak = 0
    views: dict[str, Any] = {}

    async def edit(room: Room, root: LiveObject) -> None:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        try:
            await asyncio.sleep(0.02)
            index = _index(room, prefix)
            if index == FAILING:
                raise ValueError("room 5 refuses")
            if index is not None:
                views[room.id.replace("-ours-", "-node-")] = s.apply(root, _steps(index))
        finally:
            active -= 1

    async with AsyncLiveblocks(SECRET, base_url=server.url) as aclient:
        report = await aclient.mass_mutate_storage(edit, concurrency=4)
    assert 1 < peak <= 4
    assert views == node_views
    _check(client, server, prefix, report)


def test_reading_and_sending_failures_are_reported(client: Liveblocks) -> None:
    prefix = f"fail-{uuid.uuid4().hex[:8]}"
    rooms = [f"{prefix}-{i}" for i in range(3)]
    for room in rooms:
        client.rooms.create(id=room, default_accesses=[])
    never_uploaded = LiveFile(id="fl_" + "x" * 21, name="a.txt", size=1, mime_type="text/plain")

    def edit(room: Room, root: LiveObject) -> None:
        root["done"] = True
        if room.id == rooms[1]:
            root["file"] = never_uploaded

    report = mass_mutate_storage(client, edit, rooms=[*rooms, f"{prefix}-missing"])
    by_room = {r.room_id: r for r in report.results}
    assert by_room[rooms[0]].status == by_room[rooms[2]].status == "mutated"
    assert by_room[rooms[1]].status == "failed"
    assert by_room[rooms[1]].reason == (
        "sending: UnprocessableEntityError: 422 UNPROCESSABLE_ENTITY: Storage file has not "
        "been uploaded"
    )
    missing = by_room[f"{prefix}-missing"]
    assert missing.status == "failed" and missing.reason is not None
    assert missing.reason.startswith("reading: NotFoundError: 404 ROOM_NOT_FOUND")
    # The rejected request changed nothing in that room.
    assert client.rooms[rooms[1]].storage.get(format="json") == {}
    assert client.rooms[rooms[2]].storage.get(format="json") == {"done": True}


def test_command_line_mutation(
    client: Liveblocks,
    server: DevServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    prefix = f"cli-{uuid.uuid4().hex[:8]}"
    for i in range(4):
        client.rooms.create(id=f"{prefix}-{i}", default_accesses=[])
    script = tmp_path / "migration.py"
    script.write_text(
        "from liveblocks import LiveList\n\n"
        "def add_log(room, root):\n"
        f"    if not room.id.startswith({prefix!r}):\n"
        "        return\n"
        f"    if room.id == '{prefix}-3':\n"
        "        raise RuntimeError('not this one')\n"
        "    root['log'] = LiveList([room.id])\n"
    )
    common = ["--secret", SECRET, "--base-url", server.url, "--concurrency", "2"]
    status = cli.main(["mutate", f"{script}:add_log", *common])
    err = capsys.readouterr().err
    assert status == cli.EXIT_FAILED_ROOMS
    assert f"failed: room '{prefix}-3': the function raised RuntimeError: not this one" in err
    assert "Mutated 3 of " in err and "1 failed" in err
    for i in range(3):
        room = f"{prefix}-{i}"
        assert client.rooms[room].storage.get(format="json") == {"log": [room]}

    assert cli.main(["mutate", f"{script}:nothing_here", *common]) == cli.EXIT_USAGE
    assert "has no function 'nothing_here'" in capsys.readouterr().err
    assert cli.main(["mutate", f"{script}:add_log", *common[:4], "--concurrency", "21"]) == 2
    assert "concurrency must be an integer between 1 and 20" in capsys.readouterr().err


def _live_storage_section() -> str:
    text = (Path(__file__).resolve().parent.parent.parent / "README.md").read_text()
    return text.split("### Live Storage", 1)[1].split("\n### ", 1)[0]


def _readme_blocks() -> list[str]:
    """The Python examples of the README's Live Storage section."""
    blocks = _live_storage_section().split("```python\n")[1:]
    return [block.split("```", 1)[0] for block in blocks]


def test_the_readme_examples_run(
    client: Liveblocks,
    server: DevServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    # Last in this module: the mass mutation example edits every room of the server.
    monkeypatch.setenv("LIVEBLOCKS_BASE_URL", server.url)
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)
    blocks = _readme_blocks()
    assert len(blocks) == 4
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    first, mass = out.splitlines()[:2]
    assert first.startswith("1 ") and "'cards': [{'title': 'Ship it', 'done': True}]" in first
    mutated, unchanged, failed = map(int, mass.split())
    assert mutated == len(list(client.rooms.list(limit=100))) and unchanged == failed == 0
    board = client.rooms["board-1"].storage.get(format="json")
    assert board["cards"] == [{"title": "Ship it", "done": True}]
    assert board["spec"]["name"] == "spec.md" and board["version"] == 2

    # The command line block, with the function alone in migrations.py as the README says.
    section = _live_storage_section()
    (command,) = [b.split("```", 1)[0].strip() for b in section.split("```bash\n")[1:]]
    source = next(block for block in blocks if "def add_version" in block)
    function = "def add_version" + source.split("def add_version", 1)[1].split("\n\n", 1)[0]
    (tmp_path / "migrations.py").write_text(function + "\n", encoding="utf-8")
    client.rooms.create(id="cli-readme-room", default_accesses=[])
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEBLOCKS_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(LIVEBLOCKS_SECRET_KEY=SECRET, LIVEBLOCKS_BASE_URL=server.url)
    done = subprocess.run(
        ["bash", "-e", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 failed" in done.stderr
    assert client.rooms["cli-readme-room"].storage.get(format="json") == {"version": 2}
