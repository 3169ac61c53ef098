"""Yjs documents and text-editor documents through both clients, as a user writes them.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pycrdt

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.text_mention_email import prepare_text_mention_notification_email


def count(doc: pycrdt.Doc[Any]) -> int:
    return len(doc.get("body", type=pycrdt.Text))


async def count_later(doc: pycrdt.Doc[pycrdt.Text]) -> int:
    # (typed with a root type: with Doc[Any], mypy cannot tell the coroutine function
    # from a plain one and reveals Any)
    return len(doc.get("body", type=pycrdt.Text))


def sync_usage(client: Liveblocks) -> None:
    doc = client.rooms["r"].yjs.get_document(guid="sub")
    with client.rooms["r"].yjs.edit() as edited:
        edited.get("body", type=pycrdt.Text).insert(0, "x")
    counted = client.rooms["r"].yjs.mutate(count)
    with client.rooms["r"].prosemirror(field="default") as document:
        plain = document.get_text()
        as_json = document.to_json()
        done = document.set_content("text")
    if TYPE_CHECKING:
        reveal_type(doc.get_state())  # expect: bytes
        reveal_type(edited.guid)  # expect: str
        reveal_type(counted)  # expect: int
        reveal_type(document)  # expect: liveblocks.prosemirror._document.ProsemirrorDocument[liveblocks._call.SyncMode]
        reveal_type(plain)  # expect: str
        reveal_type(list(as_json))  # expect: list[str]
        reveal_type(done)  # expect: None


async def async_usage(client: AsyncLiveblocks) -> None:
    doc = await client.rooms["r"].yjs.get_document()
    async with client.rooms["r"].yjs.edit() as edited:
        edited.get("body", type=pycrdt.Text).insert(0, "x")
    counted = await client.rooms["r"].yjs.mutate(count_later)
    async with client.rooms["r"].prosemirror() as document:
        markdown = document.to_markdown()
        pending = document.clear_content()
        await pending
    if TYPE_CHECKING:
        reveal_type(doc.get_state())  # expect: bytes
        reveal_type(edited.guid)  # expect: str
        reveal_type(counted)  # expect: int
        reveal_type(markdown)  # expect: str
        _ = reveal_type(pending)  # expect: typing.Coroutine[Any, Any, None]


async def async_plain_callback(client: AsyncLiveblocks) -> None:
    counted = await client.rooms["r"].yjs.mutate(count)
    if TYPE_CHECKING:
        reveal_type(counted)  # expect: int


def email_usage(client: Liveblocks, event: dict[str, Any]) -> None:
    email = prepare_text_mention_notification_email(
        client, event, resolve_users=lambda ids: [None for _ in ids]
    )
    if TYPE_CHECKING:
        reveal_type(email)  # expect: liveblocks.text_mention_email.TextMentionNotificationEmailData | None


async def async_email_usage(client: AsyncLiveblocks, event: dict[str, Any]) -> None:
    email = await prepare_text_mention_notification_email(client, event)
    if email is not None:
        content = email.mention.content
        if TYPE_CHECKING:
            reveal_type(content)  # expect: str
