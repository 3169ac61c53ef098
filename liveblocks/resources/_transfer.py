"""Uploads and downloads of files, written once for Storage files and comment attachments,
and for both clients.

An upload reads its source part by part, each part just before it is sent: up to
:data:`SINGLE_UPLOAD_MAX` in one request, larger sources as a multipart upload of
:data:`PART_SIZE` parts with a bounded number in flight, each part retried on its own
(by the client's retry policy), the upload aborted when a part fails for good. A download
asks the API for the file's URL, then fetches it without the secret, streaming the bytes
into a file when given one.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
from collections.abc import Callable, Coroutine, Iterator
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar, Union, cast, overload
from urllib.parse import quote, urlsplit

from .._atomic import AtomicFile
from .._body import stream_start
from .._call import AsyncMode, Call, Parallel, Resource, Steps, SyncMode, multistep
from .._checks import check_int
from .._encoding import decode_bytes
from ..errors import ResponseDecodeError
from ..transports._base import body_length
from ..transports._urls import without_query
from ..types import File

__all__ = [
    "MAX_CONCURRENCY",
    "PART_SIZE",
    "SINGLE_UPLOAD_MAX",
    "Destination",
    "ProgressCallback",
    "UploadSource",
    "download_steps",
    "downloader",
    "new_id",
    "upload_steps",
]

#: Sources up to this size (5 MiB) go in one request.
SINGLE_UPLOAD_MAX = 5 * 1024 * 1024
#: The size of every part of a multipart upload but the last (5 MiB).
PART_SIZE = 5 * 1024 * 1024
#: The most parts one upload may have in flight.
MAX_CONCURRENCY = 16

#: What an upload reads: bytes, a path, or a binary file object (or a :class:`File`).
UploadSource = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", IO[bytes], File]
#: Where a download goes: a path, or a binary file object open for writing.
Destination = Union[str, "os.PathLike[str]", IO[bytes]]
#: Called after each part with the bytes sent so far and the total (None if unknown).
ProgressCallback = Callable[[int, Union[int, None]], object]

_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
U = TypeVar("U")
P = TypeVar("P")


def new_id(prefix: str) -> str:
    """A new file or attachment id: ``prefix`` and 21 random characters, as the API's
    other SDKs make them."""
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(21))


def check_id(value: object, prefix: str, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__}")
    rest = value[len(prefix) :]
    if not value.startswith(prefix) or not rest or any(c not in _ID_ALPHABET for c in rest):
        raise ValueError(
            f"{what} must be {prefix!r} followed by letters, digits, '_' or '-' "
            f"(e.g. {new_id(prefix)!r}), got {value!r}"
        )
    return value


def check_name(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"name must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError("name must not be empty: give the file's name, e.g. name='photo.png'")
    return value


def check_size(value: object, what: str = "file_size") -> int:
    return check_int(value, f"{what} (bytes)", minimum=0)


def check_concurrency(value: object) -> int:
    return check_int(value, "concurrency", minimum=1, maximum=MAX_CONCURRENCY)


class _Source:
    """An upload's source, opened: its name, its size when known, and reads."""

    def __init__(self, source: object, name: str | None) -> None:
        self._close: Callable[[], object] | None = None
        self._view: memoryview | None = None
        self._offset = 0
        self._stream: IO[bytes] | None = None
        self.size: int | None
        found: str | None = None
        if isinstance(source, File):
            found = source.file_name
            source = source.payload
        if isinstance(source, (bytes, bytearray, memoryview)):
            self._view = memoryview(source).cast("B")
            self.size = self._view.nbytes
        elif isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            if not isinstance(path, str):
                raise TypeError("a path must be a str or os.PathLike of str, not bytes")
            if os.path.isdir(path):
                raise IsADirectoryError(f"{path!r} is a directory, not a file to upload")
            stream = open(path, "rb")  # noqa: SIM115 - closed by close()
            self._stream, self._close = stream, stream.close
            self.size = os.fstat(stream.fileno()).st_size
            found = os.path.basename(path)
        elif isinstance(source, io.TextIOBase):
            raise TypeError("the file is open in text mode: open it with 'rb'")
        elif callable(getattr(source, "read", None)):
            given = cast("IO[bytes]", source)
            self._stream, self.size = given, body_length(given)
            file_name = getattr(source, "name", None)
            if isinstance(file_name, str):
                found = os.path.basename(file_name)
        else:
            raise TypeError(
                "source must be bytes, a path (str or os.PathLike) or a binary file object, "
                f"got {type(source).__name__}"
            )
        if name is None:
            if not found:
                self.close()
                raise ValueError("name is required when the source has no file name")
            name = found
        try:
            self.name = check_name(name)
        except Exception:
            self.close()
            raise

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes: fewer only at the end of the source."""
        if self._view is not None:
            start = self._offset
            self._offset = min(start + size, self._view.nbytes)
            return bytes(self._view[start : self._offset])
        assert self._stream is not None
        chunks: list[bytes] = []
        missing = size
        while missing > 0:
            chunk = self._stream.read(missing)
            if not chunk:
                break
            if not isinstance(chunk, (bytes, bytearray)):
                raise TypeError(f"the file object returned {type(chunk).__name__}, not bytes")
            chunks.append(bytes(chunk))
            missing -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None


class MultipartCalls(Protocol[R_co, U, P]):
    """How one kind of file is uploaded: the calls of each step."""

    def single(self, name: str, data: bytes, size: int) -> Call[R_co]: ...

    def create(self, name: str, size: int | None) -> Call[U]: ...

    def upload_id(self, created: U) -> str: ...

    def part(self, upload_id: str, number: int, data: bytes) -> Call[P]: ...

    def complete(self, upload_id: str, parts: list[P]) -> Call[R_co]: ...

    def abort(self, upload_id: str) -> Call[None]: ...


def upload_steps(
    source: object,
    name: str | None,
    calls: MultipartCalls[R, U, P],
    *,
    concurrency: int,
    on_progress: ProgressCallback | None,
) -> Steps[R]:
    """Upload ``source``: one request up to 5 MiB, else a multipart upload."""
    check_concurrency(concurrency)
    if on_progress is not None and not callable(on_progress):
        raise TypeError("on_progress must be a function of (bytes_sent, total_bytes)")
    src = _Source(source, name)
    try:
        if src.size is not None and src.size > SINGLE_UPLOAD_MAX:
            # Known to be large: every part is read when it is sent (on the async client,
            # in a worker thread), none ahead of the others.
            first = b""
        else:
            first = src.read(SINGLE_UPLOAD_MAX if src.size is not None else SINGLE_UPLOAD_MAX + 1)
            if not first:
                raise ValueError(f"{src.name!r} is empty: the API stores no files of 0 bytes")
        if first and len(first) <= SINGLE_UPLOAD_MAX:
            result: R = yield calls.single(src.name, first, len(first))
            if on_progress is not None:
                on_progress(len(first), len(first))
            return result
        return (yield from _multipart(src, first, calls, concurrency, on_progress))
    finally:
        src.close()


def _multipart(
    src: _Source,
    first: bytes,
    calls: MultipartCalls[R, U, P],
    concurrency: int,
    on_progress: ProgressCallback | None,
) -> Steps[R]:
    created = yield calls.create(src.name, src.size)
    upload_id = calls.upload_id(created)
    sizes: list[int] = []
    sent = 0

    def parts() -> Iterator[Call[P]]:
        # The bytes read ahead to choose single or multipart start the first part.
        pending = first
        number = 1
        while True:
            if pending:
                data = pending + src.read(max(PART_SIZE - len(pending), 0))
            else:
                data = src.read(PART_SIZE)
            if len(data) > PART_SIZE:
                data, pending = data[:PART_SIZE], data[PART_SIZE:]
            else:
                pending = b""
            if not data:
                return
            sizes.append(len(data))
            yield calls.part(upload_id, number, data)
            number += 1

    def done(index: int, part: Any) -> None:
        nonlocal sent
        sent += sizes[index]
        if on_progress is not None:
            on_progress(sent, src.size)

    try:
        uploaded: list[P] = yield Parallel(parts(), concurrency, done)
        result: R = yield calls.complete(upload_id, uploaded)
    except Exception:
        with contextlib.suppress(Exception):  # best effort: the first failure is reported
            yield calls.abort(upload_id)
        raise
    return result


class _Sink:
    """Bytes written into a binary file object; rewound for a retry if it can be."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.written = 0
        self._start = stream_start(stream)

    def write(self, data: bytes) -> object:
        self._stream.write(data)
        self.written += len(data)
        return None

    def restart(self) -> bool:
        if self.written == 0:
            return True
        if self._start is None:
            return False
        self._stream.seek(self._start)
        self._stream.truncate()
        self.written = 0
        return True


class _FileSink(_Sink):
    """A download into a path: written to a temporary file beside it, which replaces the
    path only once every byte has arrived."""

    def __init__(self, path: str) -> None:
        self._file = AtomicFile(path)
        super().__init__(self._file.file)

    def commit(self) -> None:
        self._file.commit()

    def discard(self) -> None:
        self._file.discard()


def _destination_path(destination: object) -> str | None:
    if isinstance(destination, (str, os.PathLike)):
        path = os.fspath(destination)
        if not isinstance(path, str):
            raise TypeError("a path must be a str or os.PathLike of str, not bytes")
        if os.path.isdir(path):
            raise IsADirectoryError(f"{path!r} is a directory: give the path of the file to write")
        return path
    if isinstance(destination, io.TextIOBase):
        raise TypeError("the destination is open in text mode: open it with 'wb'")
    if not callable(getattr(destination, "write", None)):
        raise TypeError(
            "destination must be a path (str or os.PathLike) or a binary file object open "
            f"for writing, got {type(destination).__name__}"
        )
    return None


def _download_target(url: object, locate: Call[Any]) -> tuple[str, str]:
    """The download URL the API handed out, ready to fetch (characters beyond ASCII
    percent-encoded), and its path, which names the download in logs and errors. A URL
    that is not a plain http(s) URL is refused, named without its query."""
    problem = _url_problem(url)
    if problem is not None:
        shown = _shown(url) if isinstance(url, str) else repr(url)[:60]
        raise ResponseDecodeError(
            f"The file's download URL in the answer to {locate.method} {locate.path} "
            f"{problem}: {shown!r}",
            method=locate.method,
            path=locate.path,
        )
    assert isinstance(url, str)
    if not url.isascii():
        url = _NOT_ASCII.sub(lambda m: quote(m.group()), url)
    return url, urlsplit(url).path or "/"


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _shown(url: str) -> str:
    """A URL for a message: no query, no user info, at most 200 characters."""
    text = without_query(url)[:200]
    scheme, sep, rest = text.partition("://")
    authority, slash, tail = rest.partition("/")
    if sep and "@" in authority:
        text = f"{scheme}://***@{authority.rpartition('@')[2]}{slash}{tail}"
    return text


def _url_problem(url: object) -> str | None:
    """What is wrong with ``url`` as an address to fetch; None if nothing."""
    if not isinstance(url, str):
        return "is not a string"
    if any(c <= " " or c == "\x7f" for c in url):
        return "holds spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError as exc:
        return f"does not parse ({exc})"
    if parts.scheme not in ("http", "https"):
        return "is not an http(s) URL"
    if not parts.hostname:
        return "has no host"
    if parts.username is not None or parts.password is not None:
        return "carries user info"
    return None


def download_steps(locate: Call[Any], destination: Destination | None) -> Steps[Any]:
    """Ask the API where the file is (``locate`` answers with its ``url``), then fetch it
    from there without the secret: its bytes, or the number written into ``destination``."""
    path = None if destination is None else _destination_path(destination)
    located = yield locate
    # Logs and errors name the download by its path: never the URL's signature.
    url, name = _download_target(located.url, locate)
    if destination is None:
        data: bytes = yield Call("GET", name, decode_bytes, url=url, authorized=False)
        return data
    sink = _FileSink(path) if path is not None else _Sink(destination)  # type: ignore[arg-type]
    try:
        yield Call("GET", name, decode_bytes, url=url, authorized=False, sink=sink)
    except BaseException:
        if isinstance(sink, _FileSink):
            sink.discard()
        raise
    if isinstance(sink, _FileSink):
        sink.commit()
    return sink.written


if TYPE_CHECKING:

    class SyncDownload(Protocol):
        @overload
        def __call__(self, destination: None = None) -> bytes: ...

        @overload
        def __call__(self, destination: Destination) -> int: ...

    class AsyncDownload(Protocol):
        @overload
        def __call__(self, destination: None = None) -> Coroutine[Any, Any, bytes]: ...

        @overload
        def __call__(self, destination: Destination) -> Coroutine[Any, Any, int]: ...


class downloader:  # noqa: N801 - used as a decorator
    """Decorator: a ``download(destination=None)`` operation, typed as returning the bytes
    without a destination and their number with one (awaitables on the async client)."""

    def __init__(self, fn: Callable[[Any, Destination | None], Steps[Any]]) -> None:
        self._steps = multistep(fn)  # what runs it; this class only types it
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> downloader: ...

    @overload
    def __get__(self, obj: Resource[SyncMode], owner: type[Any]) -> SyncDownload: ...

    @overload
    def __get__(self, obj: Resource[AsyncMode], owner: type[Any]) -> AsyncDownload: ...

    def __get__(self, obj: Resource[Any] | None, owner: type[Any]) -> Any:
        if obj is None:
            return self
        return self._steps.__get__(obj, owner)
