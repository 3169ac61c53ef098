"""The public API is typed for both clients: mypy --strict passes on the usage files in
tests/typing/, and each ``reveal_type`` there shows the real type (a model, not ``Any``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from mypy import api

from tests.cases._case import current_operations

TYPING_DIR = Path(__file__).parent.parent / "typing"
USAGE_FILES = sorted(TYPING_DIR.glob("usage_*.py"))
EXPECT = re.compile(r"# expect: (.+)$")
NOTE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): note: Revealed type is \"(?P<type>.+)\"$")


@pytest.fixture(scope="module")
def mypy_output() -> tuple[str, int]:
    stdout, stderr, status = api.run(
        ["--strict", "--no-error-summary", "--cache-dir", str(TYPING_DIR / ".mypy_cache")]
        + [str(path) for path in USAGE_FILES]
    )
    return stdout + stderr, status


def test_usage_files_exist() -> None:
    assert USAGE_FILES


def test_usage_files_pass_mypy_strict(mypy_output: tuple[str, int]) -> None:
    output, _ = mypy_output
    errors = [line for line in output.splitlines() if ": error:" in line]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("path", USAGE_FILES, ids=lambda p: p.name)
def test_revealed_types(path: Path, mypy_output: tuple[str, int]) -> None:
    output, _ = mypy_output
    revealed: dict[int, str] = {}
    for line in output.splitlines():
        match = NOTE.match(line)
        if match and Path(match["file"]).name == path.name:
            revealed[int(match["line"])] = match["type"]
    expected = _expectations(path)
    assert expected, f"{path.name} has no reveal_type expectations"
    for (start, end), want in expected.items():
        got = next((revealed[n] for n in range(start, end + 1) if n in revealed), None)
        number = start
        assert got == want, f"{path.name}:{number}: revealed {got!r}, expected {want!r}"
        assert "Any" not in got.replace("Coroutine[Any, Any,", ""), got


def _expectations(path: Path) -> dict[tuple[int, int], str]:
    """Lines of each ``reveal_type(...)`` call -> the type its ``# expect:`` comment names
    (the comment may sit on any line of a call that a formatter split)."""
    source = path.read_text()
    lines = source.splitlines()
    result: dict[tuple[int, int], str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "reveal_type":
            end = node.end_lineno or node.lineno
            found = [
                m[1].strip()
                for text in lines[node.lineno - 1 : end + 1]
                if (m := EXPECT.search(text))
            ]
            assert found, f"{path.name}:{node.lineno}: reveal_type without '# expect:'"
            result[(node.lineno, end + 1)] = found[0]
    return result


# Every flat method, as mypy sees it on each client: ``SyncEndpoint[[params], Model]`` or
# ``AsyncEndpoint[[params], Model]``. The flat modules import their models only for type
# checking (so that creating a client loads no area); this holds that mypy still resolves
# every parameter and return type.
FLAT_TYPE = re.compile(r"^liveblocks\._call\.SyncEndpoint\[\[(?P<params>.*)\], (?P<ret>.+)\]$")


@pytest.fixture(scope="module")
def flat_types(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    lines = ["from liveblocks import AsyncLiveblocks, Liveblocks", "", 'c = Liveblocks("sk")']
    lines.append('a = AsyncLiveblocks("sk")')
    where: dict[int, tuple[str, str]] = {}
    for op in current_operations():
        for client in ("c", "a"):
            lines.append(f"reveal_type({client}.{op['name']})")
            where[len(lines)] = (client, op["name"])
    usage = tmp_path_factory.mktemp("flat") / "usage_flat.py"
    usage.write_text("\n".join(lines) + "\n")
    cache = ["--cache-dir", str(TYPING_DIR / ".mypy_cache")]
    stdout, stderr, _ = api.run(["--strict", "--no-error-summary", *cache, str(usage)])
    errors = [line for line in (stdout + stderr).splitlines() if ": error:" in line]
    assert not errors, "\n".join(errors)
    revealed = {}
    for line in stdout.splitlines():
        match = NOTE.match(line)
        if match:
            revealed[where[int(match["line"])]] = match["type"]
    return revealed


def _short(type_text: str) -> set[str]:
    """``liveblocks._models.ai.A | liveblocks._models.ai.B`` -> ``{"A", "B"}``."""
    return {part.rsplit(".", 1)[-1] for part in type_text.split(" | ")}


@pytest.mark.parametrize("op", current_operations(), ids=lambda op: op["name"])
def test_mypy_sees_every_flat_method_with_its_signature_on_both_clients(
    op: dict[str, Any], flat_types: dict[tuple[str, str], str]
) -> None:
    sync, async_ = flat_types[("c", op["name"])], flat_types[("a", op["name"])]
    match = FLAT_TYPE.match(sync)
    assert match, sync
    assert async_ == sync.replace("SyncEndpoint", "AsyncEndpoint", 1)
    assert "Any" not in match["ret"]
    names = re.findall(r"(\w+):", match["params"])
    expected = list(op["path_params"]) + [q["name"] for q in op["query"]]
    if op["body"] is not None:
        expected.append("body")
    assert names[: len(op["path_params"])] == op["path_params"]
    assert sorted(names) == sorted(expected)
    # Ours may add a fallback variant to a union (an unknown copilot, notification kind).
    assert _short(str(op["returns"])) <= _short(match["ret"])
