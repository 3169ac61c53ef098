"""A model in a module of its own, as the official package has it."""

from .._models.yjs import YjsVersionAuthorsItem

__all__ = ["YjsVersionAuthorsItem"]
