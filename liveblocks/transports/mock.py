"""Transports that answer from a function: for tests of code that uses the SDK."""

from .._transports._mock import AsyncMockTransport, Handler, MockTransport

__all__ = ["AsyncMockTransport", "Handler", "MockTransport"]
