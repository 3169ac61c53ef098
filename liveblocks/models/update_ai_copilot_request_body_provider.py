"""A model in a module of its own, as the official package has it."""

from .._models.ai import UpdateAiCopilotRequestBodyProvider

__all__ = ["UpdateAiCopilotRequestBodyProvider"]
