"""Comments resource model: what it accepts as input, checked before any request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from liveblocks import Liveblocks, models

BODY = {"version": 1, "content": [{"type": "paragraph", "children": [{"text": "Hi"}]}]}


@pytest.fixture
def client() -> Iterator[Liveblocks]:
    with Liveblocks("sk_test_comments", base_url="https://api.liveblocks.test") as client:
        yield client


def test_paths_are_bound_lazily_and_shown(client: Liveblocks) -> None:
    comment = client.rooms["r 1"].threads["th/1"].comments["cm_1"]
    assert repr(comment) == "<CommentResource /v2/rooms/r%201/threads/th%2F1/comments/cm_1>"
    thread = client.rooms["r"].threads["th"]
    assert thread.comments is thread.comments


@pytest.mark.parametrize("thread_id", ["", None])
def test_empty_ids_are_refused(client: Liveblocks, thread_id: object) -> None:
    with pytest.raises((ValueError, TypeError), match="thread_id"):
        client.rooms["r"].threads[thread_id]  # type: ignore[index]
    with pytest.raises(ValueError, match="comment_id"):
        client.rooms["r"].threads["th"].comments[""]


def test_dot_segments_cannot_navigate(client: Liveblocks) -> None:
    call = client.rooms["r"].threads[".."].comments["."].get.call()
    assert call.path == "/v2/rooms/r/threads/%2E%2E/comments/%2E"


def test_a_body_dict_becomes_a_comment_body(client: Liveblocks) -> None:
    comments = client.rooms["r"].threads["th"].comments
    call = comments.create.call(user_id="u", body={"content": BODY["content"]})
    assert call.body == b'{"userId":"u","body":{"version":1,"content":' + (
        b'[{"type":"paragraph","children":[{"text":"Hi"}]}]}}'
    )


@pytest.mark.parametrize("body", [{"text": "Hi"}, {"version": 1}, {**BODY, "extra": 1}])
def test_a_body_that_is_not_a_comment_body_is_refused(client: Liveblocks, body: object) -> None:
    with pytest.raises(ValueError, match="comment body"):
        client.rooms["r"].threads["th"].comments["cm"].edit.call(body=body)  # type: ignore[arg-type]


def test_a_plain_string_is_not_a_body(client: Liveblocks) -> None:
    with pytest.raises(TypeError, match="CommentBody or a dict"):
        client.rooms["r"].threads["th"].comments.create.call(user_id="u", body="Hi")  # type: ignore[arg-type]


def test_thread_comment_given_as_dict_or_model(client: Liveblocks) -> None:
    threads = client.rooms["r"].threads
    with pytest.raises(TypeError, match="user_id"):
        threads.create.call(comment={"body": BODY})
    first = models.CreateThreadRequestBodyComment(user_id="u", body=BODY)  # type: ignore[arg-type]
    call = threads.create.call(comment=first)
    assert call.body == b'{"comment":{"userId":"u","body":' + (
        b'{"version":1,"content":[{"type":"paragraph","children":[{"text":"Hi"}]}]}}}'
    )
    assert first.body is BODY  # the caller's model is left as it was


def test_remove_reaction_flat_requires_its_body_as_the_api_does(client: Liveblocks) -> None:
    with pytest.raises(TypeError, match="body"):
        client.remove_comment_reaction("r", "th", "cm")  # type: ignore[call-arg]
