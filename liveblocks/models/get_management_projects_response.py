"""A model in a module of its own, as the official package has it."""

from .._models.management import GetManagementProjectsResponse

__all__ = ["GetManagementProjectsResponse"]
