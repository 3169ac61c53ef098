"""Markdown tokens (:mod:`liveblocks._markdown`) turned into a comment body, as
``@liveblocks/node``'s ``markdownToCommentBody`` does: formatting, links and ``@mentions``
become the body's elements; block structure becomes paragraphs whose text keeps the
Markdown prefixes (``# ``, ``- ``, ``1. ``, ``> ``, table rows)."""

from __future__ import annotations

import re
from typing import Any

from ._markdown import lex
from ._markdown_inline import Token
from ._url import sanitize_url

__all__ = ["markdown_to_body"]

Inline = dict[str, Any]
Paragraph = dict[str, Any]

_MENTION = re.compile(r"(^|[^A-Za-z0-9_.-])@([A-Za-z0-9_][A-Za-z0-9_.@-]*)")
_WHITESPACE = re.compile(
    "[\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)


def markdown_to_body(markdown: str) -> dict[str, Any]:
    """The comment body of ``markdown``."""
    return {"version": 1, "content": _paragraphs(lex(markdown))}


# -- inlines --------------------------------------------------------------------------------


def _text(text: str, formatting: dict[str, bool]) -> Inline:
    return {"text": text, **formatting}


def _add_with_mentions(inlines: list[Inline], text: str, formatting: dict[str, bool]) -> None:
    cursor = 0
    for match in _MENTION.finditer(text):
        at_sign = match.start() + len(match.group(1))
        start = at_sign + 1
        end = start + len(match.group(2))
        while (
            end > start
            and text[end - 1] in ".-"
            and (end == len(text) or _WHITESPACE.match(text[end]))
        ):
            end -= 1  # "@bob." mentions bob
        if at_sign > cursor:
            inlines.append(_text(text[cursor:at_sign], formatting))
        inlines.append({"type": "mention", "kind": "user", "id": text[start:end]})
        cursor = end
    if cursor < len(text):
        inlines.append(_text(text[cursor:], formatting))


def _inlines(tokens: list[Token], formatting: dict[str, bool] | None = None) -> list[Inline]:
    formatting = formatting or {}
    inlines: list[Inline] = []
    for token in tokens:
        kind = token["type"]
        if kind in ("escape", "html", "text"):
            if kind == "text" and token.get("tokens"):
                inlines.extend(_inlines(token["tokens"], formatting))
            else:
                _add_with_mentions(inlines, token["text"], formatting)
        elif kind == "br":
            inlines.append(_text("\n", formatting))
        elif kind in _MARKS:
            inlines.extend(_inlines(token["tokens"], {**formatting, _MARKS[kind]: True}))
        elif kind == "codespan":
            inlines.append(_text(token["text"], {**formatting, "code": True}))
        elif kind == "link":
            href = sanitize_url(token["href"])
            label = _plain(token["tokens"])
            if href is not None:
                inlines.append({"type": "link", "url": href, "text": label})
            elif label:
                inlines.append(_text(label, formatting))
        elif kind == "image":
            if token["raw"]:
                inlines.append(_text(token["raw"], formatting))
        else:
            text = _plain_token(token)
            if text:
                _add_with_mentions(inlines, text, formatting)
    return inlines


_MARKS = {"strong": "bold", "em": "italic", "del": "strikethrough"}


# -- plain text -------------------------------------------------------------------------------


def _plain(tokens: list[Token], list_depth: int = 0) -> str:
    return "".join(_plain_token(token, list_depth) for token in tokens)


def _plain_token(token: Token, list_depth: int = 0) -> str:
    kind = token["type"]
    if kind in ("escape", "html", "codespan", "text", "code"):
        return str(token["text"])
    if kind == "br":
        return "\n"
    if kind in ("strong", "em", "del", "link"):
        return _plain(token["tokens"])
    if kind == "image":
        return str(token["text"] or token["href"])
    if kind in ("paragraph", "heading", "blockquote", "list_item"):
        return _plain(token["tokens"], list_depth)
    if kind == "list":
        return "\n".join(
            _list_prefix(token, item, index, list_depth) + _plain(item["tokens"], list_depth + 1)
            for index, item in enumerate(token["items"])
        )
    if kind == "table":
        return "\n".join(_table_rows(token))
    return ""


def _list_prefix(token: Token, item: Token, index: int, list_depth: int) -> str:
    if token["ordered"]:
        first = 1 if token["start"] == "" else token["start"]
        marker = f"{first + index}. "
    else:
        marker = "- "
    task = ("[x] " if item["checked"] else "[ ] ") if item["task"] else ""
    return "  " * list_depth + marker + task


_ALIGN_MARKERS = {"left": ":---", "center": ":---:", "right": "---:"}


def _table_rows(token: Token) -> list[str]:
    rows = [token["header"], *token["rows"]]
    written = [f"| {' | '.join(_plain(cell['tokens']) for cell in row)} |" for row in rows]
    separator = f"| {' | '.join(_ALIGN_MARKERS.get(a, '---') for a in token['align'])} |"
    return [written[0], separator, *written[1:]]


# -- paragraphs -----------------------------------------------------------------------------


def _prefixed(paragraph: Paragraph, prefix: str) -> Paragraph:
    if not prefix:
        return paragraph
    return {**paragraph, "children": [{"text": prefix}, *paragraph["children"]]}


def _paragraph(children: list[Inline]) -> Paragraph:
    return {"type": "paragraph", "children": children}


def _paragraphs(tokens: list[Token], list_depth: int = 0, quote_depth: int = 0) -> list[Paragraph]:
    found: list[Paragraph] = []
    for token in tokens:
        found.extend(_token_paragraphs(token, list_depth, quote_depth))
    return found


def _token_paragraphs(token: Token, list_depth: int, quote_depth: int) -> list[Paragraph]:
    kind = token["type"]
    quote = "> " * quote_depth
    if kind in ("space", "hr"):
        return []
    if kind in ("paragraph", "heading"):
        children = _inlines(token["tokens"])
        if not children:
            return []
        heading = "#" * token["depth"] + " " if kind == "heading" else ""
        return [_prefixed(_paragraph(children), quote + heading)]
    if kind == "blockquote":
        return _paragraphs(token["tokens"], list_depth, quote_depth + 1)
    if kind == "list":
        return _list_paragraphs(token, list_depth, quote)
    if kind == "list_item":
        return _paragraphs(token["tokens"], list_depth, quote_depth)
    if kind == "code":
        return [_prefixed(_paragraph([{"text": token["text"]}]), quote)]
    if kind == "table":
        return [_paragraph([{"text": quote + row}]) for row in _table_rows(token)]
    inlines = _inlines([token])
    return [_prefixed(_paragraph(inlines), quote)] if inlines else []


def _list_paragraphs(token: Token, list_depth: int, quote: str) -> list[Paragraph]:
    found: list[Paragraph] = []
    for index, item in enumerate(token["items"]):
        prefix = _list_prefix(token, item, index, list_depth)
        paragraphs = _paragraphs(item["tokens"], list_depth + 1, 0)
        if not paragraphs:
            found.append(_paragraph([{"text": quote + prefix}]))
            continue
        found.append(_prefixed(paragraphs[0], quote + prefix))
        found.extend(_prefixed(p, quote) for p in paragraphs[1:])
    return found
