"""Models of the Auth operations: ID tokens and access tokens for your front end."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..types import UNSET, Unset
from ._base import FreeForm, Model, WithAdditionalProperties

__all__ = [
    "Authorization",
    "AuthorizeUserRequestBody",
    "AuthorizeUserRequestBodyPermissions",
    "AuthorizeUserRequestBodyUserInfo",
    "AuthorizeUserResponse",
    "IdentifyUserRequestBody",
    "IdentifyUserRequestBodyUserInfo",
    "IdentifyUserResponse",
]


class AuthorizeUserRequestBodyPermissions(FreeForm):
    """Room id or pattern (``"team-a-*"``) -> permissions, e.g. ``{"doc-1": ["room:write"]}``."""


class AuthorizeUserRequestBodyUserInfo(FreeForm):
    """Public info other users see (``name``, ``avatar``, any keys of your own)."""


class IdentifyUserRequestBodyUserInfo(FreeForm):
    """Public info other users see (``name``, ``avatar``, any keys of your own)."""


# Bodies take the official package's models or plain dicts; from_dict builds the models.
if TYPE_CHECKING:
    Permissions = AuthorizeUserRequestBodyPermissions | Mapping[str, Sequence[str]]
    AuthorizeUserInfo = AuthorizeUserRequestBodyUserInfo | Mapping[str, Any]
    IdentifyUserInfo = IdentifyUserRequestBodyUserInfo | Mapping[str, Any]
else:
    Permissions = AuthorizeUserRequestBodyPermissions
    AuthorizeUserInfo = AuthorizeUserRequestBodyUserInfo
    IdentifyUserInfo = IdentifyUserRequestBodyUserInfo


class AuthorizeUserRequestBody(Model):
    """An access token's user and the permissions it carries, per room or room pattern."""

    user_id: str
    permissions: Permissions
    user_info: AuthorizeUserInfo | Unset = UNSET
    organization_id: str | Unset = UNSET


class AuthorizeUserResponse(Model):
    """``token``: an access token (a JWT) for the Liveblocks client."""

    token: str


class IdentifyUserRequestBody(Model):
    """An ID token's user and the groups it belongs to; permissions stay on the rooms."""

    user_id: str
    organization_id: str | Unset = UNSET
    group_ids: Sequence[str] | Unset = UNSET
    user_info: IdentifyUserInfo | Unset = UNSET


class IdentifyUserResponse(Model):
    """``token``: an ID token (a JWT) for the Liveblocks client."""

    token: str


class Authorization(WithAdditionalProperties, Model):
    """A token answer, in the reference's general form."""

    token: str | Unset = UNSET
