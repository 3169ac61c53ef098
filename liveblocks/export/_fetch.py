"""Fetching one room's documents for an export: Storage as the API sends it, the Yjs
document as one update, threads as the API's JSON, and the files they refer to."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

import msgspec

from .._batch import failure_reason, is_retryable
from ..client import AsyncLiveblocks
from ..errors import LiveblocksError, ResponseDecodeError
from ._layout import ExportDirectory, encode_line, temporary_path
from ._threads import fetch_threads
from ._writer import Content

__all__ = ["EMPTY_YJS_UPDATE", "FetchedRoom", "Fetcher", "FileRef", "attachments", "live_files"]

#: What the API returns for a room without a Yjs document.
EMPTY_YJS_UPDATE = b"\x00\x00"
#: Binary files up to this size are held in memory until written; larger ones stream.
STREAM_ABOVE = 4 * 1024 * 1024


class _StorageRoot(msgspec.Struct):
    """Just enough of a Storage document to tell whether it is empty (the rest stays raw)."""

    liveblocksType: str = "LiveObject"  # noqa: N815 - the API's key
    data: msgspec.Raw = msgspec.Raw(b"{}")


_storage_root = msgspec.json.Decoder(_StorageRoot)


def is_empty_storage(document: bytes) -> bool:
    root = _storage_root.decode(document)
    return root.liveblocksType == "LiveObject" and bytes(root.data).strip() in (b"{}", b"null", b"")


class FileRef(NamedTuple):
    """A file a document refers to: its id, name and size in bytes (None if unknown)."""

    id: str
    name: str
    size: int | None


def live_files(document: bytes) -> list[FileRef]:
    """The files that LiveFile nodes of a plain-LSON document refer to, each once, in
    document order."""
    if b'"LiveFile"' not in document:  # most documents: no decoding at all
        return []
    found: dict[str, FileRef] = {}
    for node in _nodes(msgspec.json.decode(document)):
        data = node.get("data")
        if node.get("liveblocksType") == "LiveFile" and isinstance(data, dict):
            file_id = data.get("id")
            if isinstance(file_id, str) and file_id and file_id not in found:
                found[file_id] = _ref(file_id, data)
    return list(found.values())


def _ref(blob_id: str, data: dict[str, Any]) -> FileRef:
    name, size = data.get("name"), data.get("size")
    return FileRef(
        blob_id,
        name if isinstance(name, str) else "",
        size if isinstance(size, int) and not isinstance(size, bool) else None,
    )


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def attachments(threads: list[dict[str, Any]]) -> list[FileRef]:
    """The attachments of every comment of these threads (as the API's JSON)."""
    found: dict[str, FileRef] = {}
    for thread in threads:
        for comment in thread.get("comments") or ():
            for attachment in comment.get("attachments") or ():
                if isinstance(attachment, dict) and isinstance(attachment.get("id"), str):
                    found.setdefault(attachment["id"], _ref(attachment["id"], attachment))
    return list(found.values())


@dataclass
class FetchedRoom:
    """A room's documents that are not empty (kind -> bytes), and the binary files they
    refer to: (``"files"`` or ``"attachments"``, id, content)."""

    documents: dict[str, bytes] = field(default_factory=dict)
    blobs: list[tuple[str, str, Content]] = field(default_factory=list)

    def discard(self) -> None:
        """Remove the temporary files of large downloads (the room failed)."""
        for _, _, content in self.blobs:
            if isinstance(content, Path):
                with contextlib.suppress(OSError):
                    os.unlink(content)


class Fetcher:
    """Fetches rooms' documents through the client; binary files larger than
    :data:`STREAM_ABOVE` stream into temporary files of ``directory``."""

    def __init__(self, client: AsyncLiveblocks, directory: ExportDirectory) -> None:
        self.client = client
        self.dir = directory

    async def fetch(self, room_id: str, kinds: list[str]) -> FetchedRoom:
        fetched = FetchedRoom()
        try:
            for kind in kinds:
                if kind == "storage":
                    await self._storage(room_id, fetched)
                elif kind == "yjs":
                    update = await self.client.rooms[room_id].yjs.get_binary()
                    if update and update != EMPTY_YJS_UPDATE:
                        fetched.documents["yjs"] = update
                else:
                    await self._threads(room_id, fetched)
        except BaseException:
            await asyncio.to_thread(fetched.discard)
            raise
        return fetched

    async def _storage(self, room_id: str, fetched: FetchedRoom) -> None:
        document = await self.client.rooms[room_id].storage.get_bytes()
        try:
            if is_empty_storage(document):
                return
            refs = live_files(document)
        except (msgspec.DecodeError, RecursionError) as exc:
            reason = "it is nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise ResponseDecodeError(
                f"The Storage document of room {room_id!r} cannot be read: {reason}"
            ) from None
        fetched.documents["storage"] = document  # as the API sent it: no re-encoding
        for ref in refs:
            blob = self.client.rooms[room_id].files[ref.id]
            await self._download(blob, "files", room_id, ref, fetched)

    async def _threads(self, room_id: str, fetched: FetchedRoom) -> None:
        threads = await fetch_threads(self.client, room_id)
        if not threads:
            return
        fetched.documents["threads"] = b"".join(encode_line(t) for t in threads)
        for ref in attachments(threads):
            blob = self.client.rooms[room_id].attachments[ref.id]
            await self._download(blob, "attachments", room_id, ref, fetched)

    async def _download(
        self, blob: Any, kind: str, room_id: str, ref: FileRef, fetched: FetchedRoom
    ) -> None:
        try:
            if ref.size is not None and ref.size <= STREAM_ABOVE:
                content: Content = await blob.download()
            else:
                content = await self._stream(blob, self.dir.blob(kind, room_id, ref.id))
        except OSError:
            raise  # this machine's files (a full disk, a link in the export): not the API's
        except Exception as exc:
            raise _BlobError(kind, ref, exc) from exc
        fetched.blobs.append((kind, ref.id, content))

    async def _stream(self, blob: Any, final: Path) -> Path:
        """Stream a large file into its temporary file (the writer makes it durable)."""
        temp = temporary_path(final)
        file = await asyncio.to_thread(self._open_new, temp)
        try:
            await blob.download(file)
        except BaseException:
            await asyncio.to_thread(_close_and_remove, file, temp)
            raise
        await asyncio.to_thread(file.close)
        return temp

    def _open_new(self, path: Path) -> IO[bytes]:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        return os.fdopen(self.dir.open(path, flags, make_folders=True), "wb")


class _BlobError(Exception):
    """A Storage file or attachment that could not be fetched: says which, and why."""

    describes_itself = True

    def __init__(self, kind: str, ref: FileRef, cause: Exception) -> None:
        what = "Storage file" if kind == "files" else "attachment"
        super().__init__(f"{what} {ref.id} ({ref.name}): {failure_reason(cause)}")
        self.status = getattr(cause, "status", None)
        self.retryable = is_retryable(cause)
        self.request = (
            f"{cause.method} {cause.path}"
            if isinstance(cause, LiveblocksError) and cause.method and cause.path
            else None
        )


def _close_and_remove(file: IO[bytes], path: Path) -> None:
    file.close()
    with contextlib.suppress(OSError):
        os.unlink(path)
