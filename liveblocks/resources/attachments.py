"""Comment attachments: ``client.rooms[room_id].attachments``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._call import Call, M, Resource, Steps, endpoint, multistep
from .._encoding import segment
from .._models.comments import (
    AttachmentMultipartPart,
    AttachmentMultipartUpload,
    AttachmentWithUrl,
    CommentAttachment,
    CompleteAttachmentMultipartUploadRequestBody,
)
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
    "AttachmentMultipart",
    "AttachmentMultipartUploadResource",
    "AttachmentResource",
    "Attachments",
]

ATTACHMENT_ID_PREFIX = "at_"


def _user(user_id: object) -> str:
    if not isinstance(user_id, str) or not user_id:
        raise ValueError(f"user_id must be a non-empty string (the uploader), got {user_id!r}")
    return user_id


class Attachments(Resource[M]):
    """Files to attach to comments: upload one, then pass its id in ``attachment_ids``
    when creating or editing a comment. ``attachments[attachment_id]`` binds one."""

    def __getitem__(self, attachment_id: str) -> AttachmentResource[M]:
        check_id(attachment_id, ATTACHMENT_ID_PREFIX, "attachment_id")
        return AttachmentResource(
            self._requester, f"{self._path}/{segment(attachment_id, 'attachment_id')}"
        )

    @multistep
    def upload(
        self,
        source: UploadSource,
        *,
        user_id: str,
        name: str | None = None,
        attachment_id: str | None = None,
        concurrency: int = 5,
        on_progress: ProgressCallback | None = None,
    ) -> Steps[CommentAttachment]:
        """Upload a file on behalf of ``user_id``, to attach to a comment; as
        :meth:`StorageFiles.upload <liveblocks.resources.StorageFiles.upload>` does
        (bytes, a path or a binary file object; multipart above 5 MiB)."""
        target = self[new_id(ATTACHMENT_ID_PREFIX) if attachment_id is None else attachment_id]
        calls: UploadCalls[CommentAttachment, Any, AttachmentMultipartPart]
        calls = UploadCalls(target, target.multipart, CommentAttachment, _user(user_id))
        attachment: CommentAttachment = yield from upload_steps(
            source, name, calls, concurrency=concurrency, on_progress=on_progress
        )
        return attachment


class AttachmentResource(Uploadable[M, AttachmentWithUrl, "AttachmentMultipart[M]"]):
    """One attachment of the room, bound by id."""

    _with_url = AttachmentWithUrl

    @endpoint
    def upload_content(
        self, name: str, data: BinaryContent, *, user_id: str, file_size: int | Unset = UNSET
    ) -> Call[CommentAttachment]:
        """Upload the whole file in one request, on behalf of ``user_id`` (for files up
        to 5 MiB; ``attachments.upload`` chooses for you)."""
        return self._upload_content(name, data, file_size, CommentAttachment, _user(user_id))


class AttachmentMultipartUploadResource(
    MultipartUpload[M, CommentAttachment, AttachmentMultipartPart]
):
    """One open multipart upload of an attachment."""

    _part_model = AttachmentMultipartPart
    _complete_model = CompleteAttachmentMultipartUploadRequestBody
    _returns = CommentAttachment

    @endpoint
    def complete(
        self,
        parts: CompleteAttachmentMultipartUploadRequestBody | Sequence[AttachmentMultipartPart],
        *,
        user_id: str,
    ) -> Call[CommentAttachment]:
        """Finish the upload from its parts, on behalf of ``user_id``."""
        return self._complete(parts, _user(user_id))


class AttachmentMultipart(
    MultipartUploads[M, AttachmentMultipartUpload, AttachmentMultipartUploadResource[M]]
):
    """``attachments[attachment_id].multipart``: open an upload; ``multipart[upload_id]``."""

    _upload_class = AttachmentMultipartUploadResource
    _created_model = AttachmentMultipartUpload


# Set here, below the class it names (which follows the resource in this module).
AttachmentResource._multipart_class = AttachmentMultipart
