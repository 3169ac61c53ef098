"""File names of an export: every room id (1-128 characters, any Unicode, any case) gets
a name that any file system takes and that no other id's name equals, even folded to
lower case; and a directory written with them is readable on a disk that ignores case."""

from __future__ import annotations

import hashlib
import random
import string

import pytest

from liveblocks.export import _names, file_name
from tests.export_helpers import decode_name

ALPHABET = (
    string.ascii_letters
    + string.digits
    + " -_.~^%/?#&+=:;'\"\\*<>|\t\n\x00"
    + "éÉüÜßẞıİǅ日本語部屋🎉👍🏽\u0301\u00a0\ufeff"
)


def random_ids(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    ids = set()
    while len(ids) < count:
        length = rng.choice([1, 2, 3, 8, 20, 40, 100, 128])
        ids.add("".join(rng.choice(ALPHABET) for _ in range(length)))
        base = "".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(1, 30)))
        ids.update({base, base.lower(), base.upper(), base.swapcase()})
    return sorted(ids)


def test_examples() -> None:
    assert file_name("room-1") == "room-1"
    assert file_name("Doc") == "^doc"
    assert file_name("a/b c") == "a%2Fb%20c"
    assert file_name("é") == "%C3%A9"
    assert file_name("dots..and.") == "dots..and%2E"
    assert file_name(".hidden") == "%2Ehidden"
    assert file_name(".") == "%2E" and file_name("..") == "%2E%2E"
    assert file_name("con") == "%63on" and file_name("com1.txt") == "%63om1.txt"
    assert file_name("Con") == "^con"  # "^con" is no device name
    assert file_name("~^%") == "%7E%5E%25"


def test_every_name_is_short_ascii_and_never_collides_when_case_is_folded() -> None:
    ids = random_ids(4000, seed=11)
    names = [file_name(i) for i in ids]
    assert all(n.isascii() and n.isprintable() and 1 <= len(n) <= 100 for n in names)
    assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in names)
    assert all(not n.endswith(".") and not n.endswith(" ") for n in names)
    assert len({n.casefold() for n in names}) == len(ids)


def test_short_names_read_back_to_their_id() -> None:
    for room_id in random_ids(2000, seed=5):
        name = file_name(room_id)
        if "~" not in name:
            assert decode_name(name) == room_id


@pytest.mark.parametrize(
    "room_id", ["部屋" * 64, "🎉" * 128, "x" * 128, "A" * 60, "Ü" * 17, "a/" * 64]
)
def test_long_ids_keep_a_readable_prefix_and_a_hash(room_id: str) -> None:
    name = file_name(room_id)
    assert len(name) <= 100
    prefix, _, digest = name.rpartition("~")
    assert digest == hashlib.sha256(room_id.encode()).hexdigest()[:32]
    assert room_id.startswith(decode_name(prefix))  # cut between characters, never inside
    assert file_name(room_id + "!") != name
    if room_id.swapcase() != room_id:
        assert file_name(room_id.swapcase()).casefold() != name.casefold()


def test_ids_that_differ_in_case_only_never_share_a_name() -> None:
    ids = ["Case-Room", "case-room", "CASE-ROOM", "Ünï", "ünï", "ÜNÏ", "ǅ", "ǆ", "Ǆ"]
    names = {file_name(i) for i in ids}
    assert len({n.lower() for n in names}) == len(ids)
    assert len({n.upper() for n in names}) == len(ids)


def test_empty_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        file_name("")


def test_ascii_ids_get_the_name_the_character_rules_give() -> None:
    # file_name() names an ASCII id in one pass; every rule must come out as it does one
    # character at a time: edges, device names, upper case, escapes, the length cut.
    rng = random.Random(7)
    ascii_alphabet = string.ascii_letters + string.digits + " -_.~^%/?#&+=:;\\*<>|\t\x00\x7f"
    ids = ["con", "nul.txt", "com9", "lpt1.x.y", "prn.", ".con", "a.", "..", ".", "A" * 50]
    ids += ["x" * 100, "x" * 99 + "A", "a" * 33 + "/" * 23, "Con", "aux~"]
    for _ in range(5000):
        length = rng.choice([1, 2, 3, 8, 20, 34, 50, 99, 100])
        ids.append("".join(rng.choice(ascii_alphabet) for _ in range(length)))
    for room_id in ids:
        assert file_name(room_id) == _names._name_by_pieces(room_id), room_id
