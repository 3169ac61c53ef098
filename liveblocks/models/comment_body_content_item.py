"""A model in a module of its own, as the official package has it."""

from .._models.comments import CommentBodyContentItem

__all__ = ["CommentBodyContentItem"]
