"""A model in a module of its own, as the official package has it."""

from ..live.file import LiveFile

__all__ = ["LiveFile"]
