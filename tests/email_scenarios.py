"""Threads, inbox notifications and groups in a CommentsFake for the thread notification
email tests (against @liveblocks/emails in tests/node/, and the webhook examples)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from tests.comment_corpus import ESCAPES, body, link, mention, paragraph, text
from tests.fakes.comments_fake import CommentsFake

USER = "carol"  # the user notified
ROOM = "room-1"


def at(minute: int) -> str:
    moment = datetime.datetime(2024, 5, 1, 10, 0, tzinfo=datetime.timezone.utc)
    moment += datetime.timedelta(minutes=minute)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def comment(user_id: str, minute: int, content: dict[str, Any] | None, **extra: Any) -> Any:
    found: dict[str, Any] = {"userId": user_id, "createdAt": at(minute), **extra}
    if content is not None:
        found["body"] = content
    return found


RICH = body(
    paragraph(
        text("Looks good "),
        mention("dave"),
        text(", see "),
        link("https://example.com/spec?v=2#top", "the <spec>"),
        text(" and "),
        link("javascript:alert(1)", "not a link"),
        text(" and "),
        link("www.example.com/raw"),
    ),
    paragraph(
        text("bold", bold=True),
        text(" "),
        text("italic", italic=True),
        text(" "),
        text("struck", strikethrough=True),
        text(" "),
        text("code", code=True),
        text(" "),
        text("all", bold=True, italic=True, strikethrough=True, code=True),
    ),
    paragraph(),
    paragraph(text(ESCAPES), mention("design", kind="group"), text(" 🎉")),
)


@dataclass(frozen=True)
class Scenario:
    name: str
    event: dict[str, Any]
    expected_type: str | None  # "unreadReplies", "unreadMention" or None


def _event(thread: dict[str, Any], notification: dict[str, Any], trigger: int) -> dict[str, Any]:
    return {
        "type": "notification",
        "data": {
            "channel": "email",
            "kind": "thread",
            "projectId": "pr_1",
            "roomId": thread["roomId"],
            "threadId": thread["id"],
            "userId": USER,
            "inboxNotificationId": notification["id"],
            "createdAt": at(10),
            "triggeredAt": at(trigger),
        },
    }


def fill(fake: CommentsFake) -> list[Scenario]:
    """Threads covering every path of the email: replies, a direct mention, mentions
    through a group (given in the mention, or found among the user's groups on a later
    page), a notification read in part, and one with nothing unread."""
    for index in range(1, 4):
        fake.add_group(f"g{index}", [USER, "alice"])  # three groups: two pages
    fake.add_group("design", ["alice", "bob"])
    scenarios = []

    def add(name: str, comments: list[Any], expected: str | None, **notified: Any) -> None:
        thread = fake.add_thread(ROOM, comments)
        notification = fake.add_inbox_notification(
            USER, ROOM, thread["id"], notified.get("notified_at", at(10)), notified.get("read_at")
        )
        scenarios.append(Scenario(name, _event(thread, notification, 1), expected))

    add(
        "replies",
        [
            comment("alice", 0, body(paragraph(text("Kickoff, before the trigger")))),
            comment("bob", 2, RICH),
            comment(USER, 3, body(paragraph(text("my own reply")))),
            comment("alice", 4, None, deletedAt=at(5)),
            comment("alice", 5, body(paragraph(text("Second")), paragraph(text("reply")))),
            comment("bob", 20, body(paragraph(text("after the notification")))),
        ],
        "unreadReplies",
    )
    add(
        "direct-mention",
        [
            comment("alice", 2, body(paragraph(text("Hey "), mention(USER), text(", look")))),
            comment("bob", 3, body(paragraph(text("a later reply without a mention")))),
        ],
        "unreadMention",
    )
    add(
        "group-mention-with-members",
        [comment("bob", 2, body(paragraph(mention("reviewers", kind="group", userIds=[USER]))))],
        "unreadMention",
    )
    add(
        "group-mention-by-membership",
        [comment("alice", 2, body(paragraph(text("ping "), mention("g3", kind="group"))))],
        "unreadMention",
    )
    add(
        "read-in-part",
        [
            comment("alice", 2, body(paragraph(text("read already")))),
            comment("bob", 6, body(paragraph(text("new since"), text(" read", bold=True)))),
        ],
        "unreadReplies",
        read_at=at(4),
    )
    add(
        "nothing-unread",
        [comment(USER, 2, body(paragraph(text("only mine"))))],
        None,
    )
    return scenarios


USERS = {
    "alice": {"name": "Alice <Admin>", "avatar": "https://example.com/a.png"},
    "bob": {"name": "Bob & co"},
    "dave": {"name": "Dave"},
}
GROUPS = {"design": {"name": 'Design "team"'}, "reviewers": {"name": "Reviewers"}}

#: name -> (users, groups, room info, styles); None: no such resolver.
OPTIONS: dict[str, tuple[Any, Any, Any, Any]] = {
    "defaults": (None, None, None, None),
    "resolved": (
        USERS,
        GROUPS,
        {"name": "Design review", "url": "https://app.example.com/rooms/room-1?tab=chat"},
        {
            "mention": {"color": "purple", "fontWeight": 600},
            "paragraph": {"fontSize": 16, "lineHeight": 1.5, "margin": "0 0 8px"},
        },
    ),
    "relative-room-url": (USERS, None, {"url": "/rooms/room-1"}, None),
}
