"""Shared types: the ``UNSET`` marker and :class:`File` for binary bodies and answers."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import IO, Union

import msgspec

#: Marks a parameter or model field as "not given": it is left out of the request.
#: ``None``, by contrast, is sent as JSON ``null`` (which the API uses to delete a key).
UNSET = msgspec.UNSET
Unset = msgspec.UnsetType

__all__ = ["UNSET", "BinaryContent", "File", "FileContent", "FileTypes", "Unset"]


class File:
    """A binary payload: a Yjs update, a version snapshot, an uploaded document.

    ``payload`` is a binary file object; :meth:`read` returns its bytes.
    """

    __slots__ = ("file_name", "mime_type", "payload")

    def __init__(
        self,
        payload: IO[bytes] | bytes,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> None:
        self.payload: IO[bytes] = io.BytesIO(payload) if isinstance(payload, bytes) else payload
        self.file_name = file_name
        self.mime_type = mime_type

    def read(self) -> bytes:
        """The payload's bytes (from the current position of the file object)."""
        return self.payload.read()

    def to_tuple(self) -> tuple[str | None, IO[bytes], str | None]:
        return self.file_name, self.payload, self.mime_type

    def __repr__(self) -> str:
        return f"File(file_name={self.file_name!r}, mime_type={self.mime_type!r})"


#: What a binary body may be: bytes-like, a binary file object, or a :class:`File`.
BinaryContent = Union[bytes, bytearray, memoryview, IO[bytes], File]

#: A file's content, as the official package names it.
FileContent = Union[IO[bytes], bytes, str]
#: What :meth:`File.to_tuple` gives: (file name, content, MIME type).
FileTypes = Union[
    tuple[str | None, FileContent, str | None],
    tuple[str | None, FileContent, str | None, Mapping[str, str]],
]
