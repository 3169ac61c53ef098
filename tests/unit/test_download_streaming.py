"""Downloads over real sockets (both transports): the bytes stream into the destination,
a connection lost in the middle of the body is retried from the start without leaving
the first attempt's bytes behind, and the secret never reaches the file's URL."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from liveblocks import _retry
from tests.fakes.faultserver import SECRET, FaultServer, Reply, run

FILE_ID = "fl_abc123456789012345678"
MODES = ["sync", "async"]


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    monkeypatch.setattr(_retry, "MAX_BACKOFF", 0.02)


def _located(server: FaultServer, size: int) -> Reply:
    return Reply(
        200,
        {
            "id": FILE_ID,
            "name": "big.bin",
            "size": size,
            "mimeType": "application/octet-stream",
            "url": f"{server.url}/blob?key=k%2F{FILE_ID}&exp=1&sig=f00d",
            "expiresAt": "2026-12-01T20:00:00.000Z",
        },
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("into", ["path", "stream"])
def test_a_body_cut_short_is_fetched_again_from_the_start(
    mode: str, into: str, tmp_path: Path
) -> None:
    data = os.urandom(3 * 1024 * 1024 + 5)
    target = tmp_path / "big.bin"
    stream = io.BytesIO(b"kept:")
    stream.seek(0, 2)
    with FaultServer() as server:
        server.script(
            _located(server, len(data)),
            Reply(200, data, declared_length=len(data) + 1000),  # closes the connection early
            Reply(200, data),
        )

        def download(client: Any) -> Any:
            return client.rooms["r"].files[FILE_ID].download(target if into == "path" else stream)

        written = run(mode, server.url, download)
        requests = list(server.requests)
    assert written == len(data)
    if into == "path":
        assert target.read_bytes() == data
        assert [p.name for p in tmp_path.iterdir()] == ["big.bin"]
    else:
        assert stream.getvalue() == b"kept:" + data  # the cut attempt's bytes were dropped
    located, first, second = requests
    assert located.headers["authorization"] == f"Bearer {SECRET}"
    for blob in (first, second):
        assert blob.target == f"/blob?key=k%2F{FILE_ID}&exp=1&sig=f00d"
        assert "authorization" not in blob.headers
        assert SECRET not in blob.request_line + repr(blob.headers)


@pytest.mark.parametrize("mode", MODES)
def test_a_stream_that_cannot_rewind_is_not_retried_after_bytes_arrived(mode: str) -> None:
    data = os.urandom(2 * 1024 * 1024)

    class AppendOnly(io.RawIOBase):
        def __init__(self) -> None:
            self.chunks: list[bytes] = []

        def writable(self) -> bool:
            return True

        def write(self, b: Any) -> int:
            self.chunks.append(bytes(b))
            return len(b)

    sink = AppendOnly()
    with FaultServer() as server:
        server.script(
            _located(server, len(data)),
            Reply(200, data, declared_length=len(data) + 1000),
            Reply(200, data),
        )
        from liveblocks import errors

        with pytest.raises(errors.APIConnectionError):
            run(mode, server.url, lambda c: c.rooms["r"].files[FILE_ID].download(sink))
        assert server.count == 2  # no second fetch: the bytes written could not be taken back
    assert 0 < sum(map(len, sink.chunks)) <= len(data)
