"""A model in a module of its own, as the official package has it."""

from .._models.yjs import CreateVersionHistorySnapshotResponse

__all__ = ["CreateVersionHistorySnapshotResponse"]
