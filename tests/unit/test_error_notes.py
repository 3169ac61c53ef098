"""What ``str(error)`` leaves out (to read as the official package's) is an exception
note that tracebacks show: the request, the error code, the attempts and how long they
took, and for a 404 that is not the API's, the full URL and a word about ``base_url``.
Retries are logged at INFO; ``LIVEBLOCKS_LOG`` turns the log on with no code."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import _retry, errors
from tests.fakes.faultserver import SECRET, FaultServer, Reply, free_port, run

MODES = ["sync", "async"]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)


def create_room(client: Any) -> Any:
    return client.rooms.create(id="r1", default_accesses=[])


def get_room(client: Any) -> Any:
    return client.rooms["r1"].get()


def shown(error: BaseException) -> str:
    """The traceback as Python prints it."""
    return "".join(traceback.format_exception(error))


@pytest.mark.parametrize("mode", MODES)
def test_request_and_code_are_a_note_not_in_str(mode: str, server: FaultServer) -> None:
    body = {"error": "ROOM_ALREADY_EXISTS", "message": "The room already exists."}
    server.script(Reply(409, body))
    with pytest.raises(errors.ConflictError) as info:
        run(mode, server.url, create_room)
    err = info.value
    assert str(err) == "The room already exists. (status 409)"
    assert (err.request_line, err.code, err.attempts) == (
        "POST /v2/rooms",
        "ROOM_ALREADY_EXISTS",
        1,
    )
    assert err.url == f"{server.url}/v2/rooms"
    assert err.elapsed is not None and err.elapsed >= 0
    assert err.__notes__ == ["Request: POST /v2/rooms, error code ROOM_ALREADY_EXISTS"]
    assert shown(err).endswith(
        "ConflictError: The room already exists. (status 409)\n"
        "Request: POST /v2/rooms, error code ROOM_ALREADY_EXISTS\n"
    )
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_after_retries_the_error_says_how_many_attempts_over_how_long(
    mode: str, server: FaultServer, quick_retries: None
) -> None:
    server.script(Reply(503, b""), Reply(503, b""), Reply(503, b""))
    with pytest.raises(errors.InternalServerError) as info:
        run(mode, server.url, get_room, max_retries=2)
    err = info.value
    assert server.count == 3
    assert err.attempts == 3
    assert err.elapsed is not None and 0 < err.elapsed < 10
    assert str(err) == "An error happened without an error message (status 503)"
    [note] = err.__notes__
    assert note.splitlines() == [
        "An error happened without an error message: the server answered 503 with an empty body",
        "Request: GET /v2/rooms/r1",
        f"Sent 3 times over {err.elapsed:.1f} s (retries included)",
    ]


@pytest.mark.parametrize("mode", MODES)
def test_a_refused_connection_says_it_retried(mode: str, quick_retries: None) -> None:
    with pytest.raises(errors.APIConnectionError) as info:
        run(mode, f"http://127.0.0.1:{free_port()}", get_room, max_retries=2)
    err = info.value
    assert err.attempts == 3
    assert err.elapsed is not None
    assert f"Sent 3 times over {err.elapsed:.1f} s (retries included)" in err.__notes__
    assert "Sent 3 times" in shown(err)


@pytest.mark.parametrize("mode", MODES)
def test_a_404_not_from_the_api_names_the_full_url_and_base_url(
    mode: str, server: FaultServer
) -> None:
    server.script(Reply(404, b"Not Found", headers={"Content-Type": "text/plain"}))
    with pytest.raises(errors.NotFoundError) as info:
        run(mode, f"{server.url}/api", get_room)
    err = info.value
    assert server.requests[0].path == "/api/v2/rooms/r1"
    assert str(err) == "Not Found (status 404)"  # as the official package says it
    assert err.url == f"{server.url}/api/v2/rooms/r1"
    text = shown(err)
    assert (
        f"{server.url}/api/v2/rooms/r1 answered 404 with no Liveblocks error: is base_url right?"
    ) in text
    assert SECRET not in text and SECRET not in repr(err)


@pytest.mark.parametrize("mode", MODES)
def test_a_404_from_the_api_gives_no_base_url_advice(mode: str, server: FaultServer) -> None:
    server.script(Reply(404, {"error": "ROOM_NOT_FOUND", "message": "Room not found"}))
    with pytest.raises(errors.NotFoundError) as info:
        run(mode, server.url, get_room)
    assert info.value.__notes__ == ["Request: GET /v2/rooms/r1, error code ROOM_NOT_FOUND"]


def test_notes_survive_pickling_and_are_not_repeated(server: FaultServer) -> None:
    server.script(Reply(409, {"error": "ROOM_ALREADY_EXISTS", "message": "Exists"}))
    with pytest.raises(errors.ConflictError) as info:
        run("sync", server.url, create_room)
    err = info.value
    err.record_attempts(2, 0.5)  # a later update replaces the note, not adds one
    copy = pickle.loads(pickle.dumps(err))
    for each in (err, copy):
        assert str(each) == "Exists (status 409)"
        assert each.__notes__ == [
            "Request: POST /v2/rooms, error code ROOM_ALREADY_EXISTS\n"
            "Sent 2 times over 0.5 s (retries included)"
        ]
        assert (each.attempts, each.elapsed) == (2, 0.5)


def test_an_error_made_by_hand_has_no_note() -> None:
    err = errors.LiveblocksError("Room not found", 404)
    assert str(err) == "Room not found (status 404)"
    assert not hasattr(err, "__notes__")


# --- LIVEBLOCKS_LOG -----------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys
    from liveblocks import Liveblocks, _retry
    _retry.INITIAL_BACKOFF = 0.01
    for _ in range(2):  # the variable is read once: one handler, one warning
        with Liveblocks({secret!r}, base_url=sys.argv[1]) as client:
            client.rooms["r1"].get()
    """
)


def _run_child(server: FaultServer, value: str | None) -> str:
    """stderr of a process that makes two clients and a call retried once."""
    server.script(Reply(503, b""))
    env = {k: v for k, v in os.environ.items() if k != "LIVEBLOCKS_LOG"}
    if value is not None:
        env["LIVEBLOCKS_LOG"] = value
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(secret=SECRET), server.url],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


@pytest.mark.parametrize("value", ["info", "INFO"])
def test_liveblocks_log_info_shows_retries_on_stderr(server: FaultServer, value: str) -> None:
    err = _run_child(server, value)
    retries = [line for line in err.splitlines() if "retrying GET /v2/rooms/r1" in line]
    assert len(retries) == 1, err
    assert "INFO liveblocks] retrying GET /v2/rooms/r1 in " in retries[0]
    assert retries[0].endswith(": attempt 1 of 3 got status 503")
    assert " -> 200 " not in err  # answers are DEBUG
    assert SECRET not in err


def test_liveblocks_log_debug_shows_every_answer(server: FaultServer) -> None:
    err = _run_child(server, "debug")
    answers = [line for line in err.splitlines() if "GET /v2/rooms/r1 -> " in line]
    assert [line.split("] ")[1].split(" in ")[0] for line in answers] == [
        "GET /v2/rooms/r1 -> 503",
        "GET /v2/rooms/r1 -> 200",
        "GET /v2/rooms/r1 -> 200",
    ]


def test_without_liveblocks_log_nothing_is_printed(server: FaultServer) -> None:
    assert _run_child(server, None) == ""


def test_an_unknown_liveblocks_log_is_ignored_with_one_warning(server: FaultServer) -> None:
    err = _run_child(server, "verbose")
    assert err.count("LIVEBLOCKS_LOG='verbose' is not one of debug, info: ignored") == 1, err
    assert "retrying" not in err
