"""A model in a module of its own, as the official package has it."""

from .._models.management import ManagementProjectPublicKey

__all__ = ["ManagementProjectPublicKey"]
