"""A model in a module of its own, as the official package has it."""

from .._models.rooms import UpdateRoomRequestBodyUsersAccessesAdditionalPropertyType0Item

__all__ = ["UpdateRoomRequestBodyUsersAccessesAdditionalPropertyType0Item"]
