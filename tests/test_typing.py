"""The public API is typed for both clients: mypy --strict passes on the usage files in
tests/typing/, and each ``reveal_type`` there shows the real type (a model, not ``Any``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api

TYPING_DIR = Path(__file__).parent / "typing"
USAGE_FILES = sorted(TYPING_DIR.glob("usage_*.py"))
EXPECT = re.compile(r"reveal_type\(.*\)\s+# expect: (.+)$")
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
    expected = {
        number: match[1].strip()
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if (match := EXPECT.search(text))
    }
    assert expected, f"{path.name} has no reveal_type expectations"
    for number, want in expected.items():
        got = revealed.get(number)
        assert got == want, f"{path.name}:{number}: revealed {got!r}, expected {want!r}"
        assert "Any" not in got.replace("Coroutine[Any, Any,", ""), got
