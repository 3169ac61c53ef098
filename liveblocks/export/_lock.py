"""One run per destination: the lock an export (and its resume) or a merge takes on what
it writes, before it touches anything.

The lock is ``.liveblocks-lock.json`` in the destination, created only if absent: on disk
a file created exclusively (``O_EXCL``); on object storage an object written with a
conditional write (S3's ``If-None-Match: *``, and the same on stores fsspec gives that
mode), else, on a store without one, looked for and then written, which two runs starting
at the same instant can both pass. It holds the run's id, host, pid and start time, and is
renewed (its ``renewedAt``) every :func:`renew_interval` while the run lasts, and removed
at its end. A lock not renewed for ``timeout`` seconds (a run that was killed, on another
machine), or one of this machine naming a process that no longer runs, is taken over;
any other makes the second run stop with :class:`DestinationLockedError`, saying who
holds it.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import logging
import os
import socket
import threading
import uuid
from typing import Any

import msgspec

from ._common import iso, now
from ._layout import LOCK, ExportDirectory, ExportDirectoryError, open_below

__all__ = ["DEFAULT_LOCK_TIMEOUT", "LOCK_NAME", "DestinationLockedError", "RunLock"]

logger = logging.getLogger("liveblocks")

LOCK_NAME = LOCK
#: Seconds without renewal after which a run's lock is taken over.
DEFAULT_LOCK_TIMEOUT = 600.0


class DestinationLockedError(ExportDirectoryError):
    """Another run is writing the destination (``holder``: its lock, with ``host``,
    ``pid``, ``startedAt`` and ``renewedAt``)."""

    def __init__(self, message: str, holder: dict[str, Any]) -> None:
        super().__init__(message)
        self.holder = holder


def renew_interval(timeout: float) -> float:
    """How often a run renews its lock: a third of the time after which it is taken over
    (at most a minute)."""
    return max(0.05, min(60.0, timeout / 3))


class _LocalLock:
    """The lock file of a directory on disk."""

    def __init__(self, directory: ExportDirectory) -> None:
        self.dir = directory
        self.path = directory.path / LOCK

    def create(self, data: bytes) -> bool:
        self.dir.path.mkdir(parents=True, exist_ok=True)
        try:
            fd = open_below(self.dir.path, self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            return False
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        return True

    def read(self) -> bytes | None:
        try:
            with os.fdopen(open_below(self.dir.path, self.path, os.O_RDONLY), "rb") as file:
                return file.read(64 * 1024)
        except FileNotFoundError:
            return None

    def replace(self, data: bytes) -> None:
        from ._layout import write_atomic

        write_atomic(self.path, data, root=self.dir.path)

    def remove(self) -> None:
        self.dir.remove(self.path)


class _ObjectLock:
    """The lock object of a destination on object storage."""

    def __init__(self, directory: Any) -> None:
        self.dir = directory
        self.path = directory.path / LOCK

    def create(self, data: bytes) -> bool:
        return bool(self.dir.create(self.path, data))

    def read(self) -> bytes | None:
        try:
            return bytes(self.dir.read(self.path))
        except FileNotFoundError:
            return None

    def replace(self, data: bytes) -> None:
        self.dir.put(self.path, data)

    def remove(self) -> None:
        self.dir.remove(self.path)


class RunLock:
    """The lock of one run on ``directory`` (see the module's documentation); a context
    manager: taken on entry, renewed in a thread, released on exit."""

    def __init__(
        self, directory: ExportDirectory, command: str, timeout: float = DEFAULT_LOCK_TIMEOUT
    ) -> None:
        from ._objects import ObjectExportDirectory

        if not timeout > 0:
            raise ValueError(f"lock_timeout must be a number of seconds > 0, got {timeout!r}")
        self.dir = directory
        self.timeout = float(timeout)
        self.store: _LocalLock | _ObjectLock = (
            _ObjectLock(directory)
            if isinstance(directory, ObjectExportDirectory)
            else _LocalLock(directory)
        )
        started = iso(now())
        self.data: dict[str, Any] = {
            "runId": uuid.uuid4().hex,
            "command": command,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "startedAt": started,
            "renewedAt": started,
            "timeoutSeconds": self.timeout,
        }
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def shown(self) -> str:
        return self.dir.shown(self.store.path)

    def _encode(self) -> bytes:
        return msgspec.json.encode(self.data) + b"\n"

    def acquire(self) -> None:
        """Take the lock, or raise :class:`DestinationLockedError` naming its holder."""
        if self.store.create(self._encode()):
            return
        holder = self._holder()
        if holder is not None and not self._abandoned(holder):
            raise DestinationLockedError(self._message(holder), holder)
        logger.warning("taking over the lock %s left by %s", self.shown, _who(holder))
        self.store.replace(self._encode())
        mine = self._holder()
        if mine is None or mine.get("runId") != self.data["runId"]:  # another took it first
            holder = mine or {}
            raise DestinationLockedError(self._message(holder), holder)

    def _holder(self) -> dict[str, Any] | None:
        raw = self.store.read()
        if raw is None:
            return None
        try:
            data = msgspec.json.decode(raw)
        except msgspec.DecodeError:
            return {}
        return data if isinstance(data, dict) else {}

    def _abandoned(self, holder: dict[str, Any]) -> bool:
        """Whether a lock found is left by a run that is over: not renewed for the
        timeout, or naming a process of this machine that no longer runs."""
        pid = holder.get("pid")
        if holder.get("host") == self.data["host"] and isinstance(pid, int) and not _running(pid):
            return True
        renewed = _parse_time(holder.get("renewedAt"))
        if renewed is None:
            return True  # damaged: no run renews it
        return (now() - renewed).total_seconds() > self.timeout

    def _message(self, holder: dict[str, Any]) -> str:
        return (
            f"{self.dir.shown(self.dir.path)} is being written by another run ({_who(holder)}): "
            f"wait for it to end. If it was stopped, its lock ({self.shown}) is taken over "
            f"{self.timeout:g} s after its last renewal, or remove it"
        )

    def start(self) -> None:
        self.acquire()
        self._thread = threading.Thread(target=self._renew, name="liveblocks-lock", daemon=True)
        self._thread.start()

    def _renew(self) -> None:
        interval = renew_interval(self.timeout)
        while not self._stop.wait(interval):
            self.data["renewedAt"] = iso(now())
            try:
                holder = self._holder()
                if holder is not None and holder.get("runId") != self.data["runId"]:
                    logger.warning("the lock %s was taken over by %s", self.shown, _who(holder))
                    return
                self.store.replace(self._encode())
            except OSError as exc:
                logger.warning("renewing the lock %s failed: %s", self.shown, exc)

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with contextlib.suppress(OSError):
            holder = self._holder()
            if holder is not None and holder.get("runId") == self.data["runId"]:
                self.store.remove()

    def __enter__(self) -> RunLock:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _who(holder: dict[str, Any] | None) -> str:
    if not holder:
        return "a run whose lock cannot be read"
    return (
        f"{holder.get('command', 'a run')} on host {holder.get('host')}, pid "
        f"{holder.get('pid')}, since {holder.get('startedAt')}, last renewed "
        f"{holder.get('renewedAt')}"
    )


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError as exc:
        return exc.errno == errno.EPERM
    return True


def _parse_time(value: object) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None
