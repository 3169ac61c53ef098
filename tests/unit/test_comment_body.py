"""Comment bodies without Node: the async twin awaits resolvers (together), the sync
function refuses a coroutine resolver with a clear message, custom elements replace the
format's, and bad arguments are refused. What Node would print is checked in
tests/node/test_comment_bodies_vs_node.py."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import liveblocks
from liveblocks.comment_body import (
    LinkArgs,
    MentionArgs,
    ParagraphArgs,
    get_mentions_from_comment_body,
    stringify_comment_body,
    stringify_comment_body_async,
)
from tests.comment_corpus import body, link, mention, paragraph, text

BODY = body(
    paragraph(text("Hi "), mention("alice"), text(" and "), mention("team", kind="group")),
    paragraph(link("https://example.com/a", "a link"), text(" end", bold=True)),
)


def test_the_names_are_exported_from_the_package() -> None:
    assert liveblocks.stringify_comment_body is stringify_comment_body
    assert liveblocks.stringify_comment_body_async is stringify_comment_body_async


def test_resolvers_get_each_id_once_and_names_replace_ids() -> None:
    calls: list[list[str]] = []

    def users(ids: list[str]) -> list[dict[str, str]]:
        calls.append(ids)
        return [{"name": "Alice"} for _ in ids]

    twice = body(paragraph(mention("alice"), text(" "), mention("alice")))
    assert stringify_comment_body(twice, resolve_users=users) == "@Alice @Alice"
    assert calls == [["alice"]]


def test_the_async_twin_awaits_both_resolvers_together() -> None:
    started: list[str] = []
    both_started = asyncio.Event()

    async def users(ids: list[str]) -> list[dict[str, str]]:
        started.append("users")
        if len(started) == 2:
            both_started.set()
        await asyncio.wait_for(both_started.wait(), 5)
        return [{"name": "Alice"}]

    async def groups(ids: list[str]) -> list[dict[str, str]]:
        started.append("groups")
        if len(started) == 2:
            both_started.set()
        await asyncio.wait_for(both_started.wait(), 5)
        return [{"name": "Team"}]

    result = asyncio.run(
        stringify_comment_body_async(BODY, resolve_users=users, resolve_groups_info=groups)
    )
    assert result == "Hi @Alice and @Team\na link end"
    assert sorted(started) == ["groups", "users"]


def test_the_sync_function_refuses_a_coroutine_resolver() -> None:
    async def users(ids: list[str]) -> list[Any]:
        return []

    with pytest.raises(
        TypeError, match="resolve_users returned an awaitable: use stringify_comment_body_async"
    ):
        stringify_comment_body(BODY, resolve_users=users)


def test_custom_elements_replace_those_of_the_format() -> None:
    def paragraph_as_div(args: ParagraphArgs, index: int) -> str:
        return f"<div data-index={index}>{args.children}</div>"

    def mention_as_tag(args: MentionArgs, index: int) -> str:
        return f"[{args.element['kind']}:{args.element['id']}@{index}]"

    def link_as_href(args: LinkArgs, index: int) -> str:
        return args.href

    result = stringify_comment_body(
        BODY,
        format="html",
        separator="",
        elements={"paragraph": paragraph_as_div, "mention": mention_as_tag, "link": link_as_href},
    )
    assert result == (
        "<div data-index=0>Hi [user:alice@1] and [group:team@3]</div>"
        "<div data-index=1>https://example.com/a<strong> end</strong></div>"
    )


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format must be 'plain', 'markdown' or 'html'"):
        stringify_comment_body(BODY, format="rtf")  # type: ignore[arg-type]


def test_mentions_can_be_filtered() -> None:
    groups = get_mentions_from_comment_body(BODY, lambda m: m["kind"] == "group")
    assert groups == [{"type": "mention", "kind": "group", "id": "team"}]


def test_markdown_nested_beyond_reason_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        liveblocks.markdown_to_comment_body(">" * 3000 + " deep")
