"""A model in a module of its own, as the official package has it."""

from .._models.storage import ReplaceJsonPatchOperation

__all__ = ["ReplaceJsonPatchOperation"]
