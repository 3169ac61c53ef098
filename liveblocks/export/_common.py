"""Small pieces shared by export and import: results of single rooms, timestamps."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .._batch import failure_reason
from ..errors import APIStatusError, LiveblocksError

__all__ = ["OnRoom", "RoomFailure", "RunStatus", "iso", "now"]

#: Called after each room with its id and what happened: ``"exported"``, ``"imported"``,
#: ``"skipped"`` (already complete in a resumed export) or ``"failed"``.
OnRoom = Callable[[str, str], None]


@dataclass(frozen=True)
class RoomFailure:
    """A room the job could not handle, and why. ``status`` is the HTTP status of the
    answer that failed it (None when no answer came, or the failure was not the API's)
    and ``request`` that request (``"GET /v2/rooms/r1/threads"``); ``local`` is True for
    a failure of this machine's files (a full disk, a file missing from an export)."""

    room_id: str
    reason: str
    status: int | None = None
    request: str | None = None
    local: bool = False

    @classmethod
    def of(cls, room_id: str, exc: BaseException) -> RoomFailure:
        """The failure for an exception (the SDK's errors, or one that carries the status
        and request of the error it wraps)."""
        if isinstance(exc, LiveblocksError):
            status = exc.status if isinstance(exc, APIStatusError) else None
            request = f"{exc.method} {exc.path}" if exc.method and exc.path else None
        else:
            status, request = getattr(exc, "status", None), getattr(exc, "request", None)
        # An error that says what failed and why (a file of the room) is not prefixed
        # with its class.
        reason = str(exc) if getattr(exc, "describes_itself", False) else failure_reason(exc)
        return cls(
            room_id,
            reason,
            status if isinstance(status, int) else None,
            request if isinstance(request, str) else None,
            isinstance(exc, OSError),
        )

    @property
    def retryable(self) -> bool:
        """Whether running again may help as it is: the API's answer was a transient one,
        or none came (a failure of local files needs fixing first)."""
        if self.local:
            return False
        status = self.status
        return status is None or status == 429 or (status >= 500 and status not in (501, 505))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"roomId": self.room_id, "reason": self.reason}
        if self.status is not None:
            data["status"] = self.status
        if self.request is not None:
            data["request"] = self.request
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoomFailure:
        status = data.get("status")
        request = data.get("request")
        return cls(
            str(data.get("roomId")),
            str(data.get("reason")),
            status if isinstance(status, int) else None,
            request if isinstance(request, str) else None,
        )


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
