"""Messages against the real dev server: a base URL with a path (``.../api``), as a user
meets it in the API and in the command line."""

from __future__ import annotations

import traceback

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.cli import main
from liveblocks.errors import ConflictError, NotFoundError
from tests.devserver_process import SECRET, DevServer


def test_a_base_url_with_a_path_names_the_full_url(devserver: DevServer) -> None:
    with Liveblocks(SECRET, base_url=f"{devserver.url}/api") as client:
        with pytest.raises(NotFoundError) as info:
            client.rooms["anything"].get()
    err = info.value
    assert err.url == f"{devserver.url}/api/v2/rooms/anything"
    assert not err.from_api
    text = "".join(traceback.format_exception(err))
    assert f"{devserver.url}/api/v2/rooms/anything answered 404 with no Liveblocks error" in text
    assert "is base_url right?" in text
    assert SECRET not in text


async def test_the_async_client_says_the_same(devserver: DevServer) -> None:
    async with AsyncLiveblocks(SECRET, base_url=f"{devserver.url}/api") as client:
        with pytest.raises(NotFoundError) as info:
            await client.get_room("anything")
    assert err_note(info.value).endswith(
        "is base_url right? It is the API's root, with no path "
        "(https://api.liveblocks.io, or the dev server's "
        "http://localhost:1153)."
    )


def err_note(error: BaseException) -> str:
    return "\n".join(getattr(error, "__notes__", []))


def test_an_existing_room_reads_as_the_official_error(live: Liveblocks, room_id: str) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    with pytest.raises(ConflictError) as info:
        live.rooms.create(id=room_id, default_accesses=[])
    # What the official package says for this answer; the request and code in the note.
    assert str(info.value) == f'Room with id "{room_id}" already exists. (status 409)'
    assert info.value.from_api
    assert err_note(info.value) == "Request: POST /v2/rooms, error code ROOM_ALREADY_EXISTS"


def test_the_cli_names_the_url_and_the_option(
    devserver: DevServer, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["export", str(tmp_path) + "/out", "--secret", SECRET, "--base-url", f"{devserver.url}/api"]
    )
    err = capsys.readouterr().err
    assert code != 0
    assert (
        f"error: {devserver.url}/api/v2/rooms answered 404 with no Liveblocks error; "
        "check --base-url or $LIVEBLOCKS_BASE_URL"
    ) in err
