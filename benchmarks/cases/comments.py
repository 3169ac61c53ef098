"""Case 11, comment bodies and notification emails: 10,000 comment bodies stringified in
each format (plain, Markdown, HTML, mentions resolved by a resolver), then 1,000 thread
notification emails prepared one after the other from their webhook events, against a fake
API on loopback that serves the threads, inbox notifications and groups (tests/fakes/):

- ``node``: comments_node.mjs, ``@liveblocks/node``'s ``stringifyCommentBody`` and
  ``@liveblocks/emails``' ``prepareThreadNotificationEmailAsHtml``;
- ``ours``: ``stringify_comment_body`` and ``prepare_thread_notification_email`` on the sync
  client; ``ours-async``: ``stringify_comment_body_async`` (a coroutine resolver) and the
  async client.

Both sides get the same bodies and events; a run counts only if it prepares every email
(and both write the same number of characters: the ``characters`` metric). CPU seconds
are reported beside the wall-clock ones: the fake API runs in the Python process of the
case, and the machine may be busy. The CPU seconds of the emails include the fake's own
work only for ours (Node runs in its own process): they favour Node."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from _harness import SECRET, arguments, emit

EMAILS = 1_000
args = arguments("node", "ours", "ours-async")
USERS: dict[str, Any] = {}


def resolve_users(ids: list[str]) -> list[Any]:
    return [USERS.get(i) for i in ids]


async def resolve_users_async(ids: list[str]) -> list[Any]:
    return resolve_users(ids)


def ours(bodies: list[dict[str, Any]], events: list[Any], url: str) -> dict[str, Any]:
    from liveblocks import Liveblocks, stringify_comment_body
    from liveblocks.emails import prepare_thread_notification_email

    metrics: dict[str, Any] = {}
    characters = 0
    for fmt in ("plain", "markdown", "html"):
        started, cpu = time.perf_counter(), time.process_time()
        for body in bodies:
            characters += len(stringify_comment_body(body, format=fmt, resolve_users=resolve_users))
        metrics[f"{fmt}_s"] = time.perf_counter() - started
        metrics[f"{fmt}_cpu_s"] = time.process_time() - cpu
    with Liveblocks(SECRET, base_url=url) as client:
        started, cpu = time.perf_counter(), time.process_time()
        emails = sum(
            prepare_thread_notification_email(client, e, resolve_users=resolve_users) is not None
            for e in events
        )
        metrics["emails_s"] = time.perf_counter() - started
        metrics["emails_cpu_s"] = time.process_time() - cpu
    return {**metrics, "emails": emails, "characters": characters}


async def ours_async(bodies: list[dict[str, Any]], events: list[Any], url: str) -> dict[str, Any]:
    from liveblocks import AsyncLiveblocks, stringify_comment_body_async
    from liveblocks.emails import prepare_thread_notification_email

    metrics: dict[str, Any] = {}
    characters = 0
    for fmt in ("plain", "markdown", "html"):
        started, cpu = time.perf_counter(), time.process_time()
        for body in bodies:
            text = await stringify_comment_body_async(
                body, format=fmt, resolve_users=resolve_users_async
            )
            characters += len(text)
        metrics[f"{fmt}_s"] = time.perf_counter() - started
        metrics[f"{fmt}_cpu_s"] = time.process_time() - cpu
    async with AsyncLiveblocks(SECRET, base_url=url) as client:
        started, cpu = time.perf_counter(), time.process_time()
        emails = 0
        for event in events:
            email = await prepare_thread_notification_email(
                client, event, resolve_users=resolve_users_async
            )
            emails += email is not None
        metrics["emails_s"] = time.perf_counter() - started
        metrics["emails_cpu_s"] = time.process_time() - cpu
    return {**metrics, "emails": emails, "characters": characters}


def node(corpus_path: str, url: str) -> dict[str, Any]:
    metrics: dict[str, Any] = {}
    for mode in ("bodies", "emails"):
        done = subprocess.run(
            ["node", "comments_node.mjs", mode, corpus_path, url],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            sys.exit(f"comments_node.mjs {mode} failed: {done.stderr[-2000:]}")
        metrics.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return metrics


@contextmanager
def fake_api(corpus_path: str) -> Iterator[str]:
    """The fake API in its own process (comments_fake.py); its URL."""
    process = subprocess.Popen(
        [sys.executable, "comments_fake.py", corpus_path],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        assert process.stdin is not None
        process.stdin.close()  # it stops when its input closes
        process.wait(timeout=30)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus_path = os.path.join(folder, "corpus.json")
        with fake_api(corpus_path) as url:
            with open(corpus_path, encoding="utf-8") as f:
                corpus = json.load(f)
            USERS.update(corpus["users"])
            bodies, events = corpus["bodies"], corpus["events"]
            if args.variant == "node":
                metrics = node(corpus_path, url)
            elif args.variant == "ours":
                metrics = ours(bodies, events, url)
            else:
                metrics = asyncio.run(ours_async(bodies, events, url))
    if metrics["emails"] != EMAILS:
        sys.exit(f"{metrics['emails']} emails prepared, not {EMAILS}")
    emit(**metrics)


main()
