"""A model in a module of its own, as the official package has it."""

from .._models.comments import EditCommentRequestBody

__all__ = ["EditCommentRequestBody"]
