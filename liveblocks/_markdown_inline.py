"""Inline Markdown (emphasis, code, links, autolinks, line breaks, HTML tags) read into
tokens as ``marked`` 15 reads it, for :mod:`liveblocks._markdown`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ._markdown_rules import WS_CHARS, fold, inline_rules, is_alphanumeric, is_punctuation

__all__ = ["InlineReader", "Link", "Token", "unescape_punctuation"]

Token = dict[str, Any]


@dataclass(frozen=True)
class Link:
    """A link definition (``[label]: href "title"``)."""

    href: str
    title: str


def unescape_punctuation(text: str) -> str:
    """``text`` with backslash-escaped punctuation unescaped."""
    return inline_rules().any_punctuation.sub(r"\1", text)


def _closing_bracket(text: str, brackets: str) -> int:
    """The index of the bracket closing one opened before ``text``; -1 if there is none,
    -2 if ``text`` opens more than it closes."""
    if brackets[1] not in text:
        return -1
    level = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 1
        elif char == brackets[0]:
            level += 1
        elif char == brackets[1]:
            level -= 1
            if level < 0:
                return index
        index += 1
    return -2 if level > 0 else -1


def _rtrim(text: str, char: str) -> str:
    end = len(text)
    while end > 0 and text[end - 1] == char:
        end -= 1
    return text[:end]


class InlineReader:
    """Reads inline tokens; keeps, as ``marked`` does, whether it is inside a link
    (no autolinks there) from one text to the next."""

    def __init__(self, links: dict[str, Link]) -> None:
        self.links = links
        self.in_link = False
        self.rules = inline_rules()

    def read(self, src: str) -> list[Token]:
        tokens: list[Token] = []
        masked = self._masked(src)
        keep_prev = False
        prev = ""
        readers = (self._escape, self._tag, self._link, self._reflink)
        later = (self._codespan, self._br, self._delete, self._autolink, self._url)
        while src:
            if not keep_prev:
                prev = ""
            keep_prev = False
            token = _first(readers, src)
            if token is None:
                token = self._em_strong(src, masked, prev)
            if token is None:
                token = _first(later, src)
            if token is not None:
                src = src[len(token["raw"]) :]
                if token["type"] == "text" and tokens and tokens[-1]["type"] == "text":
                    _merge(tokens[-1], token)  # a reference link that is not one
                else:
                    tokens.append(token)
                continue
            match = self.rules.text.match(src)
            assert match is not None  # it matches any first character
            raw = match.group(0)
            src = src[len(raw) :]
            if raw[-1] != "_":
                prev = _last_code_unit(raw)
            keep_prev = True
            text = {"type": "text", "raw": raw, "text": raw}
            if tokens and tokens[-1]["type"] == "text":
                _merge(tokens[-1], text)
            else:
                tokens.append(text)
        return tokens

    def _masked(self, src: str) -> str:
        """``src`` with links, code and tags blanked out, where emphasis cannot end."""
        rules = self.rules
        masked = src
        if self.links:

            def defined(match: re.Match[str]) -> str:
                whole = match.group(0)
                if whole[whole.rfind("[") + 1 : -1] in self.links:
                    return "[" + "a" * (len(whole) - 2) + "]"
                return whole

            masked = rules.reflink_search.sub(defined, masked)
        masked = rules.any_punctuation.sub("++", fold(masked))
        return rules.block_skip.sub(lambda m: "[" + "a" * (len(m.group(0)) - 2) + "]", masked)

    # -- readers, in the order they are tried

    def _escape(self, src: str) -> Token | None:
        match = self.rules.escape.match(src)
        if match is None:
            return None
        return {"type": "escape", "raw": match.group(0), "text": match.group(1)}

    def _tag(self, src: str) -> Token | None:
        match = self.rules.tag.match(src)
        if match is None:
            return None
        raw = match.group(0)
        if not self.in_link and re.match(r"^<a ", raw, re.IGNORECASE):
            self.in_link = True
        elif self.in_link and re.match(r"^</a>", raw, re.IGNORECASE):
            self.in_link = False
        return {"type": "html", "raw": raw, "text": raw}

    def _link(self, src: str) -> Token | None:
        match = self.rules.link.match(src)
        if match is None:
            return None
        raw, label, href, title = match.group(0), match.group(1), match.group(2), match.group(3)
        trimmed = href.strip(WS_CHARS)
        if trimmed.startswith("<"):
            if not trimmed.endswith(">"):
                return None
            if (len(trimmed) - len(_rtrim(trimmed[:-1], "\\"))) % 2 == 0:
                return None
        else:
            last_paren = _closing_bracket(href, "()")
            if last_paren == -2:
                return None
            if last_paren > -1:
                start = 5 if raw.startswith("!") else 4
                raw = raw[: start + len(label) + last_paren].strip(WS_CHARS)
                href = href[:last_paren]
                title = ""
        title = title[1:-1] if title else ""
        href = href.strip(WS_CHARS)
        if href.startswith("<"):
            href = href[1:-1]
        return self._output_link(raw, label, Link(unescape_punctuation(href), title))

    def _output_link(self, raw: str, label: str, link: Link) -> Token:
        text = re.sub(r"\\([\[\]])", r"\1", label)
        self.in_link = True
        tokens = self.read(text)
        self.in_link = False
        kind = "image" if raw.startswith("!") else "link"
        return {"type": kind, "raw": raw, "href": link.href, "text": text, "tokens": tokens}

    def _reflink(self, src: str) -> Token | None:
        match = self.rules.reflink.match(src) or self.rules.nolink.match(src)
        if match is None:
            return None
        groups = match.groups()
        reference = groups[1] if len(groups) > 1 and groups[1] else groups[0]
        link = self.links.get(re.sub(r"\s+", " ", reference).lower())
        if link is None:
            first = match.group(0)[0]
            return {"type": "text", "raw": first, "text": first}
        return self._output_link(match.group(0), groups[0], link)

    def _em_strong(self, src: str, masked: str, prev: str) -> Token | None:
        rules = self.rules
        if src[0] not in "*_":
            return None
        left = rules.left_delimiter.match(fold(src[: len(src) - len(src.lstrip(src[0])) + 1]))
        if left is None:
            return None
        if left.group(3) and prev and is_alphanumeric(prev):
            return None
        follows_punctuation = left.group(1) or left.group(2)
        if follows_punctuation and prev and (prev in "*_" or not _punctuation_or_space(prev)):
            return None  # a run before punctuation opens only after space or punctuation
        left_length = len(left.group(0)) - 1
        total = left_length
        middle = 0
        ends = rules.right_asterisk if left.group(0)[0] == "*" else rules.right_underscore
        for end in ends.finditer(masked[-len(src) + left_length :]):
            groups = (*end.groups(), None)  # the underscore pattern has one group less
            delimiter = next((g for g in groups if g), None)
            if delimiter is None:
                continue
            right_length = len(delimiter)
            if groups[2] or groups[3]:  # can only open
                total += right_length
                continue
            closes_and_opens = groups[4] or groups[5]
            if closes_and_opens and left_length % 3 and not (left_length + right_length) % 3:
                middle += right_length
                continue  # a run that closes and opens: not a multiple of three
            total -= right_length
            if total > 0:
                continue
            right_length = min(right_length, right_length + total + middle)
            raw = src[: left_length + end.start() + 1 + right_length]
            if min(left_length, right_length) % 2:
                text = raw[1:-1]
                return {"type": "em", "raw": raw, "text": text, "tokens": self.read(text)}
            text = raw[2:-2]
            return {"type": "strong", "raw": raw, "text": text, "tokens": self.read(text)}
        return None

    def _codespan(self, src: str) -> Token | None:
        match = self.rules.code.match(src)
        if match is None:
            return None
        text = match.group(2).replace("\n", " ")
        if re.search("[^ ]", text) and text.startswith(" ") and text.endswith(" "):
            text = text[1:-1]
        return {"type": "codespan", "raw": match.group(0), "text": text}

    def _br(self, src: str) -> Token | None:
        match = self.rules.br.match(src)
        return None if match is None else {"type": "br", "raw": match.group(0)}

    def _delete(self, src: str) -> Token | None:
        match = self.rules.delete.match(src)
        if match is None:
            return None
        text = match.group(2)
        return {"type": "del", "raw": match.group(0), "text": text, "tokens": self.read(text)}

    def _autolink(self, src: str) -> Token | None:
        match = self.rules.autolink.match(src)
        if match is None:
            return None
        text = match.group(1)
        href = "mailto:" + text if match.group(2) == "@" else text
        return _link_token(match.group(0), text, href)

    def _url(self, src: str) -> Token | None:
        if self.in_link:
            return None
        match = self.rules.url.match(src)
        if match is None or match.group(2) == "@":  # e-mail addresses stay text
            return None
        text = match.group(0)
        while True:
            shorter = self.rules.backpedal.search(text)
            trimmed = shorter.group(0) if shorter else ""
            if trimmed == text:
                break
            text = trimmed
        href = "http://" + text if match.group(1) == "www." else text
        return _link_token(text, text, href)


def _link_token(raw: str, text: str, href: str) -> Token:
    return {
        "type": "link",
        "raw": raw,
        "text": text,
        "href": href,
        "tokens": [{"type": "text", "raw": text, "text": text}],
    }


def _first(readers: Any, src: str) -> Token | None:
    for reader in readers:
        token: Token | None = reader(src)
        if token is not None:
            return token
    return None


def _merge(into: Token, token: Token) -> None:
    into["raw"] += token["raw"]
    into["text"] += token["text"]


def _punctuation_or_space(char: str) -> bool:
    return char in WS_CHARS or is_punctuation(char)


def _last_code_unit(text: str) -> str:
    """The last UTF-16 code unit of ``text``, as JavaScript sees it: of a character beyond
    the Basic Multilingual Plane (an emoji), its low surrogate."""
    last = text[-1]
    code = ord(last)
    if code > 0xFFFF:
        return chr(0xDC00 + ((code - 0x10000) & 0x3FF))
    return last
