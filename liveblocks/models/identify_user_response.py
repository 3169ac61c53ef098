"""A model in a module of its own, as the official package has it."""

from .._models.auth import IdentifyUserResponse

__all__ = ["IdentifyUserResponse"]
