"""Models of the Yjs and version-history operations."""

from __future__ import annotations

import datetime

from ..types import UNSET, Unset
from ._base import FreeForm, Model, StrEnum, WithAdditionalProperties

__all__ = [
    "CreateVersionHistorySnapshotResponse",
    "CreateVersionHistorySnapshotResponseData",
    "CreateYjsVersionResponse",
    "CreateYjsVersionResponseData",
    "GetVersionHistoryResponse",
    "GetYjsDocumentResponse",
    "GetYjsDocumentType",
    "GetYjsVersionsResponse",
    "HistoryVersion",
    "HistoryVersionAuthorsItem",
    "YjsVersion",
    "YjsVersionAuthorsItem",
]


class GetYjsDocumentType(StrEnum):
    """The Yjs type of the root key to read (with ``key=``)."""

    YARRAY = "yarray"
    YMAP = "ymap"
    YTEXT = "ytext"
    YXMLFRAGMENT = "yxmlfragment"
    YXMLTEXT = "yxmltext"


class GetYjsDocumentResponse(FreeForm):
    """The Yjs document as JSON: root key -> its content."""


class HistoryVersionAuthorsItem(WithAdditionalProperties, Model):
    """A user whose edits a version holds."""

    id: str | Unset = UNSET


class HistoryVersion(WithAdditionalProperties, Model):
    """A version of a room (its Storage and Yjs documents), ``id`` ``vh_...``."""

    id: str
    created_at: datetime.datetime
    authors: list[HistoryVersionAuthorsItem] | Unset = UNSET


class YjsVersionAuthorsItem(HistoryVersionAuthorsItem):
    """A version's author, as the 3.16 reference names it."""


class YjsVersion(HistoryVersion, consts={"kind": "yjs", "type": "historyVersion"}):
    """A version as the 3.16 reference describes it: a :class:`HistoryVersion` whose
    answers once carried ``type`` (``"historyVersion"``) and ``kind`` (``"yjs"``)."""

    authors: list[YjsVersionAuthorsItem] | Unset = UNSET  # type: ignore[assignment]
    type_: str | Unset = UNSET
    kind: str | Unset = UNSET


class GetVersionHistoryResponse(Model):
    """One page of versions, newest first; ``next_cursor`` is ``None`` on the last."""

    next_cursor: str | None
    data: list[HistoryVersion]


class GetYjsVersionsResponse(Model):
    """One page of versions (the 3.16 reference's name and item model)."""

    next_cursor: str | None
    data: list[YjsVersion]


class CreateVersionHistorySnapshotResponseData(Model):
    id: str


class CreateVersionHistorySnapshotResponse(Model):
    """The new version's id: ``data.id``."""

    data: CreateVersionHistorySnapshotResponseData


class CreateYjsVersionResponseData(Model):
    id: str


class CreateYjsVersionResponse(Model):
    """The new version's id: ``data.id`` (the 3.16 reference's name)."""

    data: CreateYjsVersionResponseData
