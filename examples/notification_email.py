"""What the webhook examples share: how to turn a prepared thread notification email into
a whole HTML email, and stand-ins for your own user and room lookups.

The HTML of each comment (``comment.body``) is already escaped by the SDK; everything
else written here is escaped too.
"""

from __future__ import annotations

from html import escape
from typing import Any

from liveblocks.emails import ThreadNotificationEmailData, UnreadMentionEmailData

#: Your users, as your own database would give them.
USERS = {"alice": {"name": "Alice Martin"}, "bob": {"name": "Bob Smith"}}


def resolve_users(user_ids: list[str]) -> list[dict[str, Any] | None]:
    """One info (``name``, ``avatar``...) per id, ``None`` for unknown users."""
    return [USERS.get(user_id) for user_id in user_ids]


def resolve_room_info(room_id: str) -> dict[str, Any]:
    """The room's name and the URL of the page that shows it."""
    return {"name": room_id.replace("-", " ").title(), "url": f"https://example.com/{room_id}"}


def subject(email: ThreadNotificationEmailData) -> str:
    room = email.room_info["name"]
    if isinstance(email, UnreadMentionEmailData):
        return f"{email.comment.author.info['name']} mentioned you in {room}"
    return f"{len(email.comments)} new replies in {room}"


def render_email(email: ThreadNotificationEmailData) -> str:
    """The email as a small HTML document: a heading, then each comment with its author,
    date, text and a link to it."""
    parts = [f"<h1>{escape(subject(email))}</h1>"]
    for comment in email.comments:
        when = comment.created_at.strftime("%d %b %Y, %H:%M UTC")
        link = f'<a href="{escape(comment.url)}">Open</a>' if comment.url else ""
        parts.append(
            '<div class="comment">'
            f"<p><b>{escape(str(comment.author.info.get('name', comment.author.id)))}</b>"
            f" · {escape(when)} {link}</p>{comment.body}</div>"
        )
    return f"<!doctype html><html><body>{''.join(parts)}</body></html>"
