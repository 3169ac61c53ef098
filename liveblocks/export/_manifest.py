"""An export's ``manifest.json``: written when a run starts (``"status": "running"``) and
rewritten when it ends, with what the directory holds, what the run did, and why rooms
failed."""

from __future__ import annotations

from typing import Any

from .._version import __version__
from ._common import RoomFailure
from ._layout import BLOB_KINDS, FORMAT, FORMAT_VERSION, ExportDirectory
from ._plan import ExportPlan, ExportState

__all__ = ["Manifest"]


class Manifest:
    """The manifest of one export run."""

    def __init__(
        self, directory: ExportDirectory, plan: ExportPlan, state: ExportState, started_at: str
    ) -> None:
        self.dir = directory
        self.plan = plan
        self.data: dict[str, Any] = {
            "format": FORMAT,
            "formatVersion": FORMAT_VERSION,
            "sdkVersion": __version__,
            "status": "running",
            "createdAt": state.created_at or started_at,
            "startedAt": started_at,
            "finishedAt": None,
            "resumed": state.resumed,
            **plan.to_manifest(),
            "counts": {},
            "failures": [],
        }

    def start(self) -> None:
        self.dir.write_manifest(self.data)

    def finish(
        self,
        status: str,
        finished_at: str | None,
        run: dict[str, int],
        failures: list[RoomFailure],
        error: str | None = None,
    ) -> None:
        """Record the end of the run: the directory's counts (every run's rooms), this
        run's counts, and the rooms that failed."""
        kinds = self.plan.kinds
        blobs = [kind for kind in BLOB_KINDS if kind in self.plan.folders]
        self.data.update(
            status=status,
            finishedAt=finished_at,
            counts={
                "rooms": self.dir.count_rooms(),
                **{kind: self.dir.count_documents(kind) for kind in kinds},
                **{kind: self.dir.count_blobs(kind) for kind in blobs},
                "failed": len(failures),
            },
            run=run,
            failures=[f.to_dict() for f in failures],
        )
        if error is not None:
            self.data["error"] = error
        self.dir.write_manifest(self.data)
