"""Positions of LiveList items: strings that sort in list order.

A position is a fraction in base 95 written with the printable ASCII characters, space
(digit 0) to ``~`` (digit 94), most significant digit first; it never ends with a zero
digit. Comparing two positions as strings compares the fractions, so a new item can
always be given a position between two others without touching them. The scheme is
Liveblocks' own: every client computes the same positions for the same edits.
"""

from __future__ import annotations

import re

__all__ = ["FIRST", "as_position", "position_after", "position_before", "position_between"]

_ZERO = 32  # " "
_TOP = 126  # "~"
_BASE = _TOP - _ZERO + 1
_ZERO_CHAR = chr(_ZERO)
_TOP_CHAR = chr(_TOP)

#: The position of the first item of an empty list: digit 1.
FIRST = chr(_ZERO + 1)

# ``position_after`` counts up within a window of digits that grows in steps, so that
# appending many items keeps positions short.
_WINDOW = 2
_WINDOW_STEP = 3


#: Strings made only of digits.
_DIGITS = re.compile("[ -~]*").fullmatch


def position_after(position: str) -> str:
    """A position greater than ``position`` (for an item appended after it)."""
    if not _DIGITS(position):
        return position + FIRST
    trimmed = position.rstrip(_ZERO_CHAR) if len(position) > 1 else position
    if not trimmed:
        trimmed = position[:1]
    if trimmed in ("", _ZERO_CHAR):
        return FIRST
    length = len(trimmed)
    window = _WINDOW
    if length > _WINDOW:
        window += -(-(length - _WINDOW) // _WINDOW_STEP) * _WINDOW_STEP
    # The common cases of counting up by one in the window's last digit.
    if length < window:
        return trimmed + _ZERO_CHAR * (window - 1 - length) + FIRST
    if trimmed[-1] != _TOP_CHAR:
        return trimmed[:-1] + chr(ord(trimmed[-1]) + 1)
    for width in (window, window + _WINDOW_STEP):
        counted = _count_up(trimmed, width)
        if counted is not None:
            return counted
    return trimmed + FIRST


def _count_up(position: str, width: int) -> str | None:
    """``position`` read as ``width`` digits (padded with zeros) plus one in the last
    digit, or None when that overflows the width."""
    digits = [ord(c) - _ZERO for c in position[:width]]
    digits.extend([0] * (width - len(digits)))
    index = width - 1
    while index >= 0:
        if digits[index] + 1 < _BASE:
            digits[index] += 1
            break
        digits[index] = 0
        index -= 1
    else:
        return None
    text = "".join(chr(d + _ZERO) for d in digits)
    stripped = text.rstrip(_ZERO_CHAR)
    return stripped or text[:1]


def position_before(position: str) -> str:
    """A position smaller than ``position`` (for an item inserted before it)."""
    last = len(position) - 1
    for index, char in enumerate(position):
        code = ord(char)
        if code <= _ZERO:
            continue
        if index < last:
            return position[: index + 1]
        if code == _ZERO + 1:
            return position[:index] + _ZERO_CHAR + _TOP_CHAR
        return position[:index] + chr(code - 1)
    return FIRST


def position_between(low: str, high: str) -> str:
    """A position strictly between two different positions (in either order)."""
    if low == high:
        raise ValueError("no position lies between two equal positions")
    if low > high:
        low, high = high, low
    return _midpoint(low, high)


def _midpoint(low: str, high: str) -> str:
    index = 0
    while True:
        lo = ord(low[index]) if index < len(low) else _ZERO
        hi = ord(high[index]) if index < len(high) else _TOP
        if lo == hi:
            index += 1
            continue
        if hi - lo > 1:
            return _prefix(low, index) + chr((lo + hi) // 2)
        # Adjacent digits: keep ``low``'s digit and go on below it, towards "infinity".
        return _prefix(low, index + 1) + _midpoint(low[index + 1 :], "")


def _prefix(position: str, length: int) -> str:
    """The first ``length`` digits of ``position``, padded with zeros."""
    if length <= len(position):
        return position[:length]
    return position + _ZERO_CHAR * (length - len(position))


def make_position(before: str | None, after: str | None) -> str:
    """The position for an item placed between ``before`` and ``after`` (None: the list's
    start or end)."""
    if before is not None and after is not None:
        return position_between(before, after)
    if before is not None:
        return position_after(before)
    if after is not None:
        return position_before(after)
    return FIRST


def as_position(key: str) -> str:
    """A list item's key as a valid position: characters outside the digits are clamped
    to the nearest digit, trailing zeros dropped (an all-zero key becomes ``FIRST``)."""
    if key and key[-1] != _ZERO_CHAR and _DIGITS(key):
        return key
    clamped = "".join(chr(min(max(ord(c), _ZERO), _TOP)) for c in key).rstrip(_ZERO_CHAR)
    return clamped or FIRST
