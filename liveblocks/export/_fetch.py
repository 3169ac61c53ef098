"""Fetching one room's documents for an export: Storage as the API sends it, the Yjs
document as one update, threads as the API's JSON, and the files they refer to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import msgspec

from .._client import AsyncLiveblocks
from ._layout import encode_line
from ._threads import fetch_threads
from ._writer import Content

__all__ = ["EMPTY_YJS_UPDATE", "FetchedRoom", "Fetcher", "live_file_ids"]

#: What the API returns for a room without a Yjs document.
EMPTY_YJS_UPDATE = b"\x00\x00"


class _StorageRoot(msgspec.Struct):
    """Just enough of a Storage document to tell whether it is empty (the rest stays raw)."""

    liveblocksType: str = "LiveObject"  # noqa: N815 - the API's key
    data: msgspec.Raw = msgspec.Raw(b"{}")


_storage_root = msgspec.json.Decoder(_StorageRoot)


def is_empty_storage(document: bytes) -> bool:
    root = _storage_root.decode(document)
    return root.liveblocksType == "LiveObject" and bytes(root.data).strip() in (b"{}", b"null", b"")


def live_file_ids(document: bytes) -> list[str]:
    """The ids of the files that LiveFile nodes of a plain-LSON document refer to, each
    once, in document order."""
    if b'"LiveFile"' not in document:  # most documents: no decoding at all
        return []
    seen: dict[str, None] = {}
    for node in _nodes(msgspec.json.decode(document)):
        data = node.get("data")
        if node.get("liveblocksType") == "LiveFile" and isinstance(data, dict):
            file_id = data.get("id")
            if isinstance(file_id, str) and file_id:
                seen[file_id] = None
    return list(seen)


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def attachment_ids(threads: list[dict[str, Any]]) -> list[str]:
    """The ids of the attachments of every comment of these threads (as the API's JSON)."""
    ids: dict[str, None] = {}
    for thread in threads:
        for comment in thread.get("comments") or ():
            for attachment in comment.get("attachments") or ():
                if isinstance(attachment, dict) and isinstance(attachment.get("id"), str):
                    ids[attachment["id"]] = None
    return list(ids)


@dataclass
class FetchedRoom:
    """A room's documents that are not empty (kind -> bytes), and the binary files they
    refer to: (``"files"`` or ``"attachments"``, id, content)."""

    documents: dict[str, bytes] = field(default_factory=dict)
    blobs: list[tuple[str, str, Content]] = field(default_factory=list)


class Fetcher:
    """Fetches rooms' documents through the client."""

    def __init__(self, client: AsyncLiveblocks) -> None:
        self.client = client

    async def fetch(self, room_id: str, kinds: list[str]) -> FetchedRoom:
        fetched = FetchedRoom()
        for kind in kinds:
            if kind == "storage":
                await self._storage(room_id, fetched)
            elif kind == "yjs":
                update = await self.client.rooms[room_id].yjs.get_binary()
                if update and update != EMPTY_YJS_UPDATE:
                    fetched.documents["yjs"] = update
            else:
                await self._threads(room_id, fetched)
        return fetched

    async def _storage(self, room_id: str, fetched: FetchedRoom) -> None:
        document = await self.client.rooms[room_id].storage.get_bytes()
        if is_empty_storage(document):
            return
        fetched.documents["storage"] = document  # as the API sent it: no re-encoding
        for file_id in live_file_ids(document):
            fetched.blobs.append(("files", file_id, await self._file(room_id, file_id)))

    async def _threads(self, room_id: str, fetched: FetchedRoom) -> None:
        threads = await fetch_threads(self.client, room_id)
        if not threads:
            return
        fetched.documents["threads"] = b"".join(encode_line(t) for t in threads)
        for attachment_id in attachment_ids(threads):
            content = await self._attachment(room_id, attachment_id)
            fetched.blobs.append(("attachments", attachment_id, content))

    async def _file(self, room_id: str, file_id: str) -> Content:
        raise NotImplementedError("Storage files are not downloaded yet")

    async def _attachment(self, room_id: str, attachment_id: str) -> Content:
        raise NotImplementedError("attachments are not downloaded yet")
