"""A room's threads: read as the API's JSON for an export, recreated by an import.

Recreating a thread carries its metadata and visibility, and each comment's author,
body, creation time, metadata, edit time, reactions (who, which emoji, when) and
attachments (uploaded again under the same ids), and the thread's resolved state. The
API gives new threads and comments new ids; what an import cannot carry is counted in
:class:`Carried` (and each new id can be written to an id map).

Recreating is safe to repeat: a thread already recreated in the target (same first
comment: author and creation time) is completed, not duplicated, and so are its comments
and reactions.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from .._encoding import json_decoder
from .._models._base import to_api_json
from .._models.comments import Comment, CommentAttachment, CommentBody, Thread
from ..client import AsyncLiveblocks
from ..errors import ConflictError
from ..types import UNSET, Unset
from ._layout import DamagedExportError, ExportDirectory

__all__ = ["Carried", "ThreadImporter", "fetch_threads"]

_thread_decoder = json_decoder(Thread)


async def fetch_threads(client: AsyncLiveblocks, room_id: str) -> list[dict[str, Any]]:
    """Every thread of the room with its comments, each as the API's JSON object."""
    threads = client.rooms[room_id].threads.list()
    return [to_api_json(thread) async for thread in threads]


@dataclass
class Carried:
    """What an import recreated of the threads, and what it could not carry over."""

    threads: int = 0
    comments: int = 0
    reactions: int = 0
    attachments: int = 0
    #: Things the API does not let an import keep, by name -> how many.
    not_carried: dict[str, int] = field(default_factory=dict)

    def missed(self, what: str, count: int = 1) -> None:
        self.not_carried[what] = self.not_carried.get(what, 0) + count

    def add(self, other: Carried) -> None:
        self.threads += other.threads
        self.comments += other.comments
        self.reactions += other.reactions
        self.attachments += other.attachments
        for what, count in other.not_carried.items():
            self.missed(what, count)


#: Called with (room id, "thread", "comment" or "attachment", id in the export, id in the
#: target).
OnNewId = Callable[[str, str, str, str], None]

NEW_THREAD_IDS = "thread ids (the API assigns new ones)"
NEW_COMMENT_IDS = "comment ids (the API assigns new ones)"
DELETED_COMMENTS = "deleted comments (the API keeps no way to recreate one)"
RESOLVED_BY = "who resolved a thread (recorded as its first comment's author)"
UPDATED_AT = "threads' updatedAt (set by the API)"
_NEW_IDS = {
    "thread": NEW_THREAD_IDS,
    "comment": NEW_COMMENT_IDS,
    "attachment": "attachment ids (the API assigned new ones)",
}


def _decode_thread(number: int, line: bytes, path: Path) -> Thread:
    try:
        thread: Thread = _thread_decoder.decode(line)
    except msgspec.DecodeError as exc:
        raise DamagedExportError(f"{path}, line {number}, is not a thread: {exc}") from None
    return thread


def _key(comment: Comment) -> tuple[str, datetime.datetime]:
    """What identifies a comment across projects: its author and creation time."""
    return comment.user_id, comment.created_at


def _live(thread: Thread) -> list[Comment]:
    """The comments not deleted (they have a body)."""
    return [c for c in thread.comments if isinstance(c.deleted_at, Unset) and c.body]


def _body(comment: Comment) -> CommentBody:
    body = comment.body
    if isinstance(body, Unset):  # never for the comments of _live()
        raise ValueError(f"comment {comment.id} has no body")
    return body


class ThreadImporter:
    """Recreates the threads of one room of an export in the target project."""

    def __init__(
        self,
        client: AsyncLiveblocks,
        room_id: str,
        directory: ExportDirectory,
        on_new_id: OnNewId | None = None,
    ) -> None:
        self.client = client
        self.room_id = room_id
        self.room = client.rooms[room_id]
        self.dir = directory
        self.on_new_id = on_new_id
        self.carried = Carried()

    async def run(self, lines: list[tuple[int, bytes]], path: Path) -> Carried:
        """Recreate the threads of ``lines`` (number, bytes), the lines of ``path``."""
        exported = [_decode_thread(number, line, path) for number, line in lines]
        existing: dict[tuple[str, datetime.datetime], Thread] = {}
        async for thread in self.room.threads.list():
            comments = _live(thread)
            if comments:
                existing[_key(comments[0])] = thread
        for thread in sorted(exported, key=lambda t: t.created_at):
            await self._thread(thread, existing)
        return self.carried

    async def _thread(
        self, thread: Thread, existing: dict[tuple[str, datetime.datetime], Thread]
    ) -> None:
        carried = self.carried
        comments = _live(thread)
        deleted = len(thread.comments) - len(comments)
        if deleted:
            carried.missed(DELETED_COMMENTS, deleted)
        if not comments:
            return
        first, *replies = comments
        target = existing.get(_key(first))
        if target is None:
            target = await self.room.threads.create(
                comment={
                    "user_id": first.user_id,
                    "body": _body(first),
                    "created_at": first.created_at,
                    "metadata": dict(first.metadata) if first.metadata else UNSET,
                    "attachment_ids": await self._attachments(first),
                },
                metadata=dict(thread.metadata) if thread.metadata else UNSET,
                visibility=UNSET if isinstance(thread.visibility, Unset) else thread.visibility,
            )
            carried.threads += 1
            carried.comments += 1
            carried.missed(UPDATED_AT)
            self._new_id("thread", thread.id, target.id)
            self._new_id("comment", first.id, target.comments[0].id)
        else:
            await self._align_metadata(thread, target, first.user_id)
        have = {_key(c): c for c in target.comments}
        for comment in [first, *replies]:
            created = have.get(_key(comment))
            if created is None:
                created = await self.room.threads[target.id].comments.create(
                    user_id=comment.user_id,
                    body=_body(comment),
                    created_at=comment.created_at,
                    metadata=dict(comment.metadata) if comment.metadata else UNSET,
                    attachment_ids=await self._attachments(comment),
                )
                carried.comments += 1
                self._new_id("comment", comment.id, created.id)
            await self._complete_comment(target.id, comment, created)
        if thread.resolved != target.resolved:
            resolver = self.room.threads[target.id]
            if thread.resolved:
                await resolver.resolve(user_id=first.user_id)
                carried.missed(RESOLVED_BY)
            else:
                await resolver.unresolve(user_id=first.user_id)

    async def _complete_comment(self, thread_id: str, comment: Comment, created: Comment) -> None:
        """Carry what a comment's creation cannot: its edit time and its reactions."""
        target = self.room.threads[thread_id].comments[created.id]
        if not isinstance(comment.edited_at, Unset) and created.edited_at != comment.edited_at:
            await target.edit(
                body=_body(comment),
                edited_at=comment.edited_at,
                attachment_ids=[a.id for a in created.attachments] or UNSET,
            )
        have = {(r.user_id, r.emoji) for r in created.reactions}
        for reaction in sorted(comment.reactions, key=lambda r: r.created_at):
            if (reaction.user_id, reaction.emoji) in have:
                continue
            await target.add_reaction(
                user_id=reaction.user_id, emoji=reaction.emoji, created_at=reaction.created_at
            )
            self.carried.reactions += 1

    async def _align_metadata(self, thread: Thread, target: Thread, user_id: str) -> None:
        wanted: Mapping[str, Any] = thread.metadata
        current: Mapping[str, Any] = target.metadata
        changes = {k: v for k, v in wanted.items() if current.get(k) != v}
        changes.update({k: None for k in current if k not in wanted})
        if changes:
            await self.room.threads[target.id].edit_metadata(metadata=changes, user_id=user_id)

    async def _attachments(self, comment: Comment) -> list[str] | Unset:
        """Upload the comment's attachments under their ids; the ids to attach."""
        if not comment.attachments:
            return UNSET
        return [await self._upload(comment.user_id, a) for a in comment.attachments]

    async def _upload(self, user_id: str, attachment: CommentAttachment) -> str:
        """Upload one attachment, asking for its id; the id the API gave it."""
        path = self.dir.blob("attachments", self.room_id, attachment.id)
        try:
            blob = await asyncio.to_thread(self.dir.open_blob, path)
        except FileNotFoundError:
            raise FileNotFoundError(
                f"attachment {attachment.id} ({attachment.name}) is not in the export: "
                f"{path} is missing"
            ) from None
        with blob:
            try:
                uploaded = await self.room.attachments.upload(
                    blob.content,
                    user_id=user_id,
                    name=attachment.name,
                    attachment_id=attachment.id,
                )
            except ConflictError:
                # Uploaded by an earlier run: the same id holds the same file if it is as
                # large.
                found = await self.room.attachments[attachment.id].get()
                if found.size != blob.size:
                    raise
                return attachment.id
        self.carried.attachments += 1
        self._new_id("attachment", attachment.id, uploaded.id)
        return uploaded.id

    def _new_id(self, kind: str, old: str, new: str) -> None:
        if old != new:
            self.carried.missed(_NEW_IDS[kind])
            if self.on_new_id is not None:
                self.on_new_id(self.room_id, kind, old, new)
