"""Storage-file and comment-attachment operations (single requests; the upload
orchestration is tested in test_uploads.py)."""

from __future__ import annotations

import datetime
import io
from typing import Any

from liveblocks import LiveFile, models
from liveblocks.types import File

from ._case import OpCase, example_323

ROOM = "/v2/rooms/my-room-id"
FILE_ID = "fl_abc123456789012345678"
AT_ID = "at_abc123456789012345678"
FILE = f"{ROOM}/storage/files/{FILE_ID}"
AT = f"{ROOM}/attachments/{AT_ID}"
UPLOAD_ID = "77b45083-ac4b-47ad-9cdb-771973928f7f"
CONTENT = bytes(range(256)) * 3
EXPIRES = datetime.datetime(2026, 3, 16, 14, 0, tzinfo=datetime.timezone.utc)
PARTS = example_323("CompleteStorageFileMultipartUploadRequestBody")
AT_PARTS = example_323("CompleteAttachmentMultipartUploadRequestBody")


def _files(c: Any) -> Any:
    return c.rooms["my-room-id"].files[FILE_ID]


def _attachment(c: Any) -> Any:
    return c.rooms["my-room-id"].attachments[AT_ID]


def check_none(value: Any) -> None:
    assert value is None


def check_file_with_url(value: Any) -> None:
    assert isinstance(value, models.StorageFileWithUrl)
    assert (value.id, value.name, value.size, value.mime_type) == (
        FILE_ID,
        "photo.png",
        12345,
        "image/png",
    )
    assert value.url.startswith("https://example.com/fl_abc123456789012345678?")
    assert value.expires_at == EXPIRES


def check_live_file_data(value: Any) -> None:
    assert isinstance(value, models.LiveFileData)
    assert value == models.LiveFileData(
        id=FILE_ID, name="photo.png", size=12345, mime_type="image/png"
    )
    assert LiveFile(data=value).to_dict() == example_323("LiveFile")


def check_file_upload(value: Any) -> None:
    assert isinstance(value, models.StorageFileMultipartUpload)
    assert (value.file_id, value.upload_id) == (FILE_ID, UPLOAD_ID)


def check_file_part(value: Any) -> None:
    assert isinstance(value, models.StorageFileMultipartPart)
    assert (value.part_number, value.etag) == (1, "5994471abb01112afcc18159f6cc74b4")


def check_attachment_with_url(value: Any) -> None:
    assert isinstance(value, models.AttachmentWithUrl)
    assert (value.type_, value.id, value.name, value.size) == (
        "attachment",
        "at_abc123",
        "screenshot.png",
        12345,
    )
    assert value.expires_at == EXPIRES
    assert value.url.startswith("https://example.com/at_abc123?")


def check_attachment(value: Any) -> None:
    assert isinstance(value, models.CommentAttachment)
    assert (value.id, value.name, value.mime_type, value.size) == (
        "at_abc123",
        "screenshot.png",
        "image/png",
        12345,
    )


def check_attachment_upload(value: Any) -> None:
    assert isinstance(value, models.AttachmentMultipartUpload)
    assert (value.attachment_id, value.upload_id) == (
        "at_abc123456789012345678",
        UPLOAD_ID,
    )


def check_attachment_part(value: Any) -> None:
    assert isinstance(value, models.AttachmentMultipartPart)
    assert (value.part_number, value.etag) == (1, "5994471abb01112afcc18159f6cc74b4")


ATTACHMENT = {
    "type": "attachment",
    "id": "at_abc123",
    "name": "screenshot.png",
    "mimeType": "image/png",
    "size": 12345,
}

CASES = [
    OpCase(
        "get_storage_file",
        lambda c: c.get_storage_file("my-room-id", FILE_ID),
        "GET",
        FILE,
        response=example_323("StorageFileWithUrl"),
        check=check_file_with_url,
        resource=lambda c: _files(c).get(),
    ),
    OpCase(
        "upload_storage_file",
        lambda c: c.upload_storage_file(
            "my-room-id", FILE_ID, "photo.png", body=File(io.BytesIO(CONTENT)), file_size=768
        ),
        "PUT",
        FILE + "/upload/photo.png",
        query={"fileSize": "768"},
        body=CONTENT,
        response=example_323("LiveFileData"),
        check=check_live_file_data,
        resource=lambda c: _files(c).upload_content("photo.png", CONTENT, file_size=768),
    ),
    OpCase(
        "upload_storage_file",
        lambda c: c.upload_storage_file("my-room-id", FILE_ID, "a b/c?.png", body=CONTENT),
        "PUT",
        FILE + "/upload/a%20b%2Fc%3F.png",
        body=CONTENT,
        response=example_323("LiveFileData"),
        check=check_live_file_data,
        resource=lambda c: _files(c).upload_content("a b/c?.png", io.BytesIO(CONTENT)),
        id="odd-name",
    ),
    OpCase(
        "create_storage_file_multipart_upload",
        lambda c: c.create_storage_file_multipart_upload(
            "my-room-id", FILE_ID, "photo.png", file_size=12345
        ),
        "POST",
        FILE + "/multipart/photo.png",
        query={"fileSize": "12345"},
        response=example_323("StorageFileMultipartUpload"),
        check=check_file_upload,
        resource=lambda c: _files(c).multipart.create("photo.png", file_size=12345),
    ),
    OpCase(
        "upload_storage_file_multipart_part",
        lambda c: c.upload_storage_file_multipart_part(
            "my-room-id", FILE_ID, UPLOAD_ID, 1, body=File(io.BytesIO(CONTENT))
        ),
        "PUT",
        f"{FILE}/multipart/{UPLOAD_ID}/1",
        body=CONTENT,
        response=example_323("StorageFileMultipartPart"),
        check=check_file_part,
        resource=lambda c: _files(c).multipart[UPLOAD_ID].upload_part(1, CONTENT),
    ),
    OpCase(
        "complete_storage_file_multipart_upload",
        lambda c: c.complete_storage_file_multipart_upload(
            "my-room-id",
            FILE_ID,
            UPLOAD_ID,
            body=models.CompleteStorageFileMultipartUploadRequestBody.from_dict(PARTS),
        ),
        "POST",
        f"{FILE}/multipart/{UPLOAD_ID}/complete",
        body=PARTS,
        response=example_323("LiveFileData"),
        check=check_live_file_data,
        # Parts given out of order go out sorted.
        resource=lambda c: (
            _files(c)
            .multipart[UPLOAD_ID]
            .complete(
                [
                    models.StorageFileMultipartPart(
                        part_number=2, etag="e2217d3e4e120c6a3372a1890f03e232"
                    ),
                    models.StorageFileMultipartPart(
                        part_number=1, etag="5994471abb01112afcc18159f6cc74b4"
                    ),
                ]
            )
        ),
    ),
    OpCase(
        "abort_storage_file_multipart_upload",
        lambda c: c.abort_storage_file_multipart_upload("my-room-id", FILE_ID, UPLOAD_ID),
        "DELETE",
        f"{FILE}/multipart/{UPLOAD_ID}",
        status=204,
        check=check_none,
        resource=lambda c: _files(c).multipart[UPLOAD_ID].abort(),
    ),
    OpCase(
        "abort_storage_file_multipart_upload",
        lambda c: c.abort_storage_file_multipart_upload("my-room-id", FILE_ID, UPLOAD_ID),
        "DELETE",
        f"{FILE}/multipart/{UPLOAD_ID}",
        status=200,  # the dev server's answer: any 2xx without content is success
        check=check_none,
        resource=lambda c: _files(c).multipart[UPLOAD_ID].abort(),
        id="200",
    ),
    OpCase(
        "get_attachment",
        lambda c: c.get_attachment("my-room-id", AT_ID),
        "GET",
        AT,
        response=example_323("AttachmentWithUrl"),
        check=check_attachment_with_url,
        resource=lambda c: _attachment(c).get(),
    ),
    OpCase(
        "upload_attachment",
        lambda c: c.upload_attachment(
            "my-room-id",
            AT_ID,
            "screenshot.png",
            body=File(io.BytesIO(CONTENT)),
            user_id="alice",
            file_size=768,
        ),
        "PUT",
        AT + "/upload/screenshot.png",
        query={"userId": "alice", "fileSize": "768"},
        body=CONTENT,
        response=ATTACHMENT,
        check=check_attachment,
        resource=lambda c: _attachment(c).upload_content(
            "screenshot.png", CONTENT, user_id="alice", file_size=768
        ),
    ),
    OpCase(
        "create_attachment_multipart_upload",
        lambda c: c.create_attachment_multipart_upload(
            "my-room-id", AT_ID, "screenshot.png", file_size=12345
        ),
        "POST",
        AT + "/multipart/screenshot.png",
        query={"fileSize": "12345"},
        response=example_323("AttachmentMultipartUpload"),
        check=check_attachment_upload,
        resource=lambda c: _attachment(c).multipart.create("screenshot.png", file_size=12345),
    ),
    OpCase(
        "upload_attachment_multipart_part",
        lambda c: c.upload_attachment_multipart_part(
            "my-room-id", AT_ID, UPLOAD_ID, 1, body=CONTENT
        ),
        "PUT",
        f"{AT}/multipart/{UPLOAD_ID}/1",
        body=CONTENT,
        response=example_323("AttachmentMultipartPart"),
        check=check_attachment_part,
        resource=lambda c: _attachment(c).multipart[UPLOAD_ID].upload_part(1, CONTENT),
    ),
    OpCase(
        "complete_attachment_multipart_upload",
        lambda c: c.complete_attachment_multipart_upload(
            "my-room-id",
            AT_ID,
            UPLOAD_ID,
            body=models.CompleteAttachmentMultipartUploadRequestBody.from_dict(AT_PARTS),
            user_id="alice",
        ),
        "POST",
        f"{AT}/multipart/{UPLOAD_ID}/complete",
        query={"userId": "alice"},
        body=AT_PARTS,
        response=ATTACHMENT,
        check=check_attachment,
        resource=lambda c: (
            _attachment(c)
            .multipart[UPLOAD_ID]
            .complete(
                models.CompleteAttachmentMultipartUploadRequestBody.from_dict(AT_PARTS),
                user_id="alice",
            )
        ),
    ),
    OpCase(
        "abort_attachment_multipart_upload",
        lambda c: c.abort_attachment_multipart_upload("my-room-id", AT_ID, UPLOAD_ID),
        "DELETE",
        f"{AT}/multipart/{UPLOAD_ID}",
        status=204,
        check=check_none,
        resource=lambda c: _attachment(c).multipart[UPLOAD_ID].abort(),
    ),
]
