"""A model in a module of its own, as the official package has it."""

from .._models.auth import IdentifyUserRequestBodyUserInfo

__all__ = ["IdentifyUserRequestBodyUserInfo"]
