"""One operation's expected wire exchange, run against both clients by test_operations.py."""

from __future__ import annotations

import ast
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A copy of the API reference as data: the 99 operations and every model, with examples.
REFERENCE = Path(__file__).resolve().parent.parent / "reference"


@functools.cache
def _models() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((REFERENCE / "models.json").read_text())
    return result


@functools.cache
def operations() -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = json.loads((REFERENCE / "operations.json").read_text())
    return result


def example(model: str) -> Any:
    """The reference's example payload of a model, as the API sends it."""
    text = _models()[model]["example"]
    if text is None:
        raise KeyError(f"{model} has no example in models.json")
    return ast.literal_eval(text)


@dataclass
class OpCase:
    """A call and the exact request it must make, plus the answer and what it decodes to.

    ``call`` receives a client (sync or async; the flat method is called the same way),
    ``resource`` the same for the resource model (optional). ``query`` is the exact
    query (None: no query string). ``body`` is the JSON body, or bytes for binary bodies,
    or None for no body. ``check`` asserts on the decoded result.
    """

    op: str
    call: Callable[[Any], Any]
    method: str
    path: str
    query: dict[str, str] | None = None
    body: Any = None
    status: int = 200
    response: Any = None
    response_headers: dict[str, str] = field(default_factory=dict)
    check: Callable[[Any], None] | None = None
    resource: Callable[[Any], Any] | None = None
    id: str = ""
    deprecated: bool = False

    @property
    def name(self) -> str:
        return f"{self.op}[{self.id}]" if self.id else self.op

    @property
    def response_bytes(self) -> bytes:
        if self.response is None:
            return b""
        if isinstance(self.response, bytes):
            return self.response
        return json.dumps(self.response).encode()

    @property
    def response_content_type(self) -> str:
        if isinstance(self.response, bytes):
            return "application/octet-stream"
        return "application/json"
