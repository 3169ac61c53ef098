"""Proxies and CA bundles from the environment, as requests and aiohttp users expect, and
the arguments that override them: through a real loopback proxy and a real TLS server."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from liveblocks import AsyncLiveblocks, Liveblocks, errors
from liveblocks.transports import RequestsTransport
from liveblocks.transports.aiohttp_transport import AiohttpTransport
from tests.fakes.faultserver import SECRET, FaultServer, free_port
from tests.fakes.proxyserver import Proxy

MODES = ["sync", "async"]
VARIABLES = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "SSL_CERT_FILE",
]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    with Proxy() as p:
        yield p


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[FaultServer]:
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with FaultServer(tls=context) as s:
        yield s


def get_room(mode: str, base_url: str, transport: Any = None, **options: Any) -> Any:
    """``rooms["r1"].get()`` on a fresh client of the mode (a transport made in the call)."""
    if mode == "sync":
        made = transport() if transport else None
        with Liveblocks(SECRET, base_url=base_url, transport=made, **options) as client:
            return client.rooms["r1"].get()

    async def main() -> Any:
        made = transport() if transport else None
        async with AsyncLiveblocks(SECRET, base_url=base_url, transport=made, **options) as c:
            return await c.rooms["r1"].get()

    return asyncio.run(main())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy"])
def test_http_proxy_from_the_environment(
    mode: str,
    variable: str,
    server: FaultServer,
    proxy: Proxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    assert get_room(mode, server.url).id == "r1"
    assert proxy.requests == [f"GET {server.url}/v2/rooms/r1 HTTP/1.1"]
    assert server.count == 1
    assert server.requests[0].headers["authorization"] == f"Bearer {SECRET}"


@pytest.mark.parametrize("mode", MODES)
def test_no_proxy_excludes_a_host(
    mode: str, server: FaultServer, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "example.com,127.0.0.1")
    assert get_room(mode, server.url).id == "r1"
    assert proxy.requests == []
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_trust_env_false_ignores_the_environment(
    mode: str, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")  # nothing listens
    transport = (
        (lambda: RequestsTransport(trust_env=False))
        if mode == "sync"
        else (lambda: AiohttpTransport(trust_env=False))
    )
    assert get_room(mode, server.url, transport).id == "r1"


@pytest.mark.parametrize("mode", MODES)
def test_a_proxy_argument_overrides_the_environment(
    mode: str, server: FaultServer, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")  # nothing listens
    transport = (
        (lambda: RequestsTransport(proxies={"http": proxy.url}))
        if mode == "sync"
        else (lambda: AiohttpTransport(proxy=proxy.url))
    )
    assert get_room(mode, server.url, transport).id == "r1"
    assert proxy.requests == [f"GET {server.url}/v2/rooms/r1 HTTP/1.1"]
    if mode == "sync":  # {} means no proxy at all, whatever the environment says
        server.requests.clear()
        assert get_room(mode, server.url, lambda: RequestsTransport(proxies={})).id == "r1"
        assert len(proxy.requests) == 1


@pytest.mark.parametrize("mode", MODES)
def test_an_unreachable_proxy_is_a_connection_error(
    mode: str, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(errors.APIConnectionError):
        get_room(mode, server.url, max_retries=0)
    assert server.count == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"])
def test_https_through_connect_with_the_ca_bundle_from_the_environment(
    mode: str,
    variable: str,
    tls_server: FaultServer,
    proxy: Proxy,
    ca_file: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setenv(variable, ca_file)
    assert get_room(mode, tls_server.url).id == "r1"
    (line,) = proxy.requests  # urllib3 asks in HTTP/1.0, aiohttp in HTTP/1.1
    assert line.startswith(f"CONNECT 127.0.0.1:{tls_server.port} HTTP/1.")
    assert tls_server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_without_the_ca_bundle_the_certificate_is_refused(
    mode: str, tls_server: FaultServer
) -> None:
    with pytest.raises(errors.APIConnectionError, match=r"(?i)certificate|SSL"):
        get_room(mode, tls_server.url, max_retries=0)
    assert tls_server.count == 0


@pytest.mark.parametrize("mode", MODES)
def test_a_ca_argument_overrides_the_environment(
    mode: str,
    tls_server: FaultServer,
    ca_file: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "other.pem"
    trustme.CA().cert_pem.write_to_path(str(other))  # a CA that did not sign the server's
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(other))
    monkeypatch.setenv("SSL_CERT_FILE", str(other))
    with pytest.raises(errors.APIConnectionError):
        get_room(mode, tls_server.url, max_retries=0)
    transport = (
        (lambda: RequestsTransport(verify=ca_file))
        if mode == "sync"
        else (lambda: AiohttpTransport(ssl=ca_file))
    )
    assert get_room(mode, tls_server.url, transport).id == "r1"
