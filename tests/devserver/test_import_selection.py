"""An import restores what you choose, against a real dev server: some rooms (``--room``,
``--query``), some parts (``--only``), not the rooms that exist (``--skip-existing``);
``--dry-run`` lists what would be created and replaced and writes nothing; before it
replaces the Storage of rooms that exist it says so, and on a terminal asks."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.cli import main
from liveblocks.errors import NotFoundError
from liveblocks.export import export_rooms, import_rooms, import_rooms_async
from tests.devserver_process import SECRET, DevServer
from tests.export_helpers import TestTransport, started

#: Room id -> its metadata ``status``; each room's Storage is ``{"v": <version>}``.
ROOMS = {"team-a:1": "open", "team-a:2": "closed", "team-b:1": "open", "other": "open"}


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    for servers in started(1):
        yield servers[0]


@pytest.fixture(scope="module")
def export(server: DevServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An export of the rooms as they were ("exported")."""
    set_rooms(server, "exported")
    directory = tmp_path_factory.mktemp("selection") / "backup"
    result = export_rooms(None, directory, secret=SECRET, base_url=server.url)
    assert result.ok and result.rooms == len(ROOMS)
    return directory


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, server: DevServer) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)
    monkeypatch.setenv("LIVEBLOCKS_BASE_URL", server.url)


def set_rooms(server: DevServer, version: str, *, missing: tuple[str, ...] = ()) -> None:
    """Every room with Storage ``{"v": version}`` and metadata ``edit: version``, but the
    ``missing`` ones, deleted."""
    with Liveblocks(SECRET, base_url=server.url) as client:
        for room_id, status in ROOMS.items():
            room = client.rooms[room_id]
            with contextlib.suppress(NotFoundError):
                room.delete()
            if room_id in missing:
                continue
            client.rooms.create(
                id=room_id, default_accesses=[], metadata={"status": status, "edit": version}
            )
            room.storage.initialize({"liveblocksType": "LiveObject", "data": {"v": version}})


def state(server: DevServer) -> dict[str, Any]:
    """Room id -> (Storage's ``v``, metadata ``edit``), or None for a room that is not."""
    found: dict[str, Any] = {}
    with Liveblocks(SECRET, base_url=server.url) as client:
        for room_id in ROOMS:
            room = client.rooms[room_id]
            try:
                metadata = room.get().metadata
            except NotFoundError:
                found[room_id] = None
                continue
            storage = json.loads(room.storage.get_bytes(format="json"))
            found[room_id] = (storage.get("v"), metadata.get("edit"))
    return found


class Terminal(io.StringIO):
    """A stdin that says it is a terminal, with the user's answer in it."""

    def isatty(self) -> bool:
        return True


def test_one_room_restored_leaves_the_others_later_edits(
    server: DevServer, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_rooms(server, "later", missing=("team-a:1",))
    assert main(["import", str(export), "--room", "team-a:1", "--quiet"]) == 0
    assert state(server) == {
        "team-a:1": ("exported", "exported"),
        "team-a:2": ("later", "later"),
        "team-b:1": ("later", "later"),
        "other": ("later", "later"),
    }
    assert "warning" not in capsys.readouterr().err  # it created, replaced nothing


def test_rooms_repeated_and_a_query(server: DevServer, export: Path) -> None:
    set_rooms(server, "later")
    result = import_rooms(
        None, export, rooms=["team-b:1", "other"], query='metadata["status"]:"open"'
    )
    assert result.ok and result.rooms == 2
    assert result.plan is not None and result.plan.replace == ["team-b:1", "other"]
    result = import_rooms(None, export, query='roomId^"team-a:" AND metadata["status"]:"open"')
    assert result.rooms == 1
    assert state(server) == {
        "team-a:1": ("exported", "exported"),
        "team-a:2": ("later", "later"),
        "team-b:1": ("exported", "exported"),
        "other": ("exported", "exported"),
    }


def test_only_some_parts_the_room_itself_always(server: DevServer, export: Path) -> None:
    set_rooms(server, "later")
    assert main(["import", str(export), "--only", "yjs,threads", "--quiet"]) == 0
    # Metadata restored (the room itself), Storage left as it was.
    assert set(state(server).values()) == {("later", "exported")}


def test_skip_existing_creates_only_the_missing(
    server: DevServer, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_rooms(server, "later", missing=("team-a:2",))
    assert main(["import", str(export), "--skip-existing"]) == 0
    assert state(server) == {
        "team-a:1": ("later", "later"),
        "team-a:2": ("exported", "exported"),
        "team-b:1": ("later", "later"),
        "other": ("later", "later"),
    }
    err = capsys.readouterr().err
    assert "Imported 1 rooms" in err and "3 existing rooms left alone" in err
    assert "warning" not in err


def test_a_dry_run_sends_no_write(server: DevServer, export: Path) -> None:
    set_rooms(server, "later", missing=("team-a:2",))
    transport = TestTransport()

    async def dry_run() -> Any:
        async with AsyncLiveblocks(SECRET, base_url=server.url, transport=transport) as client:
            return await import_rooms_async(client, export, dry_run=True)

    result = asyncio.run(dry_run())
    assert result.status == "dry-run" and result.ok
    assert result.plan.create == ["team-a:2"]
    assert sorted(result.plan.replace) == ["other", "team-a:1", "team-b:1"]
    assert sorted(result.plan.replace_storage) == ["other", "team-a:1", "team-b:1"]
    assert (result.rooms, result.storage, result.yjs) == (0, 0, 0)
    assert transport.requests, "it asked the server which rooms exist"
    assert {method for method, _ in transport.requests} == {"GET"}
    assert state(server)["team-a:2"] is None


def test_the_cli_dry_run_lists_creates_and_replaces(
    server: DevServer, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_rooms(server, "later", missing=("other",))
    before = state(server)
    assert main(["import", str(export), "--dry-run", "--query", 'roomId^"team-a:"']) == 0
    out, err = capsys.readouterr()
    assert sorted(out.splitlines()) == [
        "replace team-a:1 (Storage replaced)",
        "replace team-a:2 (Storage replaced)",
    ]
    assert main(["import", str(export), "--dry-run", "--skip-existing"]) == 0
    out, err = capsys.readouterr()
    assert sorted(out.splitlines()) == [
        "create  other",
        "skip    team-a:1",
        "skip    team-a:2",
        "skip    team-b:1",
    ]
    assert err.startswith("Dry run, nothing changed: of 4 rooms, 1 would be created")
    assert state(server) == before


def test_on_a_terminal_it_asks_before_replacing_storage(
    server: DevServer,
    export: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_rooms(server, "later", missing=("other",))
    before = state(server)
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert main(["import", str(export), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert (
        f"warning: this import replaces the Storage of 3 rooms that exist in {server.url}: " in err
    )
    assert "'team-a:1'" in err and "'other'" not in err.split("warning:")[1].split("\n")[0]
    assert "Replace their Storage? [y/N] " in err
    assert "cancelled: nothing was imported" in err
    assert state(server) == before  # not even the missing room was created

    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert main(["import", str(export), "--quiet"]) == 0
    assert set(state(server).values()) == {("exported", "exported")}


def test_yes_skips_the_question_and_a_script_gets_the_warning(
    server: DevServer,
    export: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_rooms(server, "later")
    monkeypatch.setattr(sys, "stdin", Terminal(""))  # would answer no, were it asked
    assert main(["import", str(export), "--yes", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert set(state(server).values()) == {("exported", "exported")}

    set_rooms(server, "later")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: goes on, warned
    assert main(["import", str(export), "--quiet", "--room", "other"]) == 0
    err = capsys.readouterr().err
    assert err == (
        "warning: this import replaces the Storage of 1 rooms that exist in "
        f"{server.url}: 'other'\n"
    )
    assert state(server)["other"] == ("exported", "exported")


def test_a_room_the_export_does_not_hold_is_refused_before_any_write(
    server: DevServer, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_rooms(server, "later", missing=("other",))
    before = state(server)
    code = main(["import", str(export), "--room", "other", "--room", "nope", "--yes"])
    assert code == 2
    assert capsys.readouterr().err == f"error: {export} holds no room 'nope'\n"
    assert state(server) == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--only", "storage,comments", "comments is not one of storage, yjs, files, threads"),
        ("--query", 'roomId="x"', "expected : (equals) or ^ (starts with) at character 7"),
    ],
)
def test_bad_options_are_refused_by_the_parser(
    export: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["import", str(export), option, value])
    assert info.value.code == 2
    assert message in capsys.readouterr().err
