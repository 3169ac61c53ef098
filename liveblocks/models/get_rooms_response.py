"""A model in a module of its own, as the official package has it."""

from .._models.rooms import GetRoomsResponse

__all__ = ["GetRoomsResponse"]
