"""A model in a module of its own, as the official package has it."""

from .._models.groups import GroupMember

__all__ = ["GroupMember"]
