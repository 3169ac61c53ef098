"""Links in comment bodies and emails, read as browsers read them (the WHATWG URL rules,
for ``http`` and ``https``): only such links are kept, in their normalized form.

:func:`sanitize_url` keeps a link if it is ``http``/``https`` (or relative), as
Liveblocks' own comment rendering does; :func:`with_fragment` adds ``#comment-id`` to a
room's URL. No I/O.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass, field

__all__ = ["sanitize_url", "with_fragment"]

_PLACEHOLDER_BASE = "https://localhost:9999"
_ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z\d+\-.]*?:")
_TRAILING_SLASH = re.compile(r"/(?:(?:\?|#)[^\n\r\u2028\u2029]*)?\Z")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z\d+\-.]*):")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_TWO_SLASHES = ("//", "\\\\", "/\\", "\\/")
_FORBIDDEN_HOST = set("\x00\t\n\r #/:<>?@[\\]^|%\x7f") | {chr(c) for c in range(0x20)}

# Characters percent-encoded in each part (besides C0 controls and non-ASCII).
_PATH_SET = frozenset(' "#<>?`{}')
_QUERY_SET = frozenset(" \"#<>'")
_FRAGMENT_SET = frozenset(' "<>`')
_USERINFO_SET = _PATH_SET | frozenset("/:;=@[\\]^|")


class _InvalidURLError(ValueError):
    """The text is not a URL a browser would accept."""


@dataclass
class _URL:
    scheme: str
    username: str = ""
    password: str = ""
    host: str = ""
    port: int | None = None
    path: list[str] = field(default_factory=list)
    query: str | None = None
    fragment: str | None = None

    @property
    def origin(self) -> str:
        port = "" if self.port is None else f":{self.port}"
        return f"{self.scheme}://{self.host}{port}"

    @property
    def pathname(self) -> str:
        return "/" + "/".join(self.path)

    @property
    def search(self) -> str:
        return f"?{self.query}" if self.query else ""

    @property
    def hash(self) -> str:
        return f"#{self.fragment}" if self.fragment else ""

    @property
    def href(self) -> str:
        userinfo = ""
        if self.username or self.password:
            userinfo = self.username + (f":{self.password}" if self.password else "") + "@"
        port = "" if self.port is None else f":{self.port}"
        query = "" if self.query is None else f"?{self.query}"
        fragment = "" if self.fragment is None else f"#{self.fragment}"
        return f"{self.scheme}://{userinfo}{self.host}{port}{self.pathname}{query}{fragment}"


# A http(s) URL already in its normal form, but for the case of its scheme and host: read
# without the full parser (a fast path: most links are such).
_PLAIN = re.compile(
    r"(https?)://((?:[a-zA-Z0-9-]+\.)*[a-zA-Z][a-zA-Z0-9-]*)(?::([0-9]{1,5}))?"
    r"((?:/[a-zA-Z0-9\-._~!$&()*+,;=:@%]*)*)(?:\?([a-zA-Z0-9\-._~!$&()*+,;=:@/?%]*))?"
    r"(?:#([a-zA-Z0-9\-._~!$&()*+,;=:@/?%]*))?\Z"
)
_DOT_SEGMENT = re.compile(r"/(?:\.|%2e){1,2}(?:/|\Z)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def sanitize_url(url: str) -> str | None:
    """``url`` normalized if it is a ``http``/``https`` or relative link, else ``None``
    (``javascript:``, ``mailto:``, unparsable)."""
    if url.startswith("www."):
        url = "https://" + url
    if url == "#":
        return url
    absolute = _ABSOLUTE.match(url) is not None
    parsed = _plain(url)
    try:
        if parsed is None:
            parsed = _parse(url, None if absolute else _parse(_PLACEHOLDER_BASE, None))
    except _InvalidURLError:
        return None
    if parsed is None:
        return None
    trailing_slash = _TRAILING_SLASH.search(url) is not None
    pathname = parsed.pathname
    if pathname == "/":
        pathname = "/" if trailing_slash else ""
    elif trailing_slash and not pathname.endswith("/"):
        pathname += "/"
    result = (parsed.origin if absolute else "") + pathname + parsed.search + parsed.hash
    return result or None


def _plain(url: str) -> _URL | None:
    """``url`` read by the fast path, or ``None`` if it needs the parser."""
    match = _PLAIN.match(url)
    if match is None:
        return None
    scheme, host, port, path, query, fragment = match.groups()
    if _DOT_SEGMENT.search(path) or "xn--" in host.lower():
        return None
    number = None if port is None else int(port)
    if number is not None and (number > 65535 or number == _DEFAULT_PORTS[scheme]):
        return None
    segments = path[1:].split("/") if path else [""]
    return _URL(
        scheme, host=host.lower(), port=number, path=segments, query=query, fragment=fragment
    )


def with_fragment(url: str, fragment: str) -> str:
    """``url`` with ``#fragment`` unless it has a fragment already (relative URLs stay
    relative; other schemes than http(s) are kept as written). Raises ``ValueError`` if
    ``url`` is not a URL."""
    absolute = _ABSOLUTE.match(url) is not None
    base = None if absolute else _parse(_PLACEHOLDER_BASE, None)
    try:
        parsed = _parse(url, base)
    except _InvalidURLError as error:
        raise ValueError(f"not a URL: {url!r}") from error
    if parsed is None:
        return url if "#" in url else f"{url}#{_encode(fragment, _FRAGMENT_SET)}"
    if not parsed.fragment:
        parsed.fragment = _encode(fragment, _FRAGMENT_SET)
    href = parsed.href
    return href if absolute else href.replace(_PLACEHOLDER_BASE, "", 1)


# -- the parser ---------------------------------------------------------------------------


def _parse(text: str, base: _URL | None) -> _URL | None:
    """The URL ``text`` (relative to ``base``); ``None`` if its scheme is not http(s)."""
    text = text.strip(_C0_AND_SPACE)
    text = text.replace("\t", "").replace("\n", "").replace("\r", "")
    scheme_match = _SCHEME.match(text)
    if scheme_match is not None:
        scheme = scheme_match.group(1).lower()
        if scheme not in _DEFAULT_PORTS:
            return None
        rest = text[scheme_match.end() :]
        if base is not None and base.scheme == scheme and rest[:2] not in _TWO_SLASHES:
            return _relative(rest, base, scheme)
        return _authority(rest.lstrip("/\\"), scheme)
    if base is None:
        raise _InvalidURLError(text)
    return _relative(text, base, base.scheme)


def _relative(rest: str, base: _URL, scheme: str) -> _URL:
    if rest[:1] in ("/", "\\"):
        if rest[1:2] in ("/", "\\"):
            return _authority(rest.lstrip("/\\"), scheme)
        url = _URL(scheme, base.username, base.password, base.host, base.port)
        return _path_and_after(rest[1:], url)
    url = _URL(scheme, base.username, base.password, base.host, base.port, list(base.path))
    if not rest:
        url.query = base.query
        return url
    if rest[0] == "?":
        return _query_and_after(rest[1:], url)
    if rest[0] == "#":
        url.query = base.query
        url.fragment = _encode(rest[1:], _FRAGMENT_SET)
        return url
    if url.path:
        url.path.pop()
    return _path_and_after(rest, url)


def _authority(rest: str, scheme: str) -> _URL:
    end = len(rest)
    for index, char in enumerate(rest):
        if char in "/\\?#":
            end = index
            break
    authority, rest = rest[:end], rest[end:]
    url = _URL(scheme)
    if "@" in authority:
        userinfo, _, authority = authority.rpartition("@")
        if not authority:
            raise _InvalidURLError("no host after the credentials")
        username, _, password = userinfo.partition(":")
        url.username = _encode(username, _USERINFO_SET)
        url.password = _encode(password, _USERINFO_SET)
    url.host, url.port = _host_and_port(authority, scheme)
    if rest[:1] in ("/", "\\"):
        rest = rest[1:]
    return _path_and_after(rest, url)


def _host_and_port(authority: str, scheme: str) -> tuple[str, int | None]:
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            raise _InvalidURLError("unclosed IPv6 address")
        host_text, after = authority[: close + 1], authority[close + 1 :]
        if after and not after.startswith(":"):
            raise _InvalidURLError("text after an IPv6 address")
        port_text = after[1:] if after else None
    else:
        host_text, colon, port_text_or = authority.partition(":")
        port_text = port_text_or if colon else None
    host = _host(host_text)
    port: int | None = None
    if port_text:
        if not port_text.isascii() or not port_text.isdigit() or int(port_text) > 65535:
            raise _InvalidURLError("bad port")
        port = int(port_text)
        if port == _DEFAULT_PORTS[scheme]:
            port = None
    return host, port


def _host(text: str) -> str:
    if not text:
        raise _InvalidURLError("empty host")
    if text.startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(text[1:-1]).compressed}]"
        except ValueError as error:
            raise _InvalidURLError("bad IPv6 address") from error
    domain = _percent_decode(text)
    try:
        ascii_domain = domain.encode("idna").decode("ascii") if not domain.isascii() else domain
    except UnicodeError as error:
        raise _InvalidURLError("bad domain") from error
    ascii_domain = ascii_domain.lower()
    if not ascii_domain or any(char in _FORBIDDEN_HOST for char in ascii_domain):
        raise _InvalidURLError("forbidden character in the host")
    return _ipv4(ascii_domain)


def _ipv4(domain: str) -> str:
    """``domain`` as a dotted IPv4 address if its last label is a number, else as it is."""
    labels = domain.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    last = labels[-1]
    if not (last.isdigit() or re.fullmatch(r"0[xX][0-9a-fA-F]*", last)):
        return domain
    numbers = [_ipv4_number(label) for label in labels]
    if len(numbers) > 4 or any(n > 255 for n in numbers[:-1]):
        raise _InvalidURLError("bad IPv4 address")
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        raise _InvalidURLError("bad IPv4 address")
    address = numbers[-1] + sum(n * 256 ** (3 - i) for i, n in enumerate(numbers[:-1]))
    return str(ipaddress.IPv4Address(address))


def _ipv4_number(label: str) -> int:
    if not label:
        raise _InvalidURLError("empty IPv4 part")
    try:
        if label[:2] in ("0x", "0X"):
            return int(label[2:] or "0", 16)
        if len(label) > 1 and label[0] == "0":
            return int(label[1:], 8)
        return int(label, 10)
    except ValueError as error:
        raise _InvalidURLError("bad IPv4 part") from error


def _path_and_after(rest: str, url: _URL) -> _URL:
    end = len(rest)
    for index, char in enumerate(rest):
        if char in "?#":
            end = index
            break
    path_text, rest = rest[:end], rest[end:]
    segments = re.split(r"[/\\]", path_text)
    for index, raw in enumerate(segments):
        last = index == len(segments) - 1
        segment = _encode(raw, _PATH_SET)
        lowered = segment.lower()
        if lowered in ("..", ".%2e", "%2e.", "%2e%2e"):
            if url.path:
                url.path.pop()
            if last:
                url.path.append("")
        elif lowered in (".", "%2e"):
            if last:
                url.path.append("")
        else:
            url.path.append(segment)
    if rest.startswith("?"):
        return _query_and_after(rest[1:], url)
    if rest.startswith("#"):
        url.fragment = _encode(rest[1:], _FRAGMENT_SET)
    return url


def _query_and_after(rest: str, url: _URL) -> _URL:
    query, hash_sign, fragment = rest.partition("#")
    url.query = _encode(query, _QUERY_SET)
    if hash_sign:
        url.fragment = _encode(fragment, _FRAGMENT_SET)
    return url


def _encode(text: str, extra: frozenset[str]) -> str:
    if text.isascii() and not any(c in extra or c < " " or c == "\x7f" for c in text):
        return text
    out = []
    for char in text:
        if char in extra or char < " " or char >= "\x7f":
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass")))
        else:
            out.append(char)
    return "".join(out)


def _percent_decode(text: str) -> str:
    if "%" not in text:
        return text
    data = re.sub(
        rb"%([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), text.encode("utf-8")
    )
    return data.decode("utf-8", "replace")
