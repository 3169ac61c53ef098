"""Models shared by every section."""

from __future__ import annotations

from ..types import UNSET, Unset
from ._base import Model, WithAdditionalProperties

__all__ = ["Error"]


class Error(WithAdditionalProperties, Model):
    """An error answer's body. The SDK raises it as a
    :class:`~liveblocks.errors.LiveblocksError`; this model names its fields."""

    error: str | Unset = UNSET
    message: str | Unset = UNSET
    suggestion: str | Unset = UNSET
    docs: str | Unset = UNSET
