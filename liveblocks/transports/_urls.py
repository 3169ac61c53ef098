"""URLs as messages, reprs and logs may show them: without the query, where a signed URL
(a file's download URL) carries its signature."""

from __future__ import annotations

import re

__all__ = ["query_of", "redact", "repeats_query", "without_query"]

#: The query (and fragment) of any http(s) URL inside a text.
_URL_QUERY = re.compile(r"(https?://[^\s'\"<>?#]*)[?#][^\s'\"<>)]*")


def without_query(url: str) -> str:
    """``url`` up to its query or fragment."""
    end = len(url)
    for mark in ("?", "#"):
        found = url.find(mark)
        if 0 <= found < end:
            end = found
    return url[:end]


def query_of(url: str) -> str:
    """The ``?...`` (or ``#...``) part of ``url``; empty when it has none."""
    return url[len(without_query(url)) :]


def redact(text: str, url: str) -> str:
    """``text`` with the query of ``url`` taken out wherever it appears, and that of any
    other http(s) URL in it."""
    query = query_of(url)
    if len(query) > 1 and query in text:
        text = text.replace(query, "")
    return _URL_QUERY.sub(r"\1", text)


def repeats_query(exc: BaseException, url: str) -> bool:
    """Whether ``exc``, or an exception it wraps, names the query of ``url`` in its text:
    a traceback would then print it."""
    query = query_of(url)
    if len(query) <= 1:
        return False
    seen: list[BaseException] = []
    todo = [exc]
    while todo and len(seen) < 20:
        current = todo.pop()
        if any(current is s for s in seen):
            continue
        seen.append(current)
        try:
            text = str(current) + repr(current.args)
        except Exception:  # a library's __str__ that fails: nothing shown either
            text = ""
        if query in text or _URL_QUERY.search(text):
            return True
        todo.extend(
            e
            for e in (getattr(current, "reason", None), current.__cause__, current.__context__)
            if isinstance(e, BaseException)
        )
        todo.extend(a for a in current.args if isinstance(a, BaseException))
    return False
