"""Request bodies: which kinds are accepted, and how each is sent whole on every attempt.

- ``bytes`` and ``bytearray`` go out as they are; a ``memoryview`` as its bytes (any item
  format), without a copy when it is contiguous.
- A seekable binary file object is read from where it stands when the call is made; the
  requester rewinds it there before each retry.
- Any other readable binary stream (a pipe, a socket file, a decompressor) is copied once,
  before the first attempt, into a spooled temporary file (memory up to 8 MiB, then disk),
  so that a retry can send it again and the request carries a ``Content-Length``.
"""

from __future__ import annotations

import io
import tempfile
from typing import IO, Any

__all__ = ["SPOOL_IN_MEMORY", "check_body", "rewind", "spool", "stream_start"]

#: Bytes of a one-way stream kept in memory before its copy moves to a temporary file.
SPOOL_IN_MEMORY = 8 * 1024 * 1024
_COPY_CHUNK = 1024 * 1024


def check_body(body: Any) -> Any:
    """The body to send, normalised; a TypeError that says what to pass instead."""
    if body is None or isinstance(body, (bytes, bytearray)):
        return body
    if isinstance(body, memoryview):
        if body.format == "B" and body.ndim == 1:
            return body
        return body.cast("B") if body.c_contiguous else body.tobytes()
    if isinstance(body, str):
        raise TypeError("A binary body must be bytes, not str: encode it first (text.encode())")
    if isinstance(body, io.TextIOBase):
        raise TypeError(
            "The file was opened in text mode: open it in binary mode (open(path, 'rb'))"
        )
    if not callable(getattr(body, "read", None)):
        raise TypeError(
            f"Expected bytes, bytearray, memoryview or a binary file object, "
            f"got {type(body).__name__}"
        )
    return body


def stream_start(body: IO[bytes]) -> int | None:
    """Where a stream's content starts, to rewind it for a retry; None if it cannot seek."""
    try:
        if not body.seekable():
            return None
        return body.tell()
    except (OSError, ValueError, AttributeError):
        return None


def spool(body: IO[bytes]) -> IO[bytes]:
    """A seekable copy of a one-way stream, positioned at its start."""
    copy: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    while True:
        chunk = body.read(_COPY_CHUNK)
        if not chunk:
            break
        if not isinstance(chunk, (bytes, bytearray, memoryview)):
            copy.close()
            raise TypeError(
                f"The body's read() returned {type(chunk).__name__}, not bytes: "
                "pass a binary stream"
            )
        copy.write(chunk)
    copy.seek(0)
    return copy


def rewind(body: IO[bytes], start: int) -> bool:
    """Put the stream back where its content starts; False if it cannot be."""
    try:
        body.seek(start)
    except (OSError, ValueError, AttributeError):
        return False
    return True
