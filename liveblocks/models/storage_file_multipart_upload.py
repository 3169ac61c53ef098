"""A model in a module of its own, as the official package has it."""

from .._models.files import StorageFileMultipartUpload

__all__ = ["StorageFileMultipartUpload"]
