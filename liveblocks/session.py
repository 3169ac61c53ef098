"""Access-token sessions: ``client.prepare_session(user_id).allow(room, perms).authorize()``.

A session collects the rooms (or room patterns) a user may enter and what they may do in
each, checks them before any request, and exchanges them for an access token once. The
sync client's :class:`Session` returns the token; the async client's :class:`AsyncSession`
returns an awaitable of it. Both share one definition.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from ._core import AsyncMode, Call, M, Resource, SyncMode, endpoint
from ._models.auth import AuthorizeUserRequestBody, AuthorizeUserResponse
from .types import UNSET

if TYPE_CHECKING:
    from ._resources.auth import AuthResource
    from ._resources.tree import ResourceTree

__all__ = [
    "ALL_PERMISSIONS",
    "FULL_ACCESS",
    "MAX_ROOMS_PER_TOKEN",
    "READ_ACCESS",
    "AsyncSession",
    "Permission",
    "Session",
    "TooManyRoomsError",
]

#: The permissions an access token may grant in a room.
Permission = Literal[
    "*:read",
    "*:write",
    "room:write",
    "room:read",
    "room:presence:write",
    "storage:read",
    "storage:write",
    "storage:none",
    "comments:write",
    "comments:read",
    "comments:none",
    "comments:public:write",
    "comments:public:read",
    "comments:public:none",
    "comments:private:write",
    "comments:private:read",
    "comments:private:none",
    "feeds:read",
    "feeds:write",
    "feeds:none",
]

ALL_PERMISSIONS: frozenset[str] = frozenset(get_args(Permission))

#: Read the room and its comments, show presence.
READ_ACCESS: tuple[Permission, ...] = ("room:read", "room:presence:write", "comments:read")
#: Read and write the room and its comments.
FULL_ACCESS: tuple[Permission, ...] = ("room:write", "comments:write")

#: How many rooms or patterns one access token may name.
MAX_ROOMS_PER_TOKEN = 10
_MAX_ROOM_ID_LENGTH = 128

_S = TypeVar("_S", bound="_AuthSession[Any]")


class TooManyRoomsError(ValueError, RuntimeError):
    """More rooms or patterns than one access token may hold. (Also a ``RuntimeError``,
    which other Liveblocks SDKs raise for it.)"""


class _AuthSession(Resource[M]):
    """The permissions of one access token, being built. Use :meth:`allow`, then
    :meth:`authorize` once."""

    FULL_ACCESS = FULL_ACCESS
    READ_ACCESS = READ_ACCESS

    def __init__(
        self,
        client: ResourceTree[M],
        user_id: str,
        user_info: Mapping[str, Any] | None = None,
        organization_id: str | None = None,
    ) -> None:
        if not isinstance(user_id, str) or not user_id:
            raise ValueError(f"user_id must be a non-empty string, got {user_id!r}")
        if user_info is not None and not isinstance(user_info, Mapping):
            raise TypeError(f"user_info must be a dict, got {type(user_info).__name__}")
        if organization_id is not None and not isinstance(organization_id, str):
            raise TypeError(
                f"organization_id must be a string, got {type(organization_id).__name__}"
            )
        super().__init__(client._requester, client.auth._path)
        self._auth: AuthResource[M] = client.auth
        self._user_id = user_id
        self._user_info = None if user_info is None else dict(user_info)
        self._organization_id = organization_id
        self._permissions: dict[str, dict[str, None]] = {}
        self._authorized = False

    @property
    def user_id(self) -> str:
        return self._user_id

    @property
    def permissions(self) -> dict[str, list[str]]:
        """What the token will grant so far: room id or pattern -> permissions (a copy)."""
        return {room: list(perms) for room, perms in self._permissions.items()}

    def allow(self: _S, room_id_or_pattern: str, permissions: Sequence[str]) -> _S:
        """Grant ``permissions`` in one room, or in every room whose id starts with a prefix
        (``"team-a-*"``; ``"*"`` for all rooms). Calls add up; returns the session, so
        calls chain: ``session.allow("a", s.FULL_ACCESS).allow("b-*", s.READ_ACCESS)``.

        Raises ``ValueError`` for an invalid room pattern, an empty or unknown permission,
        or an 11th room (:class:`TooManyRoomsError`)."""
        if self._authorized:
            raise RuntimeError("This session is already authorized; its permissions are final")
        _check_room_pattern(room_id_or_pattern)
        granted = _check_permissions(permissions)
        existing = self._permissions.get(room_id_or_pattern)
        if existing is None:
            if len(self._permissions) >= MAX_ROOMS_PER_TOKEN:
                raise TooManyRoomsError(
                    f"An access token can name at most {MAX_ROOMS_PER_TOKEN} rooms or patterns; "
                    f"cannot add {room_id_or_pattern!r} (use a pattern such as 'prefix*' to "
                    "cover several rooms)"
                )
            existing = self._permissions[room_id_or_pattern] = {}
        existing.update(dict.fromkeys(granted))
        return self

    @endpoint
    def authorize(self) -> Call[AuthorizeUserResponse]:
        """Exchange the session's permissions for an access token (``.token``). A session
        authorizes once; prepare a new one for each token."""
        if self._authorized:
            raise RuntimeError(
                "This session was already authorized; prepare a new session for each token"
            )
        if not self._permissions:
            # The reference SDKs warn here rather than refuse; so do we, to run their code.
            warnings.warn(
                "The session grants no permission, so its token opens no room: call "
                "allow(room_id_or_pattern, permissions) first (for every room, use a pattern "
                "such as allow('*', session.READ_ACCESS))",
                UserWarning,
                stacklevel=3,
            )
        self._authorized = True
        body = AuthorizeUserRequestBody(
            user_id=self._user_id,
            permissions=self.permissions,
            user_info=UNSET if self._user_info is None else self._user_info,
            organization_id=UNSET if self._organization_id is None else self._organization_id,
        )
        return self._auth._authorize_user(body)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} user_id={self._user_id!r} rooms={list(self._permissions)!r}>"
        )


class Session(_AuthSession[SyncMode]):
    """An access-token session of the sync client: ``authorize()`` returns the
    :class:`~liveblocks.models.AuthorizeUserResponse`."""


class AsyncSession(_AuthSession[AsyncMode]):
    """An access-token session of the async client: ``await session.authorize()``."""


def _check_room_pattern(value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"room_id_or_pattern must be a string, got {type(value).__name__}")
    prefix = value[:-1] if value.endswith("*") else value
    if value != "*" and (not prefix or "*" in prefix or len(prefix) > _MAX_ROOM_ID_LENGTH):
        raise ValueError(
            f"Invalid room id or pattern {value!r}: give a room id (1 to "
            f"{_MAX_ROOM_ID_LENGTH} characters, no '*'), a prefix followed by one '*' "
            "for every room whose id starts with it, or '*' for every room"
        )


def _check_permissions(permissions: Sequence[str]) -> list[str]:
    if isinstance(permissions, (str, bytes)):
        raise TypeError(
            f"permissions must be a list of permissions such as ['room:write'], "
            f"not the single string {permissions!r}"
        )
    names = [p.value if isinstance(p, Enum) else p for p in permissions]
    if not names:
        raise ValueError("The permission list is empty; give at least one permission")
    for name in names:
        if name not in ALL_PERMISSIONS:
            known = ", ".join(sorted(ALL_PERMISSIONS))
            raise ValueError(f"Unknown permission {name!r}; expected one of: {known}")
    return names
