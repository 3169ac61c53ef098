"""Non-2xx answers become the right LiveblocksError subclass, with the server's details."""

from __future__ import annotations

import json
import re

import pytest
import responses

from liveblocks import AsyncLiveblocks, Liveblocks, LiveblocksError, errors
from tests.fakes.aiomock import api_mock

SECRET = "sk_test_errors_0123456789"
BASE = "https://api.liveblocks.test"
ANY_URL = re.compile(r"https://api\.liveblocks\.test/.*")

STATUS_CLASSES = [
    (400, errors.BadRequestError),
    (401, errors.AuthenticationError),
    (403, errors.PermissionDeniedError),
    (404, errors.NotFoundError),
    (409, errors.ConflictError),
    (422, errors.UnprocessableEntityError),
    (429, errors.RateLimitError),
    (500, errors.InternalServerError),
    (502, errors.InternalServerError),
    (503, errors.InternalServerError),
    (418, errors.APIStatusError),
]

BODY = {
    "error": "ROOM_NOT_FOUND",
    "message": 'Room with id "my room" not found.',
    "suggestion": "Check the room id.",
    "docs": "https://liveblocks.io/docs/api-reference/rest-api-endpoints",
}


def _check(err: LiveblocksError, status: int, cls: type[LiveblocksError]) -> None:
    assert type(err) is cls
    assert isinstance(err, errors.APIStatusError)
    assert err.status == status
    assert err.code == "ROOM_NOT_FOUND"
    assert err.message == 'Room with id "my room" not found.'
    assert err.suggestion == "Check the room id."
    assert err.docs == BODY["docs"]
    assert err.details == f"Suggestion: Check the room id.\nSee also: {BODY['docs']}"
    assert err.method == "GET"
    assert err.path == "/v2/rooms/my%20room"
    # The official package's form; the request and the error code are a note.
    assert str(err) == (
        f'Room with id "my room" not found. (status {status})\n'
        f"Suggestion: Check the room id.\nSee also: {BODY['docs']}"
    )
    assert err.request_line == "GET /v2/rooms/my%20room"
    assert err.url == f"{BASE}/v2/rooms/my%20room"
    assert err.attempts == 1
    assert err.__notes__ == ["Request: GET /v2/rooms/my%20room, error code ROOM_NOT_FOUND"]
    text = str(err)
    assert SECRET not in text and SECRET not in repr(err)


@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
def test_sync_status_classes(status: int, cls: type[LiveblocksError]) -> None:
    with responses.RequestsMock() as mock:
        mock.add("GET", ANY_URL, json=BODY, status=status)
        with Liveblocks(SECRET, base_url=BASE, max_retries=0) as client:
            with pytest.raises(LiveblocksError) as info:
                client.rooms["my room"].get()
    _check(info.value, status, cls)


@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
async def test_async_status_classes(status: int, cls: type[LiveblocksError]) -> None:
    with api_mock() as mock:
        mock.get(ANY_URL, body=json.dumps(BODY), status=status)
        async with AsyncLiveblocks(SECRET, base_url=BASE, max_retries=0) as client:
            with pytest.raises(LiveblocksError) as info:
                await client.get_room("my room")
    _check(info.value, status, cls)


def test_reason_is_the_message_when_there_is_none() -> None:
    with responses.RequestsMock() as mock:
        mock.add(
            "POST",
            ANY_URL,
            json={"error": "Unprocessable Entity", "reason": "Missing key: 'id'"},
            status=422,
        )
        with Liveblocks(SECRET, base_url=BASE) as client:
            with pytest.raises(errors.UnprocessableEntityError) as info:
                client.rooms.create(id="r", default_accesses=[])
    assert info.value.message == "Missing key: 'id'"
    assert info.value.code == "Unprocessable Entity"
    # The official package knows no ``reason``: its message is its fallback; the reason
    # is in the note.
    assert str(info.value) == "An error happened without an error message (status 422)"
    assert info.value.__notes__ == [
        "Missing key: 'id'\nRequest: POST /v2/rooms, error code Unprocessable Entity"
    ]


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (
            b"<html><body>Bad gateway</body></html>",
            "text/html",
            "The server answered 404 with an HTML body",
        ),
        (
            b"",
            "text/plain",
            "An error happened without an error message: "
            "the server answered 404 with an empty body",
        ),
        (
            b'{"status": 404}',
            "application/json",
            "An error happened without an error message: "
            'the server answered 404 with {"status": 404}',
        ),
    ],
)
def test_non_json_error_bodies(body: bytes, content_type: str, expected: str) -> None:
    with responses.RequestsMock() as mock:
        mock.add("DELETE", ANY_URL, body=body, status=404, content_type=content_type)
        with Liveblocks(SECRET, base_url=BASE) as client:
            with pytest.raises(errors.NotFoundError) as info:
                client.rooms["r"].delete()
    assert info.value.code is None
    assert info.value.message == expected


def test_reference_constructor_still_works() -> None:
    err = LiveblocksError("Room not found", 404, "Suggestion: check it")
    assert err.status == 404
    assert err.details == "Suggestion: check it"
    assert str(err) == "Room not found (status 404)\nSuggestion: check it"
