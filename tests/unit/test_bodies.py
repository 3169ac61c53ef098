"""Every kind of body, sent whole on every attempt by both clients, over real sockets.

The server answers the first attempt 503 (retried for every method), so each body must
go out twice, complete, with a ``Content-Length`` that matches. Files are real files on
disk; the caller's file stays open and usable.
"""

from __future__ import annotations

import array
import io
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import _retry, errors
from tests.fakes.faultserver import FaultServer, Reply, run

MODES = ["sync", "async"]
DATA = bytes(range(256)) * 4096 + b"tail"  # 1 MiB and a bit: several chunks


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    monkeypatch.setattr(_retry, "MAX_BACKOFF", 0.02)


class OneWay(io.RawIOBase):
    """A readable stream that cannot seek (like a pipe or a socket file)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(min(len(buffer), 10_000))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def send_update(body: Any) -> Callable[[Any], Any]:
    return lambda client: client.rooms["r1"].yjs.send_update(body)


def assert_sent_twice(server: FaultServer, expected: bytes) -> None:
    assert server.count == 2
    for received in server.requests:
        assert received.method == "PUT"
        assert received.headers.get("content-length") == str(len(expected))
        assert received.headers.get("content-type") == "application/octet-stream"
        assert received.body == expected


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: DATA, id="bytes"),
        pytest.param(lambda: bytearray(DATA), id="bytearray"),
        pytest.param(lambda: memoryview(DATA), id="memoryview"),
        pytest.param(lambda: memoryview(DATA)[10:], id="memoryview-slice"),
        pytest.param(lambda: io.BytesIO(DATA), id="BytesIO"),
        pytest.param(lambda: OneWay(DATA), id="one-way-stream"),
        pytest.param(lambda: io.BufferedReader(OneWay(DATA)), id="buffered-one-way-stream"),
    ],
)
def test_in_memory_and_stream_bodies_are_sent_whole_twice(
    mode: str, make: Callable[[], Any], server: FaultServer
) -> None:
    body = make()
    expected = bytes(body) if isinstance(body, (bytes, bytearray, memoryview)) else DATA
    server.script(Reply(503), Reply(204))
    run(mode, server.url, send_update(body))
    assert_sent_twice(server, expected)


@pytest.mark.parametrize("mode", MODES)
def test_memoryview_of_wide_items_is_sent_as_its_bytes(mode: str, server: FaultServer) -> None:
    numbers = array.array("I", range(1000))
    server.script(Reply(503), Reply(204))
    run(mode, server.url, send_update(memoryview(numbers)))
    assert_sent_twice(server, numbers.tobytes())


@pytest.mark.parametrize("mode", MODES)
def test_file_on_disk_is_sent_whole_on_every_attempt(
    mode: str, server: FaultServer, tmp_path: Path
) -> None:
    path = tmp_path / "update.bin"
    path.write_bytes(DATA)
    server.script(Reply(503), Reply(500), Reply(204))  # PUT: 500 is retried too
    with open(path, "rb") as file:
        run(mode, server.url, send_update(file))
        assert not file.closed  # the caller's file, still usable
        assert file.read() == b""  # read to its end by the last attempt
    assert server.count == 3
    assert [r.body for r in server.requests] == [DATA] * 3
    assert {r.headers["content-length"] for r in server.requests} == {str(len(DATA))}


@pytest.mark.parametrize("mode", MODES)
def test_file_is_sent_from_where_it_stands(mode: str, server: FaultServer, tmp_path: Path) -> None:
    path = tmp_path / "update.bin"
    path.write_bytes(b"HEADER" + DATA)
    server.script(Reply(503), Reply(204))
    with open(path, "rb") as file:
        file.seek(6)
        run(mode, server.url, send_update(file))
    assert_sent_twice(server, DATA)


@pytest.mark.parametrize("mode", MODES)
def test_unbuffered_file_and_pipe(mode: str, server: FaultServer, tmp_path: Path) -> None:
    path = tmp_path / "update.bin"
    path.write_bytes(DATA)
    server.script(Reply(503), Reply(204))
    with open(path, "rb", buffering=0) as raw:
        run(mode, server.url, send_update(raw))
    assert_sent_twice(server, DATA)

    server.requests.clear()
    read_end, write_end = os.pipe()
    small = DATA[:60_000]  # fits the pipe's buffer: written before the call reads it
    os.write(write_end, small)
    os.close(write_end)
    server.script(Reply(503), Reply(204))
    with open(read_end, "rb") as pipe:
        run(mode, server.url, send_update(pipe))
    assert_sent_twice(server, small)


class SlowDisk(io.FileIO):
    """A file whose every read waits a little before it reads (a network disk): the
    answer to an attempt arrives while its last read waits, and the retry rewinds the
    file and starts reading meanwhile."""

    def read(self, size: int | None = -1) -> bytes:
        time.sleep(0.05)
        return super().read(size)


@pytest.mark.parametrize("mode", MODES)
def test_a_late_read_of_one_attempt_never_moves_the_next(
    mode: str, server: FaultServer, tmp_path: Path
) -> None:
    path = tmp_path / "update.bin"
    path.write_bytes(DATA)
    server.script(Reply(503), Reply(204))
    with SlowDisk(path, "rb") as file:
        run(mode, server.url, send_update(file), timeout=5)
    assert_sent_twice(server, DATA)


@pytest.mark.parametrize("mode", MODES)
def test_file_upload_after_429(mode: str, server: FaultServer, tmp_path: Path) -> None:
    """A knowledge file upload from a file on disk, retried after 429."""
    path = tmp_path / "notes.pdf"
    path.write_bytes(DATA)
    server.script(Reply(429, headers={"Retry-After": "0"}), Reply(200, {"id": "ks_1"}))
    with open(path, "rb") as file:
        run(
            mode,
            server.url,
            lambda c: c.ai.copilots["cp"].knowledge.files.upload("notes.pdf", file),
        )
    assert server.count == 2
    assert [r.body for r in server.requests] == [DATA, DATA]
    assert [r.method for r in server.requests] == ["PUT", "PUT"]


@pytest.mark.parametrize("mode", MODES)
def test_text_file_refused_before_any_request(
    mode: str, server: FaultServer, tmp_path: Path
) -> None:
    path = tmp_path / "update.txt"
    path.write_text("not binary")
    with open(path) as text, pytest.raises(TypeError, match="binary mode"):
        run(mode, server.url, send_update(text))
    with pytest.raises(TypeError, match="encode it"):
        run(mode, server.url, send_update("text"))
    assert server.count == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda c: c.inbox_notifications["in_1"].mark_as_read(), id="POST"),
        pytest.param(lambda c: c.rooms["r1"].yjs.versions.create(), id="POST-version"),
    ],
)
def test_bodyless_post_has_length_zero_and_no_content_type(
    mode: str, call: Callable[[Any], Any], server: FaultServer
) -> None:
    server.handler = lambda _: Reply(200, {"data": {"id": "v1"}})
    run(mode, server.url, call)
    (received,) = server.requests
    assert received.method == "POST"
    assert received.headers.get("content-length") == "0"
    assert "content-type" not in received.headers
    assert "transfer-encoding" not in received.headers
    assert received.body == b""


@pytest.mark.parametrize("mode", MODES)
def test_a_stream_that_cannot_be_rewound_is_not_retried_with_less(
    mode: str, server: FaultServer
) -> None:
    """A stream whose seek fails after the first attempt: the answer is returned, not a
    retry that would send a truncated body."""

    class Forgetful(io.BytesIO):
        done = False

        def read(self, size: int | None = -1) -> bytes:
            chunk = super().read(size)
            self.done = self.done or not chunk
            return chunk

        def seek(self, *args: Any) -> int:
            if self.done:  # once read to its end, it cannot go back
                raise OSError("cannot seek")
            return super().seek(*args)

    body = Forgetful(b"-" + DATA)
    body.seek(1)  # not at 0: sent as a stream, not as the bytes it wraps
    server.script(Reply(503), Reply(204))
    with pytest.raises(errors.InternalServerError):
        run(mode, server.url, send_update(body))
    assert server.count == 1
    assert server.requests[0].body == DATA
