"""The rooms query language, matched locally against exported rooms (import --query)."""

from __future__ import annotations

import pytest

from liveblocks.export._query import RoomQuery

META = {"status": "open", "team": "team-a", "tags": ["open", "x"]}


@pytest.mark.parametrize(
    ("query", "room_id", "expected"),
    [
        ('roomId^"team-a:"', "team-a:1", True),
        ('roomId^"team-a:"', "team-b:1", False),
        ("roomId^'team-a:'", "team-a:1", True),
        ('roomId:"team-a:1"', "team-a:1", True),
        ('roomId:"team-a"', "team-a:1", False),
        ('metadata["status"]:"open"', "r", True),
        ("metadata['status']:'closed'", "r", False),
        ('metadata["team"]^"team-"', "r", True),
        ('metadata["missing"]:"open"', "r", False),
        # Only string metadata can be filtered, as on the server.
        ('metadata["tags"]:"open"', "r", False),
        ('roomId^"team-a:" AND metadata["status"]:"open"', "team-a:1", True),
        ('roomId^"team-a:" AND metadata["status"]:"closed"', "team-a:1", False),
        # AND may be left out; spaces around the parts are allowed.
        ('  roomId ^ "team-a:"   metadata[ "status" ] : "open" ', "team-a:1", True),
        (r'roomId:"say \"hi\""', 'say "hi"', True),
        (r"roomId:'back\\slash'", "back\\slash", True),
    ],
)
def test_matches(query: str, room_id: str, expected: bool) -> None:
    assert RoomQuery.parse(query).matches(room_id, META) is expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", 'expected roomId or metadata["key"] at character 1, found the end'),
        ('roomId="x"', "expected : (equals) or ^ (starts with) at character 7, found '=\"x\"'"),
        ('roomId^"open', 'expected a closing " at character 8'),
        ("roomId^team", "expected a quoted string at character 8, found 'team'"),
        ('metadata["a":"b"', "expected ] at character 13"),
        ('roomId^"a" OR roomId^"b"', 'expected roomId or metadata["key"] at character 12'),
        ('name:"a"', 'expected roomId or metadata["key"] at character 1'),
    ],
)
def test_mistakes_are_named_with_their_position(query: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        RoomQuery.parse(query)
    assert str(info.value).startswith(f"invalid rooms query {query!r}: {message}")
