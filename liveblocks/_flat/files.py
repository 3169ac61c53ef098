"""Flat methods of the Storage-file operations (the Storage section of 3.23)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, BinaryContent, Unset

if TYPE_CHECKING:
    from .._models.files import (
        CompleteStorageFileMultipartUploadRequestBody,
        LiveFileData,
        StorageFileMultipartPart,
        StorageFileMultipartUpload,
        StorageFileWithUrl,
    )


class FilesFlatAPI(ResourceTree[M]):
    @endpoint
    def get_storage_file(self, room_id: str, file_id: str) -> Call[StorageFileWithUrl]:
        """A Storage file's metadata and a download URL (valid for one hour)."""
        return self.rooms[room_id].files[file_id].get.call()

    @endpoint
    def upload_storage_file(
        self,
        room_id: str,
        file_id: str,
        name: str,
        *,
        body: BinaryContent,
        file_size: int | Unset = UNSET,
    ) -> Call[LiveFileData]:
        """Upload a file into a room's Storage in one request (``files.upload`` streams
        large files in parts)."""
        return (
            self.rooms[room_id].files[file_id].upload_content.call(name, body, file_size=file_size)
        )

    @endpoint
    def create_storage_file_multipart_upload(
        self, room_id: str, file_id: str, name: str, *, file_size: int | Unset = UNSET
    ) -> Call[StorageFileMultipartUpload]:
        """Open a multipart upload of a Storage file."""
        return self.rooms[room_id].files[file_id].multipart.create.call(name, file_size=file_size)

    @endpoint
    def upload_storage_file_multipart_part(
        self, room_id: str, file_id: str, upload_id: str, part_number: int, *, body: BinaryContent
    ) -> Call[StorageFileMultipartPart]:
        """Send one part of a Storage file's multipart upload."""
        upload = self.rooms[room_id].files[file_id].multipart[upload_id]
        return upload.upload_part.call(part_number, body)

    @endpoint
    def complete_storage_file_multipart_upload(
        self,
        room_id: str,
        file_id: str,
        upload_id: str,
        *,
        body: CompleteStorageFileMultipartUploadRequestBody,
    ) -> Call[LiveFileData]:
        """Finish a Storage file's multipart upload."""
        return self.rooms[room_id].files[file_id].multipart[upload_id].complete.call(body)

    @endpoint
    def abort_storage_file_multipart_upload(
        self, room_id: str, file_id: str, upload_id: str
    ) -> Call[None]:
        """Cancel a Storage file's multipart upload."""
        return self.rooms[room_id].files[file_id].multipart[upload_id].abort.call()
