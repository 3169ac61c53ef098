"""Comment bodies and notification emails as a user writes them, on both clients.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liveblocks import (
    AsyncLiveblocks,
    Liveblocks,
    is_notification_channel_enabled,
    markdown_to_comment_body,
    stringify_comment_body,
    stringify_comment_body_async,
)
from liveblocks.emails import prepare_thread_notification_email


def names(ids: list[str]) -> list[dict[str, str]]:
    return [{"name": i} for i in ids]


async def names_async(ids: list[str]) -> list[dict[str, str]]:
    return names(ids)


def sync_usage(client: Liveblocks, event: Any) -> None:
    email = prepare_thread_notification_email(client, event, resolve_users=names)
    text = stringify_comment_body(markdown_to_comment_body("**hi**"), format="html")
    enabled = is_notification_channel_enabled({"thread": True})
    if TYPE_CHECKING:
        reveal_type(email)  # expect: liveblocks.emails.UnreadMentionEmailData | liveblocks.emails.UnreadRepliesEmailData | None
        reveal_type(text)  # expect: str
        reveal_type(enabled)  # expect: bool


async def async_usage(client: AsyncLiveblocks, event: Any) -> None:
    email = await prepare_thread_notification_email(client, event, resolve_users=names_async)
    text = await stringify_comment_body_async({"version": 1, "content": []})
    if TYPE_CHECKING:
        reveal_type(email)  # expect: liveblocks.emails.UnreadMentionEmailData | liveblocks.emails.UnreadRepliesEmailData | None
        reveal_type(text)  # expect: str
