"""Flat methods of the comment-attachment operations (the Comments section of 3.23)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, BinaryContent, Unset

if TYPE_CHECKING:
    from .._models.comments import (
        AttachmentMultipartPart,
        AttachmentMultipartUpload,
        AttachmentWithUrl,
        CommentAttachment,
        CompleteAttachmentMultipartUploadRequestBody,
    )


class AttachmentsFlatAPI(ResourceTree[M]):
    @endpoint
    def get_attachment(self, room_id: str, attachment_id: str) -> Call[AttachmentWithUrl]:
        """An attachment's metadata and a download URL (valid for one hour)."""
        return self.rooms[room_id].attachments[attachment_id].get.call()

    @endpoint
    def upload_attachment(
        self,
        room_id: str,
        attachment_id: str,
        name: str,
        *,
        body: BinaryContent,
        user_id: str,
        file_size: int | Unset = UNSET,
    ) -> Call[CommentAttachment]:
        """Upload a comment attachment in one request, on behalf of ``user_id``."""
        return (
            self.rooms[room_id]
            .attachments[attachment_id]
            .upload_content.call(name, body, user_id=user_id, file_size=file_size)
        )

    @endpoint
    def create_attachment_multipart_upload(
        self, room_id: str, attachment_id: str, name: str, *, file_size: int | Unset = UNSET
    ) -> Call[AttachmentMultipartUpload]:
        """Open a multipart upload of a comment attachment."""
        multipart = self.rooms[room_id].attachments[attachment_id].multipart
        return multipart.create.call(name, file_size=file_size)

    @endpoint
    def upload_attachment_multipart_part(
        self,
        room_id: str,
        attachment_id: str,
        upload_id: str,
        part_number: int,
        *,
        body: BinaryContent,
    ) -> Call[AttachmentMultipartPart]:
        """Send one part of an attachment's multipart upload."""
        upload = self.rooms[room_id].attachments[attachment_id].multipart[upload_id]
        return upload.upload_part.call(part_number, body)

    @endpoint
    def complete_attachment_multipart_upload(
        self,
        room_id: str,
        attachment_id: str,
        upload_id: str,
        *,
        body: CompleteAttachmentMultipartUploadRequestBody,
        user_id: str,
    ) -> Call[CommentAttachment]:
        """Finish an attachment's multipart upload, on behalf of ``user_id``."""
        upload = self.rooms[room_id].attachments[attachment_id].multipart[upload_id]
        return upload.complete.call(body, user_id=user_id)

    @endpoint
    def abort_attachment_multipart_upload(
        self, room_id: str, attachment_id: str, upload_id: str
    ) -> Call[None]:
        """Cancel an attachment's multipart upload."""
        return self.rooms[room_id].attachments[attachment_id].multipart[upload_id].abort.call()
