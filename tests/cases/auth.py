"""Auth operations: ID tokens, access tokens, and access-token sessions."""

from __future__ import annotations

from typing import Any

from liveblocks import models

from ._case import OpCase, example

AUTHORIZE_BODY = example("AuthorizeUserRequestBody")
IDENTIFY_BODY = example("IdentifyUserRequestBody")
TOKEN = example("AuthorizeUserResponse")["token"]


def check_access_token(value: Any) -> None:
    assert isinstance(value, models.AuthorizeUserResponse)
    assert value.token == TOKEN


def check_id_token(value: Any) -> None:
    assert isinstance(value, models.IdentifyUserResponse)
    assert value.token == TOKEN


CASES = [
    OpCase(
        "authorize_user",
        lambda c: c.authorize_user(
            body=models.AuthorizeUserRequestBody(
                user_id="user-123",
                user_info=models.AuthorizeUserRequestBodyUserInfo(
                    name="bob", avatar="https://example.org/images/user123.jpg"
                ),
                organization_id="acme-corp",
                permissions=models.AuthorizeUserRequestBodyPermissions(
                    {
                        "my-room-1": [models.RoomPermissionItem.ROOMWRITE],
                        "my-room-2": ["room:write"],
                        "my- room-*": ["room:read"],
                    }
                ),
            )
        ),
        "POST",
        "/v2/authorize-user",
        body=AUTHORIZE_BODY,
        response={**example("AuthorizeUserResponse"), "futureField": 1},
        check=check_access_token,
        resource=lambda c: c.auth.authorize_user(
            user_id="user-123",
            permissions={
                "my-room-1": ["room:write"],
                "my-room-2": ["room:write"],
                "my- room-*": ["room:read"],
            },
            user_info={"name": "bob", "avatar": "https://example.org/images/user123.jpg"},
            organization_id="acme-corp",
        ),
    ),
    OpCase(
        "authorize_user",
        lambda c: c.authorize_user(
            body=models.AuthorizeUserRequestBody(
                user_id="user-123",
                user_info={"name": "bob", "avatar": "https://example.org/images/user123.jpg"},
                organization_id="acme-corp",
                permissions={
                    "my-room-1": ["room:write"],
                    "my-room-2": ["room:write"],
                    "my- room-*": ["room:read"],
                },
            )
        ),
        "POST",
        "/v2/authorize-user",
        body=AUTHORIZE_BODY,
        response=example("AuthorizeUserResponse"),
        check=check_access_token,
        resource=lambda c: (
            c.prepare_session(
                "user-123",
                user_info={"name": "bob", "avatar": "https://example.org/images/user123.jpg"},
                organization_id="acme-corp",
            )
            .allow("my-room-1", ["room:write"])
            .allow("my-room-2", [models.RoomPermissionItem.ROOMWRITE])
            .allow("my- room-*", ["room:read"])
            .allow("my-room-2", ["room:write"])
            .authorize()
        ),
        id="session",
    ),
    OpCase(
        "authorize_user",
        lambda c: c.authorize_user(
            body=models.AuthorizeUserRequestBody(
                user_id="u",
                permissions={"*": ["*:read"]},
            )
        ),
        "POST",
        "/v2/authorize-user",
        body={
            "userId": "u",
            "permissions": {"*": ["*:read"]},
        },
        response=example("AuthorizeUserResponse"),
        check=check_access_token,
        resource=lambda c: (
            (session := c.prepare_session("u")).allow("*", session.READ_ACCESS).authorize()
        ),
        id="session-minimal",
    ),
    OpCase(
        "identify_user",
        lambda c: c.identify_user(
            body=models.IdentifyUserRequestBody(
                user_id="user-123",
                organization_id="acme-corp",
                group_ids=["marketing", "engineering"],
                user_info=models.IdentifyUserRequestBodyUserInfo(
                    name="bob", avatar="https://example.org/images/user123.jpg"
                ),
            )
        ),
        "POST",
        "/v2/identify-user",
        body=IDENTIFY_BODY,
        response=example("IdentifyUserResponse"),
        check=check_id_token,
        resource=lambda c: c.auth.identify_user(
            user_id="user-123",
            organization_id="acme-corp",
            group_ids=("marketing", "engineering"),
            user_info={"name": "bob", "avatar": "https://example.org/images/user123.jpg"},
        ),
    ),
    OpCase(
        "identify_user",
        lambda c: c.identify_user(body=models.IdentifyUserRequestBody(user_id="user-123")),
        "POST",
        "/v2/identify-user",
        body={"userId": "user-123"},
        response=example("IdentifyUserResponse"),
        check=check_id_token,
        resource=lambda c: c.auth.identify_user(user_id="user-123"),
        id="minimal",
    ),
]
