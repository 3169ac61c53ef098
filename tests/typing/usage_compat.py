"""Code written for the official package type-checks on ours: its deep imports resolve.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveblocks import Liveblocks, errors
from liveblocks.models.authorize_user_request_body import AuthorizeUserRequestBody
from liveblocks.models.authorize_user_request_body_permissions import (
    AuthorizeUserRequestBodyPermissions,
)
from liveblocks.models.create_room_request_body import CreateRoomRequestBody
from liveblocks.models.room import Room
from liveblocks.models.room_permission_item import RoomPermissionItem
from liveblocks.session import Session


def usage(client: Liveblocks) -> str:
    room: Room = client.create_room(
        body=CreateRoomRequestBody(id="r", default_accesses=[RoomPermissionItem.ROOMWRITE])
    )
    permissions = AuthorizeUserRequestBodyPermissions.from_dict({"r": ["*:write"]})
    token = client.authorize_user(
        body=AuthorizeUserRequestBody(user_id="u", permissions=permissions)
    )
    session: Session = client.prepare_session("u")
    failure: errors.LiveblocksError = errors.LiveblocksError("Forbidden", 403)
    if TYPE_CHECKING:
        # fmt: off
        reveal_type(room)  # expect: liveblocks._models.rooms.Room
        reveal_type(permissions)  # expect: liveblocks._models.auth.AuthorizeUserRequestBodyPermissions
        reveal_type(token)  # expect: liveblocks._models.auth.AuthorizeUserResponse
        reveal_type(session.authorize())  # expect: liveblocks._models.auth.AuthorizeUserResponse
        reveal_type(failure.status)  # expect: int | None
        # fmt: on
    return room.id + token.token
