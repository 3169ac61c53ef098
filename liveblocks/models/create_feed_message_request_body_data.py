"""A model in a module of its own, as the official package has it."""

from .._models.feeds import CreateFeedMessageRequestBodyData

__all__ = ["CreateFeedMessageRequestBodyData"]
