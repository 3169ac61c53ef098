"""One operation's expected wire exchange, run against both clients by test_operations.py."""

from __future__ import annotations

import ast
import datetime
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A copy of the API reference as data: the 99 operations of 3.16.0a1 and every model, with
# examples, and what changed and was added up to the official 3.23.0.
REFERENCE = Path(__file__).resolve().parent.parent / "reference"


def _load(name: str) -> Any:
    return json.loads((REFERENCE / name).read_text())


@functools.cache
def _models() -> dict[str, Any]:
    """The 3.16.0a1 reference's models."""
    result: dict[str, Any] = _load("models.json")
    return result


@functools.cache
def models_323() -> dict[str, Any]:
    """The models as of the official 3.23.0: the 3.16 ones, changed and added ones."""
    result: dict[str, Any] = {
        **_models(),
        **_load("models-3.23-changed.json"),
        **_load("models-3.23-additions.json"),
    }
    return result


@functools.cache
def operations() -> list[dict[str, Any]]:
    """The 99 operations of the 3.16.0a1 reference."""
    result: list[dict[str, Any]] = _load("operations.json")
    return result


@functools.cache
def operations_added() -> list[dict[str, Any]]:
    """The 24 operations the API added up to 3.23.0."""
    result: list[dict[str, Any]] = _load("operations-3.23-additions.json")
    return result


@functools.cache
def current_operations() -> list[dict[str, Any]]:
    """Every operation as the API has it today: the 99 (the 9 changed ones in their 3.23
    form) and the 24 added."""
    changed = {op["name"]: op for op in _load("operations-3.23-changed.json")}
    return [changed.get(op["name"], op) for op in operations()] + operations_added()


_PYTHON_UTC_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00")


def api_json(model: Any) -> Any:
    """``model.to_dict()`` with its datetimes as the API writes them (``...50.697Z``):
    ``to_dict`` writes them as the official package does (``...50.697000+00:00``)."""

    def api_form(value: Any) -> Any:
        if isinstance(value, str) and _PYTHON_UTC_DATETIME.fullmatch(value):
            moment = datetime.datetime.fromisoformat(value)
            return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        if isinstance(value, dict):
            return {key: api_form(item) for key, item in value.items()}
        if isinstance(value, list):
            return [api_form(item) for item in value]
        return value

    return api_form(model.to_dict())


def example(model: str) -> Any:
    """The 3.16 reference's example payload of a model, as the API sends it."""
    text = _models()[model]["example"]
    if text is None:
        raise KeyError(f"{model} has no example in models.json")
    return ast.literal_eval(text)


def example_323(model: str) -> Any:
    """The 3.23 example payload of a model (the 3.16 one where it did not change)."""
    text = models_323()[model]["example"]
    if text is None:
        raise KeyError(f"{model} has no 3.23 example")
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
