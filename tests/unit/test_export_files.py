"""How the files of an export directory are opened: only its own regular files, each
folder on the way a real folder, never through a symbolic link (not even one put in a
folder's place after it was opened), never waiting on a FIFO; both where ``open`` works
relative to a folder's descriptor and where it does not (Windows), which looks first."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from liveblocks.export import DamagedExportError, ExportDirectory, _layout
from liveblocks.export._layout import Folders, open_below


@pytest.fixture(params=["by-descriptor", "by-path"], autouse=True)
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "by-path":
        monkeypatch.setattr(_layout, "_BY_DESCRIPTOR", False)
    yield request.param


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "export" / "files" / "r1").mkdir(parents=True)
    (tmp_path / "export" / "files" / "r1" / "fl_1").write_bytes(b"inside")
    (tmp_path / "export" / "storage").mkdir()
    (tmp_path / "export" / "storage" / "r1.json").write_bytes(b"{}")
    return tmp_path / "export"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "fl_1").write_bytes(b"outside")
    (folder / "r1.json").write_bytes(b"outside")
    return folder


def read(root: Path, path: Path) -> bytes:
    with os.fdopen(open_below(root, path, os.O_RDONLY), "rb") as file:
        return file.read()


def test_the_export_s_own_files_open(root: Path) -> None:
    assert read(root, root / "files" / "r1" / "fl_1") == b"inside"
    assert read(root, root / "storage" / "r1.json") == b"{}"
    with pytest.raises(FileNotFoundError) as missing:
        read(root, root / "files" / "r2" / "fl_1")
    assert str(root / "files" / "r2") in str(missing.value)


def test_a_link_in_place_of_a_file_or_a_folder_is_refused(root: Path, outside: Path) -> None:
    blob = root / "files" / "r1" / "fl_1"
    blob.unlink()
    blob.symlink_to(outside / "fl_1")
    with pytest.raises(
        DamagedExportError, match="^" + re.escape(f"{blob} is a symbolic link, not a regular")
    ):
        read(root, blob)
    for folder in (root / "files" / "r1", root / "files"):
        os.rename(folder, folder.with_name("moved"))
        folder.symlink_to(outside)
        with pytest.raises(
            DamagedExportError, match="^" + re.escape(f"{folder} is a symbolic link, not a fold")
        ):
            read(root, folder / "r1" / "fl_1" if folder.name == "files" else folder / "fl_1")
        folder.unlink()
        os.rename(folder.with_name("moved"), folder)


def test_the_directory_itself_may_be_a_link(root: Path, tmp_path: Path) -> None:
    (tmp_path / "alias").symlink_to(root)
    alias = tmp_path / "alias"
    assert read(alias, alias / "files" / "r1" / "fl_1") == b"inside"


def test_special_files_are_refused_without_waiting(root: Path) -> None:
    fifo = root / "storage" / "fifo.json"
    os.mkfifo(fifo)
    for flags in (os.O_RDONLY, os.O_WRONLY, os.O_RDWR):
        with pytest.raises(
            DamagedExportError, match="^" + re.escape(f"{fifo} is a FIFO, not a regular file")
        ):
            os.close(open_below(root, fifo, flags))
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(root / "storage" / "s.json"))
        with pytest.raises(DamagedExportError, match="is a socket, not a regular file"):
            read(root, root / "storage" / "s.json")
    with pytest.raises(DamagedExportError, match="is a folder, not a regular file"):
        read(root, root / "files" / "r1")


def test_missing_folders_are_made_only_when_asked(root: Path) -> None:
    path = root / "attachments" / "r9" / "at_1"
    with pytest.raises(FileNotFoundError):
        open_below(root, path, os.O_WRONLY | os.O_CREAT)
    os.close(open_below(root, path, os.O_WRONLY | os.O_CREAT, make_folders=True))
    assert path.is_file() and path.parent.is_dir()
    (root / "yjs").write_bytes(b"a file where a folder goes")
    with pytest.raises(DamagedExportError, match="yjs is a regular file, not a folder"):
        open_below(root, root / "yjs" / "r1.bin", os.O_WRONLY | os.O_CREAT, make_folders=True)


def test_nothing_outside_the_directory_is_named(root: Path) -> None:
    inside_after_all = root / "files" / ".." / "storage" / "r1.json"
    for path in (root / ".." / "outside" / "r1.json", inside_after_all, root.parent / "x"):
        with pytest.raises(DamagedExportError, match="is not a file inside"):
            read(root, path)


def test_a_writer_creates_and_renames_in_real_folders_only(root: Path, outside: Path) -> None:
    folders = Folders(root)
    try:
        temp = root / "storage" / ".tmp-r2.json"
        os.close(folders.create(temp))
        folders.rename(temp, root / "storage" / "r2.json")
        assert (root / "storage" / "r2.json").is_file() and not temp.exists()
        # A leftover at the temporary name, even a link, is removed, never followed.
        temp.symlink_to(outside / "r1.json")
        os.write(fd := folders.create(temp), b"new")
        os.close(fd)
        assert temp.read_bytes() == b"new" and (outside / "r1.json").read_bytes() == b"outside"
        # A folder that is a link is refused; one put in a folder's place once it was
        # opened is never written through either.
        (root / "files" / "r3").symlink_to(outside)
        with pytest.raises(DamagedExportError, match="r3 is a symbolic link, not a folder"):
            folders.create(root / "files" / "r3" / ".tmp-fl_1")
        os.rename(root / "storage", root / "storage-moved")
        (root / "storage").symlink_to(outside)
        temp, final = root / "storage" / ".tmp-r4.json", root / "storage" / "r4.json"
        if _layout._BY_DESCRIPTOR:  # the folder opened before: the file goes there
            os.close(folders.create(temp))
            folders.rename(temp, final)
            assert (root / "storage-moved" / "r4.json").is_file()
        else:  # each folder looked at again: the link is seen
            with pytest.raises(DamagedExportError, match="storage is a symbolic link"):
                folders.create(temp)
    finally:
        folders.close()
    assert sorted(p.name for p in outside.iterdir()) == ["fl_1", "r1.json"]


def test_a_cut_last_line_is_repaired_inside_only(root: Path, outside: Path) -> None:
    export = ExportDirectory(root)
    (root / "rooms.ndjson").write_bytes(b'{"id":"a"}\n{"id":"b"')
    with pytest.raises(DamagedExportError, match="ends with a line cut short"):
        export.room_ids()
    assert export.room_ids(repair=True) == {"a"}
    assert (root / "rooms.ndjson").read_bytes() == b'{"id":"a"}\n'
    (outside / "rooms.ndjson").write_bytes(b'{"id":"a"}\n{"id":"b"')
    (root / "rooms.ndjson").unlink()
    (root / "rooms.ndjson").symlink_to(outside / "rooms.ndjson")
    with pytest.raises(DamagedExportError, match=r"rooms\.ndjson is a symbolic link"):
        export.room_ids(repair=True)
    assert (outside / "rooms.ndjson").read_bytes() == b'{"id":"a"}\n{"id":"b"'
