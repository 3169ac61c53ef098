"""An export directory is untrusted input: a symbolic link in place of any of its files
or folders, or a FIFO in place of a document, is refused, named, and never followed, by
``import``, ``merge`` and ``export --resume``. Nothing outside the directory is read
(its content never reaches the server or a merged export), written, truncated or removed.

A link in place of a room's document or file fails that room (the run goes on and exits
non-zero); one in place of the index, ``rooms.ndjson``, the manifest or a folder of
documents refuses the whole run before anything is sent or written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from liveblocks.cli import main
from liveblocks.export import DamagedExportError, ImportResult, merge_exports
from liveblocks.transports.aiohttp_transport import AiohttpTransport
from tests.devserver_process import ROOT, SECRET, DevServer
from tests.export_helpers import documents, index_lines, room_ids_in, started
from tests.fakes.comments_fake import CommentsFake
from tests.untrusted_export import (
    MARKER,
    PLACES,
    ROOM_PLACES,
    RUN_PLACES,
    SMALL_IDS,
    export_small,
    forget_rooms,
    holds_marker,
    import_small,
    make_source,
    plant_fifo,
    plant_link,
    tree,
)


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    """The source of the export, and the target of the imports (which then change
    nothing but what a damaged file would bring)."""
    for servers in started(1):
        yield servers[0]


@pytest.fixture(scope="module")
def source(
    server: DevServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, CommentsFake]:
    directory = tmp_path_factory.mktemp("untrusted") / "export"
    return directory, make_source(server.url, directory)


@pytest.fixture
def export(source: tuple[Path, CommentsFake], tmp_path: Path) -> Path:
    return Path(shutil.copytree(source[0], tmp_path / "export", symlinks=True))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)


def target() -> CommentsFake:
    """The target's comment endpoints: none of the source's threads."""
    return CommentsFake(AiohttpTransport())


# -- import -----------------------------------------------------------------------------


@pytest.mark.parametrize("place", ROOM_PLACES)
def test_import_fails_the_room_of_a_link_and_sends_nothing_from_outside(
    place: str, server: DevServer, export: Path, outside: Path
) -> None:
    link = plant_link(export, place, outside)
    before = tree(outside)
    result, recorder = import_small(server.url, target(), export)
    assert isinstance(result, ImportResult), result
    room = PLACES[place]
    assert [f.room_id for f in result.failures] == [room]
    failure = result.failures[0]
    assert failure.reason.startswith(f"{link} is a symbolic link, not a ")
    # A link is the export's fault, not this machine's: bad input, a rerun will not help.
    assert not failure.local and not failure.retryable
    assert result.rooms == len(SMALL_IDS) - 1
    assert not recorder.carried(MARKER)
    assert tree(outside) == before


@pytest.mark.parametrize("place", RUN_PLACES)
def test_import_refuses_an_export_whose_index_rooms_manifest_or_folder_is_a_link(
    place: str, server: DevServer, export: Path, outside: Path
) -> None:
    link = plant_link(export, place, outside)
    before = tree(outside)
    result, recorder = import_small(server.url, target(), export)
    assert isinstance(result, DamagedExportError), result
    assert str(result).startswith(f"{link} is a symbolic link, not a ")
    assert recorder.requests == []  # refused before the first request
    assert tree(outside) == before


def test_import_at_the_command_line_names_the_link(
    server: DevServer, export: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = plant_link(export, "storage-document", outside)
    assert main(["import", str(export), "--base-url", server.url]) == 1
    err = capsys.readouterr().err
    assert f"failed: room 'gamma': {link} is a symbolic link, not a regular file" in err
    assert (
        "1 rooms failed because of bad input in the export (a damaged line or document, a link"
        in err
    )
    link.unlink()
    folder = plant_link(export, "yjs-folder", outside)
    assert main(["import", str(export), "--base-url", server.url]) == 2
    assert capsys.readouterr().err.startswith(f"error: {folder} is a symbolic link, not a folder")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a child process, bounded in time: a FIFO opened for reading
    would block it for ever."""
    return subprocess.run(
        [sys.executable, "-m", "liveblocks", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_fifo_in_place_of_a_document_fails_its_room_without_blocking(
    server: DevServer, export: Path, tmp_path: Path
) -> None:
    fifo = plant_fifo(export, "storage-document")
    done = cli("import", str(export), "--base-url", server.url)
    assert done.returncode == 1, done.stderr
    assert f"failed: room 'gamma': {fifo} is a FIFO, not a regular file" in done.stderr
    merged = cli("merge", str(tmp_path / "merged"), str(export))
    assert merged.returncode == 1, merged.stderr
    assert f"failed: room 'gamma': {fifo} is a FIFO, not a regular file" in merged.stderr
    resumed = cli("export", str(export), "--resume", "--threads", "--base-url", server.url)
    assert resumed.returncode == 1, resumed.stderr
    assert f"failed: room 'gamma': {fifo} is a FIFO, not a regular file" in resumed.stderr
    assert Path(fifo).is_fifo()


# -- merge ------------------------------------------------------------------------------


@pytest.mark.parametrize("place", ROOM_PLACES)
def test_merge_leaves_out_the_room_of_a_link_and_copies_nothing_from_outside(
    place: str, export: Path, outside: Path, tmp_path: Path
) -> None:
    link = plant_link(export, place, outside)
    before = tree(outside)
    merged = tmp_path / "merged"
    manifest = merge_exports([export], merged)
    room = PLACES[place]
    assert manifest["status"] == "incomplete"
    assert [f["roomId"] for f in manifest["failures"]] == [room]
    assert manifest["failures"][0]["reason"].startswith(f"{link} is a symbolic link, not a ")
    assert sorted(room_ids_in(merged)) == sorted(set(SMALL_IDS) - {room})
    assert room not in index_lines(merged)
    for kind in ("storage", "yjs", "threads"):
        documents(merged, kind)  # every file there is claimed by the index
    assert not (merged / "files" / room).exists() or not any((merged / "files" / room).iterdir())
    assert not holds_marker(merged)
    assert tree(outside) == before


@pytest.mark.parametrize("place", RUN_PLACES)
def test_merge_refuses_a_source_whose_index_rooms_manifest_or_folder_is_a_link(
    place: str, export: Path, outside: Path, tmp_path: Path
) -> None:
    link = plant_link(export, place, outside)
    before = tree(outside)
    merged = tmp_path / "merged"
    with pytest.raises(DamagedExportError) as refused:
        merge_exports([export], merged)
    assert str(refused.value).startswith(f"{link} is a symbolic link, not a ")
    assert not merged.exists()  # nothing left that a rerun would refuse
    assert tree(outside) == before


def test_merge_at_the_command_line_names_the_link(
    export: Path, outside: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = plant_link(export, "files-blob", outside)
    assert main(["merge", str(tmp_path / "m1"), str(export)]) == 1
    err = capsys.readouterr().err
    assert f"failed: room 'alpha': {link} is a symbolic link, not a regular file" in err
    assert "error: 1 rooms are not in the merged export" in err
    index = plant_link(export, "index", outside)
    assert main(["merge", str(tmp_path / "m2"), str(export)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {index} is a symbolic link, not a ")


# -- export --resume --------------------------------------------------------------------


@pytest.mark.parametrize("place", ROOM_PLACES)
def test_resume_fails_the_room_of_a_link_and_touches_nothing_outside(
    place: str, server: DevServer, source: tuple[Path, CommentsFake], export: Path, outside: Path
) -> None:
    forget_rooms(export, "delta", "epsilon")  # work for the resume: two rooms to write
    link = plant_link(export, place, outside)
    before = tree(outside)
    result = export_small(server.url, source[1], export, resume=True)
    room = PLACES[place]
    assert [f.room_id for f in result.failures] == [room]
    assert result.failures[0].reason.startswith(f"{link} is a symbolic link, not a ")
    assert result.rooms == 2 and result.status == "incomplete"
    assert link.is_symlink()
    assert tree(outside) == before


@pytest.mark.parametrize("place", RUN_PLACES)
def test_resume_refuses_an_export_whose_index_rooms_manifest_or_folder_is_a_link(
    place: str, server: DevServer, source: tuple[Path, CommentsFake], export: Path, outside: Path
) -> None:
    forget_rooms(export, "delta", "epsilon")
    link = plant_link(export, place, outside)
    before, inside = tree(outside), tree(export)
    with pytest.raises(DamagedExportError) as refused:
        export_small(server.url, source[1], export, resume=True)
    assert str(refused.value).startswith(f"{link} is a symbolic link, not a ")
    assert tree(outside) == before  # nothing written, truncated or removed there
    assert tree(export) == inside  # and the export left as it was


def test_resume_at_the_command_line_names_the_link(
    server: DevServer, export: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = plant_link(export, "rooms", outside)
    args = ["export", str(export), "--resume", "--threads", "--base-url", server.url, "-q"]
    assert main(args) == 2
    assert capsys.readouterr().err.startswith(f"error: {link} is a symbolic link, not a ")
