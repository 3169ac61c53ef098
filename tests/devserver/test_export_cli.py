"""``python -m liveblocks export|import|merge`` against real dev servers: exit codes, messages,
progress output, a failing room, and a run killed mid-way then resumed."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from liveblocks import Liveblocks, _retry
from liveblocks.cli import main
from liveblocks.errors import APIConnectionError
from liveblocks.transports import Request, Response
from liveblocks.transports.aiohttp_transport import AiohttpTransport
from tests.devserver_process import ROOT, SECRET, DevServer
from tests.export_helpers import (
    ROOM_IDS,
    documents,
    fill,
    index_lines,
    manifest,
    room_ids_in,
    started,
    yjs_content,
)


@pytest.fixture(scope="module")
def servers() -> Iterator[list[DevServer]]:
    yield from started(2)


@pytest.fixture(scope="module")
def source(servers: list[DevServer]) -> str:
    fill(servers[0].url)
    return servers[0].url


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)
    monkeypatch.delenv("LIVEBLOCKS_BASE_URL", raising=False)


class Terminal(io.StringIO):
    """A captured stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def record_requests(
    monkeypatch: pytest.MonkeyPatch, fail_path: str | None = None, drop: bool = False
) -> list[str]:
    """Record the (unquoted) path of every GET the CLI sends; answer 400 for ``fail_path``
    (or, with ``drop``, fail it without an answer)."""
    paths: list[str] = []
    send = AiohttpTransport.send

    async def recording(self: AiohttpTransport, request: Request) -> Response:
        path = unquote(request.path)
        if request.method == "GET":
            paths.append(path)
        if path == fail_path:
            if drop:
                raise APIConnectionError("Connection reset: injected", method="GET", path=path)
            return Response(400, {}, b'{"error":"INJECTED","message":"injected failure"}')
        return await send(self, request)

    monkeypatch.setattr(AiohttpTransport, "send", recording)
    return paths


def test_export_then_import(
    servers: list[DevServer], source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "export"
    assert main(["export", str(directory), "--base-url", source]) == 0
    err = capsys.readouterr().err
    assert "Exported 30 rooms (20 Storage, 15 Yjs)" in err
    assert "rooms/s" in err and "0 failed" in err
    assert sorted(room_ids_in(directory)) == sorted(ROOM_IDS)

    target = servers[1].url
    assert main(["import", str(directory), "--base-url", target, "--concurrency", "4"]) == 0
    assert "Imported 30 rooms (20 Storage, 15 Yjs)" in capsys.readouterr().err
    with Liveblocks(SECRET, base_url=target) as client:
        assert sorted(r.id for r in client.rooms.list()) == sorted(ROOM_IDS)


def test_quiet_prints_nothing(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(tmp_path / "e"), "--base-url", source, "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_wrong_key(source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(tmp_path / "e"), "--base-url", source, "--secret", "sk_wrong"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"error: the secret key was refused by {source} (403: ")


def test_unreachable_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["export", str(tmp_path / "e"), "--base-url", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    # Retried first, and it says so.
    assert re.match(rf"error: cannot reach {re.escape(url)} \(3 attempts over [0-9.]+ s\): ", err)
    assert err.endswith("; check --base-url or $LIVEBLOCKS_BASE_URL\n")
    assert manifest(tmp_path / "e")["status"] == "failed"


def test_missing_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LIVEBLOCKS_SECRET_KEY")
    assert main(["export", str(tmp_path / "e"), "--base-url", "http://localhost:1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "error: No Liveblocks secret key: pass --secret sk_... or set LIVEBLOCKS_SECRET_KEY."
    )
    assert "Liveblocks(secret=" not in err
    assert not (tmp_path / "e").exists()  # nothing is written before the settings are checked
    for key in ("pk_live_x9", "sk bad9", "wrong9"):
        assert main(["export", str(tmp_path / "e"), "--secret", key]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: --secret is not a secret key: ")
        assert key not in err  # the key itself is never repeated
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", "pk_live_x")
    assert main(["export", str(tmp_path / "e")]) == 2
    assert capsys.readouterr().err.startswith("error: $LIVEBLOCKS_SECRET_KEY is not a secret key: ")
    assert main(["export", str(tmp_path / "e"), "--secret", SECRET, "--base-url", "ftp://x"]) == 2
    assert capsys.readouterr().err.startswith("error: --base-url must be an http(s) URL")


def test_import_of_a_directory_that_is_not_an_export(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path), "--base-url", source]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path} is not a Liveblocks export: it has no manifest.json\n"


def test_export_into_a_used_directory(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file.txt").write_text("x")
    assert main(["export", str(tmp_path), "--base-url", source]) == 2
    assert "is not empty" in capsys.readouterr().err


def test_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["export", "d", "--shard", "3/3"], ["export", "d", "--concurrency", "0"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    assert "K/N" in capsys.readouterr().err


def test_a_refused_room_exits_non_zero_and_resume_completes_it_once_fixed(
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = "slash/inside"
    record_requests(monkeypatch, fail_path=f"/v2/rooms/{bad}/storage")
    directory = tmp_path / "e"
    assert main(["export", str(directory), "--base-url", source]) == 1
    err = capsys.readouterr().err
    assert "29 rooms" in err and "1 failed" in err
    assert f"failed: room {bad!r}: BadRequestError: 400 INJECTED: injected failure" in err
    # A 400 will come back on a retry: no advice to resume, which could not help.
    assert "1 rooms were refused by the server" in err
    assert "--resume" not in err
    info = manifest(directory)
    assert info["status"] == "incomplete"
    assert [f["roomId"] for f in info["failures"]] == [bad]
    assert info["failures"][0]["status"] == 400

    monkeypatch.undo()
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)
    assert main(["export", str(directory), "--base-url", source, "--resume", "-q"]) == 0
    assert manifest(directory)["status"] == "complete"
    assert sorted(room_ids_in(directory)) == sorted(ROOM_IDS)


def test_a_room_that_failed_on_the_way_is_retried_with_resume(
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    bad = "hash#tag"
    record_requests(monkeypatch, fail_path=f"/v2/rooms/{bad}/ydoc-binary", drop=True)
    directory = tmp_path / "e"
    assert main(["export", str(directory), "--base-url", source]) == 1
    err = capsys.readouterr().err
    assert "1 rooms failed on the way (no answer, a timeout, 429 or a server error)" in err
    assert "run the same command with --resume to retry them" in err


def test_threads_from_a_server_without_comments(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dev server answers 501 for threads: the advice is to leave out --threads, not
    to resume, which would get the same 501s."""
    directory = tmp_path / "e"
    assert main(["export", str(directory), "--base-url", source, "--threads"]) == 1
    err = capsys.readouterr().err
    assert (
        "30 rooms need GET /v2/rooms/{room_id}/threads, which the server does not implement "
        "(501): export without --threads" in err
    )
    assert "--resume" not in err
    assert all(f["status"] == 501 for f in manifest(directory)["failures"])


SLOW_EXPORT = """
import asyncio, sys
from liveblocks.transports import aiohttp_transport

send = aiohttp_transport.AiohttpTransport.send

async def slow(self, request):
    await asyncio.sleep(0.05)
    return await send(self, request)

aiohttp_transport.AiohttpTransport.send = slow
from liveblocks.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_killed_run_is_resumed(
    monkeypatch: pytest.MonkeyPatch, source: str, tmp_path: Path
) -> None:
    directory = tmp_path / "e"
    rooms_file = directory / "rooms.ndjson"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = ["export", str(directory), "--base-url", source, "--concurrency", "2", "-q"]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_EXPORT, *argv], env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            if rooms_file.exists() and rooms_file.read_bytes().count(b"\n") >= 8:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the export ended before it could be killed"
        proc.kill()
    finally:
        proc.wait(timeout=10)
    done = set(room_ids_in(directory))
    assert 8 <= len(done) < 30
    assert manifest(directory)["status"] == "running"
    # Killed mid-way, the export claims only whole files: every room listed is in the
    # index, and each document the index claims is there, whole.
    index = index_lines(directory)
    assert done <= set(index)
    for entry in index.values():
        if entry["storage"]:
            json.loads((directory / "storage" / f"{entry['file']}.json").read_bytes())
        if entry["yjs"]:
            yjs_content((directory / "yjs" / f"{entry['file']}.bin").read_bytes())

    paths = record_requests(monkeypatch)
    assert main(["export", str(directory), "--base-url", source, "--resume", "-q"]) == 0
    fetched = {p.removeprefix("/v2/rooms/").rsplit("/", 1)[0] for p in paths if p != "/v2/rooms"}
    assert fetched and not fetched & done  # complete rooms are not fetched again
    ids = room_ids_in(directory)
    assert sorted(ids) == sorted(ROOM_IDS)  # every room, no line twice
    assert len(documents(directory, "storage")) == 20
    assert len(documents(directory, "yjs")) == 15
    info = manifest(directory)
    assert info["status"] == "complete" and info["resumed"] == 1


def test_shards_and_merge(source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = [str(tmp_path / f"part-{k}") for k in range(3)]
    for k, part in enumerate(parts):
        assert main(["export", part, "--base-url", source, "--shard", f"{k}/3", "-q"]) == 0
    assert main(["merge", str(tmp_path / "all"), *parts]) == 0
    assert "Merged 3 exports" in capsys.readouterr().err
    assert sorted(room_ids_in(tmp_path / "all")) == sorted(ROOM_IDS)
    assert json.loads((tmp_path / "all" / "manifest.json").read_text())["counts"]["rooms"] == 30


def test_progress_without_tqdm(
    monkeypatch: pytest.MonkeyPatch, source: str, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now fails
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["export", str(tmp_path / "e"), "--base-url", source]) == 0
    out = terminal.getvalue()
    assert "\rexport: " in out and " rooms/s, 0 failed" in out
    assert "Exported 30 rooms" in out


def test_progress_bar_with_tqdm(
    monkeypatch: pytest.MonkeyPatch, source: str, tmp_path: Path
) -> None:
    pytest.importorskip("tqdm")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["export", str(tmp_path / "e"), "--base-url", source]) == 0
    out = terminal.getvalue()
    assert "export: " in out and "rooms/s" in out


def test_merge_of_an_incomplete_set_of_shards_fails(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = [str(tmp_path / f"part-{k}") for k in range(4)]
    for k in (0, 1, 3):
        assert main(["export", parts[k], "--base-url", source, "--shard", f"{k}/4", "-q"]) == 0
    out = tmp_path / "all"
    capsys.readouterr()
    assert main(["merge", str(out), parts[0], parts[1], parts[3], "-q"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "error: the merge is incomplete: shard 2/4 of the split is missing; export it "
        "(--shard 2/4, with the same options) and merge again\n"
    )
    info = manifest(out)
    assert info["status"] == "incomplete"
    assert info["missingShards"] == ["2/4"]
    # With the missing shard, the same merge is complete.
    assert main(["export", parts[2], "--base-url", source, "--shard", "2/4", "-q"]) == 0
    assert main(["merge", str(tmp_path / "all-4"), *parts, "-q"]) == 0
    assert manifest(tmp_path / "all-4")["status"] == "complete"
    assert sorted(room_ids_in(tmp_path / "all-4")) == sorted(ROOM_IDS)


def test_merge_refuses_shards_of_different_splits_or_exports(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = (str(tmp_path / n) for n in ("a", "b", "c"))
    assert main(["export", a, "--base-url", source, "--shard", "0/2", "-q"]) == 0
    assert main(["export", b, "--base-url", source, "--shard", "1/3", "-q"]) == 0
    assert main(["export", c, "--base-url", source, "--shard", "1/2", "--threads", "-q"]) == 1
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "m1"), a, b]) == 2
    assert "shards of different splits (0/2, 1/3)" in capsys.readouterr().err
    assert main(["merge", str(tmp_path / "m2"), a, c]) == 2
    assert "made with different filters or threads, or from different servers" in (
        capsys.readouterr().err
    )


QUERY = 'metadata["team"]:"a"'


def test_resume_refuses_another_server_or_other_options(
    servers: list[DevServer], source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "e"
    assert main(["export", str(directory), "--base-url", source, "--query", QUERY, "-q"]) == 0
    before = (directory / "manifest.json").read_bytes()
    start_over = f"or start over: remove {directory} or choose another directory\n"

    other = servers[1].url
    assert main(["export", str(directory), "--base-url", other, "--resume", "--query", QUERY]) == 2
    assert capsys.readouterr().err == (
        f"error: {directory} was exported from {source}, not {other}: resume it with "
        f"--base-url {source}, {start_over}"
    )
    argv = ["export", str(directory), "--base-url", source, "--resume"]
    assert main([*argv, "--query", QUERY, "--secret", "sk_another_project_key"]) == 2
    assert capsys.readouterr().err == (
        f"error: {directory} was exported with another secret key (another project?): resume "
        f"it with the same --secret (or $LIVEBLOCKS_SECRET_KEY), {start_over}"
    )
    assert main([*argv, "--threads", "--shard", "0/2"]) == 2
    assert capsys.readouterr().err == (
        f"error: {directory} was exported with other options (--query '{QUERY}', no --shard, "
        f"no --threads): resume it with the same ones and --resume, {start_over}"
    )
    assert main(["export", str(directory), "--base-url", source, "--query", QUERY]) == 2
    assert capsys.readouterr().err == (
        f"error: {directory} holds an export (30 rooms, complete): add --resume (with the "
        "same options) to complete it, or choose a new directory\n"
    )
    assert (directory / "manifest.json").read_bytes() == before  # refused: nothing changed
    assert main([*argv, "--query", QUERY, "-q"]) == 0


def test_a_run_that_failed_at_once_can_be_run_again(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "e"
    unreachable = f"http://127.0.0.1:{free_port()}"
    assert main(["export", str(directory), "--base-url", unreachable, "--threads"]) == 2
    assert main(["export", str(directory), "--base-url", source, "--secret", "sk_wrong"]) == 2
    assert main(["export", str(directory), "--base-url", source, "--query", "metdata:'a'"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: the server refused the room list (422: Invalid field: 'metdata' (at 1:1)); "
        "check --query (and --user-id, --group-ids, --organization-id)"
    )
    assert manifest(directory)["status"] == "failed"
    # Nothing was exported: the directory is used again at once, whatever the options.
    assert main(["export", str(directory), "--base-url", source, "-q"]) == 0
    assert capsys.readouterr().err == ""
    info = manifest(directory)
    assert info["status"] == "complete" and info["resumed"] == 0
    assert info["threads"] is False
    assert sorted(room_ids_in(directory)) == sorted(ROOM_IDS)
    # A failed run is also resumable with --resume and other options: nothing to keep.
    other = tmp_path / "f"
    assert main(["export", str(other), "--base-url", unreachable]) == 2
    assert main(["export", str(other), "--base-url", source, "--resume", "--shard", "0/2"]) == 0


def test_import_advice_and_id_map(
    servers: list[DevServer], source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "e"
    assert main(["export", str(directory), "--base-url", source, "-q"]) == 0
    lines = (directory / "rooms.ndjson").read_bytes().splitlines(keepends=True)
    room = json.loads(lines[0])
    (directory / "threads").mkdir()
    thread = {
        "type": "thread",
        "id": "th_1",
        "roomId": room["id"],
        "comments": [],
        "createdAt": "2024-01-01T00:00:00.000Z",
        "metadata": {},
        "resolved": False,
        "updatedAt": "2024-01-01T00:00:00.000Z",
    }
    from liveblocks.export import file_name

    threads = directory / "threads" / f"{file_name(room['id'])}.ndjson"
    threads.write_text(json.dumps(thread) + "\n")
    entry = {**index_lines(directory)[room["id"]], "threads": True}  # the index claims it
    with (directory / "index.ndjson").open("a") as index:
        index.write(json.dumps(entry) + "\n")
    target = servers[1].url
    id_map = tmp_path / "ids.ndjson"
    code = main(["import", str(directory), "--base-url", target, "--id-map", str(id_map)])
    assert code == 1
    err = capsys.readouterr().err
    assert (
        "1 rooms need GET /v2/rooms/{room_id}/threads, which the server does not implement "
        "(501): import into a project whose server has comments" in err
    )
    assert id_map.exists() and id_map.read_text() == ""


def test_a_room_that_cannot_be_written_is_retried_once_the_disk_is_fixed(
    monkeypatch: pytest.MonkeyPatch, source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from liveblocks.export import _writer

    real = _writer._write_new

    def full_for_one(folders: Any, path: Path, data: bytes) -> None:
        if path.name.startswith(".tmp-with%20space"):
            raise OSError(28, "No space left on device")
        real(folders, path, data)

    monkeypatch.setattr(_writer, "_write_new", full_for_one)
    directory = tmp_path / "e"
    assert main(["export", str(directory), "--base-url", source]) == 1
    err = capsys.readouterr().err
    assert "failed: room 'with space': OSError: [Errno 28] No space left on device" in err
    assert (
        "1 rooms failed on this machine's files (see the reasons above): once that is fixed, "
        "run the same command with --resume to retry them" in err
    )
    monkeypatch.undo()
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)
    assert main(["export", str(directory), "--base-url", source, "--resume", "-q"]) == 0
    assert sorted(room_ids_in(directory)) == sorted(ROOM_IDS)


# -- failures a rerun may fix, and the others ---------------------------------------------


def inject(monkeypatch: pytest.MonkeyPatch, answers: dict[str, str]) -> None:
    """Fail the requests to these (unquoted) paths: ``"drop"`` loses the connection,
    ``"400"`` answers a refusal."""
    send = AiohttpTransport.send

    async def failing(self: AiohttpTransport, request: Request) -> Response:
        path = unquote(request.path)
        if answers.get(path) == "drop":
            raise APIConnectionError("Connection reset: injected", method="POST", path=path)
        if answers.get(path) == "400":
            return Response(400, {}, b'{"error":"INJECTED","message":"injected refusal"}')
        return await send(self, request)

    monkeypatch.setattr(AiohttpTransport, "send", failing)


def test_import_tells_failures_a_rerun_may_fix_from_the_others(
    servers: list[DevServer],
    source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from liveblocks.export import file_name

    directory = tmp_path / "e"
    assert main(["export", str(directory), "--base-url", source, "-q"]) == 0
    # Bad input: a Storage document whose LiveFile has an id that is not one (its bytes
    # are there), and a line of rooms.ndjson that is not JSON.
    bad_file = ROOM_IDS[0]
    storage = directory / "storage" / f"{file_name(bad_file)}.json"
    document = json.loads(storage.read_bytes())
    file = {"id": "fl_not an id", "name": "a.txt", "size": 1, "mimeType": "text/plain"}
    document["data"]["file"] = {"liveblocksType": "LiveFile", "data": file}
    storage.write_text(json.dumps(document))
    (directory / "files" / file_name(bad_file)).mkdir(parents=True)
    (directory / "files" / file_name(bad_file) / file_name(file["id"])).write_bytes(b"x")
    with open(directory / "rooms.ndjson", "ab") as rooms:
        rooms.write(b"{not json\n")
    # A lost connection (a rerun may fix it) and a refusal (it comes back).
    lost, refused = ROOM_IDS[1], ROOM_IDS[2]
    inject(
        monkeypatch,
        {
            f"/v2/rooms/{lost}/request-storage-mutation": "drop",
            f"/v2/rooms/{refused}/ydoc": "400",
        },
    )
    assert main(["import", str(directory), "--base-url", servers[1].url]) == 1
    err = capsys.readouterr().err
    assert "Imported 27 rooms (" in err and "4 failed (1 a rerun may fix, 3 it cannot)" in err
    assert f"failed: room {bad_file!r}: ValueError: file_id must be 'fl_' followed by" in err
    assert "failed: room '(line 31)': " in err
    assert "rooms.ndjson, line 31, is not a room: JSON is malformed" in err
    advice = [
        line.strip() for line in err.splitlines() if line.startswith("  ") and "failed:" not in line
    ]
    assert advice == [
        "1 rooms failed on the way (no answer, a timeout, 429 or a server error): run the "
        "same import again to retry them (it completes what this run left, without "
        "duplicating)",
        "1 rooms were refused by the server (see the reasons above); running again gets the "
        "same answer until what it names is fixed",
        "2 rooms failed because of bad input in the export (a damaged line or document, a "
        "link or special file in place of a file, a file id that is not one, a Storage "
        "node this SDK cannot write) (see the reasons above); running again fails the "
        "same way until that is fixed",
    ]


def test_export_summary_and_manifest_tell_the_kinds_of_failure_apart(
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    lost, refused = ROOM_IDS[0], ROOM_IDS[1]
    inject(
        monkeypatch, {f"/v2/rooms/{lost}/storage": "drop", f"/v2/rooms/{refused}/storage": "400"}
    )
    directory = tmp_path / "e"
    assert main(["export", str(directory), "--base-url", source]) == 1
    err = capsys.readouterr().err
    assert "2 failed (1 a rerun may fix, 1 it cannot)" in err
    assert err.count("run the same command with --resume") == 1
    failures = {f["roomId"]: f for f in manifest(directory)["failures"]}
    assert (failures[lost]["retryable"], failures[refused]["retryable"]) == (True, False)
    assert failures[refused]["status"] == 400 and "status" not in failures[lost]


def test_merge_says_which_failures_of_its_exports_a_rerun_may_fix(
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from liveblocks.export import Shard

    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    shards = [Shard.parse("0/2"), Shard.parse("1/2")]
    lost = next(room for room in ROOM_IDS if room in shards[0])
    refused = next(room for room in ROOM_IDS if room in shards[1])
    inject(
        monkeypatch, {f"/v2/rooms/{lost}/storage": "drop", f"/v2/rooms/{refused}/storage": "400"}
    )
    parts = [tmp_path / "part-0", tmp_path / "part-1"]
    for k, part in enumerate(parts):
        assert main(["export", str(part), "--base-url", source, "--shard", f"{k}/2", "-q"]) == 1
    capsys.readouterr()
    out = tmp_path / "all"
    assert main(["merge", str(out), *map(str, parts)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].endswith("2 failed (1 a rerun may fix, 1 it cannot) in the exports")
    resume = "`python -m liveblocks export` and --resume (same options)"
    assert [line for line in lines if " is incomplete: " in line] == [
        f"error: {parts[0]} is incomplete: 1 of its 1 failed rooms a rerun may fix: complete "
        f"it with {resume}, then merge again",
        f"error: {parts[1]} is incomplete: 1 of its 1 failed rooms fail the same way on every "
        "run until what their reasons name is fixed (see its manifest.json); then complete it "
        f"with {resume} and merge again",
    ]
    assert f"  failed: room {lost!r}" in "\n".join(lines)
    merged = manifest(out)
    assert [(s["failed"], s["retryable"]) for s in merged["mergedFrom"]] == [(1, 1), (1, 0)]
    assert sorted(f["retryable"] for f in merged["failures"]) == [False, True]


def test_mutate_tells_failures_a_rerun_may_fix_from_the_others(
    servers: list[DevServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = servers[1].url
    with Liveblocks(SECRET, base_url=url) as client:
        for room in ("mut-ok", "mut-raises", "mut-lost"):
            client.rooms.create(id=room, default_accesses=[], idempotent=True)
    script = tmp_path / "migration.py"
    script.write_text(
        "def mark(room, root):\n"
        "    if not room.id.startswith('mut-'):\n"
        "        return\n"
        "    if room.id == 'mut-raises':\n"
        "        raise RuntimeError('not this one')\n"
        "    root['done'] = True\n"
    )
    inject(monkeypatch, {"/v2/rooms/mut-lost/send-message": "drop"})
    assert main(["mutate", f"{script}:mark", "--base-url", url]) == 1
    err = capsys.readouterr().err
    assert ", 2 failed (1 a rerun may fix, 1 it cannot)) in " in err
    advice = [
        line.strip() for line in err.splitlines() if line.startswith("  ") and "failed:" not in line
    ]
    assert advice == [
        "1 rooms failed on the way (no answer, a timeout, 429 or a server error): run the "
        "same command again to retry them (the function runs again on every room it "
        "selects: it should leave a room it already changed as it is)",
        "1 rooms failed because of the function (it raised) or the server's refusal (see the "
        "reasons above); running again fails the same way until that is fixed",
    ]


def test_merge_refuses_the_shards_of_two_servers(
    servers: list[DevServer], source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Same options, same split, but each shard from another server: not one export."""
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    assert main(["export", a, "--base-url", source, "--shard", "0/2", "-q"]) == 0
    assert main(["export", b, "--base-url", servers[1].url, "--shard", "1/2", "-q"]) == 0
    capsys.readouterr()
    out = tmp_path / "merged"
    assert main(["merge", str(out), a, b]) == 2
    assert capsys.readouterr().err == (
        "error: the exports were made with different filters or threads, or from different "
        f"servers ({a} and {b}): only the parts of one export can be merged\n"
    )
    assert not (out / "manifest.json").exists()


@pytest.mark.parametrize("tqdm", ["installed", "missing"])
def test_import_and_merge_progress_show_the_total(
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    servers: list[DevServer],
    tmp_path: Path,
    tqdm: str,
) -> None:
    if tqdm == "missing":
        monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now fails
    else:
        pytest.importorskip("tqdm")
    export = str(tmp_path / "e")
    assert main(["export", export, "--base-url", source, "-q", "--shard", "0/1"]) == 0
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    target = servers[1].url
    assert main(["import", export, "--base-url", target, "--yes"]) == 0
    out = terminal.getvalue()
    # tqdm: "import: 100%|...| 30/30 [00:01<00:00, ...]"; else "import: 30/30 rooms, ...".
    assert "import: " in out and "30/30" in out
    assert "Imported 30 rooms" in out
    terminal.seek(0)
    terminal.truncate()
    assert main(["merge", str(tmp_path / "m"), export]) == 0
    out = terminal.getvalue()
    assert "merge: " in out and "30/30" in out
