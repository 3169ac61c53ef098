"""The secret key never shows: not in a repr, a message, a warning or a log line. Nor does
the query of a URL the API hands out (a file's signed download URL)."""

from __future__ import annotations

import asyncio
import logging
import pickle
import traceback
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, _retry, errors
from liveblocks.transports import Request
from tests.fakes.faultserver import SECRET, Drop, FaultServer, Reply, free_port, room_json, run


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


class Everything(logging.Handler):
    """Every record of every logger, formatted with its exception."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def all_logs() -> Iterator[Everything]:
    handler = Everything()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def everything_said(err: BaseException) -> str:
    """All an error shows: str, repr, args, attributes, and the whole chained traceback."""
    parts = [str(err), repr(err), repr(err.args), repr(vars(err))]
    parts += traceback.format_exception(err)
    return "\n".join(parts)


FAULTS = [
    Reply(429, headers={"Retry-After": "0"}),
    Reply(503),
    Reply(502, "<html><title>Bad Gateway</title></html>"),
    Drop(),
    Reply(200, b'{"id"', declared_length=99),
    Reply(200, room_json("r1"), delay=0.5),
    Reply(401, {"error": "UNAUTHORIZED", "message": "Invalid secret key"}),
    Reply(200, b"{not json"),
]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_never_in_logs_or_errors_during_faults(
    mode: str, server: FaultServer, all_logs: Everything, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    said: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for fault in FAULTS:
            server.script(fault, fault, fault)
            try:
                run(mode, server.url, lambda c: c.rooms["r1"].get(), timeout=0.2)
            except errors.LiveblocksError as err:
                said.append(everything_said(err))
                said.append(repr(pickle.loads(pickle.dumps(err))))
        for url in (f"http://127.0.0.1:{free_port()}", f"https://127.0.0.1:{server.port}"):
            try:
                run(mode, url, lambda c: c.rooms["r1"].get(), max_retries=1)
            except errors.LiveblocksError as err:
                said.append(everything_said(err))
    assert len(said) >= 10
    assert any("retrying" in line for line in all_logs.lines)
    if mode == "sync":  # third-party debug logging is captured too
        assert any(line.startswith("urllib3") for line in all_logs.lines)
    # The server did receive it: it is sent, only never shown.
    assert server.requests[0].headers["authorization"] == f"Bearer {SECRET}"
    for text in [*said, *all_logs.lines, *(str(w.message) for w in caught)]:
        assert SECRET not in text
        assert "SECRETVALUE" not in text


def test_never_in_reprs(server: FaultServer) -> None:
    with Liveblocks(SECRET, base_url=server.url) as client:
        copy = client.with_options(timeout=3, max_retries=1)
        requester = client._requester
        shown = [
            repr(client),
            str(client),
            repr(copy),
            repr(client.rooms),
            repr(client.rooms["r1"]),
            repr(client.rooms["r1"].get),
            repr(client.rooms["r1"].get.call()),
            repr(requester.options),
            repr(requester.transport),
            repr(requester.build(client.rooms["r1"].get.call())),
        ]
    async_client = AsyncLiveblocks(SECRET, base_url=server.url)
    shown += [repr(async_client), repr(async_client._requester.transport)]
    for text in shown:
        assert SECRET not in text
    assert repr(client) == f"Liveblocks(base_url={server.url!r})"


def test_request_repr_hides_headers() -> None:
    request = Request("GET", "https://x/v2/rooms", {"Authorization": f"Bearer {SECRET}"})
    assert SECRET not in repr(request)


@pytest.mark.parametrize(
    "bad", [f" {SECRET}", f"{SECRET}\n", f"'{SECRET}'", f"Bearer {SECRET}", f"{SECRET}é"]
)
def test_not_repeated_when_refused(bad: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError) as info:
        Liveblocks(bad)
    assert "SECRETVALUE" not in everything_said(info.value)
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", bad)
    with pytest.raises(ValueError) as info:
        Liveblocks()
    assert "SECRETVALUE" not in everything_said(info.value)
    assert "LIVEBLOCKS_SECRET_KEY" in str(info.value)


def test_public_key_refused() -> None:
    with pytest.raises(ValueError, match="public key") as info:
        Liveblocks("pk_live_SECRETVALUE123")
    assert "SECRETVALUE" not in str(info.value)


@pytest.mark.parametrize(
    "url", ["http://api.example.com", "http://10.0.0.5:8080", "http://liveblocks.local"]
)
@pytest.mark.parametrize("cls", [Liveblocks, AsyncLiveblocks])
def test_plain_http_to_another_host_warns(url: str, cls: Any) -> None:
    with pytest.warns(UserWarning, match="plain HTTP") as record:
        cls(SECRET, base_url=url)
    assert record[0].filename == __file__  # points at the caller's line
    assert SECRET not in str(record[0].message)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:1153",
        "http://127.0.0.1:1153",
        "http://127.5.5.5",
        "http://[::1]:1153",
        "http://api.localhost",
        "https://api.example.com",
    ],
)
def test_https_or_this_machine_does_not_warn(url: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Liveblocks(SECRET, base_url=url).close()


def test_credentials_in_base_url_refused_without_repeating_them() -> None:
    with pytest.raises(ValueError, match="user info") as info:
        Liveblocks(SECRET, base_url="https://admin:hunter2@api.example.com")
    assert "hunter2" not in str(info.value)


def test_env_base_url_plain_http_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEBLOCKS_BASE_URL", "http://api.example.com")
    with pytest.warns(UserWarning, match="plain HTTP"):
        Liveblocks(SECRET)


async def test_async_close_releases(server: FaultServer) -> None:
    client = AsyncLiveblocks(SECRET, base_url=server.url)
    await client.rooms["r1"].get()
    await client.close()
    await asyncio.sleep(0)


# --- signed URLs ----------------------------------------------------------------------

FILE_ID = "fl_abc123456789012345678"
SIGNATURE = "sig=f00dfeedbeef"


def located(url: str) -> Reply:
    """The answer to ``GET .../storage/files/{id}``: where the file is."""
    return Reply(
        200,
        {
            "id": FILE_ID,
            "name": "big.bin",
            "size": 10,
            "mimeType": "application/octet-stream",
            "url": url,
            "expiresAt": "2026-12-01T20:00:00.000Z",
        },
    )


def download(client: Any) -> Any:
    return client.rooms["r"].files[FILE_ID].download()


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("fault", ["refused", "slow", "dropped"])
def test_a_signed_url_query_is_never_shown(
    mode: str,
    fault: str,
    server: FaultServer,
    all_logs: Everything,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    where = f"http://127.0.0.1:{free_port()}" if fault == "refused" else server.url
    answer = Drop() if fault == "dropped" else Reply(200, b"x", delay=1.0)
    server.script(located(f"{where}/blob?exp=1&{SIGNATURE}"), answer, answer, answer)
    with pytest.raises(errors.APIConnectionError) as info:
        run(mode, server.url, download, timeout=0.3, max_retries=2)
    err = info.value
    assert err.path == "/blob"
    assert any("retrying GET /blob" in line for line in all_logs.lines)
    for text in [everything_said(err), *all_logs.lines]:
        assert SIGNATURE not in text
    assert err.__context__ is not None or err.__cause__ is not None  # kept for debugging


async def test_a_malformed_answer_to_a_signed_url_does_not_repeat_it(server: FaultServer) -> None:
    """aiohttp names the URL in its error for an answer it cannot parse."""
    server.script(
        located(f"{server.url}/blob?exp=1&{SIGNATURE}"),
        Reply(200, b"x", headers={"Bad Header": "x"}),
    )
    async with AsyncLiveblocks(SECRET, base_url=server.url, max_retries=0) as client:
        with pytest.raises(errors.APIConnectionError) as info:
            await download(client)
    assert SIGNATURE not in everything_said(info.value)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (f"http://[::1/blob?{SIGNATURE}", "does not parse"),
        (f"http://127.0.0.1:99999/blob?{SIGNATURE}", "does not parse"),
        (f"ftp://127.0.0.1:1/blob?{SIGNATURE}", "is not an http(s) URL"),
        (f"file:///etc/passwd?{SIGNATURE}", "is not an http(s) URL"),
        (f"/blob?{SIGNATURE}", "is not an http(s) URL"),
        (f"https:///blob?{SIGNATURE}", "has no host"),
        (f"https://127.0.0.1:1/bl ob?{SIGNATURE}", "spaces or control characters"),
        (f"https://127.0.0.1:1/blob\r\nX-Evil: 1?{SIGNATURE}", "spaces or control characters"),
        (f"https://admin:hunter2@127.0.0.1:1/blob?{SIGNATURE}", "carries user info"),
    ],
)
def test_a_download_url_that_is_not_one_is_a_decode_error(
    mode: str, url: str, problem: str, server: FaultServer
) -> None:
    server.script(located(url))
    with pytest.raises(errors.ResponseDecodeError) as info:
        run(mode, server.url, download)
    err = info.value
    assert problem in err.message
    assert "download URL in the answer to GET /v2/rooms/r/storage/files/" in err.message
    assert (err.method, err.path) == ("GET", f"/v2/rooms/r/storage/files/{FILE_ID}")
    said = everything_said(err)
    assert SIGNATURE not in said
    assert "hunter2" not in said
    assert server.count == 1  # nothing fetched


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_download_url_beyond_ascii_is_fetched_percent_encoded(
    mode: str, server: FaultServer
) -> None:
    server.script(located(f"{server.url}/blöb/Ünï?{SIGNATURE}"), Reply(200, b"data"))
    assert run(mode, server.url, download) == b"data"
    assert server.requests[1].target == f"/bl%C3%B6b/%C3%9Cn%C3%AF?{SIGNATURE}"


def test_request_repr_hides_the_query() -> None:
    request = Request("GET", f"https://files.example/blob?{SIGNATURE}", {})
    assert repr(request) == "<Request GET https://files.example/blob>"


def test_a_base_url_with_a_query_is_refused_without_repeating_it() -> None:
    with pytest.raises(ValueError, match="query") as info:
        Liveblocks(SECRET, base_url="https://api.example.com/?token=hunter2")
    assert "hunter2" not in str(info.value)
    assert "https://api.example.com/" in str(info.value)
