"""Uploads and downloads of Storage files and attachments, at the wire, on both clients.

A stateful fake of the upload endpoints (behind the SDK's mock transports) records every
request, so each test pins what an upload sends: the single request or the multipart
sequence, part sizes and bytes, ``fileSize`` and ``userId``, retries of one part, the
abort after a part fails for good, and how far ahead of the parts the source is read.
Downloads must never carry the secret to the file's URL.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, LiveFile, _retry, errors, models
from liveblocks.transports.mock import AsyncMockTransport, MockTransport
from liveblocks.types import File
from tests.fakes.uploadfake import MiB, UploadFake

SECRET = "sk_test_uploads_0123456789"
BASE = "https://api.liveblocks.test"
FILE_ID = re.compile(r"fl_[0-9A-Za-z_-]{21}")
AT_ID = re.compile(r"at_[0-9A-Za-z_-]{21}")


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.001)
    monkeypatch.setattr(_retry, "MAX_BACKOFF", 0.002)


def run(mode: str, fake: UploadFake, fn: Callable[[Any], Any], **options: Any) -> Any:
    """``fn(client)`` on a client of ``mode`` answered by ``fake``."""
    if mode == "sync":
        with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(fake), **options) as c:
            return fn(c)

    async def main() -> Any:
        transport = AsyncMockTransport(fake.answer_async)
        async with AsyncLiveblocks(SECRET, base_url=BASE, transport=transport, **options) as c:
            return await fn(c)

    return asyncio.run(main())


MODES = ["sync", "async"]


# -- single uploads ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_small_file_goes_in_one_request(mode: str) -> None:
    fake = UploadFake()
    data = os.urandom(1000)
    result = run(mode, fake, lambda c: c.rooms["my room"].files.upload(data, name="a b.txt"))
    assert isinstance(result, LiveFile)
    (request,) = fake.requests
    assert request.method == "PUT"
    file_id = request.path.split("/")[6]
    assert FILE_ID.fullmatch(file_id)
    assert request.path == f"/v2/rooms/my%20room/storage/files/{file_id}/upload/a%20b.txt"
    assert request.query == {"fileSize": "1000"}
    assert request.headers["Content-Type"] == "application/octet-stream"
    assert request.headers["Authorization"] == f"Bearer {SECRET}"
    assert request.body == data
    assert (result.id, result.name, result.size, result.mime_type) == (
        file_id,
        "a b.txt",
        1000,
        "text/plain",
    )
    assert result.to_dict() == {
        "liveblocksType": "LiveFile",
        "data": {"id": file_id, "name": "a b.txt", "size": 1000, "mimeType": "text/plain"},
    }


@pytest.mark.parametrize("mode", MODES)
def test_exactly_5_mib_is_still_one_request(mode: str, tmp_path: Path) -> None:
    fake = UploadFake()
    path = tmp_path / "photo.png"
    path.write_bytes(os.urandom(5 * MiB))
    result = run(mode, fake, lambda c: c.rooms["r"].files.upload(path))
    (request,) = fake.requests
    assert request.path.endswith("/upload/photo.png")
    assert request.body == path.read_bytes()
    assert (result.name, result.size, result.mime_type) == ("photo.png", 5 * MiB, "image/png")


@pytest.mark.parametrize("mode", MODES)
def test_name_comes_from_the_path_or_the_file_object_unless_given(
    mode: str, tmp_path: Path
) -> None:
    fake = UploadFake()
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7 ...")

    def upload(c: Any) -> Any:
        files = c.rooms["r"].files
        if mode == "sync":
            with path.open("rb") as stream:
                return [
                    files.upload(str(path)),
                    files.upload(stream),
                    files.upload(path, name="renamed.pdf"),
                    files.upload(File(b"x", file_name="from-file.bin")),
                ]

        async def all_of_them() -> list[Any]:
            with path.open("rb") as stream:
                return [
                    await files.upload(str(path)),
                    await files.upload(stream),
                    await files.upload(path, name="renamed.pdf"),
                    await files.upload(File(b"x", file_name="from-file.bin")),
                ]

        return all_of_them()

    results = run(mode, fake, upload)
    assert [r.name for r in results] == ["report.pdf", "report.pdf", "renamed.pdf", "from-file.bin"]
    assert [r.path.rsplit("/", 1)[1] for r in fake.requests] == [
        "report.pdf",
        "report.pdf",
        "renamed.pdf",
        "from-file.bin",
    ]
    assert len({r.id for r in results}) == 4  # a new id each time


@pytest.mark.parametrize("mode", MODES)
def test_a_chosen_file_id_is_used(mode: str) -> None:
    fake = UploadFake()
    chosen = "fl_abc123456789012345678"
    result = run(mode, fake, lambda c: c.rooms["r"].files.upload(b"x", name="a", file_id=chosen))
    assert result.id == chosen
    assert fake.requests[0].path == f"/v2/rooms/r/storage/files/{chosen}/upload/a"


# -- bad input: a clear error before any request -------------------------------------------


BAD_INPUT = [
    (lambda files: files.upload(b"data"), ValueError, "name is required"),
    (lambda files: files.upload(b"data", name=""), ValueError, "name must not be empty"),
    (lambda files: files.upload(b"data", name="  "), ValueError, "name must not be empty"),
    (lambda files: files.upload(12345, name="a"), TypeError, "source must be bytes, a path"),
    (lambda files: files.upload(io.StringIO("text"), name="a"), TypeError, "text mode"),
    (lambda files: files.upload(b"", name="empty.txt"), ValueError, "empty"),
    (lambda files: files.upload(b"x", name="a", concurrency=0), ValueError, "concurrency"),
    (lambda files: files.upload(b"x", name="a", concurrency=17), ValueError, "concurrency"),
    (lambda files: files.upload(b"x", name="a", file_id="abc"), ValueError, "'fl_'"),
    (lambda files: files.upload(b"x", name="a", file_id="fl_a/b"), ValueError, "'fl_'"),
    (lambda files: files.upload(b"x", name="a", on_progress=3), TypeError, "on_progress"),
    (lambda files: files["fl_abc"].upload_content("a", b"x", file_size=-1), ValueError, ">= 0"),
    (lambda files: files["fl_abc"].multipart.create("a", file_size=-5), ValueError, ">= 0"),
    (lambda files: files["fl_abc"].multipart["u"].upload_part(0, b"x"), ValueError, ">= 1"),
    (lambda files: files["at_abc"], ValueError, "'fl_'"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("attempt", "error", "words"), BAD_INPUT)
def test_bad_input_is_refused_before_any_request(
    mode: str, attempt: Callable[[Any], Any], error: type[Exception], words: str
) -> None:
    fake = UploadFake()

    def call(c: Any) -> Any:
        result = attempt(c.rooms["r"].files)
        return result

    async def acall(c: Any) -> Any:
        result = attempt(c.rooms["r"].files)
        if asyncio.iscoroutine(result):
            await result
        return result

    with pytest.raises(error, match=re.escape(words)):
        run(mode, fake, call if mode == "sync" else acall)
    assert fake.requests == []


def test_a_missing_path_and_a_directory_are_refused(tmp_path: Path) -> None:
    fake = UploadFake()
    with pytest.raises(FileNotFoundError):
        run("sync", fake, lambda c: c.rooms["r"].files.upload(tmp_path / "missing.bin"))
    with pytest.raises(IsADirectoryError, match="is a directory"):
        run("sync", fake, lambda c: c.rooms["r"].files.upload(tmp_path))
    assert fake.requests == []


def test_attachments_need_a_user() -> None:
    fake = UploadFake()
    with pytest.raises(ValueError, match="user_id must be a non-empty string"):
        run("sync", fake, lambda c: c.rooms["r"].attachments.upload(b"x", name="a", user_id=""))
    assert fake.requests == []


# -- multipart -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_large_file_goes_in_5_mib_parts(mode: str, tmp_path: Path) -> None:
    fake = UploadFake()
    data = os.urandom(12 * MiB + 7)
    path = tmp_path / "video.mp4"
    path.write_bytes(data)
    progress: list[tuple[int, int | None]] = []

    result = run(
        mode,
        fake,
        lambda c: c.rooms["r"].files.upload(
            path, on_progress=lambda sent, total: progress.append((sent, total))
        ),
    )
    create, *parts, complete = fake.requests
    file_id = result.id
    base = f"/v2/rooms/r/storage/files/{file_id}/multipart"
    assert (create.method, create.path, create.query) == (
        "POST",
        f"{base}/video.mp4",
        {"fileSize": str(len(data))},
    )
    assert create.body in (None, b"")
    upload_id = fake.upload_ids[file_id]
    assert sorted(p.path for p in parts) == [f"{base}/{upload_id}/{n}" for n in (1, 2, 3)]
    by_number = {int(p.path.rsplit("/", 1)[1]): p.body for p in parts}
    assert [len(by_number[n]) for n in (1, 2, 3)] == [5 * MiB, 5 * MiB, 2 * MiB + 7]
    assert b"".join(by_number[n] for n in (1, 2, 3)) == data
    assert all(p.method == "PUT" for p in parts)
    assert (complete.method, complete.path) == ("POST", f"{base}/{upload_id}/complete")
    assert json.loads(complete.body) == {
        "parts": [{"partNumber": n, "etag": fake.etag(by_number[n])} for n in (1, 2, 3)]
    }
    assert (result.name, result.size) == ("video.mp4", len(data))
    assert fake.stored[file_id] == data
    assert sorted(progress) == progress
    assert [sent for sent, _ in progress][-1] == len(data)
    assert {total for _, total in progress} == {len(data)}


@pytest.mark.parametrize("mode", MODES)
def test_a_stream_of_unknown_length_is_read_to_its_end(mode: str) -> None:
    data = os.urandom(11 * MiB)
    fake = UploadFake()
    stream = OnlyReads(data)  # not seekable: no size
    progress: list[tuple[int, int | None]] = []
    result = run(
        mode,
        fake,
        lambda c: c.rooms["r"].files.upload(
            stream, name="pipe.bin", on_progress=lambda s, t: progress.append((s, t))
        ),
    )
    assert fake.requests[0].query == {}  # no fileSize to state
    assert fake.stored[result.id] == data
    assert progress[-1] == (len(data), None)


@pytest.mark.parametrize("mode", MODES)
def test_a_short_stream_of_unknown_length_is_one_request(mode: str) -> None:
    fake = UploadFake()
    run(mode, fake, lambda c: c.rooms["r"].files.upload(OnlyReads(b"abc" * 10), name="s.txt"))
    (request,) = fake.requests
    assert request.query == {"fileSize": "30"}
    assert request.body == b"abc" * 10


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("concurrency", [1, 3])
def test_parts_in_flight_are_bounded_and_read_just_in_time(mode: str, concurrency: int) -> None:
    data = os.urandom(26 * MiB)  # 6 parts
    fake = UploadFake(part_delay=0.2)  # long enough for the next parts to be read and sent
    stream = OnlyReads(data, seekable=True)

    def on_part(number: int) -> None:
        # When part ``number`` arrives, the source was read at most ``concurrency`` parts
        # ahead of the parts already acknowledged (plus the byte read to choose multipart).
        acknowledged = fake.parts_done
        assert stream.position <= (acknowledged + concurrency) * 5 * MiB + 1

    fake.on_part = on_part
    run(
        mode,
        fake,
        lambda c: c.rooms["r"].files.upload(stream, name="big.bin", concurrency=concurrency),
    )
    assert fake.max_in_flight == concurrency
    assert fake.parts_done == 6
    assert stream.position == len(data)


@pytest.mark.parametrize("mode", MODES)
def test_a_failing_part_is_retried_on_its_own(mode: str) -> None:
    data = os.urandom(12 * MiB)
    fake = UploadFake(fail_part={2: [503, 500]})  # part 2 fails twice, then succeeds
    result = run(mode, fake, lambda c: c.rooms["r"].files.upload(data, name="x.bin"))
    numbers = [int(r.path.rsplit("/", 1)[1]) for r in fake.requests if r.method == "PUT"]
    assert sorted(numbers) == [1, 2, 2, 2, 3]
    assert fake.stored[result.id] == data


@pytest.mark.parametrize("mode", MODES)
def test_a_part_that_keeps_failing_aborts_the_upload(mode: str) -> None:
    data = os.urandom(16 * MiB)
    fake = UploadFake(fail_part={2: [500] * 10})
    with pytest.raises(errors.InternalServerError) as caught:
        run(
            mode,
            fake,
            lambda c: c.rooms["r"].files.upload(data, name="x.bin", concurrency=1),
            max_retries=2,
        )
    assert caught.value.status == 500
    assert caught.value.method == "PUT"
    methods = [(r.method, r.path.rsplit("/", 1)[1]) for r in fake.requests]
    assert methods.count(("PUT", "2")) == 3  # the first attempt and two retries
    assert ("PUT", "3") not in methods  # nothing more started after the failure
    assert methods[-1][0] == "DELETE"
    assert fake.requests[-1].path.endswith(f"/multipart/{fake.aborted[0]}")
    assert not any(r.path.endswith("/complete") for r in fake.requests)
    assert fake.stored == {}


@pytest.mark.parametrize("mode", MODES)
def test_a_failing_complete_aborts_and_a_failing_abort_does_not_hide_the_error(
    mode: str,
) -> None:
    fake = UploadFake(fail_complete=422, fail_abort=500)
    with pytest.raises(errors.UnprocessableEntityError):
        run(mode, fake, lambda c: c.rooms["r"].files.upload(os.urandom(6 * MiB), name="x"))
    assert [r.method for r in fake.requests][-4:-1] == ["POST", "DELETE", "DELETE"]


@pytest.mark.parametrize("mode", MODES)
def test_a_read_error_midway_aborts_the_upload(mode: str) -> None:
    fake = UploadFake()
    stream = OnlyReads(os.urandom(20 * MiB), fail_after=8 * MiB)
    with pytest.raises(OSError, match="disk on fire"):
        run(mode, fake, lambda c: c.rooms["r"].files.upload(stream, name="x", concurrency=1))
    assert fake.requests[-1].method == "DELETE"
    assert fake.aborted


@pytest.mark.parametrize("mode", MODES)
def test_an_upload_to_a_missing_room_raises_not_found(mode: str) -> None:
    fake = UploadFake(rooms={"r"})
    with pytest.raises(errors.NotFoundError):
        run(mode, fake, lambda c: c.rooms["missing"].files.upload(b"x", name="a"))


# -- attachments ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_attachments_upload_on_behalf_of_a_user(mode: str) -> None:
    fake = UploadFake()
    small = run(
        mode, fake, lambda c: c.rooms["r"].attachments.upload(b"png", name="s.png", user_id="al")
    )
    assert isinstance(small, models.CommentAttachment)
    assert AT_ID.fullmatch(small.id)
    (single,) = fake.requests
    assert single.path == f"/v2/rooms/r/attachments/{small.id}/upload/s.png"
    assert single.query == {"fileSize": "3", "userId": "al"}

    fake = UploadFake()
    data = os.urandom(7 * MiB)
    large = run(
        mode, fake, lambda c: c.rooms["r"].attachments.upload(data, name="l.png", user_id="al")
    )
    create, *parts, complete = fake.requests
    assert create.query == {"fileSize": str(len(data))}  # no userId when opening
    assert all(p.query == {} for p in parts)
    assert complete.query == {"userId": "al"}
    assert (large.id, large.name, large.size) == (create.path.split("/")[5], "l.png", len(data))


# -- downloads -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_download_never_sends_the_secret_to_the_files_url(mode: str, tmp_path: Path) -> None:
    data = os.urandom(300_000)
    fake = UploadFake(blob_base="https://files.example.test/blobs")
    fake.stored["fl_abc123456789012345678"] = data
    target = tmp_path / "out.bin"

    def download(c: Any) -> Any:
        file = c.rooms["r"].files["fl_abc123456789012345678"]
        if mode == "sync":
            return (
                file.download(),
                file.download(target),
                file.download(buffer := io.BytesIO()),
                buffer,
            )

        async def all_three() -> Any:
            buffer = io.BytesIO()
            return (
                await file.download(),
                await file.download(target),
                await file.download(buffer),
                buffer,
            )

        return all_three()

    as_bytes, written, streamed, buffer = run(mode, fake, download)
    assert as_bytes == data
    assert written == streamed == len(data)
    assert target.read_bytes() == data
    assert buffer.getvalue() == data
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]  # no temporary file left
    metadata = [r for r in fake.requests if r.url.startswith(BASE)]
    blobs = [r for r in fake.requests if r.url.startswith("https://files.example.test/")]
    assert len(metadata) == len(blobs) == 3
    for request in metadata:
        assert request.headers["Authorization"] == f"Bearer {SECRET}"
    for request in blobs:
        assert "authorization" not in {k.lower() for k in request.headers}
        assert SECRET not in repr(dict(request.headers))
        assert request.method == "GET"


def test_a_failed_download_leaves_the_destination_untouched(tmp_path: Path) -> None:
    fake = UploadFake(blob_base="https://files.example.test/blobs", blob_status=403)
    fake.stored["fl_abc123456789012345678"] = b"new"
    target = tmp_path / "keep.bin"
    target.write_bytes(b"old")
    with pytest.raises(errors.PermissionDeniedError) as caught:
        run("sync", fake, lambda c: c.rooms["r"].files["fl_abc123456789012345678"].download(target))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.bin"]
    assert "sig=" not in str(caught.value)  # the URL's signature stays out of errors
    assert caught.value.path == "/blobs/fl_abc123456789012345678"


def test_download_destinations_are_checked_before_any_request(tmp_path: Path) -> None:
    fake = UploadFake()
    file = "fl_abc123456789012345678"
    with pytest.raises(IsADirectoryError, match="give the path of the file"):
        run("sync", fake, lambda c: c.rooms["r"].files[file].download(tmp_path))
    with pytest.raises(TypeError, match="text mode"):
        run("sync", fake, lambda c: c.rooms["r"].files[file].download(io.StringIO()))
    with pytest.raises(TypeError, match="binary file object"):
        run("sync", fake, lambda c: c.rooms["r"].files[file].download(42))
    assert fake.requests == []


@pytest.mark.parametrize("mode", MODES)
def test_attachments_download_like_files(mode: str) -> None:
    fake = UploadFake(blob_base="https://files.example.test/blobs")
    fake.stored["at_abc123456789012345678"] = b"attached bytes"
    data = run(
        mode, fake, lambda c: c.rooms["r"].attachments["at_abc123456789012345678"].download()
    )
    assert data == b"attached bytes"
    assert fake.requests[0].path == "/v2/rooms/r/attachments/at_abc123456789012345678"


# -- helpers -------------------------------------------------------------------------------


class OnlyReads(io.RawIOBase):
    """A binary stream that only reads (like a pipe), recording how far it was read."""

    def __init__(self, data: bytes, *, seekable: bool = False, fail_after: int | None = None):
        self._data = data
        self._seekable = seekable
        self._fail_after = fail_after
        self.position = 0
        self._lock = threading.Lock()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._seekable

    def tell(self) -> int:
        if not self._seekable:
            raise io.UnsupportedOperation("tell")
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        if not self._seekable:
            raise io.UnsupportedOperation("seek")
        base = {0: 0, 1: self.position, 2: len(self._data)}[whence]
        self.position = base + offset
        return self.position

    def readinto(self, buffer: Any) -> int:
        with self._lock:
            if self._fail_after is not None and self.position >= self._fail_after:
                raise OSError("disk on fire")
            # Short reads, as pipes give: the uploader must fill each part itself.
            size = min(len(buffer), 1 * MiB + 3, len(self._data) - self.position)
            buffer[:size] = self._data[self.position : self.position + size]
            self.position += size
            return size
