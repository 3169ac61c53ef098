"""Wire-level cases for every operation, one module per section of the reference."""

from __future__ import annotations

from . import rooms, storage, yjs
from ._case import OpCase, example, operations

ALL_CASES: list[OpCase] = [*rooms.CASES, *storage.CASES, *yjs.CASES]

__all__ = ["ALL_CASES", "OpCase", "example", "operations"]
