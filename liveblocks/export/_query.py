"""The rooms query language, matched here against rooms as an export holds them: which
rooms of an export an import restores (``--query``), in the syntax the room list takes.

A query is clauses joined by ``AND`` (which may be left out), each one of:

- ``roomId^"prefix"``: the room's id starts with ``prefix``;
- ``roomId:"id"``: the room's id is ``id``;
- ``metadata["key"]:"value"``: the room's metadata ``key`` is the string ``value``;
- ``metadata["key"]^"prefix"``: it is a string that starts with ``prefix``.

Strings are in single or double quotes, with ``\\`` escaping the quote or itself. As on
the server, only string metadata can be filtered: a list value matches no clause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["RoomQuery"]

_SPACE = re.compile(r"\s*")
_AND = re.compile(r"AND\b\s*")
_ROOM_ID = re.compile(r"roomId\s*")
_METADATA = re.compile(r"metadata\s*\[\s*")
_CLOSE = re.compile(r"\s*\]\s*")
_OPERATOR = re.compile(r"[:^]\s*")


@dataclass(frozen=True)
class _Clause:
    field: str  # "roomId", or a metadata key
    metadata: bool
    prefix: bool  # "^" (starts with), else ":" (equals)
    value: str

    def matches(self, room_id: str, metadata: Mapping[str, Any]) -> bool:
        found = metadata.get(self.field) if self.metadata else room_id
        if not isinstance(found, str):
            return False
        return found.startswith(self.value) if self.prefix else found == self.value


@dataclass(frozen=True)
class RoomQuery:
    """A parsed rooms query; :meth:`matches` tells whether a room fits it."""

    text: str
    clauses: tuple[_Clause, ...]

    @classmethod
    def parse(cls, text: str) -> RoomQuery:
        """The query in ``text``; a ``ValueError`` that names the position of a mistake."""
        return cls(text, tuple(_Parser(text).clauses()))

    def matches(self, room_id: str, metadata: Mapping[str, Any]) -> bool:
        return all(clause.matches(room_id, metadata) for clause in self.clauses)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def fail(self, expected: str) -> ValueError:
        rest = self.text[self.at : self.at + 20]
        found = f"{rest!r}" if rest else "the end"
        return ValueError(
            f"invalid rooms query {self.text!r}: expected {expected} at character "
            f'{self.at + 1}, found {found} (e.g. roomId^"team-a:" AND '
            'metadata["status"]:"open")'
        )

    def take(self, pattern: re.Pattern[str]) -> bool:
        match = pattern.match(self.text, self.at)
        if match is None:
            return False
        self.at = match.end()
        return True

    def string(self) -> str:
        quote = self.text[self.at : self.at + 1]
        if quote not in ("'", '"'):
            raise self.fail("a quoted string")
        chars: list[str] = []
        index = self.at + 1
        while index < len(self.text):
            char = self.text[index]
            if char == "\\" and index + 1 < len(self.text):
                chars.append(self.text[index + 1])
                index += 2
                continue
            if char == quote:
                self.at = index + 1
                return "".join(chars)
            chars.append(char)
            index += 1
        raise self.fail(f"a closing {quote}")

    def clause(self) -> _Clause:
        if self.take(_ROOM_ID):
            name, metadata = "roomId", False
        elif self.take(_METADATA):
            name, metadata = self.string(), True
            if not self.take(_CLOSE):
                raise self.fail("]")
        else:
            raise self.fail('roomId or metadata["key"]')
        operator = self.text[self.at : self.at + 1]
        if not self.take(_OPERATOR):
            raise self.fail(": (equals) or ^ (starts with)")
        return _Clause(name, metadata, operator == "^", self.string())

    def clauses(self) -> list[_Clause]:
        self.take(_SPACE)
        found = [self.clause()]
        while True:
            self.take(_SPACE)
            if self.at >= len(self.text):
                return found
            self.take(_AND)
            found.append(self.clause())
