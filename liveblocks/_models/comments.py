"""Models of the Comments operations: threads, comments, reactions, subscriptions."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from ..types import UNSET, Unset
from ._base import FreeForm, Model, StrEnum, WithAdditionalProperties

__all__ = [
    "AddCommentReactionRequestBody",
    "AttachmentMultipartPart",
    "AttachmentMultipartUpload",
    "AttachmentWithUrl",
    "Comment",
    "CommentAttachment",
    "CommentBody",
    "CommentBodyContentItem",
    "CommentMetadata",
    "CommentReaction",
    "CompleteAttachmentMultipartUploadRequestBody",
    "CreateCommentRequestBody",
    "CreateThreadRequestBody",
    "CreateThreadRequestBodyComment",
    "CreateThreadRequestBodyVisibility",
    "EditCommentMetadataRequestBody",
    "EditCommentMetadataRequestBodyMetadata",
    "EditCommentRequestBody",
    "EditThreadMetadataRequestBody",
    "EditThreadMetadataRequestBodyMetadata",
    "GetThreadInboxNotificationsResponse",
    "GetThreadInboxNotificationsResponseDataItem",
    "GetThreadParticipantsResponse",
    "GetThreadSubscriptionsResponse",
    "GetThreadsResponse",
    "MarkThreadAsResolvedRequestBody",
    "MarkThreadAsUnresolvedRequestBody",
    "RemoveCommentReactionRequestBody",
    "SubscribeToThreadRequestBody",
    "Subscription",
    "Thread",
    "ThreadMetadata",
    "ThreadVisibility",
    "UnsubscribeFromThreadRequestBody",
    "UserSubscription",
]


# -- free-form objects ------------------------------------------------------------------


class CommentBodyContentItem(FreeForm):
    """One block of a comment body, e.g.
    ``{"type": "paragraph", "children": [{"text": "Hello "}, {"text": "world", "bold": True}]}``.
    Children are text runs, mentions (``{"type": "mention", "kind": "user", "id": ...}``)
    and links."""


class CommentMetadata(FreeForm):
    """A comment's own metadata: key -> string, number or boolean (at most 50 keys)."""


class ThreadMetadata(FreeForm):
    """A thread's own metadata: key -> string, number or boolean (at most 50 keys)."""


class EditThreadMetadataRequestBodyMetadata(FreeForm):
    """Keys to set on a thread's metadata; ``None`` removes a key."""


class EditCommentMetadataRequestBodyMetadata(FreeForm):
    """Keys to set on a comment's metadata; ``None`` removes a key."""


# -- answers ----------------------------------------------------------------------------


class CommentBody(Model):
    """A comment's rich text: ``version`` (1) and a list of blocks."""

    version: int
    content: list[CommentBodyContentItem]


class CommentReaction(Model):
    """One user's emoji reaction to a comment."""

    user_id: str
    created_at: datetime.datetime
    emoji: str


class CommentAttachment(Model, consts={"type": "attachment"}):
    """A file attached to a comment (``id`` ``at_...``), or uploaded to be attached."""

    type_: str
    id: str
    mime_type: str
    name: str
    size: int


class AttachmentWithUrl(Model, consts={"type": "attachment"}):
    """An attachment and a URL its bytes can be fetched from, until ``expires_at``."""

    type_: str
    id: str
    mime_type: str
    name: str
    size: int
    url: str
    expires_at: datetime.datetime


class AttachmentMultipartUpload(Model):
    """An open multipart upload of an attachment."""

    attachment_id: str
    upload_id: str


class AttachmentMultipartPart(Model):
    """One uploaded part; its ``etag`` goes back in the complete call."""

    part_number: int
    etag: str


class CompleteAttachmentMultipartUploadRequestBody(Model):
    """Every uploaded part, in order."""

    parts: Sequence[AttachmentMultipartPart]


class Comment(WithAdditionalProperties, Model, consts={"type": "comment"}):
    """A comment of a thread. ``body`` is absent once the comment is deleted."""

    type_: str
    thread_id: str
    room_id: str
    id: str
    user_id: str
    created_at: datetime.datetime
    metadata: CommentMetadata
    reactions: list[CommentReaction]
    attachments: list[CommentAttachment]
    edited_at: datetime.datetime | Unset = UNSET
    deleted_at: datetime.datetime | Unset = UNSET
    body: CommentBody | Unset = UNSET


class ThreadVisibility(StrEnum):
    """Who sees a thread: everyone with access to the room's comments, or only users
    with ``comments:private:*`` permissions."""

    PRIVATE = "private"
    PUBLIC = "public"


class CreateThreadRequestBodyVisibility(StrEnum):
    """The visibility of a new thread (``public`` when not given)."""

    PRIVATE = "private"
    PUBLIC = "public"


class Thread(WithAdditionalProperties, Model, consts={"type": "thread"}):
    """A thread of comments in a room. ``visibility`` is absent in answers of servers
    that predate private threads."""

    type_: str
    id: str
    room_id: str
    comments: list[Comment]
    created_at: datetime.datetime
    metadata: ThreadMetadata
    resolved: bool
    updated_at: datetime.datetime
    visibility: ThreadVisibility | Unset = UNSET


class GetThreadsResponse(Model):
    """Every thread of a room matching the query (the API does not paginate threads)."""

    data: list[Thread]


class GetThreadParticipantsResponse(Model):
    """The ids of the thread's comment authors and mentioned users."""

    participant_ids: list[str]


class Subscription(Model):
    """A subscription to a subject (``kind`` ``"thread"``: a thread id)."""

    kind: str
    subject_id: str
    created_at: datetime.datetime


class UserSubscription(WithAdditionalProperties, Model):
    """A subscription, with the user it belongs to."""

    kind: str
    subject_id: str
    created_at: datetime.datetime
    user_id: str | Unset = UNSET


class GetThreadSubscriptionsResponse(Model):
    data: list[UserSubscription]


class GetThreadInboxNotificationsResponseDataItem(WithAdditionalProperties, Model):
    """A thread notification of one user (``user_id``)."""

    id: str
    kind: str
    thread_id: str
    room_id: str
    read_at: datetime.datetime | None
    notified_at: datetime.datetime
    user_id: str
    organization_id: str | Unset = UNSET


class GetThreadInboxNotificationsResponse(WithAdditionalProperties, Model):
    data: list[GetThreadInboxNotificationsResponseDataItem] | Unset = UNSET


# -- requests ---------------------------------------------------------------------------


class CreateThreadRequestBodyComment(Model):
    """The first comment of a new thread."""

    user_id: str
    body: CommentBody
    created_at: datetime.datetime | Unset = UNSET
    metadata: Mapping[str, Any] | Unset = UNSET
    attachment_ids: Sequence[str] | Unset = UNSET


class CreateThreadRequestBody(WithAdditionalProperties, Model):
    """A new thread: its first comment, the thread's metadata and visibility."""

    comment: CreateThreadRequestBodyComment
    metadata: Mapping[str, Any] | Unset = UNSET
    visibility: CreateThreadRequestBodyVisibility | Unset = UNSET


class EditThreadMetadataRequestBody(WithAdditionalProperties, Model):
    """Keys to set on the thread's metadata (``None`` removes one), and who changed them."""

    metadata: Mapping[str, Any]
    user_id: str
    updated_at: datetime.datetime | Unset = UNSET


class MarkThreadAsResolvedRequestBody(Model):
    user_id: str


class MarkThreadAsUnresolvedRequestBody(Model):
    user_id: str


class SubscribeToThreadRequestBody(Model):
    user_id: str


class UnsubscribeFromThreadRequestBody(Model):
    user_id: str


class CreateCommentRequestBody(Model):
    """A reply to a thread."""

    user_id: str
    body: CommentBody
    created_at: datetime.datetime | Unset = UNSET
    metadata: Mapping[str, Any] | Unset = UNSET
    attachment_ids: Sequence[str] | Unset = UNSET


class EditCommentRequestBody(Model):
    """A comment's new body (and metadata, attachments)."""

    body: CommentBody
    edited_at: datetime.datetime | Unset = UNSET
    metadata: Mapping[str, Any] | Unset = UNSET
    attachment_ids: Sequence[str] | Unset = UNSET


class AddCommentReactionRequestBody(Model):
    user_id: str
    emoji: str
    created_at: datetime.datetime | Unset = UNSET


class RemoveCommentReactionRequestBody(Model):
    user_id: str
    emoji: str
    removed_at: datetime.datetime | Unset = UNSET


class EditCommentMetadataRequestBody(Model):
    """Keys to set on the comment's metadata (``None`` removes one), and who changed them."""

    metadata: Mapping[str, Any]
    user_id: str
    updated_at: datetime.datetime | Unset = UNSET
