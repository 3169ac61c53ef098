"""Files in a room's Storage: ``client.rooms[room_id].files``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._call import Call, M, Resource, Steps, endpoint, multistep
from .._encoding import segment
from .._models.files import (
    CompleteStorageFileMultipartUploadRequestBody,
    LiveFileData,
    StorageFileMultipartPart,
    StorageFileMultipartUpload,
    StorageFileWithUrl,
)
from ..live.file import LiveFile
from ..types import UNSET, BinaryContent, Unset
from ._transfer import (
    ProgressCallback,
    UploadSource,
    check_id,
    new_id,
    upload_steps,
)
from ._uploads import MultipartUpload, MultipartUploads, Uploadable, UploadCalls

__all__ = [
    "StorageFileMultipart",
    "StorageFileMultipartUploadResource",
    "StorageFileResource",
    "StorageFiles",
]

FILE_ID_PREFIX = "fl_"


class StorageFiles(Resource[M]):
    """Files uploaded into the room, which its Storage refers to with :class:`LiveFile`
    values. ``files[file_id]`` binds one without a request."""

    def __getitem__(self, file_id: str) -> StorageFileResource[M]:
        check_id(file_id, FILE_ID_PREFIX, "file_id")
        return StorageFileResource(self._requester, f"{self._path}/{segment(file_id, 'file_id')}")

    @multistep
    def upload(
        self,
        source: UploadSource,
        *,
        name: str | None = None,
        file_id: str | None = None,
        concurrency: int = 5,
        on_progress: ProgressCallback | None = None,
    ) -> Steps[LiveFile]:
        """Upload a file into the room and return it as a :class:`LiveFile`, ready to be
        placed into the room's Storage.

        ``source`` is bytes, a path (``name`` defaults to its file name) or a binary file
        object. Up to 5 MiB it goes in one request; larger files are sent in 5 MiB parts,
        ``concurrency`` at a time, each read from the source only when it is sent, each
        retried on its own; if one fails for good, the upload is aborted and its error
        raised. ``on_progress(bytes_sent, total_bytes)`` runs after each part (``total``
        is None for a stream of unknown length). ``file_id`` (``fl_...``) defaults to a
        new one.
        """
        file = self[new_id(FILE_ID_PREFIX) if file_id is None else file_id]
        calls: UploadCalls[LiveFileData, Any, StorageFileMultipartPart]
        calls = UploadCalls(file, file.multipart, LiveFileData)
        data = yield from upload_steps(
            source, name, calls, concurrency=concurrency, on_progress=on_progress
        )
        return LiveFile(data=data)


class StorageFileResource(Uploadable[M, StorageFileWithUrl, "StorageFileMultipart[M]"]):
    """One file of the room, bound by id."""

    _with_url = StorageFileWithUrl

    @endpoint
    def upload_content(
        self, name: str, data: BinaryContent, *, file_size: int | Unset = UNSET
    ) -> Call[LiveFileData]:
        """Upload the whole file in one request (for files up to 5 MiB; ``files.upload``
        chooses for you). ``file_size`` states the expected number of bytes."""
        return self._upload_content(name, data, file_size, LiveFileData)


class StorageFileMultipartUploadResource(
    MultipartUpload[M, LiveFileData, StorageFileMultipartPart]
):
    """One open multipart upload of a Storage file."""

    _part_model = StorageFileMultipartPart
    _complete_model = CompleteStorageFileMultipartUploadRequestBody
    _returns = LiveFileData

    @endpoint
    def complete(
        self,
        parts: CompleteStorageFileMultipartUploadRequestBody | Sequence[StorageFileMultipartPart],
    ) -> Call[LiveFileData]:
        """Finish the upload from its parts (as ``upload_part`` returned them)."""
        return self._complete(parts)


class StorageFileMultipart(
    MultipartUploads[M, StorageFileMultipartUpload, StorageFileMultipartUploadResource[M]]
):
    """``files[file_id].multipart``: open an upload; ``multipart[upload_id]`` binds one."""

    _upload_class = StorageFileMultipartUploadResource
    _created_model = StorageFileMultipartUpload


# Set here, below the class it names (which follows the resource in this module).
StorageFileResource._multipart_class = StorageFileMultipart
