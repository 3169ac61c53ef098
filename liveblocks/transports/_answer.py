"""An answer's body as it arrives, bounded: decompressed here a piece at a time and
counted, so that neither an endless body nor a compression bomb can fill memory.

Both transports read the bytes off the wire undecoded and pass them to
:class:`AnswerBody`, which inflates ``gzip`` and ``deflate`` (as the ``Content-Encoding``
header says) into pieces of at most :data:`PIECE` bytes, counts what it keeps against the
request's ``max_size`` and raises :class:`~liveblocks.errors.ResponseTooLargeError` as
soon as it is passed. A body streamed into a sink (a download) is inflated the same way
but not capped. No I/O here.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping

from ..errors import APIConnectionError, ResponseTooLargeError
from ._base import BodySink, Request

__all__ = ["PIECE", "AnswerBody", "check_declared", "declared_length"]

#: The most bytes one inflation step produces.
PIECE = 256 * 1024


class _Inflater:
    """One ``gzip`` or ``deflate`` layer: compressed bytes in, bounded pieces out.

    A gzip body may hold several members one after the other; bytes after the last one
    that are not a member are ignored, as HTTP clients do. A deflate body comes with or
    without its zlib wrapper, told apart by the wrapper's two-byte header.
    """

    __slots__ = ("_done", "_held", "_inflate", "_later_member", "encoding")

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._held = b""  # deflate: the first byte, until the second tells the format
        self._done = False
        self._later_member = False
        self._inflate = _gzip_member() if encoding == "gzip" else None

    def feed(self, data: bytes) -> Iterator[bytes]:
        inflate = self._inflate
        if inflate is None:
            data = self._held + data
            if len(data) < 2:
                self._held = data
                return
            self._held = b""
            wbits = zlib.MAX_WBITS if _is_zlib_header(data) else -zlib.MAX_WBITS
            inflate = self._inflate = zlib.decompressobj(wbits)
        while data and not self._done:
            try:
                piece = inflate.decompress(data, PIECE)
            except zlib.error:
                if not self._later_member:
                    raise
                self._done = True  # not a gzip member after all: trailing bytes
                return
            if piece:
                yield piece
            if inflate.eof:
                data = inflate.unused_data
                if self.encoding != "gzip":
                    self._done = True
                elif data:
                    inflate = self._inflate = _gzip_member()
                    self._later_member = True
            else:
                data = inflate.unconsumed_tail
                if not data and len(piece) == PIECE:
                    yield from _drain(inflate)  # output may still wait inside zlib


def _drain(inflate: zlib._Decompress) -> Iterator[bytes]:
    """What a decompressor still holds after taking all its input, a piece at a time."""
    while not inflate.eof:
        piece = inflate.decompress(b"", PIECE)
        if piece:
            yield piece
        if len(piece) < PIECE:
            return


def _gzip_member() -> zlib._Decompress:
    return zlib.decompressobj(16 + zlib.MAX_WBITS)


def _is_zlib_header(data: bytes) -> bool:
    """RFC 1950: compression method 8, and the two bytes a multiple of 31."""
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _inflaters(content_encoding: str | None) -> list[_Inflater]:
    """The layers to undo, outermost first; none for an encoding this SDK did not ask
    for (its bytes are kept as they came)."""
    if not content_encoding:
        return []
    names = [n.strip().lower() for n in content_encoding.split(",")]
    names = [n for n in names if n and n != "identity"]
    if any(n not in _KNOWN for n in names):
        return []
    return [_Inflater(_KNOWN[n]) for n in reversed(names)]


_KNOWN = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}


def declared_length(headers: Mapping[str, str]) -> int | None:
    """The body's size when the answer states it and sends it as is (no compression, no
    chunks, which would make HTTP libraries ignore the length): it can then be read in
    one go. None otherwise."""
    length = headers.get("content-length")
    if length is None or headers.get("transfer-encoding"):
        return None
    encoding = headers.get("content-encoding")
    if encoding and encoding.lower() != "identity":
        return None
    if not (length.isascii() and length.isdigit()):
        return None
    return int(length)


def check_declared(request: Request, status: int, length: int) -> None:
    """Refuse, before reading it, a body to keep in memory whose stated size is over the
    request's cap."""
    limit = request.max_size
    if limit is not None and length > limit:
        raise _too_large(request, status, limit)


def _too_large(request: Request, status: int, limit: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(limit, status, method=request.method, path=request.path)


class AnswerBody:
    """Collects one answer's body as it arrives: decompressed, counted against the
    request's ``max_size`` (``None``: no cap), and kept, or, with ``sink``, written into
    it uncapped (a download)."""

    __slots__ = ("_inflaters", "_parts", "_request", "_sink", "_size", "_status")

    def __init__(
        self,
        request: Request,
        status: int,
        headers: Mapping[str, str],
        sink: BodySink | None = None,
    ) -> None:
        self._request = request
        self._status = status
        self._sink = sink
        self._inflaters = _inflaters(headers.get("content-encoding"))
        self._parts: list[bytes] = []
        self._size = 0

    def add(self, data: bytes) -> None:
        """The next bytes from the wire."""
        if not self._inflaters:
            self._keep(data)
            return
        try:
            for piece in self._inflated(data, 0):
                self._keep(piece)
        except zlib.error as exc:
            raise self._damaged(exc) from None

    def finish(self) -> bytes:
        """The whole (decompressed) body; empty when it went into the sink."""
        parts = self._parts
        if len(parts) == 1:
            return parts[0]
        return b"".join(parts)

    def _inflated(self, data: bytes, layer: int) -> Iterator[bytes]:
        inflater = self._inflaters[layer]
        if layer + 1 == len(self._inflaters):
            yield from inflater.feed(data)
            return
        for piece in inflater.feed(data):
            yield from self._inflated(piece, layer + 1)

    def _keep(self, piece: bytes) -> None:
        if self._sink is not None:
            self._sink.write(piece)
            return
        self._size += len(piece)
        limit = self._request.max_size
        if limit is not None and self._size > limit:
            self._parts.clear()
            raise self._too_large(limit)
        self._parts.append(piece)

    def _too_large(self, limit: int) -> ResponseTooLargeError:
        return _too_large(self._request, self._status, limit)

    def _damaged(self, exc: zlib.error) -> APIConnectionError:
        encoding = ", ".join(i.encoding for i in reversed(self._inflaters))
        request = self._request
        return APIConnectionError(
            f"The answer's {encoding} body cannot be decompressed ({exc})",
            method=request.method,
            path=request.path,
        )
