"""LiveList positions: the same strings as @liveblocks/core computes for the same inputs
(appends by the thousand, inserts at the front and between neighbours, keys the server
might send), and always in list order."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from liveblocks.live._position import (
    FIRST,
    as_position,
    make_position,
    position_after,
    position_before,
    position_between,
)
from tests.nodesdk import run_node


def _cases() -> list[Any]:
    rng = random.Random(20261201)
    cases: list[Any] = [[None, None]]
    # Appends: long enough for the digit window to grow twice (95 * 95 and beyond).
    position = FIRST
    chain = [position]
    for _ in range(9_300):
        position = position_after(position)
        chain.append(position)
    cases += [[p, None] for p in chain[::7]]
    cases += [[p, None] for p in chain[9_000:9_100]]
    # Inserts before the first item, again and again.
    position = FIRST
    for _ in range(300):
        cases.append([None, position])
        position = position_before(position)
    # Between neighbours, adjacent digits, and nested halvings.
    for _ in range(1_500):
        low, high = sorted(rng.sample(chain, 2))
        cases.append([low, high])
    low, high = FIRST, position_after(FIRST)
    for _ in range(200):
        middle = position_between(low, high)
        cases.append([low, high])
        if rng.random() < 0.5:
            low = middle
        else:
            high = middle
    cases += [["!", "!!"], ["!", '"'], ["!~~", '"'], [" ~", "!"], ["~", None], ["~~~", None]]
    cases += [['"', "!"]]  # given in reverse order
    # Keys as the server may send them: invalid characters, trailing zero digits, empty.
    odd = ["", " ", "   ", "a  ", "\x1f", "abc\x7f", "é", "!", "  !", "~~", "a\n", "\u00a0x"]
    odd += [
        "".join(chr(rng.randrange(0, 200)) for _ in range(rng.randrange(1, 6))) for _ in range(300)
    ]
    cases += [{"asPos": key} for key in odd]
    return cases


def _ours(case: Any) -> str:
    if isinstance(case, dict):
        return as_position(case["asPos"])
    return make_position(case[0], case[1])


def test_positions_are_those_of_liveblocks_core(tmp_path: Path) -> None:
    cases = _cases()
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases))
    theirs = run_node("positions.mjs", str(path), base_url="", secret="")
    ours = [_ours(case) for case in cases]
    assert len(theirs) == len(ours)
    mismatches = [(c, o, t) for c, o, t in zip(cases, ours, theirs, strict=True) if o != t]
    assert not mismatches, mismatches[:10]


def test_positions_keep_list_order() -> None:
    rng = random.Random(7)
    positions = [FIRST]
    for _ in range(3_000):
        index = rng.randrange(len(positions) + 1)
        before = positions[index - 1] if index > 0 else None
        after = positions[index] if index < len(positions) else None
        new = make_position(before, after)
        assert (before is None or before < new) and (after is None or new < after)
        assert not new.endswith(" ")
        positions.insert(index, new)
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)


def test_no_position_between_equal_ones() -> None:
    with pytest.raises(ValueError, match="equal"):
        position_between("!", "!")
