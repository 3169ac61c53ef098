"""The command line's progress line without tqdm: ``N/TOTAL`` and an ETA once the job
knows its total, the count alone before."""

from __future__ import annotations

import io
import sys
import time

import pytest

from liveblocks._batch import Progress, announce_total


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now fails


def test_with_a_total_it_shows_n_of_total_and_an_eta(plain: None) -> None:
    terminal = Terminal()
    progress = Progress("import", False, terminal)
    announce_total(progress, 40)
    for index in range(10):
        progress(f"r{index}", "failed" if index == 0 else "imported")
    progress._started = time.monotonic() - 10  # as if 10 rooms took 10 s: 30 left
    progress.close()
    last = terminal.getvalue().split("\r")[-1]
    assert last == "import: 10/40 rooms, ETA 00:30, 1.0 rooms/s, 1 failed\n"


def test_without_a_total_the_count_alone(plain: None) -> None:
    terminal = Terminal()
    progress = Progress("export", False, terminal)
    progress("r1", "exported")
    progress.close()
    line = terminal.getvalue()
    assert line.startswith("\rexport: 1 rooms, ") and line.endswith(" rooms/s, 0 failed\n")


def test_a_callback_without_set_total_is_left_alone() -> None:
    seen: list[tuple[str, str]] = []
    announce_total(lambda room_id, outcome: seen.append((room_id, outcome)), 3)
    assert seen == []
