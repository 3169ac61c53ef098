"""Models of the Storage-file operations: files uploaded into a room's Storage.

(``liveblocks.models.LiveFile``, where the official package has it, is the Live structure
:class:`liveblocks.LiveFile` itself, re-exported by ``liveblocks.models``.)"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from ._base import Model

__all__ = [
    "CompleteStorageFileMultipartUploadRequestBody",
    "LiveFileData",
    "StorageFileMultipartPart",
    "StorageFileMultipartUpload",
    "StorageFileWithUrl",
]


class LiveFileData(Model):
    """An uploaded file: ``id`` (``fl_...``), ``name``, ``size`` in bytes, ``mime_type``."""

    id: str
    name: str
    size: int
    mime_type: str


class StorageFileWithUrl(Model):
    """A file and a URL its bytes can be fetched from, until ``expires_at`` (one hour)."""

    id: str
    name: str
    size: int
    mime_type: str
    url: str
    expires_at: datetime.datetime


class StorageFileMultipartUpload(Model):
    """An open multipart upload: its ``upload_id`` names it in the part calls."""

    file_id: str
    upload_id: str


class StorageFileMultipartPart(Model):
    """One uploaded part; its ``etag`` goes back in the complete call."""

    part_number: int
    etag: str


class CompleteStorageFileMultipartUploadRequestBody(Model):
    """Every uploaded part, in order."""

    parts: Sequence[StorageFileMultipartPart]
