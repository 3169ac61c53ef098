"""The webhook receivers of examples/ (FastAPI and Flask), driven by each framework's test
client against the comments fake on loopback: a genuine thread notification gets its email
rendered, a forged request is refused before any API call, other events and notifications
with nothing unread get no email."""

from __future__ import annotations

import importlib
import json
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from tests.email_scenarios import Scenario, fill
from tests.fakes.comments_fake import CommentsFake, serve
from tests.fakes.faultserver import FaultServer
from tests.unit.test_webhooks import SECRET as WEBHOOK_SECRET
from tests.unit.test_webhooks import signed_headers

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
SECRET = "sk_test_webhook_examples_0"


def _example(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(EXAMPLES))
    monkeypatch.delenv("LIVEBLOCKS_WEBHOOK_SECRET", raising=False)
    sys.modules.pop(name, None)
    return importlib.import_module(name)


@pytest.fixture
def api() -> Iterator[tuple[FaultServer, list[Scenario]]]:
    fake = CommentsFake()
    scenarios = fill(fake)
    with serve(fake) as server:
        yield server, scenarios


class Poster:
    """Posts webhook requests to one of the example apps, signed or not."""

    def __init__(self, post: Any) -> None:
        self.post = post

    def event(self, event: Any, *, forged: bool = False) -> Any:
        raw = json.dumps(event)
        headers = signed_headers(raw)
        if forged:
            headers = signed_headers(raw + " ")
        return self.post("/liveblocks-webhook", content=raw, headers=headers)


@pytest.fixture(params=["fastapi", "flask"])
def poster(
    request: pytest.FixtureRequest,
    api: tuple[FaultServer, list[Scenario]],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Poster]:
    server, _ = api
    if request.param == "fastapi":
        with warnings.catch_warnings():  # Starlette would rather have httpx2 than httpx
            warnings.simplefilter("ignore")
            from fastapi.testclient import TestClient
        example = _example("webhooks_fastapi", monkeypatch)
        app = example.create_app(AsyncLiveblocks(SECRET, base_url=server.url), WEBHOOK_SECRET)
        with TestClient(app) as client:
            yield Poster(client.post)
        return
    example = _example("webhooks_flask", monkeypatch)
    with Liveblocks(SECRET, base_url=server.url) as sync_client:
        flask_client = example.create_app(sync_client, WEBHOOK_SECRET).test_client()

        def post(url: str, *, content: str, headers: dict[str, str]) -> Any:
            return flask_client.post(url, data=content, headers=headers)

        yield Poster(post)


def _text(answer: Any) -> str:
    return answer.text if hasattr(answer, "text") else answer.get_data(as_text=True)


def _status(answer: Any) -> int:
    return int(answer.status_code)


def test_unread_replies_are_rendered(
    poster: Poster, api: tuple[FaultServer, list[Scenario]]
) -> None:
    _, scenarios = api
    answer = poster.event(scenarios[0].event)
    assert _status(answer) == 200
    html = _text(answer)
    assert "<h1>2 new replies in Room 1</h1>" in html
    assert "<b>Bob Smith</b>" in html and "<b>Alice Martin</b>" in html
    assert 'href="https://example.com/room-1#cm_' in html
    assert "5 &lt; 6 &amp; 7" in html  # the comment's text, escaped
    assert "javascript:" not in html


def test_a_mention_is_rendered(poster: Poster, api: tuple[FaultServer, list[Scenario]]) -> None:
    _, scenarios = api
    answer = poster.event(scenarios[1].event)
    assert _status(answer) == 200
    assert "<h1>Alice Martin mentioned you in Room 1</h1>" in _text(answer)


def test_a_forged_request_is_refused_before_any_api_call(
    poster: Poster, api: tuple[FaultServer, list[Scenario]]
) -> None:
    server, scenarios = api
    answer = poster.event(scenarios[0].event, forged=True)
    assert _status(answer) == 400
    assert "Invalid signature" in _text(answer)
    assert server.count == 0


def test_other_events_and_read_notifications_get_no_email(
    poster: Poster, api: tuple[FaultServer, list[Scenario]]
) -> None:
    server, scenarios = api
    other = {
        "type": "storageUpdated",
        "data": {"roomId": "room-1", "projectId": "pr_1", "updatedAt": "2024-05-01T10:00:00.000Z"},
    }
    assert _status(poster.event(other)) == 204
    assert server.count == 0
    nothing = next(s for s in scenarios if s.expected_type is None)
    assert _status(poster.event(nothing.event)) == 204
    assert server.count > 0  # it did look
