"""What Storage files and comment attachments share: one id's upload calls (single or
multipart), its metadata and download, and the calls :func:`~._transfer.upload_steps`
drives.

The two differ in their paths, their id prefix, their models, and in that an attachment's
upload names the user it is for; each subclass fills those in (its endpoints' path
templates as class attributes, named for the operation they are).
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from .._call import Call, M, Resource, Steps, cached_property, endpoint, query_items
from .._checks import check_int
from .._models._base import Model
from ..types import UNSET, BinaryContent, Unset
from ._common import coerce, json_call
from ._transfer import Destination, check_name, check_size, download_steps, downloader
from .yjs import binary_put

__all__ = ["MultipartUpload", "MultipartUploads", "UploadCalls", "Uploadable"]

R = TypeVar("R")  # the uploaded file's metadata
U = TypeVar("U")  # an open multipart upload
P = TypeVar("P", bound=Model)  # one uploaded part
W = TypeVar("W")  # the file's metadata with a URL to download it from
MP = TypeVar("MP")  # the file's multipart uploads


class MultipartUpload(Resource[M], Generic[M, R, P]):
    """One open multipart upload: send its parts, then complete or abort it."""

    _part_model: ClassVar[type[Model]]
    _complete_model: ClassVar[type[Model]]
    _returns: ClassVar[type[Any]]
    #: Upload one part: ``PUT .../multipart/{upload_id}/{part_number}``.
    _part_template: ClassVar[str]
    #: Complete the upload: ``POST .../multipart/{upload_id}/complete``. (Aborting it is a
    #: ``DELETE`` of the upload's own path, :attr:`path_template`.)
    _complete_template: ClassVar[str]

    @endpoint
    def upload_part(self, part_number: int, data: BinaryContent) -> Call[P]:
        """Send part ``part_number`` (from 1; every part but the last at least 5 MiB)."""
        return self._upload_part(part_number, data)

    def _upload_part(self, part_number: int, data: BinaryContent) -> Call[P]:
        part_model: Any = self._part_model
        ids = {**self._ids, "part_number": str(_part_number(part_number))}
        return binary_put(self._part_template, ids, part_model, data)

    def _complete(self, parts: Any, user_id: str | Unset = UNSET) -> Call[R]:
        if not isinstance(parts, self._complete_model):
            items = [coerce(self._part_model, p, "parts[]") for p in parts]
            parts = self._complete_model(parts=sorted(items, key=_part_order))
        query = query_items({"userId": user_id})
        return json_call(
            "POST", self._complete_template, self._ids, self._returns, parts, query=query
        )

    @endpoint
    def abort(self) -> Call[None]:
        """Cancel the upload and drop the parts sent so far."""
        return self._abort()

    def _abort(self) -> Call[None]:
        return json_call("DELETE", self.path_template, self._ids, None)


MU = TypeVar("MU", bound=MultipartUpload[Any, Any, Any])


class MultipartUploads(Resource[M], Generic[M, U, MU]):
    """``<file>.multipart``: open an upload; ``multipart[upload_id]`` binds one."""

    _upload_class: ClassVar[type[MultipartUpload[Any, Any, Any]]]
    _created_model: ClassVar[type[Any]]
    #: Open an upload: ``POST .../multipart/{name}``.
    _create_template: ClassVar[str]

    def __getitem__(self, upload_id: str) -> MU:
        upload: Any = self._upload_class(self._requester, self._bind("upload_id", upload_id))
        return upload  # type: ignore[no-any-return]

    @endpoint
    def create(self, name: str, *, file_size: int | Unset = UNSET) -> Call[U]:
        """Open a multipart upload of the file under ``name``."""
        return self._create(name, file_size)

    def _create(self, name: str, file_size: int | Unset) -> Call[U]:
        return json_call(
            "POST",
            self._create_template,
            {**self._ids, "name": check_name(name)},
            self._created_model,
            query=query_items({"fileSize": _size(file_size)}),
        )


class Uploadable(Resource[M], Generic[M, W, MP]):
    """One file id: its single-request upload, its multipart uploads, its metadata and its
    download, shared by files and attachments."""

    _multipart_class: ClassVar[type[Any]]
    _with_url: ClassVar[type[Any]]
    #: Upload the whole file: ``PUT .../upload/{name}``. (Its metadata is a ``GET`` of the
    #: file's own path, :attr:`path_template`.)
    _upload_template: ClassVar[str]

    @cached_property
    def multipart(self) -> MP:
        """The multipart upload calls, one by one (``upload`` drives them for you)."""
        multipart: MP = self._multipart_class(self._requester, self._ids)
        return multipart

    @endpoint
    def get(self) -> Call[W]:
        """The file's metadata and a URL its bytes can be fetched from for one hour."""
        return json_call("GET", self.path_template, self._ids, self._with_url)

    @downloader
    def download(self, destination: Destination | None = None) -> Steps[Any]:
        """The file's bytes; or, given a path or a binary file object, the bytes streamed
        into it (a path is written atomically) and their number. The bytes come from the
        URL the API hands out; the secret is never sent there."""
        return download_steps(self.get.call(), destination)

    def _upload_content(
        self,
        name: str,
        data: BinaryContent,
        file_size: int | Unset,
        returns: type[R],
        user_id: str | Unset = UNSET,
    ) -> Call[R]:
        return binary_put(
            self._upload_template,
            {**self._ids, "name": check_name(name)},
            returns,
            data,
            {"fileSize": _size(file_size), "userId": user_id},
        )


class UploadCalls(Generic[R, U, P]):
    """The calls :func:`~._transfer.upload_steps` makes for one file id."""

    def __init__(
        self,
        target: Any,
        multipart: MultipartUploads[Any, U, Any],
        returns: type[R],
        user_id: str | Unset = UNSET,
    ) -> None:
        self._target = target
        self._multipart = multipart
        self._returns = returns
        self._user_id = user_id

    def single(self, name: str, data: bytes, size: int) -> Call[R]:
        call: Call[R] = self._target._upload_content(name, data, size, self._returns, self._user_id)
        return call

    def create(self, name: str, size: int | None) -> Call[U]:
        return self._multipart._create(name, UNSET if size is None else size)

    def upload_id(self, created: Any) -> str:
        upload_id: str = created.upload_id
        return upload_id

    def part(self, upload_id: str, number: int, data: bytes) -> Call[P]:
        call: Call[P] = self._multipart[upload_id]._upload_part(number, data)
        return call

    def complete(self, upload_id: str, parts: list[P]) -> Call[R]:
        call: Call[R] = self._multipart[upload_id]._complete(parts, self._user_id)
        return call

    def abort(self, upload_id: str) -> Call[None]:
        call: Call[None] = self._multipart[upload_id]._abort()
        return call


def _size(file_size: int | Unset) -> int | Unset:
    return file_size if isinstance(file_size, Unset) else check_size(file_size)


def _part_number(value: object) -> int:
    return check_int(value, "part_number", minimum=1)


def _part_order(part: Any) -> int:
    number: int = part.part_number
    return number
