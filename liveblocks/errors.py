"""Every failure the SDK raises is a :class:`LiveblocksError`.

- :class:`APIStatusError` and its subclasses: the server answered with a non-2xx status.
- :class:`APIConnectionError` (and :class:`APITimeoutError`): no usable answer arrived.
- :class:`ResponseDecodeError`: a 2xx answer that is not what the API promises.
- :class:`ResponseTooLargeError`: an answer larger than the client's ``max_response_size``.

None of them ever carries the secret key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import msgspec

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "LiveblocksError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "UnprocessableEntityError",
    "error_from_response",
]


class LiveblocksError(Exception):
    """Base class of every error raised by the SDK.

    Attributes:
        message: what went wrong (the server's ``message``, or its ``reason``).
        status: the HTTP status, or ``None`` when no response arrived.
        code: the server's error code (its ``error`` field), e.g. ``"ROOM_NOT_FOUND"``.
        suggestion, docs: the server's hints, when it gives them.
        details: suggestion and docs as one text (as the reference package names it).
        method, path: the request that failed (the path carries no secret).
        url: the full URL of that request, base URL included, without its query.
        attempts: how many times the request was sent (retries included), once known.
        elapsed: seconds from the first attempt to this error, once known.

    ``str(error)`` reads as the official package's for the same answer (its message and
    ``(status N)``, then the server's hints). What else is known (the request, the
    server's error code, the attempts, a fuller description of the answer) is an
    exception note (PEP 678): tracebacks show it, ``str()`` does not.
    """

    #: Set False by :func:`error_from_response` for a body that is not a Liveblocks error.
    _from_api = True

    def __init__(
        self,
        message: str,
        status: int | None = None,
        details: str | None = None,
        *,
        code: str | None = None,
        suggestion: str | None = None,
        docs: str | None = None,
        method: str | None = None,
        path: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        url: str | None = None,
        official_message: str | None = None,
    ) -> None:
        # ``args[0]`` is what ``str()`` shows: the official package's message, which may
        # say less than ``message`` (no ``reason``, no description of the body).
        super().__init__(message if official_message is None else official_message)
        self.message = message
        self.status = status
        self.code = code
        self.suggestion = suggestion
        self.docs = docs
        self.method = method
        self.path = path
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.body = body
        self.url = url
        self.attempts: int | None = None
        self.elapsed: float | None = None
        if details is None:
            parts = []
            if suggestion is not None:
                parts.append(f"Suggestion: {suggestion}")
            if docs is not None:
                parts.append(f"See also: {docs}")
            details = "\n".join(parts) or None
        self.details = details
        self.refresh_note()

    @property
    def request_line(self) -> str | None:
        """The request that failed, as ``"POST /v2/rooms"`` (no query, no secret)."""
        if self.method and self.path:
            return f"{self.method} {self.path}"
        return None

    def record_attempts(self, attempts: int, elapsed: float | None) -> None:
        """Say how many times the request was sent, over how many seconds (the note
        shows it when there was more than one attempt)."""
        self.attempts = attempts
        self.elapsed = elapsed
        self.refresh_note()

    def describe(self) -> str:
        """What the note says: the fuller description, the request, the error code, the
        attempts (one line each; empty when there is nothing beyond ``str()``)."""
        lines = []
        shown = self.args[0] if self.args else self.message
        if self.message and self.message != shown:
            lines.append(self.message)
        request = self.request_line
        if request and self.status is not None:  # else str() names it already
            code = f", error code {self.code}" if self.code and self.code != self.message else ""
            lines.append(f"Request: {request}{code}")
        if self.attempts is not None and self.attempts > 1:
            over = f" over {self.elapsed:.1f} s" if self.elapsed is not None else ""
            lines.append(f"Sent {self.attempts} times{over} (retries included)")
        if self._wrong_base_url():
            lines.append(
                f"{self.url} answered 404 with no Liveblocks error: is base_url right? "
                "It is the API's root, with no path (https://api.liveblocks.io, or the dev "
                "server's http://localhost:1153)."
            )
        return "\n".join(lines)

    def _wrong_base_url(self) -> bool:
        """A 404 that does not come from the API: most likely a base URL with a path."""
        return self.status == 404 and self.url is not None and not self.from_api

    @property
    def from_api(self) -> bool:
        """Whether the answer's body is a Liveblocks error (a JSON object with a
        ``message``), not a proxy's page or another server's "Not Found"."""
        return self._from_api

    def refresh_note(self) -> None:
        """Show :meth:`describe` as the error's note (replacing an earlier one of ours);
        on Pythons without notes (< 3.11) it stays out of ``str()`` all the same."""
        notes = self.__dict__.get("__notes__")
        previous = self.__dict__.get("_note")
        if isinstance(notes, list) and previous in notes:
            notes.remove(previous)
        note = self.describe()
        self._note = note or None
        if note and hasattr(self, "add_note"):
            self.add_note(note)

    @property
    def request_id(self) -> str | None:
        """The server's request id header, when it sent one (quote it to support)."""
        for name in ("x-request-id", "x-lb-request-id"):
            value = self.headers.get(name)
            if value:
                return value
        return None

    def __str__(self) -> str:
        # As the official package writes it ("Forbidden (status 403)", then the server's
        # hints), so that code matching on it keeps working; the rest is in the note.
        shown = self.args[0] if self.args else self.message
        if self.status is not None:
            text = f"{shown} (status {self.status})"
        elif self.method and self.path:
            text = f"{shown} ({self.method} {self.path})"
        else:
            text = str(shown)
        if self.details:
            text += f"\n{self.details}"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, method={self.method!r}, path={self.path!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep errors picklable across process pools (keyword-only fields included).
        state = self.__dict__.copy()
        state["_args"] = self.args
        headers = state.get("headers")
        if headers is not None and not isinstance(headers, dict):
            # aiohttp's read-only header view cannot be pickled; its copy can.
            copy = getattr(headers, "copy", None)
            state["headers"] = copy() if callable(copy) else dict(headers)
        return (_rebuild, (type(self), state))


def _rebuild(cls: type[LiveblocksError], state: dict[str, Any]) -> LiveblocksError:
    err = cls.__new__(cls)
    Exception.__init__(err, *state.pop("_args", (state.get("message", ""),)))
    err.__dict__.update(state)
    return err


class APIStatusError(LiveblocksError):
    """The server answered with a non-2xx status."""

    status: int


class BadRequestError(APIStatusError):
    """400: the request is malformed (see ``message`` and ``suggestion``)."""


class AuthenticationError(APIStatusError):
    """401: the secret key is missing or invalid."""


class PermissionDeniedError(APIStatusError):
    """403: the secret key may not do this (or belongs to another project)."""


class NotFoundError(APIStatusError):
    """404: no such room, thread, comment, ..."""


class ConflictError(APIStatusError):
    """409: the resource already exists or is in a conflicting state."""


class UnprocessableEntityError(APIStatusError):
    """422: the body was understood but refused (a missing or invalid field)."""


class RateLimitError(APIStatusError):
    """429: too many requests; retried automatically before this is raised."""


class InternalServerError(APIStatusError):
    """5xx: the server failed; retried automatically where that is safe."""


class APIConnectionError(LiveblocksError):
    """No answer: refused connection, DNS or TLS failure, connection closed mid-answer."""


class APITimeoutError(APIConnectionError, TimeoutError):
    """The request took longer than its timeout."""


class ResponseDecodeError(LiveblocksError):
    """A 2xx answer that is not valid JSON, is nested too deep, or does not match the
    API's model (a download URL that is not one included)."""


class ResponseTooLargeError(LiveblocksError):
    """An answer larger than the client's ``max_response_size`` (counted after
    decompression); reading stopped there. ``limit`` is that size in bytes.

    Raise the limit for a call that needs more:
    ``client.with_options(max_response_size=2 * 2**30)``.
    """

    def __init__(self, limit: int, status: int | None = None, *, method: str, path: str) -> None:
        super().__init__(
            f"The answer to {method} {path} exceeds the client's max_response_size of "
            f"{_describe_size(limit)}; reading stopped there",
            status,
            method=method,
            path=path,
        )
        self.limit = limit


def _describe_size(size: int) -> str:
    """A byte count as people read it: ``1 MiB (1048576 bytes)``."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            amount = size / scale
            text = f"{amount:.0f}" if amount == int(amount) else f"{amount:.1f}"
            return f"{text} {unit} ({size} bytes)"
    return f"{size} bytes"


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

_error_body = msgspec.json.Decoder(dict[str, Any])


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


#: A page's title (searched with ``re.search``, compiled on the first HTML answer only).
_TITLE = rb"<title[^>]*>([^<]{1,200})</title>"


#: The official package's message for an answer that gives none.
NO_MESSAGE = "An error happened without an error message"


def _describe_body(status: int, body: bytes, data: dict[str, Any] | None) -> str:
    """A message for an answer without a JSON error: a proxy's page, text, or nothing."""
    snippet = body[:200].decode("utf-8", "replace").strip() if body else ""
    if not snippet:
        return f"{NO_MESSAGE}: the server answered {status} with an empty body"
    if data is not None:
        return f"{NO_MESSAGE}: the server answered {status} with {snippet}"
    if not snippet.startswith("<"):
        return snippet
    title = re.search(_TITLE, body[:4096], re.IGNORECASE)
    if title:
        text = " ".join(title.group(1).decode("utf-8", "replace").split())
        return f"The server answered {status} with an HTML page: {text}"
    return f"The server answered {status} with an HTML body"


#: The most of a body that isn't a JSON object the official message repeats (it repeats
#: all of it; this keeps a huge page out of logs).
_MAX_OFFICIAL_TEXT = 64 * 1024


def _official_message(body: bytes, data: dict[str, Any] | None) -> str:
    """The message the official package gives the same answer: the body's ``message``;
    the body itself when it is not a JSON object; else its fallback."""
    if data is None:
        text = body[:_MAX_OFFICIAL_TEXT].decode("utf-8", "replace") if body else ""
        return text or NO_MESSAGE
    return _text(data.get("message")) or NO_MESSAGE


def error_from_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    method: str,
    path: str,
    url: str | None = None,
) -> APIStatusError:
    """The error for a non-2xx answer, whatever its body (JSON, HTML, or nothing).
    ``url``: the request's full URL without its query (named when a 404 is not the API's)."""
    cls = _STATUS_CLASSES.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    parsed: dict[str, Any] | None = None
    if body:
        try:
            parsed = _error_body.decode(body)
        except (msgspec.DecodeError, RecursionError):  # not JSON, or nested too deep
            parsed = None
    data = parsed or {}
    code = _text(data.get("error"))
    message = _text(data.get("message")) or _text(data.get("reason"))
    if not message:
        message = _describe_body(status, body, parsed)
    if data.get("reason") and data.get("message") and data.get("reason") != data.get("message"):
        message = f"{message} ({data['reason']})"
    error = cls(
        message,
        status,
        code=code,
        suggestion=_text(data.get("suggestion")),
        docs=_text(data.get("docs")),
        method=method,
        path=path,
        headers=headers,
        body=body,
        url=url,
        official_message=_official_message(body, parsed),
    )
    error._from_api = bool(_text(data.get("message")))
    error.refresh_note()
    return error
