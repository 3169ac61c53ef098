"""Storage files, attachments, feeds and versions through both clients and both faces.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from liveblocks import AsyncLiveblocks, Liveblocks


def sync_usage(client: Liveblocks, path: Path) -> None:
    room = client.rooms["r"]
    uploaded = room.files.upload(path, on_progress=lambda sent, total: None)
    from_bytes = room.files.upload(b"data", name="a.txt", concurrency=2)
    located = room.files[uploaded.id].get()
    content = room.files[uploaded.id].download()
    written = room.files[uploaded.id].download(path)
    into_stream = room.files[uploaded.id].download(io.BytesIO())
    attachment = room.attachments.upload(io.BytesIO(b"x"), user_id="alice", name="x.png")
    attachment_url = client.get_attachment("r", attachment.id)
    attachment_got = room.attachments[attachment.id].get()
    attachment_bytes = room.attachments[attachment.id].download()
    file_parts = room.files[uploaded.id].multipart
    attachment_parts = room.attachments[attachment.id].multipart
    data = client.upload_storage_file("r", uploaded.id, "a.txt", body=b"data")
    opened = client.create_storage_file_multipart_upload("r", uploaded.id, "a.txt")
    feed = room.feeds.create(feed_id="f", metadata={"k": "v"})
    message = room.feeds["f"].messages.create({"text": "hi"})
    feeds = client.get_feeds("r", limit=10)
    version = room.versions.create()
    yjs = room.versions[version.data.id].get_yjs()
    history = client.get_version_history("r")
    if TYPE_CHECKING:
        reveal_type(uploaded)  # expect: liveblocks.live.file.LiveFile
        reveal_type(from_bytes)  # expect: liveblocks.live.file.LiveFile
        reveal_type(located)  # expect: liveblocks._models.files.StorageFileWithUrl
        reveal_type(content)  # expect: bytes
        reveal_type(written)  # expect: int
        reveal_type(into_stream)  # expect: int
        reveal_type(attachment)  # expect: liveblocks._models.comments.CommentAttachment
        reveal_type(attachment_url)  # expect: liveblocks._models.comments.AttachmentWithUrl
        reveal_type(attachment_got)  # expect: liveblocks._models.comments.AttachmentWithUrl
        reveal_type(attachment_bytes)  # expect: bytes
        reveal_type(
            file_parts
        )  # expect: liveblocks.resources.files.StorageFileMultipart[liveblocks._call.SyncMode]
        reveal_type(
            attachment_parts
        )  # expect: liveblocks.resources.attachments.AttachmentMultipart[liveblocks._call.SyncMode]
        reveal_type(data)  # expect: liveblocks._models.files.LiveFileData
        reveal_type(opened)  # expect: liveblocks._models.files.StorageFileMultipartUpload
        reveal_type(feed)  # expect: liveblocks._models.feeds.Feed
        reveal_type(message)  # expect: liveblocks._models.feeds.FeedMessage
        reveal_type(feeds)  # expect: liveblocks._models.feeds.GetFeedsResponse
        reveal_type(
            room.feeds.list()
        )  # expect: liveblocks._pagination.SyncPager[liveblocks._models.feeds.Feed]
        reveal_type(version)  # expect: liveblocks._models.yjs.CreateVersionHistorySnapshotResponse
        reveal_type(yjs)  # expect: bytes
        reveal_type(history)  # expect: liveblocks._models.yjs.GetVersionHistoryResponse
        reveal_type(
            room.versions.list()
        )  # expect: liveblocks._pagination.SyncPager[liveblocks._models.yjs.HistoryVersion]


async def async_usage(client: AsyncLiveblocks, path: Path) -> None:
    room = client.rooms["r"]
    uploaded = await room.files.upload(path)
    content = await room.files[uploaded.id].download()
    written = await room.files[uploaded.id].download(path)
    attachment = await room.attachments.upload(b"x", user_id="alice", name="x.png")
    messages = [m.id async for m in room.feeds["f"].messages.list()]
    await room.versions["vh_1"].delete()
    parts = await client.upload_storage_file_multipart_part(
        "r", uploaded.id, "upload-1", 1, body=b"part"
    )
    if TYPE_CHECKING:
        reveal_type(uploaded)  # expect: liveblocks.live.file.LiveFile
        reveal_type(content)  # expect: bytes
        reveal_type(written)  # expect: int
        reveal_type(attachment)  # expect: liveblocks._models.comments.CommentAttachment
        reveal_type(messages)  # expect: list[str]
        reveal_type(parts)  # expect: liveblocks._models.files.StorageFileMultipartPart
        pending = room.files.upload(b"x", name="x")
        _ = reveal_type(
            pending
        )  # expect: typing.Coroutine[Any, Any, liveblocks.live.file.LiveFile]
        await pending
