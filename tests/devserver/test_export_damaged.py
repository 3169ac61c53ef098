"""Damaged exports fail loudly, through the Python API and at the command line: a
document the index claims that is missing, a last line without its newline (an
interrupted export, which ``export --resume`` completes), a line longer than the bound
(never read whole), malformed lines and manifests (named with file and line, never a
traceback), and a merge that fails (which leaves nothing that blocks its rerun)."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks.cli import main
from liveblocks.export import (
    DamagedExportError,
    ExportDirectory,
    ExportDirectoryError,
    ImportResult,
    _merge,
    file_name,
    merge_exports,
)
from liveblocks.export._layout import RESUME_HINT
from liveblocks.transports.aiohttp_transport import AiohttpTransport
from tests.devserver_process import SECRET, DevServer
from tests.export_helpers import manifest, room_ids_in, started
from tests.fakes.comments_fake import CommentsFake
from tests.untrusted_export import SMALL_IDS, export_small, import_small, make_source

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    """The source of the export, and the target of the imports."""
    for servers in started(1):
        yield servers[0]


@pytest.fixture(scope="module")
def source(
    server: DevServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, CommentsFake]:
    directory = tmp_path_factory.mktemp("damaged") / "export"
    return directory, make_source(server.url, directory)


@pytest.fixture
def export(source: tuple[Path, CommentsFake], tmp_path: Path) -> Path:
    return Path(shutil.copytree(source[0], tmp_path / "export"))


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)


def target() -> CommentsFake:
    return CommentsFake(AiohttpTransport())


def imported(server: DevServer, export: Path) -> ImportResult:
    result, _ = import_small(server.url, target(), export)
    assert isinstance(result, ImportResult), result
    return result


def refused(server: DevServer, export: Path) -> DamagedExportError:
    """The import's refusal, which came before any request."""
    result, recorder = import_small(server.url, target(), export)
    assert isinstance(result, DamagedExportError), result
    assert recorder.requests == []
    return result


def resume(server: DevServer, source: tuple[Path, CommentsFake], export: Path) -> None:
    result = export_small(server.url, source[1], export, resume=True)
    assert result.ok, result.failures


def cut_last_newline(path: Path) -> None:
    data = path.read_bytes()
    assert data.endswith(b"\n")
    path.write_bytes(data[:-1])


def line_count(path: Path) -> int:
    return len(path.read_bytes().splitlines())


# -- documents the index claims ----------------------------------------------------------


def test_a_document_the_index_claims_must_be_there(
    server: DevServer,
    source: tuple[Path, CommentsFake],
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    storage = export / "storage" / f"{file_name('beta')}.json"
    yjs = export / "yjs" / f"{file_name('delta')}.bin"
    storage.unlink()
    yjs.unlink()
    result = imported(server, export)
    assert not result.ok
    reasons = {f.room_id: f.reason for f in result.failures}
    claimed = "though index.ndjson says the room has it: " + RESUME_HINT
    assert reasons == {
        "beta": f"{storage} is missing, {claimed}",
        "delta": f"{yjs} is missing, {claimed}",
    }
    assert (result.rooms, result.storage, result.yjs) == (3, 2, 1)  # alpha, gamma, epsilon

    assert main(["import", str(export), "--base-url", server.url]) == 1
    err = capsys.readouterr().err
    assert f"failed: room 'beta': {storage} is missing, though index.ndjson" in err
    assert f"failed: room 'delta': {yjs} is missing, though index.ndjson" in err

    merged = merge_exports([export], tmp_path / "merged")
    assert merged["status"] == "incomplete"
    assert sorted(f["roomId"] for f in merged["failures"]) == ["beta", "delta"]
    assert sorted(room_ids_in(tmp_path / "merged")) == ["alpha", "epsilon", "gamma"]

    resume(server, source, export)  # what the message advises: the documents come back
    assert storage.exists() and yjs.exists()
    assert imported(server, export).ok


# -- lines cut short: an interrupted export ----------------------------------------------


@pytest.mark.parametrize("log", ["rooms.ndjson", "index.ndjson"])
def test_a_log_cut_short_is_an_interrupted_export(
    log: str,
    server: DevServer,
    source: tuple[Path, CommentsFake],
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = export / log
    cut_last_newline(path)
    error = str(refused(server, export))
    assert error.startswith(f"{path} ends with a line cut short")
    assert error.endswith(RESUME_HINT)
    assert main(["import", str(export), "--base-url", server.url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path} ends with a line cut short")
    assert "python -m liveblocks export DIR --resume" in err

    merged = tmp_path / "merged"
    with pytest.raises(DamagedExportError, match="ends with a line cut short"):
        merge_exports([export], merged)
    assert not merged.exists()
    assert main(["merge", str(merged), str(export)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {path} ends with a line cut short")

    resume(server, source, export)  # drops the cut line and exports its room again
    result = imported(server, export)
    assert result.ok and result.rooms == len(SMALL_IDS)
    assert merge_exports([export], merged)["status"] == "complete"


def test_a_threads_document_cut_short_fails_its_room(
    server: DevServer,
    source: tuple[Path, CommentsFake],
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = export / "threads" / f"{file_name('alpha')}.ndjson"
    cut_last_newline(path)
    cut = f"{path} ends with a line cut short (line 2 has no newline): {RESUME_HINT}"
    result = imported(server, export)
    assert [(f.room_id, f.reason) for f in result.failures] == [("alpha", cut)]
    assert main(["import", str(export), "--base-url", server.url]) == 1
    assert f"failed: room 'alpha': {path} ends with a line cut short" in capsys.readouterr().err
    merged = merge_exports([export], tmp_path / "merged")
    assert [f["roomId"] for f in merged["failures"]] == ["alpha"]
    assert merged["failures"][0]["reason"].startswith(f"{path} ends with a line cut short")

    resume(server, source, export)  # fetches the threads again
    assert path.read_bytes().endswith(b"\n") and line_count(path) == 2
    assert imported(server, export).ok


# -- lines longer than the bound ------------------------------------------------------


def grow_last_line(path: Path, size: int, newline: bool) -> None:
    """Append a line of ``size`` zero bytes (a sparse file: nothing written to disk)."""
    with path.open("r+b") as file:
        end = file.seek(0, 2)
        file.truncate(end + size)
        if newline:
            file.seek(0, 2)
            file.write(b"\n")


def test_a_line_longer_than_the_bound_is_damaged_and_never_read_whole(
    server: DevServer, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export / "index.ndjson"
    number = line_count(path) + 1
    grow_last_line(path, 512 * MiB, newline=True)
    tracemalloc.start()
    try:
        with pytest.raises(DamagedExportError) as error:
            ExportDirectory(export).index()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(error.value) == f"{path}, line {number}, is longer than 64 MiB: the file is damaged"
    assert peak < 160 * MiB  # the bound and a buffer, not the 512 MiB line
    assert str(refused(server, export)) == str(error.value)
    assert main(["import", str(export), "--base-url", server.url]) == 2
    assert capsys.readouterr().err == f"error: {error.value}\n"


def test_a_huge_last_line_without_newline_is_refused_without_reading_it(
    server: DevServer, export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export / "rooms.ndjson"
    grow_last_line(path, 1024 * MiB, newline=False)
    tracemalloc.start()
    try:
        error = refused(server, export)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(error) == f"{path} ends with a line cut short: {RESUME_HINT}"
    assert peak < 64 * MiB
    assert main(["merge", str(tmp_path / "merged"), str(export)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {path} ends with a line cut short")


# -- malformed lines ---------------------------------------------------------------------

BAD_ROOMS = [b'{"noid":1}', b'{"id":123}', b"not json", b"[1,2]", b'{"id":""}']


@pytest.mark.parametrize("line", BAD_ROOMS, ids=lambda b: b.decode())
def test_a_malformed_room_line_is_named_with_its_file_and_number(
    line: bytes,
    server: DevServer,
    source: tuple[Path, CommentsFake],
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = export / "rooms.ndjson"
    good = path.read_bytes()
    path.write_bytes(good + line + b"\n")
    named = f"{path}, line {len(SMALL_IDS) + 1}, is not a room: "
    result = imported(server, export)
    assert [f.room_id for f in result.failures] == [f"(line {len(SMALL_IDS) + 1})"]
    assert result.failures[0].reason.startswith(named)
    assert result.rooms == len(SMALL_IDS)
    assert main(["import", str(export), "--base-url", server.url]) == 1
    assert named in capsys.readouterr().err

    merged = tmp_path / "merged"
    with pytest.raises(DamagedExportError) as error:
        merge_exports([export], merged)
    assert str(error.value).startswith(named)
    assert not merged.exists()
    assert main(["merge", str(merged), str(export)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {named}")
    with pytest.raises(DamagedExportError, match="is not a room"):
        export_small(server.url, source[1], export, resume=True)

    path.write_bytes(good)  # fixed: the same merge into the same directory goes through
    assert main(["merge", str(merged), str(export), "-q"]) == 0
    assert sorted(room_ids_in(merged)) == sorted(SMALL_IDS)


BAD_INDEX = [
    b'{"noid":1}',
    b'{"id":123}',
    b'{"id":"beta","files":-1}',
    b'{"id":"beta","storage":"yes"}',
    b"not json",
]


@pytest.mark.parametrize("line", BAD_INDEX, ids=lambda b: b.decode())
def test_a_malformed_index_line_refuses_the_run(
    line: bytes,
    server: DevServer,
    source: tuple[Path, CommentsFake],
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = export / "index.ndjson"
    with path.open("ab") as file:
        file.write(line + b"\n")
    named = f"{path}, line {len(SMALL_IDS) + 1}, cannot be read: "
    assert str(refused(server, export)).startswith(named)
    assert main(["import", str(export), "--base-url", server.url]) == 2
    assert capsys.readouterr().err.startswith(f"error: {named}")
    with pytest.raises(DamagedExportError, match="cannot be read"):
        merge_exports([export], tmp_path / "merged")
    assert not (tmp_path / "merged").exists()
    with pytest.raises(DamagedExportError, match="cannot be read"):
        export_small(server.url, source[1], export, resume=True)


def test_a_malformed_thread_line_fails_its_room(server: DevServer, export: Path) -> None:
    path = export / "threads" / f"{file_name('alpha')}.ndjson"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + b'{"type":"thread","id":7}\n')
    result = imported(server, export)
    assert [f.room_id for f in result.failures] == ["alpha"]
    assert result.failures[0].reason.startswith(f"{path}, line 2, is not a thread: ")


# -- manifests ---------------------------------------------------------------------------


def rewrite_manifest(export: Path, **changes: Any) -> Path:
    path = export / "manifest.json"
    path.write_text(json.dumps({**manifest(export), **changes}))
    return path


@pytest.mark.parametrize("version", [True, 0, -7, "2", None, 1.5, [2]], ids=repr)
def test_a_format_version_that_is_no_known_integer_is_a_damaged_manifest(
    version: Any,
    server: DevServer,
    source: tuple[Path, CommentsFake],
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = rewrite_manifest(export, formatVersion=version)
    expected = (
        f"{path} is damaged: formatVersion must be an integer from 1 to 2, "
        f"got {json.dumps(version, separators=(',', ':'))}"
    )
    assert str(refused(server, export)) == expected
    with pytest.raises(DamagedExportError) as error:
        merge_exports([export], tmp_path / "merged")
    assert str(error.value) == expected
    with pytest.raises(DamagedExportError) as error:
        export_small(server.url, source[1], export, resume=True)
    assert str(error.value) == expected
    assert main(["import", str(export), "--base-url", server.url]) == 2
    assert capsys.readouterr().err == f"error: {expected}\n"


def test_only_a_larger_integer_is_a_newer_format(server: DevServer, export: Path) -> None:
    rewrite_manifest(export, formatVersion=3)
    result, _ = import_small(server.url, target(), export)
    assert isinstance(result, ExportDirectoryError)
    assert not isinstance(result, DamagedExportError)
    assert str(result) == (
        f"{export} was written in format version 3, newer than this SDK reads (2): "
        "upgrade liveblocks-sdk (pip install --upgrade liveblocks-sdk)"
    )


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"resumed": "x"}, "$.resumed"),
        ({"resumed": -1}, "$.resumed"),
        ({"source": 5}, "$.source"),
        ({"source": {"baseUrl": 5}}, "$.source.baseUrl"),
        ({"filters": []}, "$.filters"),
        ({"filters": {"groupIds": "a"}}, "$.filters.groupIds"),
        ({"threads": "yes"}, "$.threads"),
        ({"shard": 7}, "$.shard"),
        ({"status": 1}, "$.status"),
        ({"failures": {}}, "$.failures"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_a_manifest_field_of_the_wrong_type_is_named(
    changes: dict[str, Any],
    where: str,
    server: DevServer,
    source: tuple[Path, CommentsFake],
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = rewrite_manifest(export, **changes)
    error = str(refused(server, export))
    assert error.startswith(f"{path} is damaged: ") and error.endswith(f"at `{where}`")
    with pytest.raises(DamagedExportError, match="is damaged"):
        merge_exports([export], tmp_path / "merged")
    with pytest.raises(DamagedExportError, match="is damaged"):
        export_small(server.url, source[1], export, resume=True)
    assert main(["merge", str(tmp_path / "merged"), str(export)]) == 2
    assert capsys.readouterr().err == f"error: {error}\n"


def test_a_manifest_that_is_not_json_or_names_no_shard_is_named(
    export: Path, tmp_path: Path
) -> None:
    path = rewrite_manifest(export, shard="half")
    with pytest.raises(DamagedExportError) as error:
        merge_exports([export], tmp_path / "merged")
    assert str(error.value).startswith(f"{path} is damaged: shard must be K/N")
    path.write_text('{"format": "liveblocks-export", ')
    with pytest.raises(DamagedExportError) as error:
        merge_exports([export], tmp_path / "merged")
    assert str(error.value).startswith(f"{path} is damaged: ")
    assert not (tmp_path / "merged").exists()


# -- merges that stop ---------------------------------------------------------------------


def test_a_merge_stopped_midway_is_started_again_by_the_next(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "merged"

    def killed(*args: Any) -> None:
        raise KeyboardInterrupt

    # As if killed before its manifest: its files stay, with no manifest.
    monkeypatch.setattr(_merge, "_clear_target", lambda out, remove: None)
    monkeypatch.setattr(ExportDirectory, "write_manifest", killed)
    with pytest.raises(KeyboardInterrupt):
        merge_exports([export], out)
    assert (out / "rooms.ndjson").exists() and not (out / "manifest.json").exists()
    monkeypatch.undo()
    merged = merge_exports([export], out)
    assert merged["status"] == "complete"
    assert sorted(room_ids_in(out)) == sorted(SMALL_IDS)
    assert not (out / ".tmp-merging").exists()
    assert merge_exports([export], tmp_path / "again") == {
        **merged,
        "finishedAt": manifest(tmp_path / "again")["finishedAt"],
    }
    # A directory of someone else's is still refused, whatever it holds.
    mine = tmp_path / "mine"
    (mine / "storage").mkdir(parents=True)
    with pytest.raises(ExportDirectoryError, match="is not empty"):
        merge_exports([export], mine)
    assert (mine / "storage").is_dir()
