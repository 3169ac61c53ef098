"""Files written whole or not at all: under a temporary name beside their path, renamed
over it once complete, so the path holds its old content or the whole new one, never a
part of it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from types import TracebackType
from typing import BinaryIO

__all__ = ["AtomicFile"]


class AtomicFile:
    """A file written as ``file`` under ``temp`` (by default a new name beside ``path``),
    which :meth:`commit` renames over ``path`` and :meth:`discard` removes. ``durable``:
    the bytes reach the disk before the rename (the folder's entry is the caller's to
    flush). ``file``: the temporary file already open on ``temp``, for a caller that
    creates it its own way (an export's, never through a link). As a context manager,
    yields ``file``; committed when the block ends, discarded when it raises."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        temp: str | os.PathLike[str] | None = None,
        durable: bool = False,
        file: BinaryIO | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self._durable = durable
        self.file: BinaryIO
        if file is not None:
            if temp is None:
                raise ValueError("AtomicFile(file=...) needs the temp= path it is open on")
            self.temp = os.fspath(temp)
            self.file = file
        elif temp is None:
            folder, name = os.path.split(os.path.abspath(self.path))
            fd, self.temp = tempfile.mkstemp(dir=folder, prefix=f".{name[:80]}.", suffix=".part")
            self.file = os.fdopen(fd, "wb")
        else:
            self.temp = os.fspath(temp)
            self.file = open(self.temp, "wb")  # noqa: SIM115 - closed by commit or discard

    def commit(self) -> None:
        """Rename the written file over ``path`` (removing it if that fails)."""
        try:
            if self._durable:
                self.file.flush()
                os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.temp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Drop what was written; ``path`` is left as it was."""
        self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temp)

    def __enter__(self) -> BinaryIO:
        return self.file

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()
