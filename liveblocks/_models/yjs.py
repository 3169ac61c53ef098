"""Models of the Yjs operations."""

from __future__ import annotations

import datetime

from ..types import UNSET, Unset
from ._base import FreeForm, Model, StrEnum

__all__ = [
    "CreateYjsVersionResponse",
    "CreateYjsVersionResponseData",
    "GetYjsDocumentResponse",
    "GetYjsDocumentType",
    "GetYjsVersionsResponse",
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


class YjsVersionAuthorsItem(Model):
    id: str | Unset = UNSET


class YjsVersion(Model):
    """A saved version of a room's Yjs document."""

    id: str
    type_: str
    created_at: datetime.datetime
    kind: str
    authors: list[YjsVersionAuthorsItem] | Unset = UNSET


class GetYjsVersionsResponse(Model):
    next_cursor: str | None
    data: list[YjsVersion]


class CreateYjsVersionResponseData(Model):
    id: str


class CreateYjsVersionResponse(Model):
    data: CreateYjsVersionResponseData
