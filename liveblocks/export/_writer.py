"""Durable writing at disk speed: every file of an export is written by one thread, never
by the event loop, and made durable a batch at a time.

A room's files are handed over with the log lines that claim them (its ``index.ndjson``
and ``rooms.ndjson`` lines). The writer thread writes each file under a temporary name
in its final folder at once, and at each checkpoint (every :data:`CHECKPOINT_SECONDS`, or
after :data:`CHECKPOINT_FILES` files, and at the end):

1. flushes the data of every file written since the last checkpoint to disk (on Linux
   one ``syncfs`` of the export's file system, elsewhere one ``fsync`` per file);
2. renames each file to its final name, so a final name always holds a whole file;
3. flushes the renames (``syncfs`` again, or one ``fsync`` per folder);
4. only then appends the lines that claim those files, and flushes the logs.

So the index never claims a file that a crash could lose, and one checkpoint costs a few
flushes whatever the number of files. The event loop only queues work; it waits only when
more than :data:`MAX_PENDING_BYTES` are queued (a disk slower than the network), counting
what the queued rooms' objects cost beyond their bytes (paths, lines, the room itself), so
memory stays flat however many rooms an export has and however slow the disk is.

Files are opened as the export's own (:class:`~._layout.Folders`): a folder on the way
that is a symbolic link, or a link in place of a temporary file, fails the room and
nothing is written through it.

A room is done once its checkpoint is: ``on_done`` then runs on the event loop with the
rooms of the checkpoint. A room whose file cannot be written (a file too large, a full
disk, a link in the way) is left out, its temporary files removed, and ``on_failed`` runs
with it and the error; the other rooms go on. A failure of a checkpoint itself (a flush or a rename)
stops the writer: :meth:`DiskWriter.put` and :meth:`DiskWriter.close` raise it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from ._layout import Folders, LineLog, sync_folder, temporary_path

__all__ = ["CHECKPOINT_SECONDS", "DiskWriter", "RoomWrite", "Syncer"]

logger = logging.getLogger("liveblocks")

#: Longest time between the first file of a checkpoint and the checkpoint.
CHECKPOINT_SECONDS = 0.5
#: Most files in one checkpoint.
CHECKPOINT_FILES = 2000
#: Bytes queued for the writer (as :attr:`RoomWrite.size` counts them) beyond which the
#: event loop waits for it: a few seconds of work at network speed, enough to keep the disk
#: busy through a checkpoint's flushes.
MAX_PENDING_BYTES = 16 * 1024 * 1024
#: What a queued room costs in memory beyond its files' and lines' bytes (its RoomWrite,
#: lists and counts), and each of its files (the final path, a tuple), roughly.
ROOM_OVERHEAD = 2048
FILE_OVERHEAD = 512

#: A file's content: bytes to write, or a temporary file already written (a download).
Content = Union[bytes, Path]


@dataclass
class RoomWrite:
    """What one room hands to the writer: its files (final path, content) and the lines
    that claim them, appended only once the files are durable. ``room_id`` and ``counts``
    (kind -> files written) are for the caller's callbacks."""

    room_id: str = ""
    files: list[tuple[Path, Content]] = field(default_factory=list)
    lines: list[tuple[LineLog, bytes]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """The memory the room holds while queued: its bytes and its objects' cost."""
        data = sum(len(c) for _, c in self.files if isinstance(c, bytes))
        lines = sum(len(line) for _, line in self.lines)
        return ROOM_OVERHEAD + FILE_OVERHEAD * len(self.files) + data + lines


class Syncer:
    """How written files and renames are flushed to disk: ``syncfs`` of the whole file
    system where there is one (Linux), else one ``fsync`` per file and per folder."""

    def __init__(self, root: Path) -> None:
        self._syncfs = _syncfs_function()
        self._root_fd = os.open(root, os.O_RDONLY) if self._syncfs is not None else -1

    def sync_data(self, paths: Iterable[Path]) -> None:
        if self._syncfs is not None:
            self._sync_filesystem()
            return
        for path in paths:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def sync_entries(self, folders: Iterable[Path]) -> None:
        if self._syncfs is not None:
            self._sync_filesystem()
            return
        for folder in folders:
            sync_folder(folder)

    def _sync_filesystem(self) -> None:
        assert self._syncfs is not None
        if self._syncfs(self._root_fd) != 0:
            import ctypes

            errno = ctypes.get_errno()
            raise OSError(errno, f"syncfs failed: {os.strerror(errno)}")

    def close(self) -> None:
        if self._root_fd >= 0:
            os.close(self._root_fd)
            self._root_fd = -1


def _syncfs_function() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function


class DiskWriter:
    """The export's writer thread (see the module's documentation)."""

    def __init__(
        self,
        root: Path,
        *,
        syncer: Syncer | None = None,
        checkpoint_seconds: float = CHECKPOINT_SECONDS,
        checkpoint_files: int = CHECKPOINT_FILES,
        max_pending_bytes: int = MAX_PENDING_BYTES,
        on_done: Callable[[list[RoomWrite]], None] | None = None,
        on_failed: Callable[[RoomWrite, OSError], None] | None = None,
    ) -> None:
        self._folders = Folders(root)  # the writer thread's own
        self._on_done = on_done
        self._on_failed = on_failed
        self._syncer = syncer if syncer is not None else Syncer(root)
        self._interval = checkpoint_seconds
        self._max_files = checkpoint_files
        self._max_pending = max_pending_bytes
        self._queue: queue.SimpleQueue[tuple[RoomWrite, int] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="liveblocks-writer", daemon=True)
        self._error: BaseException | None = None
        # Loop side: bytes handed over and not yet durable, and a wake-up for put().
        self._pending = 0
        self._drained: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # Thread side: what the next checkpoint makes durable.
        self._staged: list[tuple[Path, Path]] = []
        self._lines: list[tuple[LineLog, bytes]] = []
        self._rooms: list[RoomWrite] = []
        self._staged_size = 0
        self._deadline = 0.0

    # -- the event loop's side ------------------------------------------------------

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._drained = asyncio.Event()
        self._thread.start()

    async def put(self, write: RoomWrite) -> None:
        """Queue a room's files and lines; waits only while the disk is far behind."""
        self._raise_error()
        size = write.size
        self._pending += size
        self._queue.put((write, size))
        assert self._drained is not None
        while self._pending > self._max_pending and self._error is None:
            self._drained.clear()
            await self._drained.wait()
        self._raise_error()

    async def close(self) -> None:
        """Make everything queued durable and stop the thread; raises its error if any."""
        if self._thread.is_alive():
            self._queue.put(None)  # stop
            await asyncio.to_thread(self._thread.join)
        await asyncio.sleep(0)  # the thread's last callbacks, queued before it ended
        self._syncer.close()
        self._raise_error()

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _released(self, size: int, done: list[RoomWrite]) -> None:
        self._pending -= size
        if self._drained is not None:
            self._drained.set()
        if done and self._on_done is not None:
            self._on_done(done)

    def _refused(self, write: RoomWrite, size: int, error: OSError) -> None:
        self._released(size, [])
        if self._on_failed is not None:
            self._on_failed(write, error)

    # -- the writer thread ----------------------------------------------------------

    def _run(self) -> None:
        try:
            while True:
                timeout = None
                if self._staged or self._lines:
                    timeout = max(0.0, self._deadline - time.monotonic())
                try:
                    item = self._queue.get(timeout=timeout)
                except queue.Empty:
                    self._checkpoint()
                    continue
                if item is None:  # stop
                    self._checkpoint()
                    return
                write, size = item
                self._stage(write, size)
                if len(self._staged) >= self._max_files or time.monotonic() >= self._deadline:
                    self._checkpoint()
        except BaseException as exc:  # reported to the loop; the run stops there
            logger.debug("the export's writer failed: %r", exc)
            self._error = exc
            self._discard()
            self._notify(0, [])
        finally:
            self._folders.close()

    def _stage(self, write: RoomWrite, size: int) -> None:
        """Write the room's files under their temporary names; a room whose files cannot
        be written is left out (and reported), none of its files kept."""
        staged: list[tuple[Path, Path]] = []
        try:
            for final, content in write.files:
                if isinstance(content, Path):
                    staged.append((content, final))
                    continue
                temp = temporary_path(final)
                _write_new(self._folders, temp, content)
                staged.append((temp, final))
        except OSError as exc:
            for temp, _ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            for _, content in write.files:
                if isinstance(content, Path):
                    with contextlib.suppress(OSError):
                        os.unlink(content)
            logger.debug("writing room %r failed: %s", write.room_id, exc)
            if self._loop is not None:
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._refused, write, size, exc)
            return
        if not self._staged and not self._lines:
            self._deadline = time.monotonic() + self._interval
        self._staged.extend(staged)
        self._lines.extend(write.lines)
        self._rooms.append(write)
        self._staged_size += size

    def _checkpoint(self) -> None:
        staged, lines, size = self._staged, self._lines, self._staged_size
        if not staged and not lines:
            return
        if staged:
            self._syncer.sync_data(temp for temp, _ in staged)
            for temp, final in staged:
                self._folders.rename(temp, final)
            # A file's folder, and the folder above it (a room's new folder of files).
            self._syncer.sync_entries(
                {folder for _, final in staged for folder in (final.parent, final.parent.parent)}
            )
        self._staged, self._staged_size = [], 0
        logs: dict[int, LineLog] = {}
        for log, line in lines:
            log.write(line)
            logs[id(log)] = log
        for log in logs.values():
            log.sync()
        done, self._lines, self._rooms = self._rooms, [], []
        self._notify(size, done)

    def _notify(self, size: int, done: list[RoomWrite]) -> None:
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits
                self._loop.call_soon_threadsafe(self._released, size, done)

    def _discard(self) -> None:
        for temp, _ in self._staged:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        self._staged, self._lines, self._rooms = [], [], []


def _write_new(folders: Folders, path: Path, data: bytes) -> None:
    # A room's first Storage file or attachment makes its folder.
    fd = folders.create(path)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)
