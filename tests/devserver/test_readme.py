"""Every ``python`` block of README.md and of the docs site (``docs/``) runs as written, so
the examples cannot drift.

A block runs in a fresh namespace against the dev server (``LIVEBLOCKS_BASE_URL`` and
``LIVEBLOCKS_SECRET_KEY=sk_localdev``, as ``liveblocks dev`` sets them), unless an HTML
comment just above it says otherwise, and why:

- ``<!-- readme-test: fake-api: REASON -->``: against the stateful fake API below (for
  what the dev server does not implement);
- ``<!-- not run ...: REASON -->`` (or ``<!-- readme-test: skip: REASON -->``): not run;
  REASON says why, and what tests the calls instead.

Every block, run or not, is also checked for undefined names.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from liveblocks import Liveblocks
from tests.devserver_process import SECRET, DevServer
from tests.export_helpers import started
from tests.fakes.faultserver import FaultServer, Received, Reply, room_json

README = Path(__file__).resolve().parent.parent.parent / "README.md"
_MARKER = re.compile(r"<!--\s*readme-test:\s*([\w-]+)\s*:(.*?)-->\s*$", re.DOTALL)
_NOT_RUN = re.compile(r"<!--\s*(not run\b.*?)-->\s*$", re.DOTALL)
KINDS = ("fake-api", "skip")


DOCS = README.parent / "docs"


@dataclass
class Block:
    line: int  # of the opening fence, 1-based
    code: str
    kind: str  # "devserver", "fake-api" or "skip"
    reason: str
    source: str = "README.md"

    @property
    def id(self) -> str:
        return f"{self.source}:{self.line}"


def blocks(text: str, source: str = "README.md") -> list[Block]:
    found = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        if lines[index].strip() != "```python":
            index += 1
            continue
        start = index
        end = lines.index("```", start + 1)
        before = "\n".join(lines[max(0, start - 6) : start]).rstrip()
        kind, reason = "devserver", ""
        if before.endswith("-->"):
            comment = before[before.rfind("<!--") :]
            marker, not_run = _MARKER.search(comment), _NOT_RUN.search(comment)
            if marker is not None:
                kind, reason = marker.group(1), " ".join(marker.group(2).split())
            elif not_run is not None:
                kind, reason = "skip", " ".join(not_run.group(1).split())
            else:
                raise AssertionError(f"{source}:{start + 1}: unreadable comment above the block")
        code = "\n".join(lines[start + 1 : end]) + "\n"
        found.append(Block(start + 1, code, kind, reason, source))
        index = end + 1
    return found


BLOCKS = blocks(README.read_text(encoding="utf-8"))
DOC_BLOCKS = [
    block
    for page in sorted(DOCS.rglob("*.md"))
    for block in blocks(page.read_text(encoding="utf-8"), str(page.relative_to(README.parent)))
]


def test_the_docs_have_examples() -> None:
    assert len(DOC_BLOCKS) >= 10
    assert all(block.kind in ("devserver", *KINDS) for block in DOC_BLOCKS)


def test_the_readme_has_examples_and_every_marker_is_known() -> None:
    assert len(BLOCKS) >= 10
    for block in BLOCKS:
        assert block.kind in ("devserver", *KINDS), f"{block.id}: unknown kind {block.kind!r}"
        if block.kind != "devserver":
            assert len(block.reason) > 10, f"{block.id}: say why the block is not run as is"


@pytest.mark.parametrize("block", BLOCKS + DOC_BLOCKS, ids=lambda b: b.id)
def test_no_undefined_names(block: Block, tmp_path: Path) -> None:
    path = tmp_path / "block.py"
    path.write_text(block.code)
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--isolated",
            "--select",
            "F821,F822",
            "--output-format",
            "concise",
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, f"{block.id}:\n{checked.stdout}{checked.stderr}"


class FakeAPI:
    """Rooms with Storage, enough for the examples the dev server cannot serve: lists
    (honouring ``query`` on metadata), reads Storage as JSON, and applies JSON Patch."""

    def __init__(self) -> None:
        self.storage: dict[str, dict[str, Any]] = {"doc-1": {"title": "Plan"}, "doc-2": {}}
        self.metadata = {"doc-1": {"team": "a"}, "doc-2": {"team": "b"}}
        self.patches: dict[str, list[Any]] = {}

    def __call__(self, received: Received) -> Reply:
        url = urlsplit(received.target)
        query = dict(parse_qsl(url.query))
        parts = [unquote(p) for p in url.path.split("/")[3:]]
        if not parts:
            match = re.fullmatch(r'metadata\["(\w+)"\]:"(\w+)"', query.get("query", ""))
            ids = [
                i
                for i in self.storage
                if match is None or self.metadata[i].get(match.group(1)) == match.group(2)
            ]
            rooms = [{**room_json(i), "metadata": self.metadata[i]} for i in ids]
            return Reply(200, {"nextCursor": None, "data": rooms})
        room_id, rest = parts[0], parts[1:]
        if room_id not in self.storage:
            return Reply(404, {"error": "ROOM_NOT_FOUND", "message": f"No room {room_id}"})
        if not rest:
            return Reply(200, {**room_json(room_id), "metadata": self.metadata[room_id]})
        if rest == ["storage"] and received.method == "GET":
            return Reply(200, self.storage[room_id])
        if rest == ["storage", "json-patch"] and received.method == "PATCH":
            operations = json.loads(received.body)
            self.patches[room_id] = operations
            for op in operations:
                if op["op"] == "add" and op["path"].count("/") == 1:
                    self.storage[room_id][op["path"][1:]] = op["value"]
            return Reply(200, b"")
        return Reply(501, {"error": "NOT_IMPLEMENTED", "message": received.path})


@pytest.fixture
def fake_api() -> Iterator[tuple[FaultServer, FakeAPI]]:
    api = FakeAPI()
    with FaultServer() as server:
        server.handler = api
        yield server, api


def _run(block: Block, base_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LIVEBLOCKS_BASE_URL", base_url)
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)
    monkeypatch.chdir(tmp_path)
    code = compile(block.code, block.id, "exec")
    # A block may configure logging (the configuration guide's does): what it sets is
    # undone after it, or every later test of the run would keep its DEBUG records.
    loggers = [logging.getLogger(), logging.getLogger("liveblocks")]
    saved = [(logger, logger.level, list(logger.handlers)) for logger in loggers]
    try:
        exec(code, {"__name__": "__readme__"})
    finally:
        for logger, level, handlers in saved:
            logger.setLevel(level)
            logger.handlers[:] = handlers


RUN = [b for b in BLOCKS + DOC_BLOCKS if b.kind == "devserver"]
FAKE = [b for b in BLOCKS + DOC_BLOCKS if b.kind == "fake-api"]


@pytest.mark.parametrize("block", RUN, ids=lambda b: b.id)
def test_block_runs_against_the_dev_server(
    block: Block, devserver: DevServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _run(block, devserver.url, monkeypatch, tmp_path)


@pytest.mark.parametrize("block", FAKE, ids=lambda b: b.id)
def test_block_runs_against_the_fake_api(
    block: Block,
    fake_api: tuple[FaultServer, FakeAPI],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    server, _ = fake_api
    _run(block, server.url, monkeypatch, tmp_path)
    assert server.count > 0  # the block talked to the API


def test_the_mass_patch_storage_example_patches_only_the_rooms_it_selects(
    fake_api: tuple[FaultServer, FakeAPI],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (block,) = [b for b in FAKE if "mass_patch_storage" in b.code]
    server, api = fake_api
    _run(block, server.url, monkeypatch, tmp_path)
    assert api.patches == {"doc-1": [{"op": "add", "path": "/version", "value": 2}]}
    assert capsys.readouterr().out.split("\n")[-2] == "1 0 []"


# -- the shell blocks of the export section -----------------------------------------------

EXPORT_SECTION = "### Export, import and mass mutation"


def shell_blocks(text: str, heading: str) -> list[tuple[int, str]]:
    """The ``bash`` blocks of a section (up to the next heading), with their lines."""
    lines = text.splitlines()
    start = lines.index(heading)
    found = []
    index = start + 1
    while index < len(lines) and not lines[index].startswith("#"):
        if lines[index].strip() == "```bash":
            end = lines.index("```", index + 1)
            found.append((index + 1, "\n".join(lines[index + 1 : end]) + "\n"))
            index = end
        index += 1
    return found


@pytest.fixture(scope="module")
def export_server() -> Iterator[DevServer]:
    """A dev server of its own with two rooms, doc-1 and doc-2, with Storage (and Yjs)."""
    for servers in started(1):
        server = servers[0]
        with Liveblocks(SECRET, base_url=server.url) as client:
            for room_id, team in (("doc-1", "a"), ("doc-2", "b")):
                client.rooms.create(id=room_id, default_accesses=[], metadata={"team": team})
                client.rooms[room_id].storage.initialize(
                    {"liveblocksType": "LiveObject", "data": {"title": room_id}}
                )
        yield server


def test_the_export_sections_shell_blocks_run_in_order(
    export_server: DevServer, tmp_path: Path
) -> None:
    found = shell_blocks(README.read_text(encoding="utf-8"), EXPORT_SECTION)
    assert found, "the export section has shell blocks"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEBLOCKS_")}
    # "python" is this virtual environment's, the key and URL the dev server's.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["LIVEBLOCKS_SECRET_KEY"] = SECRET
    env["LIVEBLOCKS_BASE_URL"] = export_server.url
    outputs = []
    for line, code in found:
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", code],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"README.md:{line}:\n{done.stdout}{done.stderr}"
        outputs.append(done.stdout)
    merged = json.loads((tmp_path / "all" / "manifest.json").read_text())
    assert (merged["status"], merged["counts"]["rooms"]) == ("complete", 2)
    assert "replace doc-1 (Storage replaced)\n" in "".join(outputs)
