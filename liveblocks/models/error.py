"""A model in a module of its own, as the official package has it."""

from .._models.common import Error

__all__ = ["Error"]
