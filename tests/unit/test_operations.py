"""Every operation, through both faces and both clients: the exact request and the decoded
answer. The cases live in tests/cases/, one module per section."""

from __future__ import annotations

import contextlib
import inspect
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
from requests.structures import CaseInsensitiveDict

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.transports import Request, RequestsTransport, Response
from liveblocks.transports.aiohttp_transport import AiohttpTransport
from tests.cases import ALL_CASES, OpCase, current_operations, operations, operations_added
from tests.fakes.faultserver import FaultServer, Reply

SECRET = "sk_test_unit_0123456789"
BASE = "https://api.liveblocks.test"
ANY_URL = re.compile(r"https://api\.liveblocks\.test/.*")


PARAMS = [
    pytest.param(case, face, id=f"{case.name}-{face}")
    for case in ALL_CASES
    for face in ("flat", "resource")
    if face == "flat" or case.resource is not None
]


def _runner(case: OpCase, face: str) -> Any:
    return case.call if face == "flat" else case.resource


def _warns(case: OpCase) -> Any:
    """Deprecated operations must warn; the others must not."""
    if case.deprecated:
        return pytest.warns(DeprecationWarning)
    return contextlib.nullcontext()


def _read_body(body: Any) -> bytes | None:
    if body is None:
        return None
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode()
    if hasattr(body, "read"):
        body.seek(0)
        return bytes(body.read())
    raise AssertionError(f"unexpected body type {type(body)}")


class _Recording(RequestsTransport):
    """The real sync transport, keeping each request as the SDK built it."""

    def __init__(self) -> None:
        super().__init__()
        self.built: list[Request] = []

    def send(self, request: Request) -> Response:
        self.built.append(request)
        return super().send(request)


class _AsyncRecording(AiohttpTransport):
    """The real async transport, keeping each request as the SDK built it."""

    def __init__(self) -> None:
        super().__init__()
        self.built: list[Request] = []

    async def send(self, request: Request) -> Response:
        self.built.append(request)
        return await super().send(request)


def _assert_built(case: OpCase, built: list[Request]) -> None:
    """What the SDK itself puts in the request, before any HTTP library adds to it."""
    (request,) = built
    if case.body is None and case.method in ("POST", "PUT", "PATCH"):
        assert request.headers.get("Content-Length") == "0", "a bodyless request without length"
        assert "Content-Type" not in request.headers
    else:
        assert "Content-Length" not in request.headers


def _assert_request(
    case: OpCase,
    method: str,
    path: str,
    query: list[tuple[str, str]],
    headers: Any,
    body: bytes | None,
) -> None:
    assert method == case.method
    assert path == case.path
    assert dict(query) == (case.query or {})
    assert len(query) == len(dict(query)), "a query parameter was sent twice"
    assert headers["Authorization"] == f"Bearer {SECRET}"
    if case.body is None:
        assert not body
        assert "Content-Type" not in headers or not headers["Content-Type"]
        if method in ("POST", "PUT", "PATCH"):
            assert headers.get("Content-Length") == "0", "a bodyless request without length"
    elif isinstance(case.body, bytes):
        assert headers["Content-Type"] == "application/octet-stream"
        assert body == case.body
    else:
        assert headers["Content-Type"] == "application/json"
        assert body is not None
        assert json.loads(body) == case.body


@pytest.mark.parametrize(("case", "face"), PARAMS)
def test_sync(case: OpCase, face: str) -> None:
    with responses.RequestsMock() as mock:
        mock.add(
            case.method,
            ANY_URL,
            body=case.response_bytes,
            status=case.status,
            content_type=case.response_content_type,
            headers=case.response_headers,
        )
        transport = _Recording()
        with Liveblocks(SECRET, base_url=BASE, transport=transport) as client, _warns(case):
            result = _runner(case, face)(client)
        transport.close()
        assert len(mock.calls) == 1
        request = mock.calls[0].request
    _assert_built(case, transport.built)
    url = urlsplit(request.url)
    _assert_request(
        case,
        request.method,
        url.path,
        parse_qsl(url.query, keep_blank_values=True),
        request.headers,
        _read_body(request.body),
    )
    if case.check is not None:
        case.check(result)


@pytest.fixture(scope="module")
def wire() -> Iterator[FaultServer]:
    """A loopback server: the async client's requests go through real aiohttp sockets."""
    with FaultServer() as server:
        yield server


@pytest.mark.parametrize(("case", "face"), PARAMS)
async def test_async(case: OpCase, face: str, wire: FaultServer) -> None:
    wire.requests.clear()
    wire.handler = lambda _: Reply(
        case.status,
        case.response_bytes,
        headers={"Content-Type": case.response_content_type, **case.response_headers},
    )
    transport = _AsyncRecording()
    async with AsyncLiveblocks(SECRET, base_url=wire.url, transport=transport) as client:
        with _warns(case):
            pending = _runner(case, face)(client)
        assert inspect.isawaitable(pending)
        result = await pending
    await transport.close()
    _assert_built(case, transport.built)
    (request,) = wire.requests
    target = urlsplit(request.target)
    _assert_request(
        case,
        request.method,
        target.path,
        parse_qsl(target.query, keep_blank_values=True),
        CaseInsensitiveDict(request.headers),
        request.body,
    )
    if case.check is not None:
        case.check(result)


def _implemented() -> list[dict[str, Any]]:
    return current_operations()


def test_the_reference_has_99_operations_and_24_were_added() -> None:
    assert len({op["name"] for op in operations()}) == 99
    assert len({op["name"] for op in operations_added()}) == 24
    assert len({op["name"] for op in current_operations()}) == 123


@pytest.mark.parametrize("op", _implemented(), ids=lambda op: op["name"])
def test_every_operation_is_on_both_clients_and_has_a_request_test(op: dict[str, Any]) -> None:
    name = op["name"]
    for client_class in (Liveblocks, AsyncLiveblocks):
        assert hasattr(client_class, name), f"{client_class.__name__} lacks {name}"
    assert any(case.op == name for case in ALL_CASES), f"no request test for {name}"


def test_cases_name_real_operations() -> None:
    names = {op["name"] for op in current_operations()}
    unknown = sorted({case.op for case in ALL_CASES} - names)
    assert not unknown


@pytest.mark.parametrize("op", _implemented(), ids=lambda op: op["name"])
def test_flat_signature_matches_the_reference(op: dict[str, Any]) -> None:
    """Path parameters positional, the rest keyword-only, with the reference's names (3.23's
    for the operations it changed: their bodies became required)."""
    for client_class in (Liveblocks, AsyncLiveblocks):
        params = inspect.signature(getattr(client_class, op["name"])._fn).parameters
        names = list(params)[1:]  # without self
        expected = list(op["path_params"]) + [q["name"] for q in op["query"]]
        if op["body"] is not None:
            expected.append("body")
        assert sorted(names) == sorted(expected)
        for path_param in op["path_params"]:
            assert params[path_param].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        for other in set(names) - set(op["path_params"]):
            assert params[other].kind is inspect.Parameter.KEYWORD_ONLY, other
        if op["body"] is not None and op["body"].get("required", False):
            assert params["body"].default is inspect.Parameter.empty
