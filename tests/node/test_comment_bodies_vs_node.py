"""Comment bodies stringified, their mentions, and bodies made from Markdown: the SDK's
functions give exactly what @liveblocks/node's give on the same inputs (tests/comment_corpus.py),
on the sync and the async face, from dicts and from the SDK's models."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from liveblocks import models
from liveblocks.comment_body import (
    get_mentions_from_comment_body,
    markdown_to_comment_body,
    stringify_comment_body,
    stringify_comment_body_async,
)
from tests.comment_corpus import BODIES, GROUPS, MARKDOWN, OPTIONS, USERS
from tests.nodesdk import run_node

STRINGIFY = [(index, option) for index in range(len(BODIES)) for option in OPTIONS]


def _node_case(body: dict[str, Any], option: tuple[str | None, str | None, bool]) -> Any:
    fmt, separator, resolved = option
    return {
        "body": body,
        "format": fmt,
        "separator": separator,
        "users": USERS if resolved else None,
        "groups": GROUPS if resolved else None,
    }


def _markdown_inputs() -> list[str]:
    """The corpus, and every body written as Markdown (so Markdown comes back in)."""
    written = [stringify_comment_body(b, format="markdown", resolve_users=_users) for b in BODIES]
    return MARKDOWN + written


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    cases = {
        "stringify": [_node_case(BODIES[i], option) for i, option in STRINGIFY],
        "mentions": BODIES,
        "markdown": _markdown_inputs(),
    }
    path = tmp_path_factory.mktemp("bodies") / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    result: dict[str, Any] = run_node("helpers.mjs", str(path))
    return result


def _users(ids: list[str]) -> list[Any]:
    return [USERS.get(i) for i in ids]


def _groups(ids: list[str]) -> list[Any]:
    return [GROUPS.get(i) for i in ids]


async def _async_users(ids: list[str]) -> list[Any]:
    await asyncio.sleep(0)
    return _users(ids)


async def _async_groups(ids: list[str]) -> list[Any]:
    await asyncio.sleep(0)
    return _groups(ids)


def _options(option: tuple[str | None, str | None, bool], mode: str) -> dict[str, Any]:
    fmt, separator, resolved = option
    options: dict[str, Any] = {"separator": separator}
    if fmt is not None:
        options["format"] = fmt
    if resolved:
        sync = mode == "sync"
        options["resolve_users"] = _users if sync else _async_users
        options["resolve_groups_info"] = _groups if sync else _async_groups
    return options


@pytest.mark.parametrize(("number", "case"), list(enumerate(STRINGIFY)), ids=str)
def test_stringify_equals_node(number: int, case: tuple[int, Any], node: dict[str, Any]) -> None:
    index, option = case
    expected = node["stringify"][number]
    body = BODIES[index]
    assert stringify_comment_body(body, **_options(option, "sync")) == expected
    as_model = models.CommentBody.from_dict(body)
    assert stringify_comment_body(as_model, **_options(option, "sync")) == expected
    awaited = asyncio.run(stringify_comment_body_async(body, **_options(option, "async")))
    assert awaited == expected


def test_the_corpus_covers_every_element_and_escape(node: dict[str, Any]) -> None:
    html = "\n".join(node["stringify"])
    for piece in (
        "<strong>",
        "<em>",
        "<s>",
        "<code>",
        "<a href=",
        "data-mention",
        "&lt;",
        "&amp;",
        "&quot;",
        "&#39;",
    ):
        assert piece in html, piece
    markdown = "\n".join(
        node["stringify"][n] for n, (_, o) in enumerate(STRINGIFY) if o[0] == "markdown"
    )
    for piece in ("**", "_", "~~", "`", "](", "\\_", "\\*", "\\[", "\\("):
        assert piece in markdown, piece


@pytest.mark.parametrize("index", range(len(BODIES)))
def test_mentions_equal_node(index: int, node: dict[str, Any]) -> None:
    assert get_mentions_from_comment_body(BODIES[index]) == node["mentions"][index]
    as_model = models.CommentBody.from_dict(BODIES[index])
    assert get_mentions_from_comment_body(as_model) == node["mentions"][index]


@pytest.mark.parametrize("number", range(len(_markdown_inputs())))
def test_markdown_to_comment_body_equals_node(number: int, node: dict[str, Any]) -> None:
    text = _markdown_inputs()[number]
    assert markdown_to_comment_body(text) == node["markdown"][number], text


def test_a_body_made_from_markdown_is_a_valid_model(node: dict[str, Any]) -> None:
    for made in node["markdown"]:
        assert models.CommentBody.from_dict(made).version == 1
