"""Storage's Live structures, as Python objects."""

from .file import LiveFile

__all__ = ["LiveFile"]
