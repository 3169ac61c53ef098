"""prepare_thread_notification_email gives the data and the HTML @liveblocks/emails'
prepareThreadNotificationEmailAsHtml gives (None where it gives null), both SDKs reading the
same threads, inbox notifications and groups from one stateful fake API on loopback; on
the sync client and on the async one (with coroutine resolvers)."""

from __future__ import annotations

import asyncio
import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.emails import prepare_thread_notification_email
from tests.email_scenarios import OPTIONS, Scenario, fill
from tests.fakes.comments_fake import CommentsFake, serve
from tests.fakes.faultserver import FaultServer
from tests.nodesdk import run_node

SECRET = "sk_test_emails_0123456789"


@pytest.fixture(scope="module")
def api() -> Iterator[tuple[FaultServer, list[Scenario]]]:
    fake = CommentsFake()
    scenarios = fill(fake)
    with serve(fake) as server:
        yield server, scenarios


CASES = [(s, o) for s in range(6) for o in OPTIONS]


@pytest.fixture(scope="module")
def node(api: tuple[FaultServer, list[Scenario]], tmp_path_factory: pytest.TempPathFactory) -> Any:
    server, scenarios = api
    cases = []
    for index, option in CASES:
        users, groups, room_info, styles = OPTIONS[option]
        cases.append(
            {
                "event": scenarios[index].event,
                "users": users,
                "groups": groups,
                "roomInfo": room_info,
                "styles": styles,
            }
        )
    path: Path = tmp_path_factory.mktemp("emails") / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    return run_node("thread_email.mjs", str(path), base_url=server.url, secret=SECRET)


def _resolvers(option: str, mode: str) -> dict[str, Any]:
    users, groups, room_info, styles = OPTIONS[option]

    def lookup(infos: dict[str, Any]) -> Any:
        def sync(ids: list[str]) -> list[Any]:
            return [infos.get(i) for i in ids]

        async def awaited(ids: list[str]) -> list[Any]:
            await asyncio.sleep(0)
            return sync(ids)

        return sync if mode == "sync" else awaited

    def room(room_id: str) -> Any:
        return room_info

    async def room_async(room_id: str) -> Any:
        return room_info

    options: dict[str, Any] = {"styles": styles}
    if users is not None:
        options["resolve_users"] = lookup(users)
    if groups is not None:
        options["resolve_groups_info"] = lookup(groups)
    if room_info is not None:
        options["resolve_room_info"] = room if mode == "sync" else room_async
    return options


def _comparable(data: Any) -> Any:
    """The email's data with its dates as datetimes (Node writes milliseconds)."""
    if data is None:
        return None
    found = json.loads(json.dumps(data))
    for comment in found.get("comments") or [found.get("comment")]:
        stamp = comment["createdAt"].replace("Z", "+00:00")
        comment["createdAt"] = datetime.datetime.fromisoformat(stamp)
    return found


def _sync(url: str, event: Any, options: dict[str, Any]) -> Any:
    with Liveblocks(SECRET, base_url=url) as client:
        return prepare_thread_notification_email(client, event, **options)


async def _async(url: str, event: Any, options: dict[str, Any]) -> Any:
    async with AsyncLiveblocks(SECRET, base_url=url) as client:
        return await prepare_thread_notification_email(client, event, **options)


@pytest.mark.parametrize("number", range(len(CASES)), ids=lambda n: f"{CASES[n][0]}-{CASES[n][1]}")
def test_the_email_equals_nodes(
    number: int, node: Any, api: tuple[FaultServer, list[Scenario]]
) -> None:
    server, scenarios = api
    index, option = CASES[number]
    scenario = scenarios[index]
    expected = node[number]
    assert (expected or {}).get("type") == scenario.expected_type, scenario.name
    got = _sync(server.url, scenario.event, _resolvers(option, "sync"))
    awaited = asyncio.run(_async(server.url, scenario.event, _resolvers(option, "async")))
    for result in (got, awaited):
        assert (None if result is None else result.type) == scenario.expected_type
        assert _comparable(None if result is None else result.to_dict()) == _comparable(expected)


def test_the_corpus_reaches_every_part_of_the_email(node: Any) -> None:
    html = json.dumps(node)
    for piece in ("<strong style=", "<code style=", "<a href=", "data-mention", "&lt;", "#cm_"):
        assert piece in html, piece
    assert "color:purple;font-weight:600;" in html
    assert "font-size:16px;line-height:1.5;margin:0 0 8px;" in html


def test_groups_are_read_page_after_page(api: tuple[FaultServer, list[Scenario]]) -> None:
    server, scenarios = api
    server.requests.clear()
    _sync(server.url, scenarios[3].event, {})
    groups = [r.target for r in server.requests if r.path.endswith("/groups")]
    assert len(groups) == 2  # three groups, two a page
    assert "startingAfter=2" in groups[1]
