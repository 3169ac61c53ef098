"""Wire-level cases for every operation, one module per section of the reference."""

from __future__ import annotations

from . import (
    ai,
    auth,
    comments,
    feeds,
    files,
    groups,
    management,
    notifications,
    rooms,
    storage,
    yjs,
)
from ._case import (
    OpCase,
    current_operations,
    example,
    example_323,
    models_323,
    operations,
    operations_added,
)

ALL_CASES: list[OpCase] = [*rooms.CASES, *storage.CASES, *yjs.CASES, *comments.CASES, *auth.CASES]
ALL_CASES += [*notifications.CASES, *groups.CASES]
ALL_CASES += [*ai.CASES, *management.CASES]
ALL_CASES += [*files.CASES, *feeds.CASES]

__all__ = [
    "ALL_CASES",
    "OpCase",
    "current_operations",
    "example",
    "example_323",
    "models_323",
    "operations",
    "operations_added",
]
