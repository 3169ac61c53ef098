"""Small pieces shared by export and import: results of single rooms, timestamps."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["OnRoom", "RoomFailure", "RunStatus", "iso", "now"]

#: Called after each room with its id and what happened: ``"exported"``, ``"imported"``,
#: ``"skipped"`` (already complete in a resumed export) or ``"failed"``.
OnRoom = Callable[[str, str], None]


@dataclass(frozen=True)
class RoomFailure:
    """A room the job could not handle, and why."""

    room_id: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"roomId": self.room_id, "reason": self.reason}


class RunStatus:
    """``ok`` and ``elapsed`` of a run's result (an export's or an import's)."""

    status: str
    started_at: datetime.datetime
    finished_at: datetime.datetime | None

    @property
    def ok(self) -> bool:
        """True when every room was handled: the run is complete."""
        return self.status == "complete"

    @property
    def elapsed(self) -> float:
        """Seconds from the start to the end of the run (or to now, while it runs)."""
        end = self.finished_at or now()
        return (end - self.started_at).total_seconds()


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def iso(value: datetime.datetime | None) -> str | None:
    """A UTC time as ``2024-05-01T12:00:00.000Z``."""
    if value is None:
        return None
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
