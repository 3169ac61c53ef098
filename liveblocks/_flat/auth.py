"""Flat methods of the Auth section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree

if TYPE_CHECKING:
    from .._models.auth import (
        AuthorizeUserRequestBody,
        AuthorizeUserResponse,
        IdentifyUserRequestBody,
        IdentifyUserResponse,
    )


class AuthFlatAPI(ResourceTree[M]):
    @endpoint
    def authorize_user(self, *, body: AuthorizeUserRequestBody) -> Call[AuthorizeUserResponse]:
        """An access token carrying the user's permissions (see ``prepare_session``)."""
        return self.auth._authorize_user(body)

    @endpoint
    def identify_user(self, *, body: IdentifyUserRequestBody) -> Call[IdentifyUserResponse]:
        """An ID token: the user's permissions stay on the rooms."""
        return self.auth._identify_user(body)
