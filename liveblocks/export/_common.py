"""Small pieces shared by export and import: results of single rooms, timestamps."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .._batch import failure_reason, is_retryable, is_transient_status
from ..errors import APIStatusError, LiveblocksError

__all__ = ["OnRoom", "RoomFailure", "RunStatus", "iso", "now"]

#: Called after each room with its id and what happened: ``"exported"``, ``"imported"``,
#: ``"merged"``, ``"skipped"`` (already complete in a resumed export, or left alone by an
#: import with ``skip_existing``) or ``"failed"``. A callback object with a
#: ``set_total(n)`` method is told how many rooms there will be once the job knows (an
#: import or a merge, from the index), as the command line's progress bar is.
OnRoom = Callable[[str, str], None]


@dataclass(frozen=True)
class RoomFailure:
    """A room the job could not handle, and why. ``status`` is the HTTP status of the
    answer that failed it (None when no answer came, or the failure was not the API's)
    and ``request`` that request (``"GET /v2/rooms/r1/threads"``); ``local`` is True for
    a failure of this machine's files (a full disk, a file missing from an export);
    ``retryable`` is True when running the job again may get past it as it is (no
    answer, a timeout, 429 or a server error), False when it would fail the same way (a
    refusal, bad input, this machine's files) until what the reason names is fixed."""

    room_id: str
    reason: str
    status: int | None = None
    request: str | None = None
    local: bool = False
    retryable: bool = False

    @classmethod
    def of(cls, room_id: str, exc: BaseException) -> RoomFailure:
        """The failure for an exception (the SDK's errors, or one that carries the status,
        request and retryability of the error it wraps)."""
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
            # A timeout is an OSError too, but not one of this machine's files, and a
            # damaged export (also a ValueError) is bad input.
            isinstance(exc, OSError) and not isinstance(exc, (LiveblocksError, ValueError)),
            is_retryable(exc),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"roomId": self.room_id, "reason": self.reason}
        if self.status is not None:
            data["status"] = self.status
        if self.request is not None:
            data["request"] = self.request
        data["retryable"] = self.retryable
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoomFailure:
        """A failure as a manifest records it (one written before ``retryable`` was
        recorded is retryable when its status was: none, 429 or a server error)."""
        status = data.get("status")
        status = status if isinstance(status, int) and not isinstance(status, bool) else None
        request = data.get("request")
        retryable = data.get("retryable")
        if not isinstance(retryable, bool):
            retryable = status is None or is_transient_status(status)
        return cls(
            str(data.get("roomId")),
            str(data.get("reason")),
            status,
            request if isinstance(request, str) else None,
            retryable=retryable,
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
