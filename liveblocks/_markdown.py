"""A GitHub-flavoured Markdown tokenizer that reads text as ``marked`` 15 does (the parser
``@liveblocks/node`` uses for ``markdownToCommentBody``), so a body made from Markdown is the
same on both sides.

:func:`lex` returns block tokens (``dict`` s with ``type``, ``raw`` and, by type, ``text``,
``tokens``, ``items``...), each one's inline tokens read once every block is known (link
definitions may come last). Only what a comment body needs is kept. The grammar is in
``_markdown_rules.py``, inline reading in ``_markdown_inline.py``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ._markdown_inline import InlineReader, Link, Token, unescape_punctuation
from ._markdown_rules import WS, WS_CHARS, Block, block_rules

__all__ = ["MAX_DEPTH", "lex"]

#: How deep quotes and lists may be nested (Python's stack, not Markdown, sets the bound).
MAX_DEPTH = 100


def lex(markdown: str) -> list[Token]:
    """The block tokens of ``markdown``, each with its inline ``tokens``."""
    return _Lexer().run(markdown)


def rtrim(text: str, char: str) -> str:
    """``text`` without the ``char`` s it ends with."""
    end = len(text)
    while end > 0 and text[end - 1] == char:
        end -= 1
    return text[:end]


@dataclass
class _Lexer:
    links: dict[str, Link] = field(default_factory=dict)
    # Texts to read as inline tokens once every block is read, by the token they go in.
    queue: dict[int, tuple[Token, str]] = field(default_factory=dict)
    top: bool = True
    depth: int = 0  # quotes and list items inside one another

    def nested(self, src: str, tokens: list[Token], clipped: bool = False) -> list[Token]:
        """The blocks of a quote's or a list item's content."""
        if self.depth >= MAX_DEPTH:
            raise ValueError(
                f"the Markdown is nested too deeply to be read (quotes or lists more than "
                f"{MAX_DEPTH} levels inside one another)"
            )
        self.depth += 1
        try:
            return self.blocks(src, tokens, clipped)
        finally:
            self.depth -= 1

    def run(self, source: str) -> list[Token]:
        tokens = self.blocks(re.sub(r"\r\n|\r", "\n", source), [])
        reader = InlineReader(self.links)
        for token, text in self.queue.values():
            token["tokens"] = reader.read(text)
        return tokens

    def defer(self, token: Token, text: str) -> Token:
        token["tokens"] = []
        self.queue[id(token)] = (token, text)
        return token

    def forget(self, token: Token) -> None:
        """Drop the queued reading of ``token`` and of every token inside it (they are
        read again as part of a larger token)."""
        for inner in _walk(token):
            self.queue.pop(id(inner), None)

    # -- the loop

    def blocks(self, src: str, tokens: list[Token], clipped: bool = False) -> list[Token]:
        rules = block_rules()
        while src:
            used = self.block(src, tokens, rules)
            if used is None:
                used = self.paragraph(src, tokens, rules, clipped)
                if used:
                    clipped = False  # only the first paragraph continues a clipped one
                else:
                    used = self.text(src, tokens, rules)
            src = src[used:]
        self.top = True
        return tokens

    def block(self, src: str, tokens: list[Token], rules: Block) -> int | None:
        """Read the block ``src`` starts with into ``tokens``; how many characters it took,
        or ``None`` if only a paragraph or text comes next."""
        last = tokens[-1] if tokens else None
        match = rules.newline.match(src)
        if match and match.group(0):
            raw = match.group(0)
            if len(raw) == 1 and last is not None:
                last["raw"] += "\n"
            else:
                tokens.append({"type": "space", "raw": raw})
            return len(raw)
        match = rules.code.match(src)
        if match:
            raw = match.group(0)
            text = rtrim(re.sub(r"(?m)^(?: {1,4}| {0,3}\t)", "", raw), "\n")
            if last is not None and last["type"] in ("paragraph", "text"):
                self.extend(last, raw, text)
            else:
                tokens.append({"type": "code", "raw": raw, "text": text})
            return len(raw)
        for reader in (self.fences, self.heading, self.hr, self.blockquote, self.list, self.html):
            token = reader(src, rules)
            if token is not None:
                tokens.append(token)
                return len(token["raw"])
        match = rules.definition.match(src)
        if match:
            self.definition(match, last)
            return len(match.group(0))
        for reader in (self.table, self.lheading):
            token = reader(src, rules)
            if token is not None:
                tokens.append(token)
                return len(token["raw"])
        return None

    def extend(self, token: Token, raw: str, text: str) -> None:
        """Append a line to a paragraph or text token."""
        token["raw"] += "\n" + raw
        token["text"] += "\n" + text
        self.queue[id(token)] = (token, token["text"])

    def paragraph(self, src: str, tokens: list[Token], rules: Block, clipped: bool) -> int:
        """Read a paragraph (only at the top of a document or quote); the length read."""
        match = rules.paragraph.match(src) if self.top else None
        if match is None:
            return 0
        last = tokens[-1] if tokens else None
        text = match.group(1)
        text = text[:-1] if text.endswith("\n") else text
        if clipped and last is not None and last["type"] == "paragraph":
            self.extend(last, match.group(0), text)
        else:
            tokens.append(
                self.defer({"type": "paragraph", "raw": match.group(0), "text": text}, text)
            )
        return len(match.group(0))

    def text(self, src: str, tokens: list[Token], rules: Block) -> int:
        """Read one line of text (in a list item), joined to the text before it."""
        match = rules.text.match(src)
        if match is None:
            raise ValueError(f"unreadable Markdown at {src[:20]!r}")
        raw = match.group(0)
        last = tokens[-1] if tokens else None
        if last is not None and last["type"] == "text":
            self.extend(last, raw, raw)
        else:
            tokens.append(self.defer({"type": "text", "raw": raw, "text": raw}, raw))
        return len(raw)

    # -- one reader per kind of block

    def fences(self, src: str, rules: Block) -> Token | None:
        match = rules.fences.match(src)
        if match is None:
            return None
        raw = match.group(0)
        return {"type": "code", "raw": raw, "text": _outdent(raw, match.group(3) or "")}

    def heading(self, src: str, rules: Block) -> Token | None:
        match = rules.heading.match(src)
        if match is None:
            return None
        text = match.group(2).strip(WS_CHARS)
        if text.endswith("#"):
            trimmed = rtrim(text, "#")
            if not trimmed or trimmed.endswith(" "):
                text = trimmed.strip(WS_CHARS)
        token = {"type": "heading", "raw": match.group(0), "depth": len(match.group(1))}
        return self.defer(token, text)

    def hr(self, src: str, rules: Block) -> Token | None:
        match = rules.hr.match(src)
        return None if match is None else {"type": "hr", "raw": rtrim(match.group(0), "\n")}

    def html(self, src: str, rules: Block) -> Token | None:
        match = rules.html.match(src)
        if match is None:
            return None
        return {"type": "html", "raw": match.group(0), "text": match.group(0)}

    def definition(self, match: re.Match[str], last: Token | None) -> None:
        raw = match.group(0)
        if last is not None and last["type"] in ("paragraph", "text"):
            self.extend(last, raw, raw)
            return
        tag = re.sub(f"[{WS}]+", " ", match.group(1).lower())
        href = match.group(2) or ""
        if href:
            href = unescape_punctuation(re.sub(r"^<(.*)>\Z", r"\1", href))
        title = match.group(3)
        if title:
            title = unescape_punctuation(title[1:-1])
        self.links.setdefault(tag, Link(href, title or ""))

    def table(self, src: str, rules: Block) -> Token | None:
        match = rules.table.match(src)
        if match is None or not re.search(r"[:|]", match.group(2)):
            return None
        headers = _split_cells(match.group(1))
        aligns = re.sub(r"^\||\| *\Z", "", match.group(2)).split("|")
        if len(headers) != len(aligns):
            return None
        body = match.group(3)
        rows = []
        if body and body.strip(WS_CHARS):
            rows = re.sub(r"\n[ \t]*\Z", "", body).split("\n")
        return {
            "type": "table",
            "raw": match.group(0),
            "align": [_alignment(a) for a in aligns],
            "header": [self.defer({}, cell) for cell in headers],
            "rows": [
                [self.defer({}, cell) for cell in _split_cells(row, len(headers))] for row in rows
            ],
        }

    def lheading(self, src: str, rules: Block) -> Token | None:
        match = rules.lheading.match(src)
        if match is None:
            return None
        depth = 1 if match.group(2).startswith("=") else 2
        return self.defer(
            {"type": "heading", "raw": match.group(0), "depth": depth}, match.group(1)
        )

    def blockquote(self, src: str, rules: Block) -> Token | None:
        match = rules.blockquote.match(src)
        if match is None:
            return None
        lines = rtrim(match.group(0), "\n").split("\n")
        raw = text = ""
        tokens: list[Token] = []
        while lines:
            count = _quoted_lines(lines)
            current_raw = "\n".join(lines[:count])
            lines = lines[count:]
            current = re.sub(r"\n {0,3}((?:=+|-+) *)(?=\n|\Z)", r"\n    \1", current_raw)
            current = re.sub(r"(?m)^ {0,3}>[ \t]?", "", current)
            raw = f"{raw}\n{current_raw}" if raw else current_raw
            text = f"{text}\n{current}" if text else current
            top, self.top = self.top, True
            self.nested(current, tokens, True)
            self.top = top
            last = tokens[-1] if tokens else None
            if not lines or (last is not None and last["type"] == "code"):
                break
            if last is None:
                continue
            if last["type"] == "blockquote":
                merged = self.blockquote(last["raw"] + "\n" + "\n".join(lines), rules)
                assert merged is not None  # it starts with the same quote
                self.forget(last)
                tokens[-1] = merged
                raw = raw[: len(raw) - len(last["raw"])] + merged["raw"]
                text = text[: len(text) - len(last["text"])] + merged["text"]
                break
            if last["type"] == "list":
                joined = last["raw"] + "\n" + "\n".join(lines)
                merged = self.list(joined, rules)
                assert merged is not None  # it starts with the same list
                self.forget(last)
                tokens[-1] = merged
                raw = raw[: len(raw) - len(last["raw"])] + merged["raw"]
                text = text[: len(text) - len(last["raw"])] + merged["raw"]
                lines = joined[len(merged["raw"]) :].split("\n")
        return {"type": "blockquote", "raw": raw, "text": text, "tokens": tokens}

    def list(self, src: str, rules: Block) -> Token | None:
        match = rules.list.match(src)
        if match is None:
            return None
        token = _read_list(src, match, rules)
        if token is None:
            return None
        loose = token["loose"]
        for item in token["items"]:
            self.top = False
            item["tokens"] = self.nested(item["text"], [])
            if not loose:
                loose = any(
                    t["type"] == "space" and re.search(r"\n.*\n", t["raw"]) for t in item["tokens"]
                )
        token["loose"] = loose
        return token


def _quoted_lines(lines: list[str]) -> int:
    """How many of ``lines`` belong to the quote's next part: lines before the first
    quoted one, then quoted lines."""
    quoted = False
    for index, line in enumerate(lines):
        if re.match(r"^ {0,3}>", line):
            quoted = True
        elif quoted:
            return index
    return len(lines)


def _outdent(raw: str, text: str) -> str:
    """A fenced block's text without the indentation its opening fence had."""
    indent = re.match(f"^([{WS}]+)(?:```)", raw)
    if indent is None:
        return text
    width = len(indent.group(1))
    lines = []
    for line in text.split("\n"):
        leading = re.match(f"^[{WS}]+", line)
        lines.append(line[width:] if leading and len(leading.group(0)) >= width else line)
    return "\n".join(lines)


def _split_cells(row: str, count: int | None = None) -> list[str]:
    def pipe(match: re.Match[str]) -> str:
        escaped = False
        position = match.start() - 1
        while position >= 0 and row[position] == "\\":
            escaped = not escaped
            position -= 1
        return "|" if escaped else " |"

    cells = re.sub(r"\|", pipe, row).split(" |")
    if not cells[0].strip(WS_CHARS):
        cells.pop(0)
    if cells and not cells[-1].strip(WS_CHARS):
        cells.pop()
    if count is not None:
        del cells[count:]
        cells.extend("" for _ in range(count - len(cells)))
    return [cell.strip(WS_CHARS).replace("\\|", "|") for cell in cells]


def _alignment(text: str) -> str | None:
    if re.match(r"^ *-+: *\Z", text):
        return "right"
    if re.match(r"^ *:-+: *\Z", text):
        return "center"
    if re.match(r"^ *:-+ *\Z", text):
        return "left"
    return None


def _walk(token: Token) -> list[Token]:
    found = [token]
    for child in token.get("tokens") or []:
        found.extend(_walk(child))
    for item in token.get("items") or []:
        found.extend(_walk(item))
    found.extend(token.get("header") or [])
    for row in token.get("rows") or []:
        found.extend(row)
    return found


# -- lists ------------------------------------------------------------------------------


@functools.cache
def _item_ends(indent: int) -> tuple[re.Pattern[str], ...]:
    """What ends a list item whose content starts at column ``indent``: a fence, a
    heading, an HTML block, another bullet, a rule."""
    n = max(min(3, indent - 1), 0)
    return (
        re.compile(f"^ {{0,{n}}}(?:```|~~~)"),
        re.compile(f"^ {{0,{n}}}#"),
        re.compile(rf"^ {{0,{n}}}<(?:[a-z][^\n\r\u2028\u2029]*>|!--)", re.IGNORECASE),
        re.compile(rf"^ {{0,{n}}}(?:[*+-]|[0-9]{{1,9}}[.)])((?:[ \t][^\n]*)?(?:\n|\Z))"),
        _item_rule(indent),
    )


@functools.cache
def _item_rule(indent: int) -> re.Pattern[str]:
    n = max(min(3, indent - 1), 0)
    return re.compile(rf"^ {{0,{n}}}((?:- *){{3,}}|(?:_ *){{3,}}|(?:\* *){{3,}})(?:\n+|\Z)")


def _first_non_space(text: str) -> int:
    """The index of the first character that is not a space, or -1."""
    for index, char in enumerate(text):
        if char != " ":
            return index
    return -1


def _read_list(src: str, match: re.Match[str], rules: Block) -> Token | None:
    bullet = match.group(1).strip(WS_CHARS)
    ordered = len(bullet) > 1
    marker = f"[0-9]{{1,9}}\\{bullet[-1]}" if ordered else "\\" + bullet
    item_start = re.compile(rf"^( {{0,3}}{marker})((?:[\t ][^\n]*)?(?:\n|\Z))")
    token: Token = {
        "type": "list",
        "raw": "",
        "ordered": ordered,
        "start": int(bullet[:-1]) if ordered else "",
        "loose": False,
        "items": [],
    }
    ends_with_blank_line = False
    while src:
        start = item_start.match(src)
        if start is None or rules.hr.match(src):
            break
        raw, text, src = _read_item(src, start)
        if not token["loose"]:
            if ends_with_blank_line:
                token["loose"] = True
            elif re.search(r"\n[ \t]*\n[ \t]*\Z", raw):
                ends_with_blank_line = True
        task = re.match(r"^\[[ xX]\] ", text)
        if task:
            text = re.sub(r"^\[[ xX]\] +", "", text)
        token["items"].append(
            {
                "type": "list_item",
                "raw": raw,
                "task": task is not None,
                "checked": None if task is None else task.group(0) != "[ ] ",
                "text": text,
                "tokens": [],
            }
        )
        token["raw"] += raw
    if not token["items"]:
        return None
    last = token["items"][-1]
    last["raw"] = last["raw"].rstrip(WS_CHARS)
    last["text"] = last["text"].rstrip(WS_CHARS)
    token["raw"] = token["raw"].rstrip(WS_CHARS)
    return token


def _read_item(src: str, start: re.Match[str]) -> tuple[str, str, str]:
    """One list item: its raw text, its content without the bullet and indentation, and
    the source after it."""
    raw = start.group(0)
    src = src[len(raw) :]
    line = re.sub(r"^\t+", lambda t: " " * (3 * len(t.group(0))), start.group(2).split("\n", 1)[0])
    next_line = src.split("\n", 1)[0]
    blank = not line.strip(WS_CHARS)
    text = ""
    if blank:
        indent = len(start.group(1)) + 1
    else:
        indent = _first_non_space(start.group(2))
        indent = 1 if indent > 4 else indent
        text = line[indent:]
        indent += len(start.group(1))
    if blank and re.match(r"^[ \t]*\Z", next_line):
        return raw + next_line + "\n", text, src[len(next_line) + 1 :]
    fence, heading, html, bullet, rule = _item_ends(indent)
    while src:
        raw_line = src.split("\n", 1)[0]
        untabbed = raw_line.replace("\t", "    ")
        if any(end.match(raw_line) for end in (fence, heading, html, bullet, rule)):
            break
        if _first_non_space(untabbed) >= indent or not raw_line.strip(WS_CHARS):
            text += "\n" + untabbed[indent:]
        else:
            if blank or _first_non_space(line.replace("\t", "    ")) >= 4:
                break
            if fence.match(line) or heading.match(line) or rule.match(line):
                break
            text += "\n" + raw_line
        if not blank and not raw_line.strip(WS_CHARS):
            blank = True
        raw += raw_line + "\n"
        src = src[len(raw_line) + 1 :]
        line = untabbed[indent:]
    return raw, text, src
