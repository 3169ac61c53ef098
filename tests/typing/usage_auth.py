"""Auth (ID tokens, access tokens, sessions) through both clients and both faces.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks.session import FULL_ACCESS, AsyncSession, Session


def sync_usage(client: Liveblocks) -> str:
    session = client.prepare_session("alice", user_info={"name": "Alice"}, organization_id="o")
    chained = session.allow("doc-1", FULL_ACCESS).allow("team-*", ["room:read"])
    access = chained.authorize()
    identified = client.auth.identify_user(user_id="alice", group_ids=["g"])
    authorized = client.auth.authorize_user(user_id="alice", permissions={"*": ["room:read"]})
    flat_access = client.authorize_user(
        body=models.AuthorizeUserRequestBody(user_id="alice", permissions={"*": ["room:read"]})
    )
    flat_identified = client.identify_user(body=models.IdentifyUserRequestBody(user_id="alice"))
    annotated: Session = session
    if TYPE_CHECKING:
        # fmt: off
        reveal_type(session)  # expect: liveblocks.session.Session
        reveal_type(chained)  # expect: liveblocks.session.Session
        reveal_type(access)  # expect: liveblocks._models.auth.AuthorizeUserResponse
        reveal_type(identified)  # expect: liveblocks._models.auth.IdentifyUserResponse
        reveal_type(authorized)  # expect: liveblocks._models.auth.AuthorizeUserResponse
        reveal_type(flat_access)  # expect: liveblocks._models.auth.AuthorizeUserResponse
        reveal_type(flat_identified)  # expect: liveblocks._models.auth.IdentifyUserResponse
        reveal_type(annotated.permissions)  # expect: dict[str, list[str]]
        # fmt: on
    return access.token


async def async_usage(client: AsyncLiveblocks) -> str:
    session = client.prepare_session("alice")
    pending = session.allow("*", session.READ_ACCESS).authorize()
    access = await pending
    identified = await client.auth.identify_user(user_id="alice", user_info={"name": "A"})
    authorized = await client.auth.authorize_user(
        user_id="alice", permissions={"doc": ["room:write"]}, organization_id="o"
    )
    flat_access = await client.authorize_user(
        body=models.AuthorizeUserRequestBody(user_id="alice", permissions={"*": ["room:read"]})
    )
    flat_pending = client.identify_user(body=models.IdentifyUserRequestBody(user_id="alice"))
    flat_identified = await flat_pending
    annotated: AsyncSession = session
    if TYPE_CHECKING:
        # fmt: off
        reveal_type(annotated)  # expect: liveblocks.session.AsyncSession
        _ = reveal_type(pending)  # expect: typing.Coroutine[Any, Any, liveblocks._models.auth.AuthorizeUserResponse]
        reveal_type(access)  # expect: liveblocks._models.auth.AuthorizeUserResponse
        reveal_type(identified)  # expect: liveblocks._models.auth.IdentifyUserResponse
        reveal_type(authorized)  # expect: liveblocks._models.auth.AuthorizeUserResponse
        reveal_type(flat_access)  # expect: liveblocks._models.auth.AuthorizeUserResponse
        _ = reveal_type(flat_pending)  # expect: typing.Coroutine[Any, Any, liveblocks._models.auth.IdentifyUserResponse]
        reveal_type(flat_identified)  # expect: liveblocks._models.auth.IdentifyUserResponse
        # fmt: on
    return access.token + identified.token + authorized.token
