"""Auth: ``client.auth``, tokens your back end gives to its front end."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._call import Call, M, Resource, endpoint
from .._models.auth import (
    AuthorizeUserRequestBody,
    AuthorizeUserResponse,
    IdentifyUserRequestBody,
    IdentifyUserResponse,
)
from ..types import UNSET, Unset
from ._common import json_call

__all__ = ["AuthResource"]


class AuthResource(Resource[M]):
    """ID tokens (``identify_user``) and access tokens (``authorize_user``; see also
    ``client.prepare_session``, which checks permissions before asking)."""

    @endpoint
    def identify_user(
        self,
        *,
        user_id: str,
        organization_id: str | Unset = UNSET,
        group_ids: Sequence[str] | Unset = UNSET,
        user_info: Mapping[str, Any] | Unset = UNSET,
    ) -> Call[IdentifyUserResponse]:
        """An ID token for ``user_id``: rooms decide what the user (or one of
        ``group_ids``) may do. ``user_info`` (``name``, ``avatar``, ...) is public."""
        return self._identify_user(
            IdentifyUserRequestBody(
                user_id=user_id,
                organization_id=organization_id,
                group_ids=group_ids,
                user_info=user_info,
            )
        )

    def _identify_user(self, body: IdentifyUserRequestBody) -> Call[IdentifyUserResponse]:
        return json_call("POST", self._path + "/identify-user", IdentifyUserResponse, body)

    @endpoint
    def authorize_user(
        self,
        *,
        user_id: str,
        permissions: Mapping[str, Sequence[str]],
        user_info: Mapping[str, Any] | Unset = UNSET,
        organization_id: str | Unset = UNSET,
    ) -> Call[AuthorizeUserResponse]:
        """An access token for ``user_id`` that carries its permissions: room id or
        pattern (ending in ``*``) -> permissions, e.g. ``{"doc-*": ["room:read"]}``."""
        return self._authorize_user(
            AuthorizeUserRequestBody(
                user_id=user_id,
                permissions=permissions,
                user_info=user_info,
                organization_id=organization_id,
            )
        )

    def _authorize_user(self, body: AuthorizeUserRequestBody) -> Call[AuthorizeUserResponse]:
        return json_call("POST", self._path + "/authorize-user", AuthorizeUserResponse, body)
