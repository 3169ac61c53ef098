"""Yjs and version-history operations."""

from __future__ import annotations

import datetime
import io
from typing import Any

from liveblocks import models
from liveblocks.types import UNSET, File

from ._case import OpCase, example, example_323

ROOM = "/v2/rooms/my-room-id"
UPDATE = bytes(range(256)) * 4


def check_document(value: Any) -> None:
    assert isinstance(value, models.GetYjsDocumentResponse)
    assert value == {"someYText": "Contents of YText"}


def check_file(value: Any) -> None:
    assert isinstance(value, File)
    assert value.read() == UPDATE


def check_bytes(value: Any) -> None:
    assert value == UPDATE


def check_none(value: Any) -> None:
    assert value is None


CURSOR = "eyJjcmVhdGVkQXQiOiIyMDI0LTEwLTE1VDEwOjMwOjAwLjAwMFoifQ=="
CREATED = datetime.datetime(2024, 10, 15, 10, 30, tzinfo=datetime.timezone.utc)


def check_versions(value: Any) -> None:
    """The 3.16 shape: items with ``type`` and ``kind``."""
    assert isinstance(value, models.GetYjsVersionsResponse)
    assert value.next_cursor == CURSOR
    (version,) = value.data
    assert isinstance(version, models.YjsVersion)
    assert version.id == "vh_abc123"
    assert version.kind == "yjs"
    assert version.type_ == "historyVersion"
    assert version.created_at == CREATED
    assert version.authors == [models.YjsVersionAuthorsItem(id="user-123")]


def check_versions_today(value: Any) -> None:
    """Today's answer (no ``type`` or ``kind``) through the 3.16 name."""
    assert isinstance(value, models.GetYjsVersionsResponse)
    (version,) = value.data
    assert (version.id, version.created_at, version.kind) == ("vh_abc123", CREATED, UNSET)
    # The 3.16 name's item model, as the official 3.16 package gives it; also a
    # HistoryVersionAuthorsItem.
    assert version.authors == [models.YjsVersionAuthorsItem(id="user-123")]
    assert isinstance(version.authors[0], models.HistoryVersionAuthorsItem)


def check_history(value: Any) -> None:
    assert isinstance(value, models.GetVersionHistoryResponse)
    assert value.next_cursor == CURSOR
    (version,) = value.data
    assert isinstance(version, models.HistoryVersion)
    assert (version.id, version.created_at) == ("vh_abc123", CREATED)
    assert version.authors == [models.HistoryVersionAuthorsItem(id="user-123")]


def check_created(value: Any) -> None:
    assert isinstance(value, models.CreateYjsVersionResponse)
    assert value.data.id == "vh_abc123"


def check_snapshot(value: Any) -> None:
    assert isinstance(value, models.CreateVersionHistorySnapshotResponse)
    assert value.data.id == "vh_abc123"


CASES = [
    OpCase(
        "get_yjs_document",
        lambda c: c.get_yjs_document("my-room-id"),
        "GET",
        ROOM + "/ydoc",
        response=example("GetYjsDocumentResponse"),
        check=check_document,
        resource=lambda c: c.rooms["my-room-id"].yjs.get(),
    ),
    OpCase(
        "get_yjs_document",
        lambda c: c.get_yjs_document(
            "my-room-id",
            formatting=True,
            key="someYText",
            type_=models.GetYjsDocumentType.YTEXT,
        ),
        "GET",
        ROOM + "/ydoc",
        query={"formatting": "true", "key": "someYText", "type": "ytext"},
        response=example("GetYjsDocumentResponse"),
        check=check_document,
        resource=lambda c: c.rooms["my-room-id"].yjs.get(
            formatting=True, key="someYText", type="ytext"
        ),
        id="params",
    ),
    OpCase(
        "send_yjs_binary_update",
        lambda c: c.send_yjs_binary_update("my-room-id", body=File(payload=io.BytesIO(UPDATE))),
        "PUT",
        ROOM + "/ydoc",
        body=UPDATE,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].yjs.send_update(UPDATE),
    ),
    OpCase(
        "send_yjs_binary_update",
        lambda c: c.send_yjs_binary_update("my-room-id", body=UPDATE, guid="sub-1"),
        "PUT",
        ROOM + "/ydoc",
        query={"guid": "sub-1"},
        body=UPDATE,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].yjs.send_update(UPDATE, guid="sub-1"),
        id="guid",
    ),
    OpCase(
        "get_yjs_document_as_binary_update",
        lambda c: c.get_yjs_document_as_binary_update("my-room-id"),
        "GET",
        ROOM + "/ydoc-binary",
        response=UPDATE,
        check=check_file,
    ),
    OpCase(
        "get_yjs_document_as_binary_update",
        lambda c: c.rooms["my-room-id"].yjs.get_binary(guid="sub-1"),
        "GET",
        ROOM + "/ydoc-binary",
        query={"guid": "sub-1"},
        response=UPDATE,
        check=check_bytes,
        id="resource-guid",
    ),
    OpCase(
        "get_yjs_versions",
        lambda c: c.get_yjs_versions("my-room-id"),
        "GET",
        ROOM + "/versions",
        query={"limit": "20"},
        response=example("GetYjsVersionsResponse"),
        check=check_versions,
    ),
    OpCase(
        "get_yjs_versions",
        lambda c: c.get_yjs_versions("my-room-id", limit=5, cursor="abc"),
        "GET",
        ROOM + "/versions",
        query={"limit": "5", "cursor": "abc"},
        response=example("GetYjsVersionsResponse"),
        check=check_versions,
        id="cursor",
    ),
    OpCase(
        "get_yjs_versions",
        lambda c: c.get_yjs_versions("my-room-id"),
        "GET",
        ROOM + "/versions",
        query={"limit": "20"},
        response=example_323("GetVersionHistoryResponse"),
        check=check_versions_today,
        id="today",
    ),
    OpCase(
        "get_yjs_version",
        lambda c: c.get_yjs_version("my-room-id", "vh_abc123"),
        "GET",
        ROOM + "/versions/vh_abc123/yjs",
        response=UPDATE,
        check=check_file,
    ),
    OpCase(
        "get_yjs_version",
        lambda c: c.rooms["my-room-id"].versions["vh_abc123"].get_yjs(),
        "GET",
        ROOM + "/versions/vh_abc123/yjs",
        response=UPDATE,
        check=check_bytes,
        id="versions",
    ),
    OpCase(
        "get_yjs_version",
        lambda c: c.rooms["my-room-id"].yjs.versions["vh_abc123"].get(),
        "GET",
        ROOM + "/versions/vh_abc123/yjs",
        response=UPDATE,
        check=check_bytes,
        id="yjs-versions",
    ),
    OpCase(
        "create_yjs_version",
        lambda c: c.create_yjs_version("my-room-id"),
        "POST",
        ROOM + "/versions",
        response=example("CreateYjsVersionResponse"),
        check=check_created,
    ),
    OpCase(
        "get_version_history",
        lambda c: c.get_version_history("my-room-id"),
        "GET",
        ROOM + "/versions",
        query={"limit": "20"},
        response=example_323("GetVersionHistoryResponse"),
        check=check_history,
    ),
    OpCase(
        "get_version_history",
        lambda c: c.get_version_history("my-room-id", limit=5, cursor=CURSOR),
        "GET",
        ROOM + "/versions",
        query={"limit": "5", "cursor": CURSOR},
        response=example("GetYjsVersionsResponse"),  # the 3.16 shape decodes too
        check=check_history,
        id="cursor-and-3.16-shape",
    ),
    OpCase(
        "create_version_history_snapshot",
        lambda c: c.create_version_history_snapshot("my-room-id"),
        "POST",
        ROOM + "/versions",
        response=example_323("CreateVersionHistorySnapshotResponse"),
        check=check_snapshot,
        resource=lambda c: c.rooms["my-room-id"].versions.create(),
    ),
    OpCase(
        "create_version_history_snapshot",
        lambda c: c.rooms["my-room-id"].yjs.versions.create(),
        "POST",
        ROOM + "/versions",
        response=example_323("CreateVersionHistorySnapshotResponse"),
        check=check_snapshot,
        id="yjs-versions",
    ),
    OpCase(
        "delete_version",
        lambda c: c.delete_version("my-room-id", "vh_abc123"),
        "DELETE",
        ROOM + "/versions/vh_abc123",
        status=204,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].versions["vh_abc123"].delete(),
    ),
]
