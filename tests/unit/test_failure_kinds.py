"""Which failures of a batch job a rerun may fix: derived from the exception (no answer, a
timeout, 429 or a server error: yes; a refusal, an endpoint the server lacks, an answer
that could not be read, bad input, this machine's files: no), recorded in each failure and
in the manifest, and read back from manifests written before it was recorded."""

from __future__ import annotations

import json
from typing import Any

import pytest

from liveblocks import Liveblocks, LiveObject, errors
from liveblocks._batch import is_retryable
from liveblocks.export import RoomFailure
from liveblocks.export._fetch import FileRef, _BlobError
from liveblocks.export._layout import DamagedExportError
from liveblocks.models import Room
from liveblocks.mutate import MutationResult, mass_mutate_storage
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import MockTransport

GET = {"method": "GET", "path": "/v2/rooms/r1/storage"}


def status_error(status: int) -> errors.APIStatusError:
    return errors.error_from_response(status, {}, b'{"error":"E","message":"m"}', **GET)


RETRYABLE: list[BaseException] = [
    errors.APIConnectionError("Connection reset", **GET),
    errors.APITimeoutError("No answer within 60 s", **GET),
    status_error(429),
    status_error(500),
    status_error(502),
    status_error(503),
    status_error(504),
]
NOT_RETRYABLE: list[BaseException] = [
    status_error(400),
    status_error(403),
    status_error(404),
    status_error(409),
    status_error(422),
    status_error(501),
    status_error(505),
    errors.ResponseDecodeError("The server's answer does not match the API", 200, **GET),
    ValueError("file_id must be 'fl_' followed by letters, digits, '_' or '-'"),
    ValueError("rooms.ndjson line 3 is not a room"),
    FileNotFoundError(2, "No such file"),
    OSError(28, "No space left on device"),
    RuntimeError("the function raised"),
]


def test_error_from_response_gives_the_classes_the_tests_expect() -> None:
    assert isinstance(status_error(429), errors.RateLimitError)
    assert isinstance(status_error(503), errors.InternalServerError)


@pytest.mark.parametrize("exc", RETRYABLE, ids=repr)
def test_failures_a_rerun_may_fix(exc: BaseException) -> None:
    assert is_retryable(exc)
    failure = RoomFailure.of("r1", exc)
    assert failure.retryable and not failure.local
    assert failure.to_dict()["retryable"] is True


@pytest.mark.parametrize("exc", NOT_RETRYABLE, ids=repr)
def test_failures_a_rerun_cannot_fix(exc: BaseException) -> None:
    assert not is_retryable(exc)
    failure = RoomFailure.of("r1", exc)
    assert not failure.retryable
    assert failure.to_dict()["retryable"] is False


def test_a_timeout_is_not_a_failure_of_this_machines_files() -> None:
    """APITimeoutError is a TimeoutError, hence an OSError: still no local failure."""
    timeout = RoomFailure.of("r1", errors.APITimeoutError("No answer", **GET))
    assert (timeout.local, timeout.retryable) == (False, True)
    disk = RoomFailure.of("r1", OSError(28, "No space left on device"))
    assert (disk.local, disk.retryable) == (True, False)


def test_a_damaged_export_is_bad_input_not_a_failure_of_this_machines_files() -> None:
    damaged = DamagedExportError("e/rooms.ndjson, line 3, is not a room: JSON is malformed")
    failure = RoomFailure.of("(line 3)", damaged)
    assert (failure.local, failure.retryable) == (False, False)


@pytest.mark.parametrize(
    ("cause", "retryable"),
    [(RETRYABLE[0], True), (status_error(404), False), (ValueError(), False)],
)
def test_a_file_that_could_not_be_fetched_is_as_retryable_as_its_cause(
    cause: Exception, retryable: bool
) -> None:
    error = _BlobError("files", FileRef("fl_1", "a.txt", 1), cause)
    failure = RoomFailure.of("r1", error)
    assert (failure.retryable, failure.reason.startswith("Storage file fl_1")) == (retryable, True)


def test_a_failure_round_trips_through_the_manifest() -> None:
    for exc in [*RETRYABLE, *NOT_RETRYABLE]:
        failure = RoomFailure.of("r1", exc)
        again = RoomFailure.from_dict(failure.to_dict())
        assert (again.retryable, again.status, again.reason) == (
            failure.retryable,
            failure.status,
            failure.reason,
        )


@pytest.mark.parametrize(
    ("record", "retryable"),
    [
        ({"roomId": "r", "reason": "APIConnectionError: reset"}, True),
        ({"roomId": "r", "reason": "x", "status": 503}, True),
        ({"roomId": "r", "reason": "x", "status": 429}, True),
        ({"roomId": "r", "reason": "x", "status": 400}, False),
        ({"roomId": "r", "reason": "x", "status": 501}, False),
        ({"roomId": "r", "reason": "x", "status": 500, "retryable": False}, False),
        ({"roomId": "r", "reason": "ValueError: bad", "retryable": False}, False),
        ({"roomId": "r", "reason": "x", "status": True}, True),  # not a status: none
    ],
)
def test_a_record_of_an_older_manifest_is_read_by_its_status(
    record: dict[str, Any], retryable: bool
) -> None:
    assert RoomFailure.from_dict(record).retryable is retryable


def test_mass_mutation_results_say_whether_a_rerun_may_fix_them() -> None:
    """The function raising is not retryable, even with an SDK error; a lost connection
    while reading or sending is; a refusal is not."""
    rooms = ["ok", "raises", "lost", "lost-send", "refused"]
    nodes = b'{"actor":1}\n["root",{"type":0,"data":{}}]\n'

    def handler(request: Request) -> Response:
        room = [*request.path.split("/"), ""][3]
        if request.path == "/v2/rooms":
            page = {"nextCursor": None, "data": [room_json(r) for r in rooms]}
            return Response(200, {"Content-Type": "application/json"}, json.dumps(page).encode())
        if room == "lost" or (room == "lost-send" and request.path.endswith("/send-message")):
            raise errors.APIConnectionError("Connection reset", method="POST", path=request.path)
        if room == "refused":
            return Response(403, {}, b'{"error":"FORBIDDEN","message":"no"}')
        if request.path.endswith("/send-message"):
            return Response(200, {"Content-Type": "application/json"}, b'{"messages":[]}')
        return Response(200, {"Content-Type": "application/x-ndjson"}, nodes)

    def edit(room: Room, root: LiveObject) -> None:
        if room.id == "raises":
            raise errors.APIConnectionError("the function's own request failed")
        root["done"] = True

    transport = MockTransport(handler)
    with Liveblocks("sk_test", base_url="https://x.test", transport=transport) as client:
        report = mass_mutate_storage(client, edit, concurrency=1)
    by_room = {r.room_id: r for r in report.results}
    assert by_room["ok"] == MutationResult("ok", "mutated", 1)
    assert [by_room[r].status for r in rooms[1:]] == ["failed"] * 4
    assert [by_room[r].retryable for r in rooms[1:]] == [False, True, True, False]


def room_json(room_id: str) -> dict[str, Any]:
    return {
        "type": "room",
        "id": room_id,
        "organizationId": "default",
        "createdAt": "2024-01-01T00:00:00.000Z",
        "defaultAccesses": [],
        "usersAccesses": {},
        "groupsAccesses": {},
        "metadata": {},
    }
