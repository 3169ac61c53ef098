"""``LiveFile``: a file uploaded into a room, as it is placed in the room's Storage."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from .._checks import check_int
from ._node import CREATE_FILE, LiveNode

if TYPE_CHECKING:
    from .._models.files import LiveFileData
    from ._document import Document

__all__ = ["LiveFile"]


class LiveFile(LiveNode):
    """A file in a room's Storage: ``id`` (``fl_`` and 21 characters), ``name``, ``size``
    in bytes and ``mime_type``.

    ``client.rooms[room_id].files.upload(...)`` returns one; put it into the room's
    Storage to refer to the file. It travels as plain LSON,
    ``{"liveblocksType": "LiveFile", "data": {"id": ..., "name": ..., ...}}``; a room's
    Storage may only hold files uploaded to that room.

    ``LiveFile(data=LiveFileData(...))``, the reference model's form, works too.

    Inside ``storage.mutate(...)``, set it as a value (``root["cover"] = file``); like
    every Live structure, one LiveFile object goes in one place of Storage.
    """

    __slots__ = ("_file",)

    _file: dict[str, Any]  # the file's metadata, as the API writes it

    liveblocks_type: Literal["LiveFile"] = "LiveFile"

    def __init__(
        self,
        *,
        id: str | None = None,
        name: str | None = None,
        size: int | None = None,
        mime_type: str | None = None,
        data: LiveFileData | Mapping[str, Any] | None = None,
        liveblocks_type: Literal["LiveFile"] = "LiveFile",
    ) -> None:
        if liveblocks_type != "LiveFile":
            raise ValueError(f"liveblocks_type must be 'LiveFile', got {liveblocks_type!r}")
        if data is not None:
            if any(v is not None for v in (id, name, size, mime_type)):
                raise TypeError("give either data= or id=, name=, size= and mime_type=")
            id, name, size, mime_type = _fields_of(data)
        if not isinstance(id, str) or not id:
            raise ValueError(f"a LiveFile needs its file id (a non-empty string), got {id!r}")
        if not isinstance(name, str) or not name:
            raise ValueError(f"a LiveFile needs a file name (a non-empty string), got {name!r}")
        check_int(size, "a LiveFile's size (bytes)", minimum=0, type_error=ValueError)
        if not isinstance(mime_type, str):
            raise ValueError(f"a LiveFile's mime_type is a string, got {mime_type!r}")
        self._init_node()
        self._file = {"id": id, "name": name, "size": size, "mimeType": mime_type}

    @classmethod
    def _from_storage(cls, doc: Document | None, node_id: str, data: Any) -> LiveFile:
        """A file node as the server sent it (kept as it is, unchecked)."""
        file = cls.__new__(cls)
        file._doc = doc
        file._id = node_id
        file._key = None
        file._parent = None
        file._file = data if type(data) is dict else {}
        return file

    @property
    def id(self) -> str:
        value: str = self._file.get("id", "")
        return value

    @property
    def name(self) -> str:
        value: str = self._file.get("name", "")
        return value

    @property
    def size(self) -> int:
        value: int = self._file.get("size", 0)
        return value

    @property
    def mime_type(self) -> str:
        value: str = self._file.get("mimeType", "")
        return value

    @property
    def data(self) -> LiveFileData:
        """The file's metadata as the API's :class:`~liveblocks.models.LiveFileData`."""
        from .._models.files import LiveFileData

        return LiveFileData(id=self.id, name=self.name, size=self.size, mime_type=self.mime_type)

    def to_immutable(self) -> dict[str, Any]:
        """The file's metadata as plain JSON (as Storage read with ``format="json"``
        shows it)."""
        return dict(self._file)

    def _creation(self, node_id: str, parent_id: str | None, key: str) -> dict[str, Any]:
        return {
            "type": CREATE_FILE,
            "id": node_id,
            "parentId": parent_id,
            "parentKey": key,
            "data": dict(self._file),
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain LSON: ``{"liveblocksType": "LiveFile", "data": {...}}``."""
        return {"liveblocksType": "LiveFile", "data": self.to_immutable()}

    def _plain_lson_(self) -> dict[str, Any]:
        return self.to_dict()

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> LiveFile:
        """From plain LSON, or from the bare metadata object (``{"id": ..., ...}``)."""
        kind = src_dict.get("liveblocksType", "LiveFile")
        if kind != "LiveFile":
            raise ValueError(f"liveblocksType must match const 'LiveFile', got '{kind}'")
        if "liveblocksType" in src_dict:
            data = src_dict.get("data")
            if not isinstance(data, Mapping):
                raise ValueError("a LiveFile's plain LSON needs a 'data' object")
            return cls(data=data)
        return cls(data=src_dict)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LiveFile):
            return NotImplemented
        return self.to_immutable() == other.to_immutable()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"LiveFile(id={self.id!r}, name={self.name!r}, size={self.size!r}, "
            f"mime_type={self.mime_type!r})"
        )


def _fields_of(data: Any) -> tuple[Any, Any, Any, Any]:
    if isinstance(data, Mapping):
        mime = data.get("mimeType", data.get("mime_type"))
        return data.get("id"), data.get("name"), data.get("size"), mime
    return (
        getattr(data, "id", None),
        getattr(data, "name", None),
        getattr(data, "size", None),
        getattr(data, "mime_type", None),
    )
