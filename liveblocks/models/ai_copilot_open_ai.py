"""A model in a module of its own, as the official package has it."""

from .._models.ai import AiCopilotOpenAi

__all__ = ["AiCopilotOpenAi"]
