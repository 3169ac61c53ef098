"""A document from Markdown, read as ``prosemirror-markdown``'s parser reads it with
markdown-it in CommonMark mode (strikethrough on), onto Tiptap's StarterKit nodes:
paragraphs, ATX and setext headings, block quotes, bullet and ordered lists, fenced and
indented code, thematic breaks; emphasis, strong, strikethrough, code spans, links,
autolinks, hard breaks, backslash escapes and entities. Not read: HTML (kept as text, as
with ``html: false``), images and reference-style links (kept as text).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ._model import Mark, Node, join_texts

__all__ = ["markdown_to_doc"]

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_ITEM = re.compile(r"^( {0,3})([-+*]|[0-9]{1,9}[.)])( +|$)")
_ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\x00-\x20]*)>")
_EMAIL = re.compile(
    r"<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\-]+@[a-zA-Z0-9](?:[a-zA-Z0-9\-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9\-]{0,61}[a-zA-Z0-9])?)*)>"
)
_URL_SAFE = ";/?:@&=+$,-_.!~*'()#"


def markdown_to_doc(markdown: str) -> Node:
    """The document ``markdown`` describes (one empty paragraph for no content)."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    content = _Blocks(lines).parse()
    return Node("doc", content=content or [Node("paragraph")])


# -- blocks ----------------------------------------------------------------------------


def _blank(line: str) -> bool:
    return not line.strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@dataclass
class _Item:
    marker: str
    start: int
    width: int  # columns of the marker and the spaces after it


def _item(line: str) -> _Item | None:
    match = _ITEM.match(line)
    if match is None:
        return None
    indent, marker, spaces = match.groups()
    rest = line[match.end() :]
    if not spaces and rest:
        return None
    gap = len(spaces) if 0 < len(spaces) <= 4 and rest else 1
    start = int(marker[:-1]) if marker[-1] in ".)" else 1
    return _Item(marker, start, len(indent) + len(marker) + gap)


def _same_list(a: _Item, b: _Item) -> bool:
    if a.marker[-1] in ".)":
        return b.marker[-1] == a.marker[-1]
    return b.marker == a.marker


class _Blocks:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.i = 0

    def parse(self) -> list[Node]:
        blocks: list[Node] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if _blank(line):
                self.i += 1
                continue
            blocks.extend(self.block(line))
        return blocks

    def interrupts(self, line: str) -> bool:
        """Whether ``line`` starts a block that ends a paragraph."""
        if _ATX.match(line) or _FENCE.match(line) or _RULE.match(line) or _QUOTE.match(line):
            return True
        item = _item(line)
        if item is None or _blank(line[item.width :]):
            return False
        return item.marker[-1] not in ".)" or item.start == 1

    def block(self, line: str) -> list[Node]:
        if _indent(line) >= 4:
            return [self.indented_code()]
        fence = _FENCE.match(line)
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            return [self.fenced_code(fence)]
        atx = _ATX.match(line)
        if atx:
            self.i += 1
            text = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", atx.group(2)).strip()
            return [Node("heading", {"level": len(atx.group(1))}, parse_inline(text))]
        if _RULE.match(line):
            self.i += 1
            return [Node("horizontalRule")]
        if _QUOTE.match(line):
            return [self.blockquote()]
        item = _item(line)
        if item is not None:
            return [self.list_of(item)]
        return self.paragraph()

    def indented_code(self) -> Node:
        code: list[str] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not _blank(line) and _indent(line) < 4:
                break
            code.append(line[4:] if _indent(line) >= 4 else "")
            self.i += 1
        while code and not code[-1].strip():
            code.pop()
        return _code_block("\n".join(code), None)

    def fenced_code(self, fence: re.Match[str]) -> Node:
        indent, marks, info = len(fence.group(1)), fence.group(2), fence.group(3).strip()
        closing = re.compile(rf"^ {{0,3}}{re.escape(marks[0])}{{{len(marks)},}}[ \t]*$")
        self.i += 1
        code: list[str] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            if closing.match(line):
                break
            code.append(line[min(indent, _indent(line)) :])
        language = _unescape(info.split()[0]) if info else None
        text = "\n".join(code) + ("\n" if code else "")
        return _code_block(text[:-1] if text.endswith("\n") else text, language or None)

    def blockquote(self) -> Node:
        inner: list[str] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            match = _QUOTE.match(line)
            if match:
                inner.append(line[match.end() :])
            elif inner and not _blank(inner[-1]) and not _blank(line) and not self.interrupts(line):
                inner.append(line)  # a lazy continuation of the quoted paragraph
            else:
                break
            self.i += 1
        return Node("blockquote", content=_Blocks(inner).parse() or [Node("paragraph")])

    def list_of(self, first: _Item) -> Node:
        items: list[Node] = []
        item: _Item | None = first
        while item is not None:
            items.append(self.list_item(item))
            if self.i >= len(self.lines):
                break
            following = _item(self.lines[self.i])
            item = following if following and _same_list(first, following) else None
        if first.marker[-1] in ".)":
            return Node("orderedList", {"start": first.start}, items)
        return Node("bulletList", content=items)

    def list_item(self, item: _Item) -> Node:
        line = self.lines[self.i]
        inner = [line[item.width :] if len(line) > item.width else line[item.width - 1 :].strip()]
        self.i += 1
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if _blank(line):
                inner.append("")
            elif _indent(line) >= item.width:
                inner.append(line[item.width :])
            elif inner[-1] and not self.interrupts(line) and _item(line) is None:
                inner.append(line)  # a lazy continuation
            else:
                break
            self.i += 1
        content = _Blocks(inner).parse()
        if not content or content[0].name != "paragraph":
            content.insert(0, Node("paragraph"))
        return Node("listItem", content=content)

    def paragraph(self) -> list[Node]:
        text = [self.lines[self.i].lstrip()]
        self.i += 1
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if _blank(line):
                break
            setext = _SETEXT.match(line)
            if setext:
                self.i += 1
                level = 1 if setext.group(1)[0] == "=" else 2
                return [Node("heading", {"level": level}, parse_inline("\n".join(text)))]
            if self.interrupts(line):
                break
            text.append(line.lstrip())
            self.i += 1
        return [Node("paragraph", content=parse_inline("\n".join(text)))]


def _code_block(text: str, language: str | None) -> Node:
    content = [Node.text_node(text)] if text else []
    return Node("codeBlock", {"language": language}, content)


# -- inline content ----------------------------------------------------------------------


@dataclass
class _Delim:
    char: str
    count: int
    can_open: bool
    can_close: bool


@dataclass
class _Wrap:
    """Emphasis found between two delimiter runs: the mark and what it holds."""

    mark: str
    children: list[object] = field(default_factory=list)


@dataclass
class _Code:
    text: str


@dataclass
class _Link:
    href: str
    title: str | None
    children: list[object]


class _Break:
    pass


def parse_inline(text: str) -> list[Node]:
    """The inline nodes of a block's text."""
    items = _scan(text.rstrip(" "))
    _process_emphasis(items)
    builder = _Builder()
    builder.emit(items)
    return join_texts(builder.nodes)


def _is_space(char: str) -> bool:
    return not char or char.isspace()


def _is_punct(char: str) -> bool:
    return bool(char) and (char in _ASCII_PUNCT or unicodedata.category(char).startswith("P"))


def _delimiter(text: str, start: int, end: int) -> _Delim:
    char = text[start]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    left = not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))
    right = not _is_space(before) and (
        not _is_punct(before) or _is_space(after) or _is_punct(after)
    )
    if char == "_":
        return _Delim(char, end - start, left and (not right or _is_punct(before)),
                      right and (not left or _is_punct(after)))  # fmt: skip
    return _Delim(char, end - start, left, right)


def _scan(text: str) -> list[object]:
    items: list[object] = []
    buffer: list[str] = []
    i = 0

    def flush() -> None:
        if buffer:
            items.append("".join(buffer))
            buffer.clear()

    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _ASCII_PUNCT:
            buffer.append(text[i + 1])
            i += 2
        elif char == "\\" and text[i + 1 : i + 2] == "\n":
            flush()
            items.append(_Break())
            i += 2
        elif char == "\n":
            hard = len(buffer) > 0 and "".join(buffer[-2:]) == "  "
            while buffer and buffer[-1] == " ":
                buffer.pop()
            flush()
            items.append(_Break() if hard else " ")
            i += 1
            while i < len(text) and text[i] == " ":
                i += 1
        elif char == "`":
            end = _code_span(text, i, items, flush)
            if end is None:
                run = len(re.match(r"`+", text[i:]).group(0))  # type: ignore[union-attr]
                buffer.append("`" * run)
                i += run
            else:
                i = end
        elif char in "*_~":
            end = i
            while end < len(text) and text[end] == char:
                end += 1
            if char == "~":
                _strike_run(text, i, end, buffer, items, flush)
            else:
                flush()
                items.append(_delimiter(text, i, end))
            i = end
        elif char == "<" and (_AUTOLINK.match(text, i) or _EMAIL.match(text, i)):
            flush()
            auto = _AUTOLINK.match(text, i)
            if auto:
                items.append(_Link(_normalize_url(auto.group(1)), None, [auto.group(1)]))
            else:
                email = _EMAIL.match(text, i)
                assert email is not None
                address = email.group(1)
                items.append(_Link(_normalize_url("mailto:" + address), None, [address]))
            i = (auto or email).end()  # type: ignore[union-attr]
        elif char == "!" and text[i + 1 : i + 2] == "[" and _link(text, i + 1):
            image = _link(text, i + 1)
            assert image is not None
            buffer.append(text[i : image[1]])  # no image node in StarterKit: kept as text
            i = image[1]
        elif char == "[":
            link = _link(text, i)
            if link is None:
                buffer.append(char)
                i += 1
            else:
                flush()
                items.append(link[0])
                i = link[1]
        elif char == "&" and _ENTITY.match(text, i):
            entity = _ENTITY.match(text, i)
            assert entity is not None
            decoded = html.unescape(entity.group(0))
            buffer.append(decoded if decoded != entity.group(0) else entity.group(0))
            i = entity.end()
        else:
            buffer.append(char)
            i += 1
    flush()
    return items


def _strike_run(
    text: str, start: int, end: int, buffer: list[str], items: list[object], flush: Any
) -> None:
    """A run of ``~``: pairs of ``~~`` (strikethrough delimiters, as markdown-it splits
    them), an odd one left as text on the side away from what it would strike."""
    if end - start < 2:
        buffer.append(text[start:end])
        return
    scanned = _delimiter(text, start, end)
    pairs = [_Delim("~", 2, scanned.can_open, scanned.can_close) for _ in range((end - start) // 2)]
    odd = (end - start) % 2 == 1
    if odd and scanned.can_open:
        buffer.append("~")
    flush()
    items.extend(pairs)
    if odd and not scanned.can_open:
        buffer.append("~")


def _code_span(text: str, start: int, items: list[object], flush: object) -> int | None:
    run = len(re.match(r"`+", text[start:]).group(0))  # type: ignore[union-attr]
    search = start + run
    while True:
        found = text.find("`" * run, search)
        if found < 0:
            return None
        end = found + run
        if (found == 0 or text[found - 1] != "`") and (end >= len(text) or text[end] != "`"):
            break
        search = end + len(re.match(r"`*", text[end:]).group(0))  # type: ignore[union-attr]
    code = text[start + run : found].replace("\n", " ")
    if len(code) > 1 and code[0] == " " and code[-1] == " " and code.strip(" "):
        code = code[1:-1]
    flush()  # type: ignore[operator]
    items.append(_Code(code))
    return end


def _link(text: str, start: int) -> tuple[_Link, int] | None:
    depth, i = 0, start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "`":
            tick = re.match(r"`+", text[i:]).group(0)  # type: ignore[union-attr]
            closing = text.find(tick, i + len(tick))
            i = closing + len(tick) if closing >= 0 else i + len(tick)
            continue
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth == 0:
                break
        i += 1
    else:
        return None
    label_end = i
    match = re.compile(
        r"\(\s*(<(?:[^<>\n\\]|\\.)*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
        r"(?:\s+(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)"
    ).match(text, label_end + 1)
    if match is None:
        return None
    destination = match.group(1)
    if destination.startswith("<"):
        destination = destination[1:-1]
    title = match.group(2)[1:-1] if match.group(2) else None
    children = _scan(text[start + 1 : label_end])
    if any(isinstance(child, _Link) for child in children):
        return None  # no link inside a link: the outer brackets are text
    _process_emphasis(children)
    href = _normalize_url(_unescape(destination))
    return _Link(href, _unescape(title) if title else None, children), match.end()


def _unescape(text: str) -> str:
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def _normalize_url(url: str) -> str:
    """markdown-it's ``normalizeLink``: percent-encode what may not stand in a URL,
    keeping existing escapes."""
    return re.sub(
        r"%(?![0-9a-fA-F]{2})|[^%]+",
        lambda m: quote(m.group(0), safe=_URL_SAFE + "%") if m.group(0) != "%" else "%25",
        url,
    )


def _process_emphasis(items: list[object]) -> None:
    """Pair delimiter runs into emphasis as CommonMark's "process emphasis" does (``*``
    and ``_`` as em or strong, ``~~`` as strikethrough); unpaired runs become text."""
    closer_at = 0
    while closer_at < len(items):
        closer = items[closer_at]
        if not (isinstance(closer, _Delim) and closer.can_close and closer.count):
            closer_at += 1
            continue
        opener_at = _opener_for(items, closer_at, closer)
        if opener_at is None:
            closer_at += 1
            continue
        opener = items[opener_at]
        assert isinstance(opener, _Delim)
        use = 2 if closer.char == "~" or (opener.count >= 2 and closer.count >= 2) else 1
        mark = {"~": "strike"}.get(closer.char, "bold" if use == 2 else "italic")
        inner = [_as_text(item) for item in items[opener_at + 1 : closer_at]]
        opener.count -= use
        closer.count -= use
        items[opener_at + 1 : closer_at] = [_Wrap(mark, inner)]
        closer_at = opener_at + 2
        if opener.count == 0:
            del items[opener_at]
            closer_at -= 1
        if closer.count == 0:
            del items[closer_at]
    for index, item in enumerate(items):
        items[index] = _as_text(item)


def _opener_for(items: list[object], closer_at: int, closer: _Delim) -> int | None:
    for index in range(closer_at - 1, -1, -1):
        opener = items[index]
        if not (isinstance(opener, _Delim) and opener.char == closer.char and opener.can_open):
            continue
        if not opener.count:
            continue
        if closer.char == "~" and (opener.count < 2 or closer.count < 2):
            continue
        odd = (opener.can_close or closer.can_open) and (opener.count + closer.count) % 3 == 0
        if closer.char != "~" and odd and not (opener.count % 3 == 0 and closer.count % 3 == 0):
            continue
        return index
    return None


def _as_text(item: object) -> object:
    if isinstance(item, _Delim):
        return item.char * item.count
    return item


class _Builder:
    """Inline nodes from the parsed items, the marks kept as prosemirror-markdown keeps
    them: added to the set as ProseMirror adds (a code mark excludes every other mark and
    closing it leaves none), removed by type."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.marks: list[Mark] = []

    def emit(self, items: list[object]) -> None:
        for item in items:
            if isinstance(item, str):
                self.text(item)
            elif isinstance(item, _Wrap):
                self.open(Mark(item.mark))
                self.emit(item.children)
                self.close(item.mark)
            elif isinstance(item, _Code):
                self.open(Mark("code"))
                self.text(item.text)
                self.close("code")
            elif isinstance(item, _Link):
                self.open(Mark("link", {"href": item.href, "title": item.title}))
                self.emit(item.children)
                self.close("link")
            elif isinstance(item, _Break):
                self.nodes.append(Node("hardBreak", marks=list(self.marks)))

    def text(self, text: str) -> None:
        if text:
            self.nodes.append(Node.text_node(text, list(self.marks)))

    def open(self, mark: Mark) -> None:
        if any(m.name == "code" for m in self.marks):
            return
        if mark.name == "code":
            self.marks = [mark]
            return
        self.marks = [m for m in self.marks if m.name != mark.name] + [mark]
        self.marks.sort(key=lambda m: m.type.rank)

    def close(self, name: str) -> None:
        self.marks = [m for m in self.marks if m.name != name]
