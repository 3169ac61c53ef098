"""The fake API of case 11 in a process of its own (so that its work is not counted as the
client's): builds the 10,000 comment bodies and the 1,000 threads with their inbox
notifications, writes the bodies, the users and the webhook events to PATH as JSON, prints
the fake's URL, and serves until its standard input closes.

    python comments_fake.py PATH
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))  # the fake API lives with the tests

from tests.fakes.comments_fake import CommentsFake, serve  # noqa: E402

BODIES = 10_000
EMAILS = 1_000
USERS = {f"user-{i}": {"name": f"User {i} <{i}@example.com>"} for i in range(50)}


def _inline(rng: random.Random) -> dict[str, Any]:
    kind = rng.random()
    if kind < 0.15:
        return {"type": "mention", "kind": "user", "id": rng.choice(list(USERS))}
    if kind < 0.25:
        return {"type": "link", "url": f"https://example.com/doc/{rng.randrange(999)}?x=1"}
    words = " ".join(
        rng.choice(["review", "the", "draft", "<ok>", "a & b", "*star*", "ship"])
        for _ in range(rng.randrange(2, 9))
    )
    marks = {m: True for m in ("bold", "italic", "strikethrough", "code") if rng.random() < 0.15}
    return {"text": words + " ", **marks}


def corpus() -> list[dict[str, Any]]:
    rng = random.Random(11)
    return [
        {
            "version": 1,
            "content": [
                {
                    "type": "paragraph",
                    "children": [_inline(rng) for _ in range(rng.randrange(2, 8))],
                }
                for _ in range(rng.randrange(1, 4))
            ],
        }
        for _ in range(BODIES)
    ]


def fill(fake: CommentsFake, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A thread of three comments and a notification per email; the webhook events."""
    events = []
    for n in range(EMAILS):
        stamp = f"2024-05-01T10:{n % 60:02d}:00.000Z"
        comments = [
            {
                "userId": f"user-{(n + k) % 50}",
                "createdAt": stamp,
                "body": bodies[(3 * n + k) % BODIES],
            }
            for k in range(3)
        ]
        thread = fake.add_thread("room-bench", comments)
        notification = fake.add_inbox_notification(
            "reader", "room-bench", thread["id"], "2024-05-01T11:00:00.000Z"
        )
        events.append(
            {
                "type": "notification",
                "data": {
                    "channel": "email",
                    "kind": "thread",
                    "projectId": "pr_bench",
                    "roomId": "room-bench",
                    "threadId": thread["id"],
                    "userId": "reader",
                    "inboxNotificationId": notification["id"],
                    "createdAt": "2024-05-01T11:00:00.000Z",
                    "triggeredAt": "2024-05-01T09:00:00.000Z",
                },
            }
        )
    fake.add_group("readers", ["reader"])
    return events


def main() -> None:
    bodies = corpus()
    fake = CommentsFake()
    events = fill(fake, bodies)
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump({"bodies": bodies, "users": USERS, "events": events}, f)
    with serve(fake) as server:
        print(server.url, flush=True)
        sys.stdin.read()  # until the case closes it


main()
