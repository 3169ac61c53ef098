"""Storage operations."""

from __future__ import annotations

import json
from typing import Any

from liveblocks import models

from ._case import OpCase, example

PATH = "/v2/rooms/my-room-id/storage"
DOCUMENT = example("GetStorageDocumentResponse")
INITIAL = example("InitializeStorageDocumentResponse")


def check_document(value: Any) -> None:
    assert isinstance(value, models.GetStorageDocumentResponse)
    assert value == DOCUMENT
    assert value["data"]["aLiveMap"]["data"] == {"a": 1, "b": 2}
    assert value.additional_properties["liveblocksType"] == "LiveObject"


def check_json_document(value: Any) -> None:
    assert isinstance(value, models.GetStorageDocumentResponse)
    assert value == {"aLiveObject": {"a": 1}}


def check_initialized(value: Any) -> None:
    assert isinstance(value, models.InitializeStorageDocumentResponse)
    assert value.liveblocks_type == "LiveObject"
    assert value.data == INITIAL["data"]


def check_none(value: Any) -> None:
    assert value is None


PATCH = [
    {"op": "add", "path": "/score", "value": 1},
    {"op": "remove", "path": "/old"},
    {"op": "replace", "path": "/title", "value": "New"},
    {"op": "copy", "from": "/a", "path": "/b"},
    {"op": "move", "from": "/c", "path": "/d"},
    {"op": "test", "path": "/score", "value": 1},
]


def check_raw_document(value: Any) -> None:
    assert isinstance(value, bytes)
    assert json.loads(value) == DOCUMENT


CASES = [
    OpCase(
        "get_storage_document",
        lambda c: c.rooms["my-room-id"].storage.get_bytes(format="plain-lson"),
        "GET",
        PATH,
        query={"format": "plain-lson"},
        response=DOCUMENT,
        check=check_raw_document,
        id="bytes",
    ),
    OpCase(
        "get_storage_document",
        lambda c: c.get_storage_document("my-room-id"),
        "GET",
        PATH,
        response=DOCUMENT,
        check=check_document,
        resource=lambda c: c.rooms["my-room-id"].storage.get(),
    ),
    OpCase(
        "get_storage_document",
        lambda c: c.get_storage_document(
            "my-room-id", format_=models.GetStorageDocumentFormat.JSON
        ),
        "GET",
        PATH,
        query={"format": "json"},
        response={"aLiveObject": {"a": 1}},
        check=check_json_document,
        resource=lambda c: c.rooms["my-room-id"].storage.get(format="json"),
        id="json",
    ),
    OpCase(
        "initialize_storage_document",
        lambda c: c.initialize_storage_document(
            "my-room-id",
            body=models.InitializeStorageDocumentBody(
                liveblocks_type="LiveObject", data=INITIAL["data"]
            ),
        ),
        "POST",
        PATH,
        body=INITIAL,
        response=INITIAL,
        check=check_initialized,
        resource=lambda c: c.rooms["my-room-id"].storage.initialize(INITIAL),
    ),
    OpCase(
        "delete_storage_document",
        lambda c: c.delete_storage_document("my-room-id"),
        "DELETE",
        PATH,
        status=200,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].storage.delete(),
    ),
    OpCase(
        "patch_storage_document",
        lambda c: c.patch_storage_document(
            "my-room-id",
            body=[
                models.AddJsonPatchOperation(op="add", path="/score", value=1),
                models.RemoveJsonPatchOperation(op="remove", path="/old"),
                models.ReplaceJsonPatchOperation(op="replace", path="/title", value="New"),
                models.CopyJsonPatchOperation(op="copy", from_="/a", path="/b"),
                models.MoveJsonPatchOperation(op="move", from_="/c", path="/d"),
                models.TestJsonPatchOperation(op="test", path="/score", value=1),
            ],
        ),
        "PATCH",
        PATH + "/json-patch",
        body=PATCH,
        status=200,
        check=check_none,
        resource=lambda c: c.rooms["my-room-id"].storage.patch(PATCH),
    ),
]
