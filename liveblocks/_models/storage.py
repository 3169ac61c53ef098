"""Models of the Storage operations: LSON documents and JSON Patch operations."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal, Union

from ..types import UNSET, Unset
from ._base import FreeForm, Model, StrEnum, WithAdditionalProperties

__all__ = [
    "AddJsonPatchOperation",
    "CopyJsonPatchOperation",
    "GetStorageDocumentFormat",
    "GetStorageDocumentResponse",
    "InitializeStorageDocumentBody",
    "InitializeStorageDocumentBodyData",
    "InitializeStorageDocumentResponse",
    "InitializeStorageDocumentResponseData",
    "JsonPatchOperation",
    "MoveJsonPatchOperation",
    "RemoveJsonPatchOperation",
    "ReplaceJsonPatchOperation",
    "TestJsonPatchOperation",
]


class GetStorageDocumentFormat(StrEnum):
    """``plain-lson`` (the default; lossless, re-importable) or ``json`` (plain values)."""

    JSON = "json"
    PLAIN_LSON = "plain-lson"


class GetStorageDocumentResponse(FreeForm):
    """A room's Storage: ``{"liveblocksType": "LiveObject", "data": {...}}`` or plain JSON."""


class InitializeStorageDocumentBodyData(FreeForm):
    """The root LiveObject's keys, as plain LSON."""


class InitializeStorageDocumentResponseData(FreeForm):
    pass


class InitializeStorageDocumentBody(
    WithAdditionalProperties, Model, consts={"liveblocksType": "LiveObject"}
):
    """A Storage document as plain LSON: a root ``LiveObject`` and its data."""

    liveblocks_type: Literal["LiveObject"] | Unset = UNSET
    data: Mapping[str, Any] | Unset = UNSET


class InitializeStorageDocumentResponse(FreeForm):
    """The Storage document as the server stored it (plain LSON): a ``dict``, whose
    ``liveblocks_type`` and ``data`` are also attributes, as on the official model."""

    _consts = MappingProxyType({"liveblocksType": "LiveObject"})

    @property
    def liveblocks_type(self) -> str | Unset:
        value = self.get("liveblocksType", UNSET)
        return value if isinstance(value, (str, Unset)) else str(value)

    @property
    def data(self) -> InitializeStorageDocumentResponseData | Unset:
        value = self.get("data", UNSET)
        if isinstance(value, dict):
            return InitializeStorageDocumentResponseData(value)
        return UNSET

    @property
    def additional_properties(self) -> dict[str, Any]:
        """Keys beyond ``liveblocksType`` and ``data`` (a copy)."""
        return {k: v for k, v in self.items() if k not in ("liveblocksType", "data")}

    @additional_properties.setter
    def additional_properties(self, value: Mapping[str, Any]) -> None:
        kept = {k: v for k, v in self.items() if k in ("liveblocksType", "data")}
        self.clear()
        self.update(value)
        self.update(kept)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties)


class AddJsonPatchOperation(Model, consts={"op": "add"}):
    op: Literal["add"]
    path: str
    value: Any


class RemoveJsonPatchOperation(Model, consts={"op": "remove"}):
    op: Literal["remove"]
    path: str


class ReplaceJsonPatchOperation(WithAdditionalProperties, Model, consts={"op": "replace"}):
    op: Literal["replace"] | Unset = UNSET
    path: str | Unset = UNSET
    value: Any | Unset = UNSET


class CopyJsonPatchOperation(Model, consts={"op": "copy"}):
    op: Literal["copy"]
    from_: str
    path: str


class MoveJsonPatchOperation(Model, consts={"op": "move"}):
    op: Literal["move"]
    from_: str
    path: str


class TestJsonPatchOperation(Model, consts={"op": "test"}):
    __test__ = False  # not a test case, whatever pytest's name heuristics say

    op: Literal["test"]
    path: str
    value: Any


#: Any of the six RFC 6902 operations, as a model or a plain dict.
JsonPatchOperation = Union[
    AddJsonPatchOperation,
    CopyJsonPatchOperation,
    MoveJsonPatchOperation,
    RemoveJsonPatchOperation,
    ReplaceJsonPatchOperation,
    TestJsonPatchOperation,
    Mapping[str, Any],
]
