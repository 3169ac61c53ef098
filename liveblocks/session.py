"""Access-token sessions: ``client.prepare_session(user_id).allow(room, perms).authorize()``.

A session collects the rooms (or room patterns) a user may enter and what they may do in
each, checks them before any request, and exchanges them for an access token once, through
the client's public ``authorize_user`` (so code that mocks or overrides it sees the call).
The sync client's :class:`Session` returns the token; the async client's
:class:`AsyncSession` returns an awaitable of it.
"""

from __future__ import annotations

import warnings
from collections.abc import Coroutine, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, get_args

from ._models.auth import (
    AuthorizeUserRequestBody,
    AuthorizeUserRequestBodyPermissions,
    AuthorizeUserRequestBodyUserInfo,
    AuthorizeUserResponse,
)
from .types import UNSET

if TYPE_CHECKING:
    from .client import AsyncLiveblocks, Liveblocks  # noqa: F401 - named in quotes below

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

#: Read everything in the room (``("*:read",)``, as the official 3.23 has it; kept for
#: code that uses it: ``["*:read"]`` says the same).
READ_ACCESS: tuple[Permission, ...] = ("*:read",)
#: Read and write everything in the room (``("*:write",)``; ``["*:write"]`` says the same).
FULL_ACCESS: tuple[Permission, ...] = ("*:write",)

#: How many rooms or patterns one access token may name.
MAX_ROOMS_PER_TOKEN = 10
_MAX_ROOM_ID_LENGTH = 128

_S = TypeVar("_S", bound="_AuthSession[Any]")
C = TypeVar("C")  # the client a session authorizes through


class TooManyRoomsError(ValueError, RuntimeError):
    """More rooms or patterns than one access token may hold. (A ``RuntimeError``, as the
    official package raises, and a ``ValueError``.)"""


_DOCS = "https://liveblocks.io/docs/api-reference/liveblocks-node#authorize"
_NO_PERMISSION_DOCS = (
    "https://liveblocks.io/docs/errors/liveblocks-client/access-tokens-not-enough-permissions"
)


class _AuthSession(Generic[C]):
    """The permissions of one access token, being built. Use :meth:`allow`, then
    ``authorize()`` once."""

    FULL_ACCESS = FULL_ACCESS
    READ_ACCESS = READ_ACCESS

    def __init__(
        self,
        client: C,
        user_id: str,
        user_info: Mapping[str, Any] | None = None,
        organization_id: str | None = None,
    ) -> None:
        if not user_id or not isinstance(user_id, str):
            raise ValueError(
                "Invalid value for 'user_id'. Please provide a non-empty string. "
                f"For more information: {_DOCS} (got {user_id!r})"
            )
        if user_info is not None and not isinstance(user_info, Mapping):
            raise TypeError(f"user_info must be a dict, got {type(user_info).__name__}")
        if organization_id is not None and not isinstance(organization_id, str):
            raise TypeError(
                f"organization_id must be a string, got {type(organization_id).__name__}"
            )
        self._user_id = user_id
        self._user_info = None if user_info is None else dict(user_info)
        self._organization_id = organization_id
        self._permissions: dict[str, dict[str, None]] = {}
        self._authorized = False
        self._client = client

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
        calls chain: ``session.allow("a", ["*:write"]).allow("b-*", ["*:read"])``.

        Raises ``ValueError`` for an invalid room pattern or an empty or unknown
        permission, ``RuntimeError`` for an 11th room (:class:`TooManyRoomsError`) or
        once the session is authorized. The checks run in the official package's order."""
        _check_room_pattern(room_id_or_pattern)
        granted = _check_permission_list(permissions)
        if self._authorized:
            raise RuntimeError(
                "You can no longer change these permissions. This session is authorized "
                "already: prepare a new session for each token."
            )
        existing = self._permissions.get(room_id_or_pattern)
        if existing is None and len(self._permissions) >= MAX_ROOMS_PER_TOKEN:
            raise TooManyRoomsError(
                f"You cannot add permissions for more than {MAX_ROOMS_PER_TOKEN} rooms in a "
                f"single token: cannot add {room_id_or_pattern!r} (use a pattern such as "
                "'prefix*' to cover several rooms)"
            )
        _check_permission_names(granted)
        if existing is None:
            existing = self._permissions[room_id_or_pattern] = {}
        existing.update(dict.fromkeys(granted))
        return self

    def _request_body(self) -> AuthorizeUserRequestBody:
        """The authorize-user body, once: a session authorizes one token."""
        if self._authorized:
            raise RuntimeError(
                "You cannot reuse Session instances. Please create a new session every time."
            )
        self._authorized = True
        if not self._permissions:
            # The official SDKs warn here rather than refuse; so do we, to run their code.
            warnings.warn(
                "Access tokens without any permission will not be supported soon, you should "
                "use wildcards when the client requests a token for resources outside a room. "
                f"See {_NO_PERMISSION_DOCS} (call allow(room_id_or_pattern, permissions) "
                "first; for every room, allow('*', ['*:read']))",
                UserWarning,
                stacklevel=3,
            )
        return AuthorizeUserRequestBody(
            user_id=self._user_id,
            permissions=AuthorizeUserRequestBodyPermissions(self.permissions),
            user_info=(
                UNSET
                if self._user_info is None
                else AuthorizeUserRequestBodyUserInfo(self._user_info)
            ),
            organization_id=UNSET if self._organization_id is None else self._organization_id,
        )

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} user_id={self._user_id!r} rooms={list(self._permissions)!r}>"
        )


class Session(_AuthSession["Liveblocks"]):
    """An access-token session of the sync client: ``authorize()`` returns the
    :class:`~liveblocks.models.AuthorizeUserResponse`."""

    def authorize(self) -> AuthorizeUserResponse:
        """Exchange the session's permissions for an access token (``.token``), through
        ``client.authorize_user``. A session authorizes once; prepare one per token."""
        return self._client.authorize_user(body=self._request_body())


class AsyncSession(_AuthSession["AsyncLiveblocks"]):
    """An access-token session of the async client: ``await session.authorize()``."""

    def authorize(self) -> Coroutine[Any, Any, AuthorizeUserResponse]:
        """Exchange the session's permissions for an access token (``.token``), through
        ``client.authorize_user``. A session authorizes once; prepare one per token."""
        return self._client.authorize_user(body=self._request_body())


def _check_room_pattern(value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"room_id_or_pattern must be a string, got {type(value).__name__}")
    prefix = value[:-1] if value.endswith("*") else value
    if value != "*" and (not prefix or "*" in prefix or len(prefix) > _MAX_ROOM_ID_LENGTH):
        raise ValueError(
            f"Invalid room name or pattern {value!r}: give a room id (1 to "
            f"{_MAX_ROOM_ID_LENGTH} characters, no '*'), a prefix followed by one '*' "
            "for every room whose id starts with it, or '*' for every room"
        )


def _check_permission_list(permissions: Sequence[str]) -> list[str]:
    if isinstance(permissions, (str, bytes)):
        first = permissions[:1].decode() if isinstance(permissions, bytes) else permissions[:1]
        raise ValueError(
            f"Not a valid permission: {first} (permissions must be a list such as "
            f"['room:write'], not the single string {permissions!r})"
        )
    names = [p.value if isinstance(p, Enum) else p for p in permissions]
    if not names:
        raise ValueError("Permission list cannot be empty: give at least one permission")
    return names


def _check_permission_names(names: list[str]) -> None:
    for name in names:
        if name not in ALL_PERMISSIONS:
            known = ", ".join(sorted(ALL_PERMISSIONS))
            raise ValueError(f"Not a valid permission: {name}; expected one of: {known}")
