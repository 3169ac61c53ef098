"""``LIVEBLOCKS_LOG=debug|info``: the SDK's log on stderr with no code, read once, when
the first client is created (as ``OPENAI_LOG`` and ``STRIPE_LOG`` do)."""

from __future__ import annotations

import logging
import os
import sys
import threading
import warnings

__all__ = ["LOG_ENV", "configure_from_environment"]

LOG_ENV = "LIVEBLOCKS_LOG"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT = "[%(asctime)s %(levelname)s %(name)s] %(message)s"

_lock = threading.Lock()
_done = False


def configure_from_environment() -> None:
    """Read ``LIVEBLOCKS_LOG`` the first time only; an unknown value gives one warning."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        _done = True
        value = os.environ.get(LOG_ENV)
        if value is None or not value.strip():
            return
        level = _LEVELS.get(value.strip().lower())
        if level is None:
            warnings.warn(
                f"{LOG_ENV}={value[:40]!r} is not one of {', '.join(_LEVELS)}: ignored",
                stacklevel=4,
            )
            return
        _log_to_stderr(level)


def _log_to_stderr(level: int) -> None:
    """Send the ``liveblocks`` logger's records at ``level`` and above to stderr."""
    logger = logging.getLogger("liveblocks")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
