"""Access-token sessions: what ``prepare_session(...).allow(...)`` accepts and refuses, before
any request is made."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator
from typing import ClassVar

import pytest
import responses

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks.session import (
    ALL_PERMISSIONS,
    FULL_ACCESS,
    MAX_ROOMS_PER_TOKEN,
    READ_ACCESS,
    AsyncSession,
    Session,
    TooManyRoomsError,
)
from tests.fakes.aiomock import api_mock

BASE = "https://api.liveblocks.test"
ANY_URL = re.compile(r"https://api\.liveblocks\.test/.*")


@pytest.fixture
def client() -> Iterator[Liveblocks]:
    with Liveblocks("sk_test_session", base_url=BASE) as client:
        yield client


def test_prepare_session_gives_the_client_s_session_class(client: Liveblocks) -> None:
    session = client.prepare_session("alice")
    assert isinstance(session, Session)
    assert session.user_id == "alice"
    assert session.permissions == {}
    assert isinstance(AsyncLiveblocks("sk_x", base_url=BASE).prepare_session("a"), AsyncSession)
    assert repr(session) == "<Session user_id='alice' rooms=[]>"


def test_allow_chains_merges_and_keeps_order(client: Liveblocks) -> None:
    session = client.prepare_session("alice")
    same = session.allow("doc-1", ["room:read"]).allow("team-*", READ_ACCESS)
    assert same is session
    session.allow("doc-1", [models.RoomPermissionItem.ROOMWRITE, "room:read"])
    assert session.permissions == {
        "doc-1": ["room:read", "room:write"],
        "team-*": list(READ_ACCESS),
    }
    assert all(type(p) is str for perms in session.permissions.values() for p in perms)


@pytest.mark.parametrize(
    "pattern", ["*", "a", "a*", "my room/ü?#*", "x" * 128, "x" * 128 + "*", "a.b:c-*"]
)
def test_valid_room_patterns(client: Liveblocks, pattern: str) -> None:
    client.prepare_session("alice").allow(pattern, FULL_ACCESS)


@pytest.mark.parametrize("pattern", ["", "**", "a**", "*a", "a*b", "x" * 129, "x" * 129 + "*"])
def test_invalid_room_patterns(client: Liveblocks, pattern: str) -> None:
    with pytest.raises(ValueError, match="Invalid room name or pattern"):
        client.prepare_session("alice").allow(pattern, FULL_ACCESS)


def test_every_api_permission_is_accepted(client: Liveblocks) -> None:
    session = client.prepare_session("alice").allow("doc", sorted(ALL_PERMISSIONS))
    assert set(session.permissions["doc"]) == ALL_PERMISSIONS
    assert {
        "room:write",
        "room:read",
        "room:presence:write",
        "comments:write",
        "comments:read",
    } <= ALL_PERMISSIONS


@pytest.mark.parametrize("permission", ["room:admin", "ROOM:WRITE", "", "room:write "])
def test_unknown_permissions_are_refused(client: Liveblocks, permission: str) -> None:
    with pytest.raises(ValueError, match="Not a valid permission"):
        client.prepare_session("alice").allow("doc", ["room:read", permission])


def test_empty_permission_list_is_refused(client: Liveblocks) -> None:
    with pytest.raises(ValueError, match="Permission list cannot be empty"):
        client.prepare_session("alice").allow("doc", [])


def test_a_single_string_is_not_a_permission_list(client: Liveblocks) -> None:
    with pytest.raises(ValueError, match=r"Not a valid permission: r .*a list"):
        client.prepare_session("alice").allow("doc", "room:write")


def test_at_most_ten_rooms(client: Liveblocks) -> None:
    session = client.prepare_session("alice")
    for i in range(MAX_ROOMS_PER_TOKEN):
        session.allow(f"room-{i}", ["room:read"])
    session.allow("room-0", ["room:write"])  # an existing room does not count again
    with pytest.raises(TooManyRoomsError, match="more than 10 rooms") as info:
        session.allow("room-10", ["room:read"])
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, RuntimeError)
    assert len(session.permissions) == MAX_ROOMS_PER_TOKEN


@pytest.mark.parametrize("user_id", ["", None, 42])
def test_user_id_must_be_a_non_empty_string(client: Liveblocks, user_id: object) -> None:
    with pytest.raises(ValueError, match="user_id"):
        client.prepare_session(user_id)  # type: ignore[arg-type]


def test_authorize_without_permissions_warns_as_the_reference_does(client: Liveblocks) -> None:
    session = client.prepare_session("alice")
    with (
        responses.RequestsMock() as mock,
        pytest.warns(UserWarning, match="Access tokens without any permission"),
    ):
        mock.add("POST", ANY_URL, json={"token": "t.o.k"})
        session.authorize()
        assert json.loads(mock.calls[0].request.body) == {"userId": "alice", "permissions": {}}


def test_authorize_sends_the_permissions_once(client: Liveblocks) -> None:
    session = client.prepare_session(
        "alice", user_info={"name": "Alice"}, organization_id="org-1"
    ).allow("doc-*", ["room:write", "comments:write"])
    with responses.RequestsMock() as mock:
        mock.add("POST", ANY_URL, json={"token": "t.o.k"})
        result = session.authorize()
        assert json.loads(mock.calls[0].request.body) == {
            "userId": "alice",
            "permissions": {"doc-*": ["room:write", "comments:write"]},
            "userInfo": {"name": "Alice"},
            "organizationId": "org-1",
        }
        assert mock.calls[0].request.url == f"{BASE}/v2/authorize-user"
    assert result == models.AuthorizeUserResponse(token="t.o.k")
    with pytest.raises(RuntimeError, match="You cannot reuse Session instances"):
        session.authorize()
    with pytest.raises(RuntimeError, match="You can no longer change these permissions"):
        session.allow("other", ["room:read"])


async def test_async_session_authorize_is_awaited() -> None:
    with api_mock() as mock:
        async with AsyncLiveblocks("sk_test_session", base_url=BASE) as client:
            session = client.prepare_session("bob").allow("*", READ_ACCESS)
            mock.post(f"{BASE}/v2/authorize-user", payload={"token": "t.o.k"})
            pending = session.authorize()
            assert inspect.isawaitable(pending)
            result = await pending
            assert result.token == "t.o.k"
            with pytest.warns(UserWarning, match="Access tokens without any permission"):
                mock.post(f"{BASE}/v2/authorize-user", payload={"token": "t.o.k"})
                await client.prepare_session("bob").authorize()


def test_authorize_goes_through_the_client_s_authorize_user(client: Liveblocks) -> None:
    calls: list[models.AuthorizeUserRequestBody] = []

    def fake(*, body: models.AuthorizeUserRequestBody) -> models.AuthorizeUserResponse:
        calls.append(body)
        return models.AuthorizeUserResponse(token="from-the-mock")

    client.authorize_user = fake  # type: ignore[method-assign, assignment]
    session = client.prepare_session("alice", user_info={"name": "Alice"})
    result = session.allow("doc-*", ["*:write"]).authorize()  # no request: responses not active
    assert result.token == "from-the-mock"
    (body,) = calls
    assert body.user_id == "alice"
    assert isinstance(body.permissions, models.AuthorizeUserRequestBodyPermissions)
    assert body.permissions.additional_properties == {"doc-*": ["*:write"]}
    assert isinstance(body.user_info, models.AuthorizeUserRequestBodyUserInfo)
    assert body.user_info.additional_properties == {"name": "Alice"}


def test_a_subclass_overriding_authorize_user_is_used() -> None:
    class Audited(Liveblocks):
        seen: ClassVar[list[str]] = []

        def authorize_user(  # type: ignore[override]
            self, *, body: models.AuthorizeUserRequestBody
        ) -> models.AuthorizeUserResponse:
            self.seen.append(body.user_id)
            return models.AuthorizeUserResponse(token="audited")

    with Audited("sk_test_session", base_url=BASE) as client:
        token = client.prepare_session("bob").allow("*", ["*:read"]).authorize().token
    assert (token, Audited.seen) == ("audited", ["bob"])


async def test_async_authorize_goes_through_authorize_user() -> None:
    from unittest import mock

    async with AsyncLiveblocks("sk_test_session", base_url=BASE) as client:
        with mock.patch.object(
            client,
            "authorize_user",
            mock.AsyncMock(return_value=models.AuthorizeUserResponse(token="m")),
        ) as patched:
            result = await client.prepare_session("bob").allow("r", ["*:read"]).authorize()
    assert result.token == "m"
    body = patched.await_args.kwargs["body"]
    assert body.to_dict() == {"userId": "bob", "permissions": {"r": ["*:read"]}}
