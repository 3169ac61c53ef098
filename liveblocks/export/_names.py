"""The file names of an export: of its rooms' files, and of Storage files and attachments
in a room's folder.

A room's files are named after :func:`file_name` of its id, a name that any file
system takes and that no other id's name equals, even when the disk ignores case:

- ``a``-``z``, ``0``-``9``, ``-``, ``_`` and ``.`` stay as they are, but a ``.`` that
  starts or ends the id;
- ``A``-``Z`` become ``^`` and the lower-case letter (``Doc`` -> ``^doc``);
- every other character becomes its UTF-8 bytes as ``%XX`` (upper-case hex): ``/`` ->
  ``%2F``, ``é`` -> ``%C3%A9``;
- a name that Windows reserves (``con``, ``nul``, ``com1``, ...) has its first letter
  escaped (``%63on``);
- a name longer than :data:`MAX_NAME` characters keeps its first characters, then ``~``
  and 32 hex digits of the id's SHA-256 (``~`` appears in no other name).

Every name is ASCII and at most 100 characters (file systems allow 255 bytes); names of
different ids differ even once folded to lower case. ``index.ndjson`` writes each room's
name down (``"file"``), so readers look it up instead of recomputing it. Exports of format
version 1 named files ``urllib.parse.quote(room_id, safe="")``; they are still read.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

__all__ = ["MAX_NAME", "file_name", "legacy_file_name"]

#: The longest file name made from an id (extensions come on top).
MAX_NAME = 100
_HASH_DIGITS = 32
_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{d}" for p in ("com", "lpt") for d in "0123456789"]
)


def _escape(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def _piece(char: str) -> str:
    if char in _LITERAL:
        return char
    if "A" <= char <= "Z":
        return "^" + char.lower()
    return _escape(char)


#: Every ASCII character's piece, for :meth:`str.translate`.
_ASCII_PIECES = {code: _piece(chr(code)) for code in range(128)}


def file_name(room_id: str) -> str:
    """The file name (without extension) of a room id, or of a Storage file or attachment
    id inside a room's folder; see the module's documentation for the rules."""
    if not room_id:
        raise ValueError("an id must not be empty")
    if not room_id.isascii() or len(room_id) > MAX_NAME:
        return _name_by_pieces(room_id)
    # An ASCII id (nearly all): every character's piece at once.
    name = room_id.translate(_ASCII_PIECES)
    if len(name) > MAX_NAME:
        return _name_by_pieces(room_id)  # cut between two pieces, with the id's hash
    if name[0] == ".":
        name = "%2E" + name[1:]
    if name[-1] == ".":
        name = name[:-1] + "%2E"
    if name.split(".", 1)[0] in _RESERVED:  # its first piece is a plain letter
        name = _escape(room_id[0]) + name[1:]
    return name


def _name_by_pieces(room_id: str) -> str:
    pieces = [_piece(char) for char in room_id]
    if pieces[0] == ".":
        pieces[0] = "%2E"
    if pieces[-1] == ".":
        pieces[-1] = "%2E"
    name = "".join(pieces)
    if name.split(".", 1)[0] in _RESERVED:
        pieces[0] = _escape(room_id[0])
        name = "".join(pieces)
    if len(name) <= MAX_NAME:
        return name
    keep = MAX_NAME - 1 - _HASH_DIGITS
    prefix = []
    length = 0
    for piece in pieces:  # cut between two pieces, never inside an escape
        if length + len(piece) > keep:
            break
        prefix.append(piece)
        length += len(piece)
    digest = hashlib.sha256(room_id.encode("utf-8", "surrogatepass")).hexdigest()
    return "".join(prefix) + "~" + digest[:_HASH_DIGITS]


def legacy_file_name(room_id: str) -> str:
    """How exports of format version 1 named a room's files."""
    return quote(room_id, safe="")
