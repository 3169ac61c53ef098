"""ID tokens and access tokens from the real Liveblocks dev server, through both clients.

The tokens are JWTs; their payload (the middle part, base64url) is read here without
verifying the signature, to check that it names the user, the rooms and the permissions.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks.errors import UnprocessableEntityError


def payload(token: str) -> dict[str, Any]:
    """The claims of a JWT, unverified."""
    header, body, _signature = token.split(".")
    assert header and body
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return decoded


# -- sync ----------------------------------------------------------------------------------


def test_prepare_session_authorize(live: Liveblocks, room_id: str) -> None:
    session = live.prepare_session("alice", user_info={"name": "Alice", "color": "#f00"})
    session.allow(room_id, session.FULL_ACCESS).allow("team-a-*", session.READ_ACCESS)
    result = session.authorize()
    assert isinstance(result, models.AuthorizeUserResponse)
    claims = payload(result.token)
    assert claims["uid"] == "alice"
    assert claims["perms"] == {
        room_id: ["*:write"],
        "team-a-*": ["*:read"],
    }
    assert claims["ui"] == {"name": "Alice", "color": "#f00"}
    assert claims["exp"] > claims["iat"]


def test_authorize_user_flat_and_resource(live: Liveblocks, room_id: str) -> None:
    flat = live.authorize_user(
        body=models.AuthorizeUserRequestBody(
            user_id="bob",
            permissions={room_id: [models.RoomPermissionItem.ROOMREAD]},
            organization_id="acme",
        )
    )
    claims = payload(flat.token)
    assert (claims["uid"], claims["perms"]) == ("bob", {room_id: ["room:read"]})

    resource = live.auth.authorize_user(
        user_id="bob", permissions={"*": ["storage:read", "comments:none"]}
    )
    claims = payload(resource.token)
    assert (claims["uid"], claims["perms"]) == ("bob", {"*": ["storage:read", "comments:none"]})


def test_identify_user_flat_and_resource(live: Liveblocks) -> None:
    flat = live.identify_user(
        body=models.IdentifyUserRequestBody(
            user_id="carol", group_ids=["marketing", "engineering"], user_info={"name": "Carol"}
        )
    )
    assert isinstance(flat, models.IdentifyUserResponse)
    claims = payload(flat.token)
    assert claims["uid"] == "carol"
    assert claims["gids"] == ["marketing", "engineering"]
    assert claims["ui"] == {"name": "Carol"}
    assert "perms" not in claims

    resource = live.auth.identify_user(user_id="dave")
    assert payload(resource.token)["uid"] == "dave"


def test_the_server_refuses_what_sessions_would_catch(live: Liveblocks) -> None:
    # The flat method sends what it is given; the server answers 422.
    with pytest.raises(UnprocessableEntityError):
        live.authorize_user(
            body=models.AuthorizeUserRequestBody(user_id="eve", permissions={"r": ["room:admin"]})
        )
    # A session refuses it before any request.
    with pytest.raises(ValueError, match="Not a valid permission: room:admin"):
        live.prepare_session("eve").allow("r", ["room:admin"])


# -- async ---------------------------------------------------------------------------------


async def test_async_prepare_session_authorize(alive: AsyncLiveblocks, room_id: str) -> None:
    session = alive.prepare_session("alice", user_info={"name": "Alice"}, organization_id="acme")
    result = await session.allow(room_id, ["room:write"]).allow("*", ["room:read"]).authorize()
    assert isinstance(result, models.AuthorizeUserResponse)
    claims = payload(result.token)
    assert claims["uid"] == "alice"
    assert claims["perms"] == {room_id: ["room:write"], "*": ["room:read"]}
    assert claims["ui"] == {"name": "Alice"}


async def test_async_authorize_and_identify(alive: AsyncLiveblocks, room_id: str) -> None:
    flat = await alive.authorize_user(
        body=models.AuthorizeUserRequestBody(user_id="bob", permissions={room_id: ["room:read"]})
    )
    assert payload(flat.token)["perms"] == {room_id: ["room:read"]}
    resource = await alive.auth.authorize_user(
        user_id="bob", permissions={room_id: ["room:write"]}, user_info={"name": "Bob"}
    )
    claims = payload(resource.token)
    assert (claims["uid"], claims["perms"], claims["ui"]) == (
        "bob",
        {room_id: ["room:write"]},
        {"name": "Bob"},
    )

    identified = await alive.identify_user(
        body=models.IdentifyUserRequestBody(user_id="carol", group_ids=["g1"])
    )
    claims = payload(identified.token)
    assert (claims["uid"], claims["gids"]) == ("carol", ["g1"])
    assert payload((await alive.auth.identify_user(user_id="dave")).token)["uid"] == "dave"
